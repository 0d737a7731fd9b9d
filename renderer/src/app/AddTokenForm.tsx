// @process: renderer
// Adding a token someone already has, by pasting it. The vault checks the value; this form only
// collects fields and shows the vault's messages. The pasted value stays in the (uncontrolled)
// password field and is never copied into React state or the store.
import { useRef, useState, type FormEvent } from 'react';
import { normaliseSecret, SERVICE_NAMES, serviceFacts, type Service } from '../../../electron/shared/services';
import { KIND_HINTS } from '../../../electron/shared/services/syncano';
import type { Input } from '../../../electron/shared/contract';
import { SubjectUsersFields, subjectUsersOf, type SubjectUserDraft } from '../services/synap/SubjectUsersFields';
import { ServiceOptions } from '../ui/service-options';
import { call, type ErrorInfo } from '../api';
import { Field, FormFooter, formMessage, notify, useBusy } from '../ui';
import { focusTokenRow } from '../ui/focus';

/** What the form says about a pasted key's kind, for the services whose key kinds look alike
 * (Syncano's account and instance keys): the service's own rule, run on the value as typed. */
function describeKind(service: Service, value: string): string | null {
  try {
    const { decoded } = normaliseSecret(service, value);
    return (KIND_HINTS as Partial<Record<string, string>>)[decoded.kind] ?? null;
  } catch {
    return null;
  }
}

export function AddTokenForm({ onDone }: { onDone(): void }) {
  const [service, setService] = useState<Service>('synapse');
  const [label, setLabel] = useState('');
  const [account, setAccount] = useState(''); // Synapse username / Syncano instance / Synap portal
  const [portalUrl, setPortalUrl] = useState('');
  const [issuedBy, setIssuedBy] = useState('');
  const [subjectUsers, setSubjectUsers] = useState<SubjectUserDraft[]>([]);
  const facts = serviceFacts(service);
  const accountField = facts.accountField;
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
      // The account field is named by the service's module; Synap's details are its own fields.
      const details = service === 'synap' ? { portalUrl, issuedBy, subjectUsers: subjectUsersOf(subjectUsers) } : {};
      const r = await call('addToken', { service, label, [accountField.name]: account, ...details, secret } as Input<'addToken'>);
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
      // The new row takes the focus (the list shows and scrolls to it once it holds it).
      focusTokenRow(r.value.id);
      onDone();
    });
  };

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
          required={accountField.required}
        />
        {service === 'synap' && (
          <>
            <Field label="Portal address (optional)" name="portalUrl" type="url" value={portalUrl} onChange={setPortalUrl} error={f.portalUrl} placeholder="https://portal.example.org" autoComplete="off" />
            <Field label="Issued by (optional)" name="issuedBy" value={issuedBy} onChange={setIssuedBy} error={f.issuedBy} hint="The administrator who created it." autoComplete="off" />
          </>
        )}
      </div>

      {service === 'synap' && (
        <SubjectUsersFields rows={subjectUsers} onChange={setSubjectUsers} errors={f} hint="The users this token may act for. Leave empty if it acts only as its owner." />
      )}

      <div className="field">
        <label htmlFor="add-secret">{facts.secretLabel}</label>
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
            setKindHint(describeKind(service, e.currentTarget.value));
          }}
        />
        <div id="add-secret-hint" className="field-hint">
          {facts.secretHint}
        </div>
        {Object.keys(facts.kinds).length > 1 && (
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
