// @process: core
// Syncano's use cases: sign in for the account key, reset it, and create / edit / reset / revoke
// the instance API keys it owns. Each one is ordered so a failure loses nothing: a key Syncano
// has just issued is written to the keychain before anything else happens, and when that write
// fails the key is handed back once (VaultError.rescueSecret) rather than dropped.
import { systemClock, type Clock } from '../../clipboard';
import { endpointFor } from '../../config';
import type { SyncanoApiKey, SyncanoInstance } from '../../../shared/contract/syncano';
import { LABEL_MAX } from '../../../shared/services/define';
import { onFlagNames, toFlags, type SyncanoFlag } from '../../../shared/services/syncano';
import { fieldError, VaultError } from '../../../shared/errors';
import { checkPaste } from '../../../shared/paste';
import { kindPhrase, secretIn } from '../../../shared/recognise';
import type { HandlerGroup } from '../../handlers';
import type { TokenSummary } from '../../../shared/model';
import { SyncanoClient, type SyncanoAccount, type SyncanoApiKeyObject, type SyncanoClientOptions } from './client';
import type { CoreParts } from '../../parts';
import type { ReportedPatch } from '../../token-store';

export interface SyncanoDeps extends SyncanoClientOptions {
  clock?: Clock;
}


export const accountLabel = (a: Pick<SyncanoAccount, 'first_name' | 'last_name' | 'email'>): string => {
  const name = [a.first_name, a.last_name].filter((s) => typeof s === 'string' && s.trim() !== '').join(' ').trim();
  return `Account key — ${name || a.email}`.slice(0, LABEL_MAX);
};

/** What a key Syncano answers 403 "No such API Key." for is: unknown to it. */
export const UNKNOWN_KEY_DETAIL = 'Syncano does not know this key (revoked or reset).';
const isUnknownKey = (err: unknown): err is VaultError => err instanceof VaultError && err.status === 403 && /no such api key/i.test(err.message);

/** The label a key Syncano issued gets: its description, which may have been written anywhere —
 * one holding a secret is not copied into the catalog (secretIn, docs/paste-recognition.md). */
export const apiKeyLabel = (k: Pick<SyncanoApiKeyObject, 'id' | 'description'>): string =>
  (k.description?.trim() && secretIn(k.description) === null ? `API key — ${k.description.trim()}` : `API key #${k.id}`).slice(0, LABEL_MAX);

export function syncanoHandlers(
  parts: Pick<CoreParts, 'config' | 'tokens' | 'activity' | 'settings'> & { clock?: Clock },
  deps: SyncanoDeps = {},
): HandlerGroup<
  | 'syncanoSignIn'
  | 'syncanoVerify'
  | 'syncanoResetAccountKey'
  | 'syncanoListInstances'
  | 'syncanoListApiKeys'
  | 'syncanoCreateApiKey'
  | 'syncanoUpdateApiKey'
  | 'syncanoResetApiKey'
  | 'syncanoRevokeApiKey'
  | 'syncanoStoreApiKey'
> {
  const { config, tokens, activity, settings } = parts;
  const clock = deps.clock ?? parts.clock ?? systemClock;
  const nowIso = () => new Date(clock.now()).toISOString();
  /** A key as Syncano just described it: its flags, as of now (TokenSummary.server). */
  const reported = (k: Partial<Record<SyncanoFlag, unknown>>) => ({ flags: onFlagNames(k), server: { service: 'syncano' as const, at: nowIso() } });
  /** Read on every call so a changed setting applies at once. */
  const client = () => new SyncanoClient(endpointFor(config, 'syncano', settings.get().syncanoEndpoint), deps);

  async function accountKey(accountId: string): Promise<{ token: TokenSummary; key: string }> {
    const token = await tokens.get(accountId);
    if (token.kind !== 'syncano-account-key') {
      throw new VaultError('invalid-input', `"${token.label}" is not a Syncano account key; only an account key can manage instances and API keys.`);
    }
    return { token, key: await tokens.secret(accountId) };
  }

  /** An account key Syncano no longer knows (reset elsewhere, or never one it issued) is marked
   * so on its entry, so the Syncano tab stops opening on it; the person is told what to do. */
  async function unknownAccountKey(token: TokenSummary, err: unknown): Promise<never> {
    if (!isUnknownKey(err)) throw err;
    await tokens.update(token.id, { verification: { state: 'invalid', detail: UNKNOWN_KEY_DETAIL, at: nowIso() } }).catch(() => undefined);
    throw new VaultError(
      'forbidden',
      `Syncano does not know the account key “${token.label}” (No such API Key.): it was reset, or it is not an account key Syncano issued. Sign in again to store the current one.`,
      { status: 403 },
    );
  }

  async function vaultEntryFor(instance: string, keyId: number): Promise<TokenSummary | undefined> {
    return (await tokens.list()).find(
      (t) => t.kind === 'syncano-api-key' && t.recordId === String(keyId) && t.account === instance,
    );
  }

  function describe(instance: string, k: SyncanoApiKeyObject, vaultId: string | null): SyncanoApiKey {
    return {
      id: k.id,
      instance,
      description: typeof k.description === 'string' ? k.description : '',
      flags: toFlags(k),
      createdAt: typeof k.created_at === 'string' ? k.created_at : null,
      vaultId,
    };
  }

  /** Stores a key Syncano has just issued; if the keychain refuses, the key is returned once in
   * the error so the person can keep it (the token store's rescue path). */
  function storeIssued(instance: string, k: SyncanoApiKeyObject, what: string): Promise<TokenSummary> {
    return tokens.storeIssued(
      { service: 'syncano', kind: 'syncano-api-key', label: apiKeyLabel(k), account: instance, recordId: String(k.id), ...reported(k) },
      k.api_key,
      { issued: `Syncano ${what} API key #${k.id}` },
    );
  }

  return {
    async syncanoSignIn({ email, password }) {
      const account = await client().signIn(email, password);
      if (typeof account.account_key !== 'string') {
        throw new VaultError('service', 'Syncano accepted the sign-in but sent no account key.');
      }
      const who = typeof account.email === 'string' && account.email ? account.email : email;
      const label = accountLabel({ ...account, email: who });
      const existing = (await tokens.list()).find((t) => t.kind === 'syncano-account-key' && t.account === who);
      if (existing) {
        // One account key per administrator: signing in again refreshes the same entry.
        let token: TokenSummary;
        try {
          token = await tokens.replaceIssued(existing.id, account.account_key, { issued: 'Syncano sent the account key' }, { label });
        } catch (err) {
          // Unlike a reset, nothing was lost: signing in again fetches the same key.
          if (err instanceof VaultError && err.rescueSecret !== undefined) {
            throw new VaultError(err.code, 'Synvault could not write the account key to the keychain. Make the keychain usable (see the banner) and sign in again.');
          }
          throw err;
        }
        activity.record('updated', token, 'signed in again');
        return { token, replaced: true };
      }
      const token = await tokens.store({ service: 'syncano', kind: 'syncano-account-key', label, account: who }, account.account_key);
      activity.record('added', token, 'signed in to Syncano');
      return { token, replaced: false };
    },

    async syncanoVerify({ id }) {
      const token = await tokens.get(id);
      if (token.service !== 'syncano') throw new VaultError('invalid-input', `"${token.label}" is not a Syncano key.`);
      const key = await tokens.secret(id);
      const api = client();
      const at = nowIso();
      let patch: Partial<TokenSummary>;
      try {
        if (token.kind === 'syncano-account-key') {
          const me = await api.account(key);
          patch = { verification: { state: 'valid', detail: `Account key of ${me.email}.`, at }, verifiedAt: at };
          // An account key belongs to an e-mail; Syncano says which, so a pasted key (or one stored
          // with an instance name in its place) now names its account.
          if (typeof me.email === 'string' && me.email !== '' && me.email !== token.account) patch.account = me.email;
        } else if (token.account) {
          // An instance key listing its instance's keys sees only itself.
          const mine = await api.apiKeys(key, token.account);
          const self = mine.length === 1 ? mine[0] : undefined;
          patch = { verification: { state: 'valid', detail: `API key of instance ${token.account}.`, at }, verifiedAt: at };
          if (self) {
            Object.assign(patch, reported(self));
            if (!token.recordId) patch.recordId = String(self.id);
          }
        } else {
          // A pasted key with no instance: the instances list shows only the key's own instance,
          // and that instance's key list only the key itself — its id is what a later reset or
          // revoke by the account key finds the entry by.
          const [inst] = await api.instances(key);
          patch = { verification: { state: 'valid', detail: inst ? `API key of instance ${inst.name}.` : 'Syncano accepted the key.', at }, verifiedAt: at };
          if (inst) {
            patch.account = inst.name;
            const mine = await api.apiKeys(key, inst.name);
            const self = mine.length === 1 ? mine[0] : undefined;
            if (self) {
              Object.assign(patch, reported(self));
              if (!token.recordId) patch.recordId = String(self.id);
            }
          }
        }
      } catch (err) {
        if (err instanceof VaultError && err.status === 403) {
          const state = /no such api key/i.test(err.message) ? 'invalid' : 'forbidden';
          const detail = state === 'invalid' ? UNKNOWN_KEY_DETAIL : err.message;
          const updated = await tokens.update(id, { verification: { state, detail, at } });
          activity.record('verified', updated, state);
          return updated;
        }
        throw err;
      }
      const updated = await tokens.update(id, patch);
      activity.record('verified', updated, 'valid');
      return updated;
    },

    async syncanoResetAccountKey({ id }) {
      const { token, key } = await accountKey(id);
      const account = await client().resetAccountKey(key);
      if (typeof account.account_key !== 'string') {
        throw new VaultError('service', 'Syncano reset the account key but did not send the new one. Sign in again to fetch it.');
      }
      try {
        const updated = await tokens.replaceIssued(id, account.account_key, { issued: 'Syncano reset the account key' });
        activity.record('reset', updated, 'account key reset at Syncano');
        return updated;
      } catch (err) {
        activity.record('reset', token, 'account key reset at Syncano; the new key could not be stored');
        throw err;
      }
    },

    async syncanoListInstances({ accountId }) {
      const { token, key } = await accountKey(accountId);
      const list = await client().instances(key).catch((err: unknown) => unknownAccountKey(token, err));
      return list.map(
        (i): SyncanoInstance => ({
          name: i.name,
          description: typeof i.description === 'string' ? i.description : '',
          createdAt: typeof i.created_at === 'string' ? i.created_at : null,
          role: typeof i.role === 'string' ? i.role : null,
        }),
      );
    },

    async syncanoListApiKeys({ accountId, instance }) {
      const { token: account, key } = await accountKey(accountId);
      const keys = await client().apiKeys(key, instance).catch((err: unknown) => unknownAccountKey(account, err));
      const held = (await tokens.list()).filter((t) => t.kind === 'syncano-api-key' && t.account === instance && t.recordId);
      const stored = new Map(held.map((t) => [t.recordId!, t]));
      // Flags changed elsewhere (Syncano's dashboard) reach the vault's entries. Only a difference
      // is written: a list shown again and again writes nothing.
      const changed = new Map<string, ReportedPatch>();
      for (const k of keys) {
        const t = stored.get(String(k.id));
        if (t && (!t.server || onFlagNames(k).join() !== (t.flags ?? []).join())) changed.set(t.id, reported(k));
      }
      await tokens.updateReported(changed);
      return keys.map((k) => describe(instance, k, stored.get(String(k.id))?.id ?? null));
    },

    async syncanoCreateApiKey({ accountId, instance, description, flags }) {
      const { key } = await accountKey(accountId);
      const created = await client().createApiKey(key, instance, { description, ...flags });
      if (typeof created.api_key !== 'string') throw new VaultError('service', `Syncano created API key #${created.id} but did not send its value.`);
      const token = await storeIssued(instance, created, 'created');
      activity.record('created', token, `instance ${instance}${onFlagNames(created).length ? `, flags ${onFlagNames(created).join(', ')}` : ''}`);
      return { key: describe(instance, created, token.id), token };
    },

    async syncanoUpdateApiKey({ accountId, instance, keyId, description, flags }) {
      const { key } = await accountKey(accountId);
      const updated = await client().updateApiKey(key, instance, keyId, { description, ...flags });
      const entry = await vaultEntryFor(instance, keyId);
      let token: TokenSummary | null = null;
      if (entry) {
        token = await tokens.update(entry.id, { label: apiKeyLabel(updated), ...reported(updated) });
        activity.record('updated', token, 'description and flags changed at Syncano');
      }
      return { key: describe(instance, updated, token?.id ?? null), token };
    },

    async syncanoResetApiKey({ accountId, instance, keyId }) {
      const { key } = await accountKey(accountId);
      const reset = await client().resetApiKey(key, instance, keyId);
      if (typeof reset.api_key !== 'string') throw new VaultError('service', `Syncano reset API key #${keyId} but did not send the new value.`);
      const entry = await vaultEntryFor(instance, keyId);
      let token: TokenSummary;
      if (entry) {
        try {
          token = await tokens.replaceIssued(entry.id, reset.api_key, { issued: `Syncano reset API key #${keyId}` }, reported(reset));
        } catch (err) {
          activity.record('reset', entry, 'reset at Syncano; the new key could not be stored');
          throw err;
        }
      } else {
        // The old value was never here; the new one is kept so the reset does not lose it.
        token = await storeIssued(instance, reset, 'reset');
      }
      activity.record('reset', token, `instance ${instance}`);
      return { key: describe(instance, reset, token.id), token };
    },

    async syncanoStoreApiKey({ accountId, instance, keyId, secret: raw }) {
      // The paste is checked by the add path's rules before anything is sent anywhere.
      const { secret, decoded } = checkPaste('syncano', raw);
      if (decoded.kind !== 'syncano-api-key') {
        throw fieldError('syncanoStoreApiKey', 'invalid-input', `This is ${kindPhrase(decoded.kind)}, not an instance API key, so it is not API key #${keyId}.`, {
          secret: `This is ${kindPhrase(decoded.kind)}.`,
        });
      }
      const { token: account, key } = await accountKey(accountId);
      const k = await client()
        .apiKey(key, instance, keyId)
        .catch((err: unknown) => unknownAccountKey(account, err));
      // Syncano answers a key with its value (`api_key`, a read-only field of the object), so the
      // paste is compared with it; nothing is reset and nothing is sent with the pasted value.
      if (typeof k.api_key !== 'string') throw new VaultError('service', `Syncano answered API key #${keyId} without its value, so the paste cannot be checked. Nothing was stored.`);
      if (k.api_key.toLowerCase() !== secret) {
        throw fieldError('syncanoStoreApiKey', 'invalid-input', `That is not API key #${keyId} of ${instance}: Syncano holds another value for it. Nothing was stored.`, {
          secret: `Not the value of API key #${keyId}.`,
        });
      }
      const at = nowIso();
      const token = await tokens.store(
        {
          service: 'syncano',
          kind: 'syncano-api-key',
          label: apiKeyLabel(k),
          account: instance,
          recordId: String(k.id),
          ...reported(k),
          verification: { state: 'valid', detail: `API key of instance ${instance}.`, at },
          verifiedAt: at,
        },
        secret,
        decoded,
      );
      activity.record('added', token, `pasted against API key #${keyId} of ${instance}, which Syncano confirmed`);
      return { key: describe(instance, k, token.id), token };
    },

    async syncanoRevokeApiKey({ accountId, instance, keyId }) {
      const { key } = await accountKey(accountId);
      // Only a confirmed delete at Syncano removes the local copy.
      await client().deleteApiKey(key, instance, keyId);
      const entry = await vaultEntryFor(instance, keyId);
      if (!entry) return { keyId, removedId: null };
      const removed = await tokens.remove(entry.id);
      activity.record('revoked', removed, `deleted at Syncano (instance ${instance})`);
      return { keyId, removedId: entry.id };
    },
  };
}
