// @process: renderer
// Edits what Synvault keeps about a Synap token besides its value: the Portal address (https,
// used by the revoke flow), the issuing administrator, and its Subject-Users.
import { useState, type FormEvent } from 'react';
import type { TokenSummary } from '../../../../electron/shared/model';
import { call, type ErrorInfo } from '../../api';
import { Field, FormDialog, notify, useBusy } from '../../ui';
import { SubjectUsersFields, subjectUserDrafts, subjectUsersOf } from './SubjectUsersFields';

export function SynapEditDialog({ token, onClose }: { token: TokenSummary; onClose(): void }) {
  const [portalUrl, setPortalUrl] = useState(token.portalUrl ?? '');
  const [issuedBy, setIssuedBy] = useState(token.issuedBy ?? '');
  const [subjects, setSubjects] = useState(() => subjectUserDrafts(token.subjectUsers));
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, run } = useBusy();
  const f = error?.fields ?? {};

  const save = (e?: FormEvent) => {
    e?.preventDefault();
    void run(async () => {
      const r = await call('synapEditToken', {
        id: token.id,
        portalUrl,
        issuedBy,
        subjectUsers: subjectUsersOf(subjects),
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
    <FormDialog
      title={`Synap details of “${token.label}”`}
      onClose={onClose}
      submitLabel="Save details"
      busy={busy}
      busyLabel="Saving…"
      onSubmit={save}
      error={error}
    >
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
      <SubjectUsersFields
        rows={subjects}
        onChange={setSubjects}
        errors={f}
        hint="A request sent with a Subject-User’s ID acts as that user: Synap treats it as though that user made it, so the user must hold the privileges the request needs. A note helps you remember what each one is for."
      />
    </FormDialog>
  );
}
