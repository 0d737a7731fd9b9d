// @process: core
// The port to the OS keychain and its keytar adapter. Each entry's account name carries the
// token's essential metadata (never the secret), so the catalog can be rebuilt from the keychain
// alone if it is lost.
import { VaultError } from '../shared/errors';
import type { KeychainProblem } from '../shared/model';

export interface KeychainEntry {
  account: string;
  secret: string;
}

export interface KeychainPort {
  /** The secret, or null when the keychain (known to be unlocked) has no such entry. */
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when an entry was deleted, false when the keychain (known to be unlocked) had none. */
  delete(account: string): Promise<boolean>;
  /** Reads every entry, secrets included: used only to rebuild or reconcile the catalog. */
  findAll(): Promise<KeychainEntry[]>;
  /** Proves the keychain can be written and read (a marker entry), or throws KeychainUnavailable. */
  probe(): Promise<void>;
}

interface Keytar {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** The account name of the marker entry the probe writes; it carries no secret. */
export const PROBE_ACCOUNT = 'synvault-probe';
/** How every probe's marker begins (then the writer's pid and time). */
const PROBE_MARK = 'probe-';
/** How much older than this probe another's marker may be and still prove the keychain kept a write. */
const PROBE_SLACK_MS = 30_000;

/** What happened, alone: where a secret was just refused (and is shown once), "your tokens are
 * safe in it" would be untrue of that one. */
export const lockedHeadline = (cause: string): string => `The keychain is locked (${cause}).`;

/** What to tell a person, per OS, when the keychain cannot be used. */
export function keychainProblem(platform: NodeJS.Platform, cause: string, state: KeychainProblem['state'] = 'unavailable'): KeychainProblem {
  if (state === 'locked') {
    const where = platform === 'darwin' ? 'the login keychain (Keychain Access)' : platform === 'win32' ? 'your Windows session' : 'your keyring';
    return {
      state,
      message: `${lockedHeadline(cause)} Your tokens are safe in it; Synvault cannot read or change them until it is unlocked.`,
      fix: `Unlock ${where} — it is usually unlocked when you log in — then press Retry.`,
    };
  }
  if (platform === 'darwin') {
    return {
      state,
      message: `The macOS Keychain refused the request (${cause}).`,
      fix: 'Open Keychain Access, unlock the login keychain, and allow Synvault when macOS asks.',
    };
  }
  if (platform === 'win32') {
    return {
      state,
      message: `Windows Credential Manager refused the request (${cause}).`,
      fix: 'Sign in to Windows with your own account (Credential Manager is per user) and try again.',
    };
  }
  return {
    state,
    message: `No usable Secret Service keychain on the session D-Bus (${cause}).`,
    fix: 'Install and start a Secret Service provider — gnome-keyring (sudo apt install gnome-keyring), KWallet 5.97 or later, or KeePassXC with Secret Service enabled — and unlock it, then restart Synvault.',
  };
}

/** Reduces a keytar/libsecret error to a short cause that cannot contain a secret. */
function describeCause(err: unknown): { cause: string; locked: boolean } {
  const text = err instanceof Error ? err.message : String(err);
  if (/locked collection|is locked|locked/i.test(text)) return { cause: 'the keyring has not been unlocked', locked: true };
  if (/dismissed|cancel/i.test(text)) return { cause: 'the unlock prompt was dismissed', locked: true };
  if (/DBUS_SESSION_BUS_ADDRESS|autolaunch|dbus/i.test(text)) return { cause: 'no D-Bus session', locked: false };
  if (/org\.freedesktop\.secrets|not provided by any \.service/i.test(text)) return { cause: 'no Secret Service provider', locked: false };
  if (/cannot find module|keytar\.node|was compiled against/i.test(text)) return { cause: 'the keychain module is not built for this runtime', locked: false };
  return { cause: 'the keychain returned an error', locked: false };
}

export class KeychainUnavailable extends VaultError {
  readonly problem: KeychainProblem;
  /** What happened, for a message beside a secret the keychain refused: a locked keychain's
   * without its reassurance or its Retry (see lockedHeadline); any other with its fix. */
  readonly headline: string;
  constructor(problem: KeychainProblem, headline = `${problem.message} ${problem.fix}`) {
    super(problem.state === 'locked' ? 'keychain-locked' : 'keychain-unavailable', `${problem.message} ${problem.fix}`);
    this.problem = problem;
    this.headline = headline;
  }
}

/** The error for a keychain that refused, from its short cause. */
export function keychainRefused(platform: NodeJS.Platform, cause: string, state: KeychainProblem['state']): KeychainUnavailable {
  const problem = keychainProblem(platform, cause, state);
  return state === 'locked' ? new KeychainUnavailable(problem, lockedHeadline(cause)) : new KeychainUnavailable(problem);
}

/** Runs an operation on keytar, loaded on first use, turning every failure — no D-Bus session, a
 * module that will not load, an error from the keychain — into KeychainUnavailable. */
function keytarGuard(platform: NodeJS.Platform) {
  let keytar: Keytar | undefined;
  const fail = (err: unknown): never => {
    const { cause, locked } = describeCause(err);
    throw keychainRefused(platform, cause, locked ? 'locked' : 'unavailable');
  };
  const load = (): Keytar => {
    if (keytar) return keytar;
    try {
      // Loaded lazily: a broken native module must become a banner, not a crash at start-up.
      // A plain require: createRequire would load node:module, which Node has not loaded at start.
      keytar = require('keytar') as Keytar;
      return keytar;
    } catch (err) {
      return fail(err);
    }
  };
  return async <T>(op: (k: Keytar) => Promise<T>): Promise<T> => {
    if (platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
      throw new KeychainUnavailable(keychainProblem(platform, 'no D-Bus session'));
    }
    const k = load();
    try {
      return await op(k);
    } catch (err) {
      return fail(err);
    }
  };
}

/**
 * The keytar adapter. It works around keytar/libsecret behaviour on a locked Secret Service
 * collection (see docs/keychain.md):
 * - `findCredentials` crashes the process (SIGSEGV), so it is never called before a probe has
 *   proved the collection unlocked;
 * - `getPassword` answers null and `deletePassword` false, exactly as for a missing entry, so
 *   those answers are only believed after a probe;
 * - `setPassword` fails with "Cannot create an item in a locked collection", which is the one
 *   call that tells locked apart — hence the probe is a write (and a read back) of a marker.
 */
export function keytarKeychain(service: string, platform: NodeJS.Platform = process.platform): KeychainPort {
  const guard = keytarGuard(platform);
  // Every process writes the same marker entry, so a probe may read back another's marker: the
  // window's and the command line's at once. What proves the keychain readable is reading back a
  // recent marker — ours or another's (a locked collection answers null; one left by a run long
  // ago would not prove this write was kept). A marker carries its writer's start, and a probe
  // begun a little earlier may write after ours: hence the slack. Demanding our own marker turned
  // two probes at once into a false "locked".
  const fresh = (): Promise<void> =>
    guard(async (k) => {
      const started = Date.now();
      await k.setPassword(service, PROBE_ACCOUNT, `${PROBE_MARK}${process.pid}-${started}`);
      const back = await k.getPassword(service, PROBE_ACCOUNT);
      const written = back?.startsWith(PROBE_MARK) ? Number(back.slice(back.lastIndexOf('-') + 1)) : Number.NaN;
      if (!(written >= started - PROBE_SLACK_MS)) throw new Error('locked: the marker entry did not read back');
    });
  // A null read or a failed delete, asked about while a probe runs, shares it: both only need to
  // know the keychain answers. A status (the window's Retry) always probes afresh, so an unlock
  // made while an older probe waited is seen.
  let running: Promise<void> | null = null;
  const shared = (): Promise<void> =>
    (running ??= fresh().finally(() => {
      running = null;
    }));
  return {
    get: async (account) => {
      const secret = await guard((k) => k.getPassword(service, account));
      if (secret === null) await shared();
      return secret;
    },
    set: (account, secret) => guard((k) => k.setPassword(service, account, secret)),
    delete: async (account) => {
      const deleted = await guard((k) => k.deletePassword(service, account));
      if (!deleted) await shared();
      return deleted;
    },
    findAll: async () => {
      await shared();
      const all = await guard((k) => k.findCredentials(service));
      return all.filter((c) => c.account !== PROBE_ACCOUNT).map((c) => ({ account: c.account, secret: c.password }));
    },
    probe: fresh,
  };
}

/** One read of a secret that does not tell a locked keychain from a missing entry — null for both —
 * and so writes nothing (no probe). For the CLI's fast path only: it hands a null, or any failure,
 * to the full command line, whose port probes and says which it was. */
export function keytarLookup(service: string, platform: NodeJS.Platform = process.platform): (account: string) => Promise<string | null> {
  const guard = keytarGuard(platform);
  return (account) => guard((k) => k.getPassword(service, account));
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
    probe: () => inner.probe(),
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
