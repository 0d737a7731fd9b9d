// @process: renderer
// Export a token to ~/.synapseConfig (or another file): choose the profile, see the resulting
// section with the token masked, then write. The main process writes, backs up and reads the
// file back; the window never holds the token.
import { useEffect, useRef, useState } from 'react';
import type { TokenSummary } from '../../../../electron/shared/model';
import type { ExportPreview } from '../../../../electron/shared/contract/synapse';
import { call, type ErrorInfo } from '../../api';
import { Busy, Field, Modal, notify, useBusy } from '../../ui';

const NO_BACKUP = 'Settings → Backups of .synapseConfig to keep is 0';
const names = (paths: string[]) => paths.map((p) => p.split(/[\\/]/).pop()).join(', ');

/** What becomes of the file being replaced: a backup is a plaintext copy with the token in it, so
 * the person is told where it is, or that there is none, and which old ones went. */
function backupSentence(r: { backupPath: string | null; backupLimit: number; backupsRemoved: string[] }, existed: boolean, done: boolean): string {
  const parts: string[] = [];
  if (r.backupPath) parts.push(`The ${done ? 'previous' : 'current'} file ${done ? 'is' : 'will be'} kept as ${r.backupPath} (a plaintext copy with its token; at most ${r.backupLimit} kept).`);
  else if (existed && r.backupLimit === 0) parts.push(`No backup ${done ? 'was' : 'will be'} kept (${NO_BACKUP}).`);
  if (done && r.backupsRemoved.length) parts.push(`Removed the older backup${r.backupsRemoved.length > 1 ? 's' : ''} ${names(r.backupsRemoved)}.`);
  return parts.join(' ');
}

export function ExportDialog({ token, onClose }: { token: TokenSummary; onClose(): void }) {
  const [named, setNamed] = useState(false);
  const [profileName, setProfileName] = useState('');
  const [path, setPath] = useState('');
  const [removePlaintext, setRemovePlaintext] = useState(false);
  const [replaceOtherUser, setReplaceOtherUser] = useState(false);
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, run } = useBusy();
  const previewRef = useRef<HTMLDivElement>(null);
  // A new preview is brought into view (the dialog's body scrolls in a short window).
  useEffect(() => {
    if (preview) previewRef.current?.scrollIntoView({ block: 'nearest' });
  }, [preview]);
  const profile = named ? profileName.trim() : 'default';
  const input = () => ({ id: token.id, profile, removePlaintext, replaceOtherUser, ...(path.trim() ? { path: path.trim() } : {}) });
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPreview(null);
  };

  const showPreview = () =>
    run(async () => {
      const r = await call('synapseExportPreview', input());
      if (!r.ok) {
        setPreview(null);
        return setError(r.error);
      }
      setError(null);
      setPreview(r.value);
    });

  const write = () =>
    run(async () => {
      if (!preview) return;
      // Writes exactly what was previewed (the plan the main process kept), or nothing if the
      // file changed since. An export changes no token, so the list is not fetched again.
      const r = await call('synapseExport', { planId: preview.planId });
      if (!r.ok) return setError(r.error);
      const backup = backupSentence(r.value, preview.exists, true);
      notify(`Wrote “${token.label}” to ${r.value.path} [${r.value.sections.join('], [')}] and checked that profile ${r.value.profile} reads it back.${backup ? ` ${backup}` : ''}`);
      onClose();
    });

  return (
    <Modal
      title={`Export “${token.label}” to .synapseConfig`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          {/* Not disabled while busy (run ignores a second press), so the focus stays on it
              and Tab goes on to Write file. */}
          <button type="button" className="button" onClick={() => void showPreview()}>
            Preview
          </button>
          <button type="button" className="button button-primary" onClick={() => void write()} disabled={busy || !preview}>
            Write file
          </button>
          {busy && <Busy label="Working…" />}
        </>
      }
    >
      <fieldset className="synapse-scopes">
        <legend>Profile</legend>
        <label className="check">
          <input type="radio" name="synapse-profile" checked={!named} onChange={() => changed(setNamed)(false)} />
          default
        </label>
        <label className="check">
          <input type="radio" name="synapse-profile" checked={named} onChange={() => changed(setNamed)(true)} />
          A named profile
        </label>
      </fieldset>
      {named && (
        <Field
          label="Profile name"
          value={profileName}
          onChange={changed(setProfileName)}
          error={error?.fields?.profile}
          hint='Written as [profile NAME]. Read by synapseclient 4.9 or later: login(profile="NAME") or SYNAPSE_PROFILE=NAME.'
        />
      )}
      {!named && <p className="field-hint">Writes [authentication] (read by every client and by synapser), and [default] too if the file has it (clients 4.9+ prefer it).</p>}
      <Field label="File" value={path} onChange={changed(setPath)} placeholder="~/.synapseConfig" hint="Leave empty for ~/.synapseConfig in your home folder." error={error?.fields?.path} />
      <label className="check">
        <input type="checkbox" checked={removePlaintext} onChange={(e) => changed(setRemovePlaintext)(e.target.checked)} />
        Remove plaintext password / apikey from the section
      </label>
      <label className="check">
        <input type="checkbox" checked={replaceOtherUser} onChange={(e) => changed(setReplaceOtherUser)(e.target.checked)} />
        Replace another user’s credentials in the section
      </label>
      <p className="field-hint">
        A section whose username names someone else is not written over unless you choose this; their username, password and apikey then go with the old token.
      </p>
      {preview && (
        <div aria-label="Preview" role="region" ref={previewRef}>
          <p>
            {preview.exists ? 'Will update' : 'Will create'} <code>{preview.path}</code>
            {preview.symlink && (
              <>
                {' '}
                (a link; the file written is <code>{preview.realPath}</code>)
              </>
            )}
            . {preview.username.action === 'set' && `username = ${preview.username.value}. `}
            {preview.username.action === 'removed' && 'username is removed (owner unknown). '}
            {backupSentence(preview, preview.exists, false)}
          </p>
          {preview.sections.map((s) => (
            <div key={s.name}>
              {s.changes.length > 0 && (
                <ul className="synapse-changes" aria-label={`Changes in ${s.name}`}>
                  {s.changes.map((c) => (
                    <li key={c.key}>
                      [{s.name}] <code>{c.key}</code>: {c.before ?? '(none)'} → {c.after ?? '(removed)'}
                    </li>
                  ))}
                </ul>
              )}
              <pre className="synapse-preview" aria-label={`Section ${s.name}`}>
                {s.preview.join('\n')}
              </pre>
            </div>
          ))}
          {preview.warnings.length > 0 && (
            <ul className="synapse-warnings">
              {preview.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {error && (
        <div role="alert" className="form-error">
          {error.message}
        </div>
      )}
    </Modal>
  );
}
