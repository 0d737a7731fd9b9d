// @process: renderer
// "I have this key": storing an API key someone already holds, by pasting it against its row,
// without resetting it. The main process asks Syncano for that key and stores the paste only if
// it is that key's value (syncanoStoreApiKey). The paste stays in the uncontrolled password field.
import { useRef, useState, type FormEvent } from 'react';
import type { SyncanoApiKey } from '../../../../electron/shared/contract/syncano';
import { wrongService } from '../../../../electron/shared/paste';
import { call, type ErrorInfo } from '../../api';
import { FormDialog, notify, SecretField, useBusy } from '../../ui';

export function HaveKeyDialog({ k, accountId, onClose, onStored }: { k: SyncanoApiKey; accountId: string; onClose(): void; onStored(): void }) {
  const secretRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, run } = useBusy();
  const name = k.description ? `API key #${k.id} “${k.description}”` : `API key #${k.id}`;

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await call('syncanoStoreApiKey', { accountId, instance: k.instance, keyId: k.id, secret: secretRef.current?.value ?? '' });
      if (!r.ok) {
        setError(r.error);
        secretRef.current?.focus();
        return;
      }
      if (secretRef.current) secretRef.current.value = '';
      notify(`Syncano confirmed ${name}; it is in the keychain as “${r.value.token?.label ?? ''}”.`);
      onStored();
      onClose();
    });
  };

  const fieldError = error?.fields?.secret;
  return (
    <FormDialog
      title={`I have ${name}`}
      onClose={onClose}
      initialFocus="#have-key-secret"
      submitLabel="Check and store"
      busy={busy}
      busyLabel="Asking Syncano…"
      onSubmit={save}
      error={error}
    >
      <p className="field-hint">
        Paste the value you already have. Synvault asks Syncano for {name} of {k.instance} and stores your paste only if it is that key. Nothing is
        reset: applications using it keep working.
      </p>
      <SecretField
        id="have-key-secret"
        label="API key"
        inputRef={secretRef}
        holds="token"
        error={fieldError}
        after={
          problem && (
            <div id="have-key-problem" className="field-hint paste-problem">
              {problem}
            </div>
          )
        }
        describedBy={problem ? ['have-key-problem'] : []}
        onInput={(e) => {
          setError(null);
          // A value of another service is named at once, before anything is sent.
          setProblem(wrongService('syncano', e.currentTarget.value)?.message ?? null);
        }}
      />
    </FormDialog>
  );
}
