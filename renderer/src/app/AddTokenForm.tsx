// @process: renderer
// Adding a token someone already has: paste it first. The value is recognised as it is typed, by
// the same rules the vault checks it with (electron/shared/recognise.ts and paste.ts): its service
// and kind, and what it says about itself, are shown and pre-filled; the form then asks only for
// what the value cannot tell. The pasted value stays in the (uncontrolled) password field and is
// never copied into React state or the store — only its recognition (no secret) is kept.
import { useRef, useState, type FormEvent } from 'react';
import { SERVICE_NAMES, serviceFacts, type Service } from '../../../electron/shared/services';
import { facts, recognise, resembles, uniqueLabel, type Recognised } from '../../../electron/shared/recognise';
import { wrongService } from '../../../electron/shared/paste';
import { SECRET_MAX, SECRET_TOO_LONG } from '../../../electron/shared/services/define';
import type { Input } from '../../../electron/shared/contract';
import { SubjectUsersFields, subjectUsersOf, type SubjectUserDraft } from '../services/synap/SubjectUsersFields';
import { ServiceOptions } from '../ui/service-options';
import { call, type ErrorInfo } from '../api';
import { Field, FormFooter, formatDate, formMessage, notify, SecretField, useBusy, useVaultStore } from '../ui';
import './add-token.css';
import { focusTokenRow } from '../ui/focus';

type Choice = Service | 'auto';

/** What the form knows of the value in the field, without the value. */
interface Reading {
  empty: boolean;
  found: Recognised[];
  /** Said under the field when the value does not fit the service in effect. */
  problem: string | null;
}

const NOTHING: Reading = { empty: true, found: [], problem: null };

function read(value: string, choice: Choice): Reading {
  if (value.trim() === '') return NOTHING;
  // Past the longest value any service issues nothing is recognised; the vault's own words say
  // why (a 1 MB paste), not "not recognised".
  if (value.trim().length > SECRET_MAX) return { empty: false, found: [], problem: SECRET_TOO_LONG };
  const found = recognise(value);
  let problem: string | null = null;
  if (choice !== 'auto') {
    problem = found.some((r) => r.service === choice) ? null : (wrongService(choice, value)?.message ?? null);
  } else if (found.length > 1) {
    problem = `This could be ${found.map((r) => r.what).join(' or ')}. Choose its service.`;
  } else if (found.length === 0) {
    const like = resembles(value)[0];
    problem = like
      ? `This looks like a ${SERVICE_NAMES[like]} value, but not a valid one. Choose ${SERVICE_NAMES[like]} as the service to see what is wrong with it.`
      : 'Synvault does not recognise this value. It takes a Synapse personal access token (eyJ…), a Synap one (p:…) or a 40-character Syncano key.';
  }
  return { empty: false, found, problem };
}

const capitalised = (what: string) => what.replace(/^a /, '').replace(/^./, (c) => c.toUpperCase());

export function AddTokenForm({ onDone }: { onDone(): void }) {
  const tokens = useVaultStore((s) => s.tokens);
  const [choice, setChoice] = useState<Choice>('auto');
  const [reading, setReading] = useState<Reading>(NOTHING);
  const [label, setLabel] = useState('');
  // The label follows the recognised value until the person types one.
  const labelTouched = useRef(false);
  // Per field name: Synapse username, Synap portal, Syncano instance or e-mail.
  const [accounts, setAccounts] = useState<Record<string, string>>({});
  const [portalUrl, setPortalUrl] = useState('');
  const [issuedBy, setIssuedBy] = useState('');
  const [subjectUsers, setSubjectUsers] = useState<SubjectUserDraft[]>([]);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const secretRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { busy, run } = useBusy();
  const f = error?.fields ?? {};

  const service: Service | null = choice !== 'auto' ? choice : reading.found.length === 1 ? reading.found[0]!.service : null;
  const match = service ? reading.found.find((r) => r.service === service) : undefined;
  const facts0 = service ? serviceFacts(service) : null;
  // The kind decides whose the token is (a Syncano account key: an e-mail; an API key: an
  // instance); a service with one kind asks its one question before the value is complete.
  const kinds = facts0 ? (Object.keys(facts0.kinds) as Array<keyof typeof facts0.accountFields>) : [];
  const kind = match?.kind ?? (kinds.length === 1 ? kinds[0] : undefined);
  const accountField = facts0 && kind ? facts0.accountFields[kind] : undefined;

  const reread = (nextChoice: Choice = choice) => {
    const next = read(secretRef.current?.value ?? '', nextChoice);
    setReading(next);
    if (!labelTouched.current) {
      const r = nextChoice === 'auto' ? (next.found.length === 1 ? next.found[0] : undefined) : next.found.find((x) => x.service === nextChoice);
      setLabel(r ? uniqueLabel(r.label, tokens.map((t) => t.label)) : '');
    }
  };

  const changeChoice = (c: Choice) => {
    setChoice(c);
    setError(null);
    reread(c);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const secret = secretRef.current?.value ?? '';
      if (!service) {
        setError({
          code: 'invalid-input',
          message: reading.empty ? 'Paste the token or key first.' : (reading.problem ?? 'Choose the service this token belongs to.'),
          fields: { secret: reading.empty ? 'Required.' : reading.problem === SECRET_TOO_LONG ? SECRET_TOO_LONG : 'Not recognised.' },
        });
        secretRef.current?.focus();
        return;
      }
      // The account field is named by the service's module for the kind; Synap's details are its own fields.
      const details = service === 'synap' ? { portalUrl, issuedBy, subjectUsers: subjectUsersOf(subjectUsers) } : {};
      const account = accountField ? { [accountField.name]: accounts[accountField.name] ?? '' } : {};
      const r = await call('addToken', { service, label, ...account, ...details, secret } as Input<'addToken'>);
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
      setChoice('auto');
      setReading(NOTHING);
      setLabel('');
      labelTouched.current = false;
      setAccounts({});
      setPortalUrl('');
      setIssuedBy('');
      setSubjectUsers([]);
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
      <SecretField
        id="add-secret"
        label="Token or key"
        inputRef={secretRef}
        holds="token"
        // No autoFocus: the token list gives the focus to this first field when the form is
        // opened or the window opens on an empty vault, not when a removal empties the list
        // (docs/window.md, where the focus goes).
        hint={facts0 && choice !== 'auto' ? facts0.secretHint : 'Paste a Synapse or Synap personal access token, or a Syncano key: Synvault tells which it is from the value.'}
        after={
          <div id="add-secret-reading" className="paste-reading" aria-live="polite">
            {match && <RecognisedFacts r={match} />}
            {reading.problem && <p className="paste-problem">{reading.problem}</p>}
          </div>
        }
        describedBy={reading.empty ? [] : ['add-secret-reading']}
        error={f.secret}
        onInput={() => {
          setError(null);
          reread();
        }}
      />

      <div className="field field-narrow">
        <label htmlFor="add-service">Service</label>
        <select id="add-service" value={choice} onChange={(e) => changeChoice(e.target.value as Choice)}>
          <option value="auto">{service && choice === 'auto' ? `${SERVICE_NAMES[service]} (recognised)` : 'Recognise from the value'}</option>
          <ServiceOptions />
        </select>
      </div>

      <div className="form-grid">
        <Field
          label="Label"
          name="label"
          value={label}
          onChange={(v) => {
            labelTouched.current = true;
            setLabel(v);
          }}
          error={f.label}
          required
          autoComplete="off"
          placeholder="e.g. Laptop – read only"
        />
        {accountField && (
          <Field
            key={accountField.name}
            label={accountField.label}
            name={accountField.name}
            type={accountField.name === 'email' ? 'email' : 'text'}
            value={accounts[accountField.name] ?? ''}
            onChange={(v) => setAccounts((a) => ({ ...a, [accountField.name]: v }))}
            error={(f as Record<string, string | undefined>)[accountField.name]}
            hint={accountField.hint}
            autoComplete="off"
            required={accountField.required}
          />
        )}
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

      <FormFooter
        message={
          error &&
          formMessage(error, { label: 'Label', username: 'Username', instance: 'Instance', email: 'E-mail', portal: 'Organisation / Portal name', portalUrl: 'Portal address', issuedBy: 'Issued by' })
        }
        submitLabel="Add token"
        busy={busy}
        busyLabel="Saving to the keychain…"
      />
    </form>
  );
}

/** What the pasted value was recognised as, and what it says about itself. */
function RecognisedFacts({ r }: { r: Recognised }) {
  const list = facts(r);
  return (
    <div className="paste-recognised">
      <p className="paste-what">
        Recognised: <strong>{capitalised(r.what)}</strong>
      </p>
      {list.length > 0 && (
        <dl className="paste-facts" aria-label="Read from the token">
          {list.map((x) => (
            <div key={x.term}>
              <dt>{x.term}</dt>
              <dd>{x.at ? <time dateTime={x.at}>{formatDate(x.at)}</time> : x.detail}</dd>
            </div>
          ))}
        </dl>
      )}
      {r.note && <p className="field-hint kind-hint">{r.note}</p>}
    </div>
  );
}
