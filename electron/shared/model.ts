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
