// @process: renderer
// "Copy as curl" in two forms, side by side, with the reason to prefer the first: the command
// that reads the token from the environment through `synvault exec` (nothing secret in it), and
// the literal one, which holds the token and so stays in the shell's history once pasted. Both
// are built and copied in the main process; the window sees only the first and a masked preview.
import { useEffect, useState } from 'react';
import type { TokenSummary } from '../../../../electron/shared/model';
import type { CurlForm, SynapCurlCommands } from '../../../../electron/shared/contract/synap';
import { call } from '../../api';
import { Busy, Modal, notifyError, showCopied, useBusy } from '../../ui';

export function SynapCurlDialog({ token, subjectUserId, onClose }: { token: TokenSummary; subjectUserId?: string; onClose(): void }) {
  const [commands, setCommands] = useState<SynapCurlCommands | null>(null);
  const { busy, run } = useBusy();
  const as = subjectUserId ? ` as ${subjectUserId}` : '';

  useEffect(() => {
    let live = true;
    void call('synapCurlCommands', subjectUserId ? { id: token.id, subjectUserId } : { id: token.id }).then((r) => {
      if (!live) return;
      if (r.ok) setCommands(r.value);
      else {
        notifyError(r.error);
        onClose();
      }
    });
    return () => {
      live = false;
    };
    // Read once per opening.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const copy = (form: CurlForm) =>
    run(async () => {
      const r = await call('synapCopyCurl', subjectUserId ? { id: token.id, subjectUserId, form } : { id: token.id, form });
      if (!r.ok) return notifyError(r.error);
      showCopied(r.value, form === 'exec' ? `curl via synvault exec for ${token.label}${as}` : `curl for ${token.label}${as}`);
      onClose();
    });

  return (
    <Modal
      title={`Copy as curl: “${token.label}”${as}`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          {busy && <Busy label="Copying…" />}
        </>
      }
    >
      {!commands ? (
        <Busy label="Preparing the commands…" />
      ) : (
        <div className="synap-curl">
          <section aria-labelledby="curl-exec-title">
            <h3 id="curl-exec-title">Reads the token when it runs (recommended)</h3>
            <code className="synap-curl-command" aria-label="Command that reads the token from the environment">
              {commands.viaExec}
            </code>
            <button type="button" className="button button-primary" onClick={() => void copy('exec')} disabled={busy}>
              Copy the command without the token
            </button>
          </section>
          <section aria-labelledby="curl-literal-title">
            <h3 id="curl-literal-title">Holds the token itself</h3>
            <code className="synap-curl-command" aria-label="Command with the token in it (masked here)">
              {commands.literalPreview}
            </code>
            <button type="button" className="button" onClick={() => void copy('literal')} disabled={busy}>
              Copy with the token in it
            </button>
          </section>
          <p className="field-hint">
            A command you paste into a terminal stays in your shell’s history (for example <code>~/.bash_history</code>) and its scrollback, so a token
            in it stays there too. The first command holds none: <code>synvault exec</code> takes the token from the keychain as the command runs and
            hands it to curl in <code>${commands.variable}</code>. It needs the <code>synvault</code> command and a POSIX shell.
          </p>
        </div>
      )}
    </Modal>
  );
}
