// @process: renderer
// The Subject-User rows of a Synap token, as the add form and the edit dialog both show them:
// the same fields and names, so the vault's field errors (subjectUsers.N.id) land on them alike.
// The rules the rows are checked by live in electron/shared/services/synap.ts.
import type { ReactNode } from 'react';
import { filledSubjectUsers } from '../../../../electron/shared/services/synap';
import { Field } from '../../ui';

export interface SubjectUserDraft {
  key: number;
  id: string;
  note: string;
}

let nextKey = 1;
export const subjectUserDrafts = (list: ReadonlyArray<{ id: string; note: string }> = []): SubjectUserDraft[] => list.map((s) => ({ key: nextKey++, ...s }));
/** What the rows send: the blank rows left unfilled are dropped. */
export const subjectUsersOf = filledSubjectUsers;

export function SubjectUsersFields({
  rows,
  onChange,
  errors,
  hint,
}: {
  rows: SubjectUserDraft[];
  onChange(rows: SubjectUserDraft[]): void;
  errors: Partial<Record<string, string>>;
  hint: ReactNode;
}) {
  const update = (key: number, patch: Partial<SubjectUserDraft>) => onChange(rows.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  return (
    <fieldset className="subject-users">
      <legend>Subject-Users</legend>
      <p className="field-hint">{hint}</p>
      {rows.map((s, i) => (
        <div key={s.key} className="subject-user">
          <Field label={`Subject-User ${i + 1} ID`} name={`subjectUsers.${i}.id`} value={s.id} onChange={(v) => update(s.key, { id: v })} error={errors[`subjectUsers.${i}.id`]} autoComplete="off" spellCheck={false} />
          <Field label={`Subject-User ${i + 1} note`} name={`subjectUsers.${i}.note`} value={s.note} onChange={(v) => update(s.key, { note: v })} error={errors[`subjectUsers.${i}.note`]} autoComplete="off" />
          <button type="button" className="button button-small" aria-label={`Remove Subject-User ${i + 1}`} onClick={() => onChange(rows.filter((x) => x.key !== s.key))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="button button-small" onClick={() => onChange([...rows, ...subjectUserDrafts([{ id: '', note: '' }])])}>
        Add Subject-User
      </button>
    </fieldset>
  );
}
