// @process: renderer
// Renaming a token: a small dialog with its label. Enter saves, Escape cancels; either way focus
// goes back to the row's Rename button (the Modal returns it). The vault checks the label by the
// add path's rules (renameToken).
import { useState, type FormEvent } from 'react';
import type { TokenSummary } from '../../../electron/shared/model';
import { call, type ErrorInfo } from '../api';
import { Field, FormDialog, notify, useBusy } from '../ui';

export function RenameDialog({ token, onClose }: { token: TokenSummary; onClose(): void }) {
  const [label, setLabel] = useState(token.label);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, run } = useBusy();

  const save = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await call('renameToken', { id: token.id, label });
      if (!r.ok) {
        setError(r.error);
        return;
      }
      if (r.value.label !== token.label) notify(`Renamed “${token.label}” to “${r.value.label}”.`);
      onClose();
    });
  };

  return (
    <FormDialog
      title={`Rename “${token.label}”`}
      onClose={onClose}
      initialFocus="input[name=label]"
      submitLabel="Rename"
      busy={busy}
      busyLabel="Renaming…"
      onSubmit={save}
      error={error}
      fieldsWithErrors={['label']}
    >
      <Field label="Label" name="label" value={label} onChange={setLabel} error={error?.fields?.label} autoComplete="off" spellCheck={false} />
    </FormDialog>
  );
}
