// @process: renderer
// The Synapse tab: create a token with a password sign-in (a second factor when the account has
// one), or — always offered beside it — on synapse.org and paste it; sync with the server, and
// import tokens from ~/.synapseConfig.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CreateResult, ImportScan, SyncReport, SynapseEndpointInfo } from '../../../../electron/shared/contract/synapse';
import { call, type ErrorInfo } from '../../api';
import { AsOf, Busy, Field, FormFooter, formatDate, formatDateTime, formMessage, notify, notifyError, RescueDialog, rescuedFrom, SecretField, useBusy, useVaultStore, type Rescued } from '../../ui';
import { plural } from '../../../../electron/shared/plural';
import { recognise, uniqueLabel } from '../../../../electron/shared/recognise';
import { RevokeDialog, type RevokeTarget } from './RevokeDialog';
import { SignInFields } from './SignInFields';
import { usePasswordSignIn } from './password-sign-in';
import { useSynapseSync } from './sync-store';
import { EXPIRY_DAYS, PAT_SCOPE_INFO, PAT_SCOPES, TOKEN_CAP, type PatScope } from '../../../../electron/shared/services/synapse';
import './synapse.css';

const SCOPES = PAT_SCOPES.map((value) => ({ value, ...PAT_SCOPE_INFO[value] }));
type Scope = PatScope;

function CreateCard() {
  const [name, setName] = useState('');
  const [label, setLabel] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['view']);
  const [allowEvict, setAllowEvict] = useState(false);
  const [rescue, setRescue] = useState<Rescued | null>(null);
  const signIn = usePasswordSignIn({
    action: 'create',
    onDone: (value) => {
      setName('');
      setLabel('');
      setAllowEvict(false);
      notify(`Created “${value.token.label}” at Synapse and stored it in the keychain.`);
      for (const w of value.warnings) notify(w, 'info');
    },
    onFailed: (err) => {
      const rescued = rescuedFrom(err);
      if (rescued) setRescue(rescued);
    },
  });
  const { error, busy } = signIn;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.submit((username, password) =>
      call('synapseCreateToken', { username, password, name, scopes, allowEvictOldest: allowEvict, ...(label.trim() ? { label } : {}) }),
    );
  };

  const f = error?.fields ?? {};
  return (
    <form className="card add-form" aria-labelledby="synapse-create-title" onSubmit={submit} noValidate>
      <h2 id="synapse-create-title" className="card-title">
        Create a personal access token
      </h2>
      <p className="field-hint">
        Synvault signs in to Synapse with your password (and a two-factor code if your account has one), creates the token and puts it straight into the keychain.
        The password and the sign-in session are used for these few calls only and not kept.
      </p>
      <div className="form-grid">
        <SignInFields username={signIn.username} onUsername={signIn.setUsername} passwordRef={signIn.passwordRef} errors={f} />
        <Field label="Token name" value={name} onChange={setName} error={f.name} hint="Unique among your Synapse tokens." />
        <Field label="Label in Synvault" name="label" value={label} onChange={setLabel} error={f.label} hint="Optional; the token name otherwise." />
      </div>
      <fieldset className="synapse-scopes">
        <legend>Permissions</legend>
        {SCOPES.map((s) => (
          <label key={s.value} className="check" title={s.hint}>
            <input
              type="checkbox"
              checked={scopes.includes(s.value)}
              onChange={(e) => setScopes((cur) => (e.target.checked ? [...cur, s.value] : cur.filter((x) => x !== s.value)))}
            />
            {s.label}
          </label>
        ))}
      </fieldset>
      {f.scopes && <div className="field-error">{f.scopes}</div>}
      {f.allowEvictOldest && (
        <label className="check">
          <input type="checkbox" checked={allowEvict} onChange={(e) => setAllowEvict(e.target.checked)} />
          Create anyway and let Synapse delete my least recently used token
        </label>
      )}
      {signIn.twoFactor ?? (
        <FormFooter
          message={error && formMessage(error, { username: 'Synapse user name or e-mail', password: 'Password', name: 'Token name', label: 'Label in Synvault', scopes: 'Permissions' })}
          submitLabel="Create token"
          busy={busy}
          busyLabel="Signing in to Synapse…"
        />
      )}
      {rescue && <RescueDialog rescue={rescue} title="Store this token now" label="The new token" onClose={() => setRescue(null)} />}
    </form>
  );
}

/** The web path, always offered: make the token on synapse.org and paste it. Accounts that sign
 * in with Google have no Synapse password, and Synapse asks other apps not to prompt for one. */
function WebPathCard() {
  const secretRef = useRef<HTMLInputElement>(null);
  const [label, setLabel] = useState('');
  // As in the add form, the label follows the pasted token (its id) until the person types one.
  const labelTouched = useRef(false);
  const taken = useVaultStore((st) => st.tokens);
  const [opened, setOpened] = useState<{ url: string; opened: boolean } | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, run } = useBusy();
  // Opening the page is its own action: the paste form stays usable while a browser starts.
  const opening = useBusy();

  const open = () =>
    opening.run(async () => {
      const r = await call('synapseOpenTokenPage', {});
      if (!r.ok) return notifyError(r.error);
      setOpened(r.value);
    });

  const paste = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const secret = secretRef.current?.value ?? '';
      const r = await call('addToken', { service: 'synapse', label, secret });
      // A refused paste stays in its field to be corrected: the token was shown once on synapse.org.
      if (!r.ok) return setError(r.error);
      if (secretRef.current) secretRef.current.value = '';
      setError(null);
      setLabel('');
      labelTouched.current = false;
      // Ask Synapse whose it is, so the vault holds the owner's user name; offline, the token is
      // kept and Verify fills it in later.
      const v = await call('synapseVerifyToken', { id: r.value.id });
      if (v.ok && v.value.state === 'valid') notify(`Added “${r.value.label}”. ${v.value.detail}`);
      else if (v.ok) notify(`Added “${r.value.label}”, but Synapse does not accept it: ${v.value.detail}`, 'info');
      else notify(`Added “${r.value.label}”. Synapse could not be asked whose it is (${v.error.message}); press Verify later.`, 'info');
    });
  };

  return (
    <form className="card add-form" aria-labelledby="synapse-web-title" onSubmit={paste} noValidate>
      <h2 id="synapse-web-title" className="card-title">
        Or create it on synapse.org and paste it
      </h2>
      <p className="field-hint">
        Accounts that sign in with Google have no Synapse password, and Synapse asks apps other than its own not to ask for one: create the token on synapse.org
        (Account Settings → Personal Access Tokens), copy it, and paste it here. It goes straight into the keychain.
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void open()} disabled={opening.busy}>
          Open the token page on synapse.org
        </button>
        {opened && (
          <span className="field-hint">
            {opened.opened ? `Opened ${opened.url} in your browser.` : `Open ${opened.url} in your browser.`}
          </span>
        )}
      </div>
      <div className="form-grid">
        <Field
          label="Label in Synvault"
          value={label}
          onChange={(v) => {
            labelTouched.current = true;
            setLabel(v);
          }}
          error={error?.fields?.label}
        />
        <SecretField
          id="synapse-web-secret"
          label="Paste the token"
          inputRef={secretRef}
          holds="token"
          error={error?.fields?.secret}
          onInput={(e) => {
            if (labelTouched.current) return;
            const r = recognise(e.currentTarget.value).find((x) => x.service === 'synapse');
            setLabel(r ? uniqueLabel(r.label, taken.map((t) => t.label)) : '');
          }}
        />
      </div>
      <FormFooter message={error ? formMessage(error, { label: 'Label', secret: 'Token' }) : undefined} submitLabel="Add pasted token" busy={busy} busyLabel="Adding…" />
    </form>
  );
}

/** What a sync found, in the figures the table's badges show: tokens Synapse holds (what its cap
 * counts), never the vault's tokens it no longer has. */
function syncMessage(report: SyncReport): string {
  if (!report.users.length) return 'No Synapse tokens in the vault to sync with.';
  const listed = report.users.filter((u) => u.total !== null);
  const held = listed.reduce((k, u) => k + (u.total ?? 0), 0);
  const gone = report.users.reduce((k, u) => k + u.rows.filter((r) => r.state === 'gone').length, 0);
  const failed = report.users.length - listed.length;
  const words = [`Synced with Synapse: ${listed.length > 1 ? `${plural(held, 'token')} for ${plural(listed.length, 'user')}` : plural(held, 'token')} at Synapse.`];
  if (gone) words.push(`${plural(gone, 'token')} in the vault ${gone === 1 ? 'is' : 'are'} no longer there.`);
  if (failed) words.push(`The tokens of ${plural(failed, 'user')} could not be listed.`);
  return words.join(' ');
}

function SyncCard() {
  const { report, setReport, load } = useSynapseSync();
  const tokens = useVaultStore((s) => s.tokens);
  const { busy, run } = useBusy();
  const [revoke, setRevoke] = useState<RevokeTarget | null>(null);

  // The vault keeps the last sync: shown at once after a restart, and asked again whenever the
  // list changed (a revoke, remove or verify, here or in another view), with no call to Synapse.
  useEffect(() => {
    void load();
  }, [tokens, load]);

  const sync = () =>
    run(async () => {
      const r = await call('synapseSync', {});
      if (!r.ok) return notifyError(r.error);
      setReport(r.value);
      notify(syncMessage(r.value), 'info');
    });

  return (
    <section className="card" aria-labelledby="synapse-sync-title">
      <h2 id="synapse-sync-title" className="card-title">
        Tokens at Synapse
      </h2>
      <p className="field-hint">
        Lists every token Synapse holds for each user in the vault (using one of that user's stored tokens): its state, when it was last used, and how long before
        Synapse expires it for {EXPIRY_DAYS} days of disuse.
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void sync()} disabled={busy}>
          Sync with Synapse
        </button>
        {busy && <Busy label="Asking Synapse…" />}
        {report && (
          <span className="field-hint">
            Last sync {formatDateTime(report.at)} · <AsOf at={report.at} />
          </span>
        )}
      </div>
      {report?.warnings.length ? (
        <ul className="synapse-warnings" role="list" aria-label="Sync warnings">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {report?.users.map((u) => (
        <div key={u.userId}>
          <h3>
            {u.username ?? `User ${u.userId}`} {u.total !== null && <span className="count">{u.total} of at most {TOKEN_CAP} tokens</span>}
          </h3>
          {u.error && <p className="form-error">{u.error}</p>}
          {u.rows.length > 0 && (
            <table className="synapse-table" aria-label={`Synapse tokens of ${u.username ?? u.userId}`}>
              <thead>
                <tr>
                  <th>Name</th>
                  <th>In vault</th>
                  <th>State</th>
                  <th>Last used</th>
                  <th>Days left</th>
                  <th>
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {u.rows.map((r) => (
                  <tr key={r.recordId || r.tokenId}>
                    <td>{r.name ?? r.label}</td>
                    <td>{r.inVault ? r.label : 'not in vault'}</td>
                    <td>{r.state === 'gone' ? 'gone (revoked elsewhere)' : r.state}</td>
                    <td>{r.lastUsed ? formatDate(r.lastUsed) : r.state === 'gone' ? '' : 'never'}</td>
                    <td>{r.daysLeft ?? ''}</td>
                    <td>
                      {!r.inVault && (
                        <button
                          type="button"
                          className="button button-small button-quiet-danger"
                          aria-label={`Revoke ${r.name ?? r.recordId}`}
                          onClick={() => setRevoke({ recordId: r.recordId, label: r.name ?? r.recordId, ...(u.username ? { username: u.username } : {}) })}
                        >
                          Revoke…
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      ))}
      {revoke && <RevokeDialog target={revoke} onClose={() => setRevoke(null)} onDone={() => void load()} />}
    </section>
  );
}

function ImportCard() {
  const [path, setPath] = useState('');
  const [scan, setScan] = useState<ImportScan | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [removeFromFile, setRemoveFromFile] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, run } = useBusy();
  const pathInput = () => (path.trim() ? { path: path.trim() } : {});

  const doScan = () =>
    run(async () => {
      const r = await call('synapseImportScan', pathInput());
      if (!r.ok) {
        setScan(null);
        return setError(r.error);
      }
      setError(null);
      setScan(r.value);
      setChosen(r.value.candidates.filter((c) => !c.inVault && !c.problem).map((c) => c.sections[0]!));
    });

  const doImport = () =>
    run(async () => {
      if (!scan) return;
      // Removing also takes out tokens the vault already holds (the keychain keeps them).
      const held = removeFromFile ? scan.candidates.filter((c) => c.inVault && !c.problem).map((c) => c.sections[0]!) : [];
      const r = await call('synapseImport', { ...pathInput(), sections: [...chosen, ...held], removeFromFile, version: scan.version });
      if (!r.ok) return setError(r.error);
      setError(null);
      const d = r.value;
      notify(`Imported ${plural(d.imported.length, 'token')} from ${scan.path}.${d.note ? ` ${d.note}` : ''}`);
      for (const s of d.skipped) if (!held.includes(s.section)) notify(`[${s.section}]: ${s.reason}`, 'info');
      for (const w of d.warnings) notify(w, 'error');
      setScan(null);
    });

  return (
    <section className="card" aria-labelledby="synapse-import-title">
      <h2 id="synapse-import-title" className="card-title">
        Import from .synapseConfig
      </h2>
      <Field label="Config file" value={path} onChange={setPath} placeholder="~/.synapseConfig" hint="Leave empty for ~/.synapseConfig in your home folder." error={error?.fields?.path} />
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void doScan()} disabled={busy}>
          Look for tokens
        </button>
        {busy && <Busy label="Reading…" />}
      </div>
      {scan && !scan.exists && <p>There is no file at {scan.path}.</p>}
      {scan && scan.exists && scan.candidates.length === 0 && <p>No authtoken in [authentication], [default] or [profile …] of {scan.path}.</p>}
      {scan && scan.emptyTokens.length > 0 && (
        <p role="note">
          [{scan.emptyTokens.join('], [')}] {scan.emptyTokens.length > 1 ? 'have' : 'has'} an empty authtoken line: synapseclient then sends no token at all and never reads SYNAPSE_AUTH_TOKEN.
          Removing the token from the file deletes such lines too.
        </p>
      )}
      {scan && (scan.candidates.length > 0 || scan.emptyTokens.length > 0) && (
        <>
          <ul className="token-list" aria-label="Tokens found in the file">
            {scan.candidates.map((c) => {
              const key = c.sections[0]!;
              const disabled = !!c.inVault || !!c.problem;
              return (
                <li key={key}>
                  <label className="check">
                    <input
                      type="checkbox"
                      disabled={disabled}
                      checked={chosen.includes(key)}
                      onChange={(e) => setChosen((cur) => (e.target.checked ? [...cur, key] : cur.filter((x) => x !== key)))}
                    />
                    [{c.sections.join('], [')}] <code className="secret">{c.preview}</code>
                    {c.username && ` — ${c.username}`}
                    {c.scopes && ` — ${c.scopes.join(', ')}`}
                    {c.inVault && ` — already in the vault as “${c.inVault.label}”`}
                    {c.fromDefaults && ' — from [DEFAULT]'}
                    {c.problem && ` — ${c.problem}`}
                  </label>
                </li>
              );
            })}
          </ul>
          <label className="check">
            <input type="checkbox" checked={removeFromFile} onChange={(e) => setRemoveFromFile(e.target.checked)} />
            Remove the token from the file
          </label>
          <p className="field-hint">
            Deletes the authtoken line of each imported token — and of tokens already in the vault — so synapseclient, finding no token in the file, uses the
            SYNAPSE_AUTH_TOKEN environment variable (synvault exec puts it there). A section&apos;s username goes too, unless it is what keeps a profile there. No
            backup is kept, since that would be another plaintext copy. The result says, per profile, whether the client really reaches the variable now.
          </p>
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={() => void doImport()} disabled={busy || (chosen.length === 0 && !removeFromFile)}>
              {chosen.length === 0 && removeFromFile ? 'Remove from the file' : 'Import selected'}
            </button>
          </div>
        </>
      )}
      {error && (
        <div role="alert" className="form-error">
          {error.message}
        </div>
      )}
    </section>
  );
}

const SOURCE: Record<string, string> = { synapseConfig: 'from [endpoints] in .synapseConfig', settings: 'from Settings', environment: 'from the environment', default: 'default' };

function EndpointsNote() {
  const [ep, setEp] = useState<SynapseEndpointInfo | null>(null);
  useEffect(() => {
    void call('synapseEndpoints', {}).then((r) => r.ok && setEp(r.value));
  }, []);
  if (!ep) return null;
  return (
    <>
      <p className="field-hint">
        Synapse auth endpoint {ep.auth} ({SOURCE[ep.source.auth]}); repo endpoint {ep.repo} ({SOURCE[ep.source.repo]}).
      </p>
      {ep.refused.length > 0 && (
        <div role="alert" className="form-error" aria-label="Synapse address refused">
          {ep.refused.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
    </>
  );
}

export function SynapsePanel() {
  return (
    <div className="synapse-panel">
      <CreateCard />
      <WebPathCard />
      <SyncCard />
      <ImportCard />
      <EndpointsNote />
    </div>
  );
}
