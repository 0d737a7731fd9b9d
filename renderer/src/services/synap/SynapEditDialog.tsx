// @process: renderer
// Edits what Synvault keeps about a Synap token besides its value: the Portal address (https,
// used by the revoke flow), the issuing administrator, and its Subject-Users.
import { useState, type FormEvent } from 'react';
import type { TokenSummary } from '../../../../electron/shared/model';
import { call, type ErrorInfo } from '../../api';
import { Busy, Field, Modal, notify, useBusy } from '../../ui';

interface Draft {
  key: number;
  id: string;
  note: string;
}

let nextKey = 1;

export function SynapEditDialog({ token, onClose }: { token: TokenSummary; onClose(): void }) {
  const [portalUrl, setPortalUrl] = useState(token.portalUrl ?? '');
  const [issuedBy, setIssuedBy] = useState(token.issuedBy ?? '');
  const [subjects, setSubjects] = useState<Draft[]>(() => (token.subjectUsers ?? []).map((s) => ({ key: nextKey++, ...s })));
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, run } = useBusy();
  const f = error?.fields ?? {};
  const formId = `synap-edit-${token.id}`;

  const update = (key: number, patch: Partial<Draft>) => setSubjects((list) => list.map((x) => (x.key === key ? { ...x, ...patch } : x)));

  const save = (e?: FormEvent) => {
    e?.preventDefault();
    void run(async () => {
      const r = await call('synapEditToken', {
        id: token.id,
        portalUrl,
        issuedBy,
        subjectUsers: subjects.filter((s) => s.id.trim() || s.note.trim()).map(({ id, note }) => ({ id, note })),
      });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      notify(`Saved the details of “${token.label}”.`);
      onClose();
    });
  };

  return (
    <Modal
      title={`Synap details of “${token.label}”`}
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={busy}>
            Save details
          </button>
          {busy && <Busy label="Saving…" />}
        </>
      }
    >
      <form id={formId} onSubmit={save} noValidate>
        <Field
          label="Portal address"
          name="portalUrl"
          type="url"
          value={portalUrl}
          onChange={setPortalUrl}
          error={f.portalUrl}
          autoComplete="off"
          spellCheck={false}
          hint="The https:// address at which you open your Synap Portal. Revoking opens it."
        />
        <Field label="Issued by" name="issuedBy" value={issuedBy} onChange={setIssuedBy} error={f.issuedBy} autoComplete="off" hint="The administrator who created the token." />
        <fieldset className="subject-users">
          <legend>Subject-Users</legend>
          <p className="field-hint">
            A request sent with a Subject-User’s ID acts as that user: Synap treats it as though that user made it, so the user must hold the privileges the
            request needs. A note helps you remember what each one is for.
          </p>
          {subjects.map((s, i) => (
            <div key={s.key} className="subject-user">
              <Field label={`Subject-User ${i + 1} ID`} name={`subjectUsers.${i}.id`} value={s.id} onChange={(v) => update(s.key, { id: v })} error={f[`subjectUsers.${i}.id`]} autoComplete="off" spellCheck={false} />
              <Field label={`Subject-User ${i + 1} note`} name={`subjectUsers.${i}.note`} value={s.note} onChange={(v) => update(s.key, { note: v })} error={f[`subjectUsers.${i}.note`]} autoComplete="off" />
              <button type="button" className="button button-small" aria-label={`Remove Subject-User ${i + 1}`} onClick={() => setSubjects((l) => l.filter((x) => x.key !== s.key))}>
                Remove
              </button>
            </div>
          ))}
          <button type="button" className="button button-small" onClick={() => setSubjects((l) => [...l, { key: nextKey++, id: '', note: '' }])}>
            Add Subject-User
          </button>
        </fieldset>
        {error && (
          <div role="alert" className="form-error">
            {error.message}
          </div>
        )}
      </form>
    </Modal>
  );
}
