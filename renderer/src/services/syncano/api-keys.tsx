// @process: renderer
// The instances an account key owns and the API keys of the one picked: list (every page), create
// with flags, edit, copy, reset and revoke. A new or reset key goes from Syncano to the keychain
// inside the main process; this window only ever sees ids, descriptions and flags.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SyncanoApiKey, SyncanoFlags, SyncanoInstance } from '../../../../electron/shared/contract/syncano';
import { call, type ErrorInfo } from '../../api';
import { Busy, confirm, Field, FormFooter, formatDate, notify, showCopied, useBusy } from '../../ui';
import { FLAG_INFO, NO_FLAGS, onFlagNames } from './flags';
import { HaveKeyDialog } from './have-key';

export function InstancePicker({ accountId, value, onChange, fail }: { accountId: string; value: string; onChange(name: string): void; fail(e: ErrorInfo): void }) {
  const [instances, setInstances] = useState<SyncanoInstance[] | null>(null);
  const { busy, run } = useBusy();

  const load = useCallback(
    () =>
      run(async () => {
        const r = await call('syncanoListInstances', { accountId });
        if (r.ok) setInstances(r.value);
        else {
          setInstances(null);
          fail(r.error);
        }
      }),
    [accountId, run, fail],
  );

  useEffect(() => {
    setInstances(null);
    void load();
  }, [load]);

  return (
    <section className="card" aria-labelledby="syncano-instances-title">
      <h2 id="syncano-instances-title" className="card-title">
        Instances
      </h2>
      <div className="syncano-row">
        <div className="field">
          <label htmlFor="syncano-instance">Instance</label>
          <select id="syncano-instance" value={value} onChange={(e) => onChange(e.target.value)} disabled={!instances || instances.length === 0}>
            <option value="">{instances ? (instances.length ? `Choose one of ${instances.length}…` : 'No instances') : 'Not loaded'}</option>
            {(instances ?? []).map((i) => (
              <option key={i.name} value={i.name}>
                {i.description ? `${i.name} — ${i.description}` : i.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="button" onClick={() => void load()} disabled={busy}>
          Reload instances
        </button>
        {busy && <Busy label="Loading instances…" />}
      </div>
    </section>
  );
}

type Draft = { mode: 'create' } | { mode: 'edit'; key: SyncanoApiKey };

function KeyForm({ draft, accountId, instance, onDone, fail }: { draft: Draft; accountId: string; instance: string; onDone(changed: boolean): void; fail(e: ErrorInfo): void }) {
  const [description, setDescription] = useState(draft.mode === 'edit' ? draft.key.description : '');
  const [flags, setFlags] = useState<SyncanoFlags>(draft.mode === 'edit' ? draft.key.flags : NO_FLAGS);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, run } = useBusy();
  const title = draft.mode === 'create' ? `New API key for ${instance}` : `Edit API key #${draft.key.id}`;

  const toggle = async (flag: keyof SyncanoFlags, on: boolean) => {
    if (flag === 'ignore_acl' && on) {
      const ok = await confirm({
        title: 'Let this key ignore permissions?',
        body: 'With ignore_acl the key is not held back by the permissions set on this instance’s resources. Anyone holding it can do what those permissions would forbid.',
        confirmLabel: 'Turn on ignore_acl',
        danger: true,
      });
      if (!ok) return;
    }
    setFlags((f) => ({ ...f, [flag]: on }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      if (draft.mode === 'create') {
        const r = await call('syncanoCreateApiKey', { accountId, instance, description, flags });
        if (!r.ok) {
          if (r.error.rescueSecret) fail(r.error);
          else setError(r.error);
          if (r.error.rescueSecret) onDone(true);
          return;
        }
        notify(`Created API key #${r.value.key.id} and stored it in the keychain as “${r.value.token?.label ?? ''}”.`);
      } else {
        const r = await call('syncanoUpdateApiKey', { accountId, instance, keyId: draft.key.id, description, flags });
        if (!r.ok) {
          setError(r.error);
          return;
        }
        notify(`Saved API key #${draft.key.id}.`);
      }
      onDone(true);
    });
  };

  const f = error?.fields ?? {};
  return (
    <form className="card add-form" aria-labelledby="syncano-keyform-title" onSubmit={submit} noValidate>
      <h2 id="syncano-keyform-title" className="card-title">
        {title}
      </h2>
      <Field label="Description" name="description" value={description} onChange={setDescription} error={f.description} autoComplete="off" placeholder="e.g. iOS app" />
      <fieldset className="syncano-flags">
        <legend>Flags (all off unless you turn them on)</legend>
        {FLAG_INFO.map((i) => (
          <label key={i.flag} className="check">
            <input type="checkbox" name={i.flag} checked={flags[i.flag]} onChange={(e) => void toggle(i.flag, e.target.checked)} />
            <span>
              {i.title}
              <span className="syncano-flag-explain">{i.explain}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <FormFooter
        message={error?.message}
        submitLabel={draft.mode === 'create' ? 'Create key' : 'Save changes'}
        busy={busy}
        busyLabel={draft.mode === 'create' ? 'Creating…' : 'Saving…'}
        onCancel={() => onDone(false)}
      />
    </form>
  );
}

function KeyRow({ k, accountId, onChanged, onEdit, fail }: { k: SyncanoApiKey; accountId: string; onChanged(): Promise<void>; onEdit(): void; fail(e: ErrorInfo): void }) {
  const { busy, run } = useBusy();
  const [having, setHaving] = useState(false);
  const name = k.description ? `API key #${k.id} “${k.description}”` : `API key #${k.id}`;

  const copy = () =>
    run(async () => {
      if (!k.vaultId) return;
      const r = await call('copyToken', { id: k.vaultId });
      if (r.ok) showCopied(r.value, k.description || `API key #${k.id}`);
      else fail(r.error);
    });

  const reset = async () => {
    const ok = await confirm({
      title: `Reset ${name}?`,
      body: `Syncano issues a new value for this key; the current one stops working at once, so every application using it needs the new one. ${k.vaultId ? 'The new value replaces the old in the keychain.' : 'The new value is stored in the vault.'}`,
      confirmLabel: 'Reset key',
      danger: true,
    });
    if (!ok) return;
    await run(async () => {
      const r = await call('syncanoResetApiKey', { accountId, instance: k.instance, keyId: k.id });
      if (r.ok) notify(`Reset ${name}; the new value is in the keychain.`);
      else fail(r.error);
      await onChanged();
    });
  };

  const revoke = async () => {
    const ok = await confirm({
      title: `Revoke ${name}?`,
      body: `The key is deleted at Syncano and stops working at once. ${k.vaultId ? 'Then it is removed from the vault.' : ''} If Syncano cannot be reached, nothing is removed.`,
      confirmLabel: 'Revoke',
      danger: true,
    });
    if (!ok) return;
    await run(async () => {
      const r = await call('syncanoRevokeApiKey', { accountId, instance: k.instance, keyId: k.id });
      if (r.ok) notify(`Revoked ${name}${r.value.removedId ? ' and removed it from the vault' : ''}.`);
      else fail(r.error);
      await onChanged();
    });
  };

  const flags = onFlagNames(k.flags);
  return (
    <tr>
      <td>#{k.id}</td>
      <td>{k.description || <span className="empty">No description</span>}</td>
      <td>{flags.length ? flags.join(', ') : <span className="empty">none</span>}</td>
      <td>{k.createdAt ? <time dateTime={k.createdAt}>{formatDate(k.createdAt)}</time> : ''}</td>
      <td>{k.vaultId ? <span className="syncano-in-vault">In vault</span> : <span className="empty">Not stored</span>}</td>
      <td className="actions">
        {k.vaultId ? (
          <button type="button" className="button button-small" onClick={() => void copy()} disabled={busy}>
            Copy
          </button>
        ) : (
          <button type="button" className="button button-small" onClick={() => setHaving(true)} disabled={busy}>
            I have this key
          </button>
        )}
        {having && <HaveKeyDialog k={k} accountId={accountId} onClose={() => setHaving(false)} onStored={() => void onChanged()} />}
        <button type="button" className="button button-small" onClick={onEdit} disabled={busy}>
          Edit
        </button>
        <button type="button" className="button button-small" onClick={() => void reset()} disabled={busy}>
          Reset
        </button>
        <button type="button" className="button button-small button-quiet-danger" onClick={() => void revoke()} disabled={busy}>
          Revoke
        </button>
      </td>
    </tr>
  );
}

export function ApiKeys({ accountId, instance, fail }: { accountId: string; instance: string; fail(e: ErrorInfo): void }) {
  const [keys, setKeys] = useState<SyncanoApiKey[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const { busy, run } = useBusy();

  const load = useCallback(async () => {
    const r = await call('syncanoListApiKeys', { accountId, instance });
    if (r.ok) setKeys(r.value);
    else {
      setKeys(null);
      fail(r.error);
    }
  }, [accountId, instance, fail]);

  useEffect(() => {
    setKeys(null);
    setDraft(null);
    void run(load);
  }, [load, run]);

  return (
    <section className="syncano-panel" aria-labelledby="syncano-keys-title">
      <div className="view-head">
        <h2 id="syncano-keys-title">
          API keys of {instance} {keys && <span className="count">{keys.length}</span>}
        </h2>
        <div className="syncano-row">
          <button type="button" className="button" onClick={() => void run(load)} disabled={busy}>
            Reload keys
          </button>
          <button type="button" className="button button-primary" onClick={() => setDraft({ mode: 'create' })} disabled={draft !== null}>
            Create API key
          </button>
        </div>
      </div>
      {draft && (
        <KeyForm
          key={draft.mode === 'edit' ? draft.key.id : 'new'}
          draft={draft}
          accountId={accountId}
          instance={instance}
          fail={fail}
          onDone={(changed) => {
            setDraft(null);
            if (changed) void run(load);
          }}
        />
      )}
      {busy && <Busy label="Loading API keys…" />}
      {keys && keys.length === 0 && <p className="empty">This instance has no API keys yet.</p>}
      {keys && keys.length > 0 && (
        <div className="card table-card">
          <table className="syncano-table" aria-label={`API keys of ${instance}`}>
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">Description</th>
                <th scope="col">Flags</th>
                <th scope="col">Created</th>
                <th scope="col">Vault</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <KeyRow key={k.id} k={k} accountId={accountId} fail={fail} onChanged={load} onEdit={() => setDraft({ mode: 'edit', key: k })} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
