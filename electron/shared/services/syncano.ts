// @process: shared
// Syncano: the account key and the instance API keys, told apart by their last hex digit, the
// four flags of an API key, the API base, and the variable exec hands a key over in
// (docs/services/syncano.md).
import { invalid } from '../errors';
import { defineService, type Decoded } from './define';
import { text } from './fields';

/** The four flags of an instance API key, in the order the window shows them. */
export const SYNCANO_FLAGS = ['ignore_acl', 'allow_user_create', 'allow_group_create', 'allow_anonymous_read'] as const;
export type SyncanoFlag = (typeof SYNCANO_FLAGS)[number];
export type SyncanoFlags = Record<SyncanoFlag, boolean>;

/** Each flag explained in one line (after Syncano's guide to keys; the guide says nothing more of
 * allow_group_create than its name does). */
export const FLAG_INFO: Record<SyncanoFlag, { title: string; explain: string }> = {
  ignore_acl: { title: 'Ignore permissions (ignore_acl)', explain: 'The key skips the permissions set on this instance’s resources — it is not held back by them.' },
  allow_user_create: { title: 'Create users (allow_user_create)', explain: 'The key may create users, which a plain API key cannot.' },
  allow_group_create: { title: 'Create groups (allow_group_create)', explain: 'The key may create groups, as the flag above does for users.' },
  allow_anonymous_read: { title: 'Anonymous read (allow_anonymous_read)', explain: 'The key may read classes and data objects whose other_permissions are read or higher.' },
};

/** A key's flags from anything that may carry them (a Syncano answer, a partial patch): only a
 * flag that is exactly true is on. */
export const toFlags = (k: Partial<Record<SyncanoFlag, unknown>>): SyncanoFlags =>
  Object.fromEntries(SYNCANO_FLAGS.map((f) => [f, k[f] === true])) as SyncanoFlags;
export const NO_FLAGS: SyncanoFlags = toFlags({});
/** The names of the flags that are on, in the window's order. */
export const onFlagNames = (k: Partial<Record<SyncanoFlag, unknown>>): SyncanoFlag[] => SYNCANO_FLAGS.filter((f) => k[f] === true);

export const KEY_LENGTH = 40;

/** The kind a well-formed key is: Syncano tells them apart by the parity of the last hex digit
 * (docs/services/syncano.md). */
export function syncanoKeyKind(key: string): 'syncano-account-key' | 'syncano-api-key' {
  return parseInt(key.slice(-1), 16) % 2 === 0 ? 'syncano-account-key' : 'syncano-api-key';
}

export function checkSyncanoKey(value: string): Decoded<'syncano-account-key' | 'syncano-api-key'> {
  if (value === '') throw invalid(`The key is empty. Paste the ${KEY_LENGTH}-character Syncano key.`, { secret: 'Required.' });
  if (value.length !== KEY_LENGTH) {
    throw invalid(`A Syncano key has exactly ${KEY_LENGTH} hexadecimal characters; this one has ${value.length}.`, { secret: `Expected ${KEY_LENGTH} characters, got ${value.length}.` });
  }
  if (!/^[0-9a-fA-F]+$/.test(value)) {
    throw invalid('A Syncano key holds only hexadecimal characters (0-9, a-f); this one has others.', { secret: 'Only 0-9 and a-f allowed.' });
  }
  return { kind: syncanoKeyKind(value) };
}

/** An instance's name as the key paths carry it (Syncano makes them lower case, at least 5
 * characters; older or self-hosted ones may differ, so only the characters are held to). */
export const INSTANCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
export const INSTANCE_MAX = 64;
export const INSTANCE_WORDING = 'An instance name holds only letters, digits, "-" and "_".';
export const EMAIL_MAX = 254;
/** Enough to tell an e-mail address from an instance name; Syncano judges the rest at sign-in. */
export const looksLikeEmail = (v: string): boolean => /^[^\s@]+@[^\s@]+$/.test(v);

/** Whose a stored Syncano key is: an account key belongs to an account, named by its e-mail; an
 * instance API key to one instance. An account key stored before that was checked may carry an
 * instance name (docs/services/syncano.md): it is not offered as an e-mail. */
export function syncanoOwner(t: { kind: string; account?: string | undefined }): { email?: string; instance?: string } {
  if (!t.account) return {};
  if (t.kind === 'syncano-account-key') return looksLikeEmail(t.account) ? { email: t.account } : {};
  return { instance: t.account };
}

export const ACCOUNT_KEY_NOT_INSTANCE =
  'An account key belongs to a Syncano account, named by its e-mail, not to one instance: it reaches every instance of the account. Give its e-mail, or nothing, instead of an instance.';
export const API_KEY_NOT_EMAIL = 'An instance API key belongs to one instance, not to an account: name its instance instead of an e-mail.';

/** What the add form says about a pasted key's kind, or null while it is not a key. */
export const KIND_HINTS = {
  'syncano-account-key': 'This is an account key (its last digit is even): it acts as your Syncano account.',
  'syncano-api-key': 'This is an instance API key (its last digit is odd): it is limited to one instance.',
} as const;

export const syncano = defineService({
  id: 'syncano',
  name: 'Syncano',
  kinds: { 'syncano-account-key': 'Account key', 'syncano-api-key': 'Instance API key' },
  secretLabel: 'Key',
  secretHint: `The ${KEY_LENGTH}-character hexadecimal key from the Syncano dashboard.`,
  endpoints: [
    {
      key: 'syncano',
      setting: 'syncanoEndpoint',
      variable: 'SYNVAULT_SYNCANO_ENDPOINT',
      production: 'https://api.syncano.io',
      label: 'Syncano API',
      name: 'Syncano API address',
    },
  ],
  execEnv: 'SYNCANO_API_KEY',
  // Syncano issues its keys as lower-case hex and looks a key up by its exact value, while
  // accepting either case in the format check, so an upper-cased paste would be refused as "No
  // such API Key." (docs/services/syncano.md): the key is stored lower-cased, as it was issued.
  normalise: (v) => v.toLowerCase(),
  check: checkSyncanoKey,
  kindNotes: KIND_HINTS,
  shape: /^[0-9a-fA-F]{32,48}$/,
  addFields: {
    instance: text({
      presence: 'absent-if-empty',
      what: 'An instance name',
      max: INSTANCE_MAX,
      problem: (v) => (INSTANCE_NAME.test(v) ? undefined : looksLikeEmail(v) ? 'That is an e-mail address, not an instance name.' : INSTANCE_WORDING),
    }),
    email: text({
      presence: 'absent-if-empty',
      what: 'An e-mail address',
      max: EMAIL_MAX,
      problem: (v) => (looksLikeEmail(v) ? undefined : 'An account is named by its e-mail address (name@example.org).'),
    }),
  },
  // The kind decides which one is asked: the last hex digit tells it (checkSyncanoKey).
  accountFields: {
    'syncano-account-key': {
      name: 'email',
      label: 'E-mail (optional)',
      hint: 'The e-mail of the Syncano account this key belongs to. Left empty, Verify asks Syncano.',
      required: false,
    },
    'syncano-api-key': { name: 'instance', label: 'Instance (optional)', hint: 'The instance this API key belongs to. Left empty, Verify asks Syncano.', required: false },
  },
  addMeta: (input, kind) => {
    if (kind === 'syncano-account-key') {
      if (input.instance) throw invalid(ACCOUNT_KEY_NOT_INSTANCE, { instance: 'An account key is not tied to one instance.' });
      return input.email ? { account: input.email } : {};
    }
    if (input.email) throw invalid(API_KEY_NOT_EMAIL, { email: 'An instance API key belongs to an instance, not to an e-mail.' });
    return input.instance ? { account: input.instance } : {};
  },
  addOptions: [
    { flag: 'instance', field: 'instance', help: 'optional --instance (an instance API key)' },
    { flag: 'email', field: 'email', help: 'optional --email (an account key)' },
  ],
});
