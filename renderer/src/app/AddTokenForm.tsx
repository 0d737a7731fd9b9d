// @process: renderer
// Adding a token someone already has, by pasting it. The vault checks the value; this form only
// collects fields and shows the vault's messages. The pasted value stays in the (uncontrolled)
// password field and is never copied into React state or the store.
import { useRef, useState, type FormEvent } from 'react';
import { SERVICE_NAMES, type Service } from '../../../electron/shared/kinds';
import { ServiceOptions } from '../ui/service-options';
import { call, type ErrorInfo } from '../api';
import { Field, FormFooter, formMessage, notify, useBusy } from '../ui';

interface SubjectUserDraft {
  key: number;
  id: string;
  note: string;
}

const SECRET_LABEL: Record<Service, string> = {
  synapse: 'Personal access token',
  synap: 'Personal access token',
  syncano: 'Key',
};

const SECRET_HINT: Record<Service, string> = {
  synapse: 'Created at synapse.org under Account Settings → Personal Access Tokens. It starts with “eyJ”.',
  synap: 'Created in the Synap Portal under Settings → Automations → API, and shown only once there. It starts with “p:”.',
  syncano: 'The 40-character hexadecimal key from the Syncano dashboard.',
};

/** Syncano tells its key kinds apart by the last hex digit (reference/syncano.md). */
function syncanoKind(value: string): string | null {
  const v = value.trim();
  if (!/^[0-9a-fA-F]{40}$/.test(v)) return null;
  return parseInt(v.slice(-1), 16) % 2 === 0
    ? 'This is an account key (its last digit is even): it acts as your Syncano account.'
    : 'This is an instance API key (its last digit is odd): it is limited to one instance.';
}

let draftKey = 1;

export function AddTokenForm({ onDone }: { onDone(): void }) {
  const [service, setService] = useState<Service>('synapse');
  const [label, setLabel] = useState('');
  const [account, setAccount] = useState(''); // Synapse username / Syncano instance / Synap portal
  const [portalUrl, setPortalUrl] = useState('');
  const [issuedBy, setIssuedBy] = useState('');
  const [subjectUsers, setSubjectUsers] = useState<SubjectUserDraft[]>([]);
  const [kindHint, setKindHint] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { busy, run } = useBusy();
  const f = error?.fields ?? {};

  const changeService = (s: Service) => {
    setService(s);
    setError(null);
    setKindHint(null);
    setAccount('');
    // A value pasted for one service is never sent as another's.
    if (secretRef.current) secretRef.current.value = '';
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const secret = secretRef.current?.value ?? '';
      const input =
        service === 'synapse'
          ? { service, label, username: account, secret }
          : service === 'syncano'
            ? { service, label, instance: account, secret }
            : {
                service,
                label,
                portal: account,
                portalUrl,
                issuedBy,
                subjectUsers: subjectUsers.filter((u) => u.id.trim() || u.note.trim()).map(({ id, note }) => ({ id, note })),
                secret,
              };
      const r = await call('addToken', input);
      if (!r.ok) {
        setError(r.error);
        // Put the person where the problem is.
        const first = Object.keys(r.error.fields ?? {})[0];
        const el = first && formRef.current?.querySelector<HTMLElement>(`[name="${CSS.escape(first)}"]`);
        if (el) el.focus();
        return;
      }
      if (secretRef.current) secretRef.current.value = '';
      setError(null);
      setLabel('');
      setAccount('');
      setPortalUrl('');
      setIssuedBy('');
      setSubjectUsers([]);
      setKindHint(null);
      notify(`Added “${r.value.label}” (${SERVICE_NAMES[r.value.service]}).`);
      onDone();
    });
  };

  const accountField =
    service === 'synapse'
      ? {
          label: 'Username (optional)',
          name: 'username' as const,
          hint: 'A hint to tell accounts apart until Verify asks Synapse whose token it is; the owner\'s user name then replaces it.',
        }
      : service === 'syncano'
        ? { label: 'Instance (optional)', name: 'instance' as const, hint: 'The instance an API key belongs to.' }
        : { label: 'Organisation / Portal name', name: 'portal' as const, hint: 'The organisation whose Portal issued the token.' };

  return (
    <form ref={formRef} className="card add-form" aria-labelledby="add-title" onSubmit={submit} noValidate>
      <h2 id="add-title" className="card-title">
        Add a token
      </h2>
      <div className="field field-narrow">
        <label htmlFor="add-service">Service</label>
        <select id="add-service" value={service} onChange={(e) => changeService(e.target.value as Service)}>
          <ServiceOptions />
        </select>
      </div>
      <div className="form-grid">
        <Field label="Label" name="label" value={label} onChange={setLabel} error={f.label} required autoComplete="off" placeholder="e.g. Laptop – read only" />
        <Field
          key={service}
          label={accountField.label}
          name={accountField.name}
          value={account}
          onChange={setAccount}
          error={f[accountField.name]}
          hint={accountField.hint}
          autoComplete="off"
          required={service === 'synap'}
        />
        {service === 'synap' && (
          <>
            <Field label="Portal address (optional)" name="portalUrl" type="url" value={portalUrl} onChange={setPortalUrl} error={f.portalUrl} placeholder="https://portal.example.org" autoComplete="off" />
            <Field label="Issued by (optional)" name="issuedBy" value={issuedBy} onChange={setIssuedBy} error={f.issuedBy} hint="The administrator who created it." autoComplete="off" />
          </>
        )}
      </div>

      {service === 'synap' && (
        <fieldset className="subject-users">
          <legend>Subject-Users</legend>
          <p className="field-hint">The users this token may act for. Leave empty if it acts only as its owner.</p>
          {subjectUsers.map((u, i) => (
            <div key={u.key} className="subject-user">
              <Field
                label={`Subject-User ${i + 1} ID`}
                name={`subjectUsers.${i}.id`}
                value={u.id}
                onChange={(v) => setSubjectUsers((list) => list.map((x) => (x.key === u.key ? { ...x, id: v } : x)))}
                error={f[`subjectUsers.${i}.id`]}
                autoComplete="off"
              />
              <Field
                label={`Subject-User ${i + 1} note`}
                name={`subjectUsers.${i}.note`}
                value={u.note}
                onChange={(v) => setSubjectUsers((list) => list.map((x) => (x.key === u.key ? { ...x, note: v } : x)))}
                error={f[`subjectUsers.${i}.note`]}
                autoComplete="off"
              />
              <button
                type="button"
                className="button button-small"
                aria-label={`Remove Subject-User ${i + 1}`}
                onClick={() => setSubjectUsers((list) => list.filter((x) => x.key !== u.key))}
              >
                Remove
              </button>
            </div>
          ))}
          <button type="button" className="button button-small" onClick={() => setSubjectUsers((l) => [...l, { key: draftKey++, id: '', note: '' }])}>
            Add Subject-User
          </button>
        </fieldset>
      )}

      <div className="field">
        <label htmlFor="add-secret">{SECRET_LABEL[service]}</label>
        <input
          id="add-secret"
          ref={secretRef}
          name="secret"
          type="password"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={f.secret ? true : undefined}
          aria-describedby={`add-secret-hint${f.secret ? ' add-secret-error' : ''}`}
          onInput={(e) => {
            if (service === 'syncano') setKindHint(syncanoKind(e.currentTarget.value));
          }}
        />
        <div id="add-secret-hint" className="field-hint">
          {SECRET_HINT[service]}
        </div>
        {service === 'syncano' && (
          <div className="field-hint kind-hint" aria-live="polite">
            {kindHint}
          </div>
        )}
        {f.secret && (
          <div id="add-secret-error" className="field-error">
            {f.secret}
          </div>
        )}
      </div>

      <FormFooter
        message={error && formMessage(error, { label: 'Label', username: 'Username', instance: 'Instance', portal: 'Organisation / Portal name', portalUrl: 'Portal address', issuedBy: 'Issued by' })}
        submitLabel="Add token"
        busy={busy}
        busyLabel="Saving to the keychain…"
      />
    </form>
  );
}
