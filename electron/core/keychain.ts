// @process: core
// The port to the OS keychain and its keytar adapter. Each entry's account name carries the
// token's essential metadata (never the secret), so the catalog can be rebuilt from the keychain
// alone if it is lost.
import { createRequire } from 'node:module';
import { VaultError } from './errors';
import type { KeychainProblem } from './model';

export interface KeychainEntry {
  account: string;
  secret: string;
}

export interface KeychainPort {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
  /** Reads every entry, secrets included: used only to rebuild a lost catalog. */
  findAll(): Promise<KeychainEntry[]>;
}

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** What to tell a person, per OS, when the keychain cannot be used. */
export function keychainProblem(platform: NodeJS.Platform, cause: string): KeychainProblem {
  if (platform === 'darwin') {
    return {
      message: `The macOS Keychain refused the request (${cause}).`,
      fix: 'Open Keychain Access, unlock the login keychain, and allow Synvault when macOS asks.',
    };
  }
  if (platform === 'win32') {
    return {
      message: `Windows Credential Manager refused the request (${cause}).`,
      fix: 'Sign in to Windows with your own account (Credential Manager is per user) and try again.',
    };
  }
  return {
    message: `No usable Secret Service keychain on the session D-Bus (${cause}).`,
    fix: 'Install and start a Secret Service provider — gnome-keyring (sudo apt install gnome-keyring), KWallet 5.97 or later, or KeePassXC with Secret Service enabled — and unlock it, then restart Synvault.',
  };
}

/** Reduces a keytar/libsecret error to a short cause that cannot contain a secret. */
function describeCause(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/DBUS_SESSION_BUS_ADDRESS|autolaunch|dbus/i.test(text)) return 'no D-Bus session';
  if (/org\.freedesktop\.secrets|not provided by any \.service/i.test(text)) return 'no Secret Service provider';
  if (/locked|dismissed|cancel/i.test(text)) return 'the keychain is locked or the prompt was dismissed';
  if (/cannot find module|keytar\.node|was compiled against/i.test(text)) return 'the keychain module is not built for this runtime';
  return 'the keychain returned an error';
}

export class KeychainUnavailable extends VaultError {
  readonly problem: KeychainProblem;
  constructor(problem: KeychainProblem) {
    super('keychain-unavailable', `${problem.message} ${problem.fix}`);
    this.problem = problem;
  }
}

export function keytarKeychain(service: string, platform: NodeJS.Platform = process.platform): KeychainPort {
  let keytar: Keytar | undefined;
  const load = (): Keytar => {
    if (keytar) return keytar;
    try {
      // Loaded lazily: a broken native module must become a banner, not a crash at start-up.
      keytar = createRequire(__filename)('keytar') as Keytar;
      return keytar;
    } catch (err) {
      throw new KeychainUnavailable(keychainProblem(platform, describeCause(err)));
    }
  };
  const guard = async <T>(op: (k: Keytar) => Promise<T>): Promise<T> => {
    if (platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
      throw new KeychainUnavailable(keychainProblem(platform, 'no D-Bus session'));
    }
    const k = load();
    try {
      return await op(k);
    } catch (err) {
      throw new KeychainUnavailable(keychainProblem(platform, describeCause(err)));
    }
  };
  return {
    get: (account) => guard((k) => k.getPassword(service, account)),
    set: (account, secret) => guard((k) => k.setPassword(service, account, secret)),
    delete: (account) => guard((k) => k.deletePassword(service, account)),
    findAll: () => guard(async (k) => (await k.findCredentials(service)).map((c) => ({ account: c.account, secret: c.password }))),
  };
}

/** Wraps a port to count secret reads (benchmarks and tests prove listing makes none). */
export function countingKeychain(inner: KeychainPort): KeychainPort & { reads: () => number } {
  let reads = 0;
  return {
    get: (a) => {
      reads++;
      return inner.get(a);
    },
    set: (a, s) => inner.set(a, s),
    delete: (a) => inner.delete(a),
    findAll: () => {
      reads++;
      return inner.findAll();
    },
    reads: () => reads,
  };
}

// --- account-name encoding -------------------------------------------------------------------

/** The metadata an entry carries so the catalog can be rebuilt. */
export interface EntryMeta {
  id: string;
  service: string;
  label: string;
  account?: string;
  addedAt: string;
}

const PREFIX = 'synvault1:';

export function encodeAccount(meta: EntryMeta): string {
  const { id, ...rest } = meta;
  return `${PREFIX}${id}:${Buffer.from(JSON.stringify(rest), 'utf8').toString('base64url')}`;
}

export function decodeAccount(account: string): EntryMeta | null {
  if (!account.startsWith(PREFIX)) return null;
  const body = account.slice(PREFIX.length);
  const colon = body.indexOf(':');
  if (colon < 1) return null;
  try {
    const rest = JSON.parse(Buffer.from(body.slice(colon + 1), 'base64url').toString('utf8')) as Omit<EntryMeta, 'id'>;
    if (typeof rest.service !== 'string' || typeof rest.label !== 'string' || typeof rest.addedAt !== 'string') return null;
    return { id: body.slice(0, colon), ...rest };
  } catch {
    return null;
  }
}
