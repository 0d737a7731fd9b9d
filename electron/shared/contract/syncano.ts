// @process: shared
// Syncano's channels: sign in for the account key, then manage the instance API keys that
// account key owns. Every channel that talks to Syncano names the vault entry whose key it uses
// (`accountId`), never a key itself: keys travel from the keychain to Syncano inside the main
// process only.
import { z } from 'zod';
import { channel } from './define';
import { tokenId } from './vault';
import type { TokenSummary } from '../model';
import { EMAIL_MAX, INSTANCE_MAX, INSTANCE_NAME, INSTANCE_WORDING, SYNCANO_FLAGS, type SyncanoFlag, type SyncanoFlags } from '../services/syncano';
import { secretInput } from '../services/add-inputs';
import { secretIn, secretInFieldWords } from '../recognise';

export { SYNCANO_FLAGS, type SyncanoFlag, type SyncanoFlags } from '../services/syncano';

export interface SyncanoInstance {
  name: string;
  description: string;
  createdAt: string | null;
  /** The caller's role in the instance (e.g. "full", or "api_key" for an instance key). */
  role: string | null;
}

/** An instance API key as Syncano lists it — without its value. */
export interface SyncanoApiKey {
  id: number;
  instance: string;
  description: string;
  flags: SyncanoFlags;
  createdAt: string | null;
  /** The vault entry holding this key, when there is one. */
  vaultId: string | null;
}

export interface SyncanoSignInResult {
  token: TokenSummary;
  /** True when an account key for this e-mail was already in the vault and was refreshed. */
  replaced: boolean;
}

export interface SyncanoApiKeyResult {
  key: SyncanoApiKey;
  /** The vault entry now holding the key (null when the key is not in the vault). */
  token: TokenSummary | null;
}

const email = z.string().trim().max(EMAIL_MAX, `An e-mail address has at most ${EMAIL_MAX} characters.`);
// The server judges missing fields and wrong values, so its own messages reach the person;
// these limits only keep absurd payloads out.
const password = z.string().max(1000, 'That password is too long.');
const instance = z
  .string()
  .trim()
  .min(1, 'Pick an instance.')
  .max(INSTANCE_MAX, `An instance name has at most ${INSTANCE_MAX} characters.`)
  .regex(INSTANCE_NAME, INSTANCE_WORDING);
const keyId = z.number({ message: 'Unknown API key id.' }).int('Unknown API key id.').positive('Unknown API key id.');
const description = z
  .string()
  .trim()
  .refine((v) => secretIn(v) === null, { error: (issue) => secretInFieldWords('A description', secretIn(issue.input as string)!) })
  .max(200, 'A description has at most 200 characters.');
const flags = z.object(Object.fromEntries(SYNCANO_FLAGS.map((f) => [f, z.boolean().default(false)])) as Record<SyncanoFlag, z.ZodDefault<z.ZodBoolean>>).strict();

const onKey = z.object({ accountId: tokenId, instance, keyId }).strict();

export const syncanoChannels = {
  /** POST /v1.1/account/auth/ — stores the account key; the password is used once and dropped. */
  syncanoSignIn: channel<SyncanoSignInResult>()(z.object({ email, password }).strict()),
  /** Verifies a stored Syncano key (account or instance) and records the outcome. */
  syncanoVerify: channel<TokenSummary>()(z.object({ id: tokenId }).strict()),
  /** POST /v1.1/account/reset_key/ — the new key replaces the old one in the keychain. */
  syncanoResetAccountKey: channel<TokenSummary>()(z.object({ id: tokenId }).strict()),
  syncanoListInstances: channel<SyncanoInstance[]>()(z.object({ accountId: tokenId }).strict()),
  syncanoListApiKeys: channel<SyncanoApiKey[]>()(z.object({ accountId: tokenId, instance }).strict()),
  /** Creates a key at Syncano and stores it in the keychain straight away. */
  syncanoCreateApiKey: channel<SyncanoApiKeyResult>()(
    z.object({ accountId: tokenId, instance, description: description.default(''), flags: flags.prefault({}) }).strict(),
  ),
  syncanoUpdateApiKey: channel<SyncanoApiKeyResult>()(
    z.object({ accountId: tokenId, instance, keyId, description, flags }).strict(),
  ),
  /** Resets a key at Syncano; the new value replaces (or becomes) its vault entry. */
  syncanoResetApiKey: channel<SyncanoApiKeyResult>()(onKey),
  /** "I have this key": a key pasted against its row is stored once Syncano confirms it is that
   * key (docs/services/syncano.md) — nothing is reset. */
  syncanoStoreApiKey: channel<SyncanoApiKeyResult>()(z.object({ accountId: tokenId, instance, keyId, secret: secretInput }).strict()),
  /** Deletes a key at Syncano (204), then removes it from the vault. */
  syncanoRevokeApiKey: channel<{ keyId: number; removedId: string | null }>()(onKey),
};
