// @process: renderer
// The instances an account key owns and the API keys of the one picked: list (every page), search,
// create with flags, edit, copy, reset and revoke. A new or reset key goes from Syncano to the
// keychain inside the main process; this window only ever sees ids, descriptions and flags.
// In a list of hundreds of keys the work stays in sight: a key's edit form opens in the list
// where the key is, scrolled to, its first field focused; a new or saved key is scrolled to and
// focused; after a revoke the focus moves to the next key (docs/window.md).
import { Fragment, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { SyncanoApiKey, SyncanoFlags, SyncanoInstance } from '../../../../electron/shared/contract/syncano';
import { call, type ErrorInfo } from '../../api';
import { Busy, confirm, Field, focusInView, FormFooter, formatDate, notify, showCopied, useBusy, useEscape } from '../../ui';
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
/** How a key form ended: cancelled, or saved (the key it made or changed, when known). */
type FormDone = { changed: false } | { changed: true; keyId?: number };

function KeyForm({ draft, accountId, instance, onDone, fail }: { draft: Draft; accountId: string; instance: string; onDone(done: FormDone): void; fail(e: ErrorInfo): void }) {
  const [description, setDescription] = useState(draft.mode === 'edit' ? draft.key.description : '');
  const [flags, setFlags] = useState<SyncanoFlags>(draft.mode === 'edit' ? draft.key.flags : NO_FLAGS);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const { busy, run } = useBusy();
  const title = draft.mode === 'create' ? `New API key for ${instance}` : `Edit API key #${draft.key.id}`;
  const formRef = useRef<HTMLFormElement>(null);
  // Opened: in view, the description focused. Escape cancels (a dialog over it closes first).
  useEffect(() => {
    const form = formRef.current;
    form?.scrollIntoView({ block: 'nearest' });
    focusInView(form?.querySelector<HTMLElement>('input[name="description"]'));
  }, []);
  useEscape(true, () => onDone({ changed: false }));

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
          if (r.error.rescueSecret) onDone({ changed: true });
          return;
        }
        notify(`Created API key #${r.value.key.id} and stored it in the keychain as “${r.value.token?.label ?? ''}”.`);
        onDone({ changed: true, keyId: r.value.key.id });
        return;
      } else {
        const r = await call('syncanoUpdateApiKey', { accountId, instance, keyId: draft.key.id, description, flags });
        if (!r.ok) {
          setError(r.error);
          return;
        }
        notify(`Saved API key #${draft.key.id}.`);
      }
      onDone({ changed: true, keyId: draft.key.id });
    });
  };

  const f = error?.fields ?? {};
  return (
    <form ref={formRef} className="card add-form syncano-key-form" aria-labelledby="syncano-keyform-title" onSubmit={submit} noValidate>
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
        onCancel={() => onDone({ changed: false })}
      />
    </form>
  );
}

function KeyRow({
  k,
  accountId,
  onChanged,
  onEdit,
  onRevoked,
  fail,
}: {
  k: SyncanoApiKey;
  accountId: string;
  onChanged(): Promise<void>;
  onEdit(): void;
  /** Before the list reloads without it: the focus goes to the next key. */
  onRevoked(): void;
  fail(e: ErrorInfo): void;
}) {
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
    if (busy) return;
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
    if (busy) return;
    const ok = await confirm({
      title: `Revoke ${name}?`,
      body: `The key is deleted at Syncano and stops working at once. ${k.vaultId ? 'Then it is removed from the vault.' : ''} If Syncano cannot be reached, nothing is removed.`,
      confirmLabel: 'Revoke',
      danger: true,
    });
    if (!ok) return;
    await run(async () => {
      const r = await call('syncanoRevokeApiKey', { accountId, instance: k.instance, keyId: k.id });
      if (r.ok) {
        notify(`Revoked ${name}${r.value.removedId ? ' and removed it from the vault' : ''}.`);
        onRevoked();
      } else fail(r.error);
      await onChanged();
    });
  };

  const flags = onFlagNames(k.flags);
  return (
    // Focusable by script only: a new or saved key is focused here.
    <tr data-key-id={k.id} tabIndex={-1}>
      <td>#{k.id}</td>
      <td>{k.description || <span className="empty">No description</span>}</td>
      <td>{flags.length ? flags.join(', ') : <span className="empty">none</span>}</td>
      <td>{k.createdAt ? <time dateTime={k.createdAt}>{formatDate(k.createdAt)}</time> : ''}</td>
      <td>{k.vaultId ? <span className="syncano-in-vault">In vault</span> : <span className="empty">Not stored</span>}</td>
      <td className="actions">
        {k.vaultId ? (
          <button type="button" className="button button-small" onClick={() => void copy()} aria-disabled={busy || undefined}>
            Copy
          </button>
        ) : (
          <button type="button" className="button button-small" onClick={() => setHaving(true)} aria-disabled={busy || undefined}>
            I have this key
          </button>
        )}
        {having && <HaveKeyDialog k={k} accountId={accountId} onClose={() => setHaving(false)} onStored={() => void onChanged()} />}
        <button type="button" className="button button-small" data-edit onClick={onEdit} aria-disabled={busy || undefined}>
          Edit
        </button>
        <button type="button" className="button button-small" onClick={() => void reset()} aria-disabled={busy || undefined}>
          Reset
        </button>
        <button type="button" className="button button-small button-quiet-danger" onClick={() => void revoke()} aria-disabled={busy || undefined}>
          Revoke
        </button>
      </td>
    </tr>
  );
}

/** What the key search looks in: the id (as #191 or 191), description, flags and vault state. */
const keySearchText = (k: SyncanoApiKey) => [`#${k.id}`, k.description, ...onFlagNames(k.flags), k.vaultId ? 'in vault' : 'not stored'].join('\n').toLowerCase();

export function ApiKeys({ accountId, instance, fail }: { accountId: string; instance: string; fail(e: ErrorInfo): void }) {
  const [keys, setKeys] = useState<SyncanoApiKey[] | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  // A key row (or its Edit button) to focus once the list shows it.
  const [focusKey, setFocusKey] = useState<{ id: number; on: 'row' | 'edit' } | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const createRef = useRef<HTMLButtonElement>(null);
  const [focusCreate, setFocusCreate] = useState(0);
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
    setQuery('');
    void run(load);
  }, [load, run]);

  const index = useMemo(() => new Map((keys ?? []).map((k) => [k.id, keySearchText(k)])), [keys]);
  const visible = useMemo(() => {
    const words = deferredQuery.trim().toLowerCase().split(/\s+/).filter(Boolean);
    if (!keys || words.length === 0) return keys ?? [];
    return keys.filter((k) => {
      const hay = index.get(k.id) ?? '';
      // "#191" and "191" both find key 191.
      return words.every((w) => hay.includes(w) || hay.includes(`#${w}`));
    });
  }, [keys, index, deferredQuery]);

  useEffect(() => {
    if (!focusKey || !keys) return;
    if (!keys.some((k) => k.id === focusKey.id)) return;
    if (!visible.some((k) => k.id === focusKey.id)) {
      // Hidden by the search: the person is working on it, so show everything.
      setQuery('');
      return;
    }
    const row = tableRef.current?.querySelector<HTMLElement>(`tr[data-key-id="${focusKey.id}"]`);
    const target = focusKey.on === 'edit' ? row?.querySelector<HTMLElement>('[data-edit]') : row;
    if (focusInView(target)) setFocusKey(null);
  }, [focusKey, keys, visible]);

  const formDone = (d: FormDone, opened: Draft) => {
    setDraft(null);
    if (d.changed) {
      if (d.keyId !== undefined) setFocusKey({ id: d.keyId, on: 'row' });
      void run(load);
    } else if (opened.mode === 'edit') setFocusKey({ id: opened.key.id, on: 'edit' });
    // A new key not made: back to the button that opened the form (enabled again once the form
    // has gone).
    else setFocusCreate((n) => n + 1);
  };
  useEffect(() => {
    if (focusCreate && !draft) createRef.current?.focus();
  }, [focusCreate, draft]);
  const form = (d: Draft) => (
    <KeyForm key={d.mode === 'edit' ? d.key.id : 'new'} draft={d} accountId={accountId} instance={instance} fail={fail} onDone={(done) => formDone(done, d)} />
  );
  const revoked = (id: number) => {
    const i = visible.findIndex((k) => k.id === id);
    const next = visible[i + 1] ?? visible[i - 1];
    if (next) setFocusKey({ id: next.id, on: 'row' });
    else searchRef.current?.focus();
  };
  const filtered = deferredQuery.trim() !== '';

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
          <button ref={createRef} type="button" className="button button-primary" onClick={() => setDraft({ mode: 'create' })} disabled={draft !== null}>
            Create API key
          </button>
        </div>
      </div>
      {draft?.mode === 'create' && form(draft)}
      {keys && keys.length > 0 && (
        <div className="toolbar" role="search">
          <div className="toolbar-field toolbar-search">
            <label htmlFor="syncano-key-search" className="visually-hidden">
              Search API keys
            </label>
            <input
              id="syncano-key-search"
              ref={searchRef}
              data-search
              aria-keyshortcuts="Control+F Meta+F"
              type="search"
              placeholder="Search id, description, flag…"
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
          </div>
        </div>
      )}
      {keys && keys.length > 0 && (
        <p className="list-summary" aria-live="polite">
          {filtered ? `${visible.length} of ${keys.length} keys match.` : `${keys.length} ${keys.length === 1 ? 'key' : 'keys'}.`}
        </p>
      )}
      {busy && <Busy label="Loading API keys…" />}
      {keys && keys.length === 0 && <p className="empty">This instance has no API keys yet.</p>}
      {keys && keys.length > 0 && (
        <div className="card table-card">
          <table ref={tableRef} className="syncano-table" aria-label={`API keys of ${instance}`}>
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
              {visible.map((k) => (
                <Fragment key={k.id}>
                  <KeyRow k={k} accountId={accountId} fail={fail} onChanged={load} onEdit={() => setDraft({ mode: 'edit', key: k })} onRevoked={() => revoked(k.id)} />
                  {/* The edit form opens where the key is, not at the top of a long list. */}
                  {draft?.mode === 'edit' && draft.key.id === k.id && (
                    <tr className="syncano-edit-row">
                      <td colSpan={6}>{form(draft)}</td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
