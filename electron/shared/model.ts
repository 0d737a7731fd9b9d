// @process: shared
// The shapes that cross the contract. None of them holds a secret except RevealedSecret.
import type { Service, TokenKind } from './kinds';

export interface SubjectUser {
  id: string;
  note: string;
}

/** One stored credential as the list shows it: metadata only, a masked preview, no secret. */
export interface TokenSummary {
  id: string;
  service: Service;
  kind: TokenKind;
  label: string;
  /** Synapse username, Synap organisation/Portal, or Syncano instance (account e-mail for an account key). */
  account?: string;
  scopes?: string[];
  /** Syncano API key flags that are on. */
  flags?: string[];
  /** Synapse: token record id (jti); Syncano: API key id. */
  recordId?: string;
  /** Synapse: owner user id (sub). */
  userId?: string;
  /** Synap: the administrator who issued it. */
  issuedBy?: string;
  /** Synap: the Portal address (https). */
  portalUrl?: string;
  subjectUsers?: SubjectUser[];
  preview: string;
  addedAt: string;
  verifiedAt?: string;
  /** Set when the keychain (known to be unlocked) holds no secret for this entry. */
  secretMissing?: true;
  /** Last verification outcome. */
  verification?: { state: 'valid' | 'invalid' | 'forbidden'; detail: string; at: string };
  /** What the token's service last said about it, as of `server.at` (docs/architecture.md, "What
   * the catalog holds"). Written only by the token store's update path. */
  server?: ServerState;
  /** The places the vault wrote this token (docs/architecture.md, "Where used"): never the value.
   * Written only through the token store's update path (electron/core/where-used.ts). */
  usedIn?: UsedIn[];
  /** Set while this token is being rotated, and after: its successor holds its label and it
   * waits to be revoked (docs/rotate.md). Doubles as the rotation's journal. */
  rotation?: RotationMark;
}

/** One place the vault wrote a token: a `.synapseConfig` section today. The value is not kept;
 * whether the place still holds the token is read again by fingerprint (checkUsedIn). */
export interface UsedIn {
  kind: 'synapseConfig';
  /** The file as named when it was written (a symlink is written through, and named as is). */
  path: string;
  section: string;
  /** When the vault wrote it there. */
  at: string;
}

/** Where a rotation of this token stands (docs/rotate.md):
 * - `creating`: the service was asked for a successor (Synapse: a new token named
 *   `successorName`; Syncano: a reset) and Synvault has not stored one yet — if it stopped here,
 *   the service may hold a token the vault never saw;
 * - `rotated-out`: the successor (`successorId`) is stored under this token's old label; this one
 *   stays until it is revoked, and while its `usedIn` lists places they still hold it. */
export interface RotationMark {
  stage: 'creating' | 'rotated-out';
  /** When the rotation started. */
  at: string;
  successorId?: string;
  successorName?: string;
}

/** What Synapse last said about a personal access token: a sync (its list), a verify (the token's
 * own record) or a revoke that found it gone. */
export interface SynapseServerState {
  service: 'synapse';
  /** When Synapse said it. */
  at: string;
  /** ACTIVE and EXPIRED are Synapse's own words; `gone`: Synapse no longer has it (not in its
   * list, or 404) — revoked elsewhere, or deleted by the token cap: the server cannot tell which. */
  state: 'ACTIVE' | 'EXPIRED' | 'gone';
  /** The name Synapse knows it by. */
  name?: string;
  createdOn?: string;
  /** Synapse updates it at most once a minute; expiry for disuse counts from it. */
  lastUsed?: string;
}

/** When Syncano last reported the key itself (create, edit, reset, verify, a key list that
 * differed): the record's `flags` are what it said then. */
export interface SyncanoServerState {
  service: 'syncano';
  at: string;
}

/** Per service, told apart by `service` (which always equals the record's). Never a secret. */
export type ServerState = SynapseServerState | SyncanoServerState;

/** A token's server state when it is of that service's kind. */
export function serverStateOf<S extends ServerState['service']>(token: Pick<TokenSummary, 'server'>, service: S): Extract<ServerState, { service: S }> | undefined {
  return token.server?.service === service ? (token.server as Extract<ServerState, { service: S }>) : undefined;
}

export interface KeychainProblem {
  /** locked: the keychain is there but not unlocked (secrets safe); unavailable: no usable keychain. */
  state: 'locked' | 'unavailable';
  message: string;
  fix: string;
}

export interface VaultStatus {
  keychain: { ok: true } | ({ ok: false } & KeychainProblem);
  /** Things the person should know since start-up (e.g. a rebuilt catalog). */
  notices: string[];
  keychainService: string;
  dataDir: string;
}

export type ActivityAction =
  | 'added'
  | 'copied'
  | 'revealed'
  | 'removed'
  | 'exported'
  | 'imported'
  | 'created'
  | 'verified'
  | 'revoked'
  | 'reset'
  | 'rotated'
  | 'updated'
  | 'catalog-rebuilt'
  | 'handed-to-command';

export interface ActivityEntry {
  at: string;
  action: ActivityAction;
  tokenId?: string;
  label?: string;
  service?: Service;
  detail?: string;
  source: 'app' | 'cli';
}

export interface CopyReceipt {
  /** ISO time at which the clipboard will be cleared, or null when clearing is off. */
  clearsAt: string | null;
  seconds: number | null;
}

export interface RevealedSecret {
  secret: string;
  hideAfterMs: number;
}
