// @process: shared
// Synapse channels: sign-in to create and revoke tokens, verify, sync with the server, and
// export to / import from ~/.synapseConfig. Results hold no secret: export previews mask the
// token, import candidates are named by their section.
import { z } from 'zod';
import { channel } from './define';
import { tokenId } from './vault';
import type { TokenSummary } from '../model';
import type { RotationReport } from './rotate';
import { PAT_SCOPES, PROFILE_NAME, PROFILE_NAME_WORDING, TOKEN_NAME, USERNAME_MAX } from '../services/synapse';
import { fieldSchema, optionalLabelInput } from '../services/add-inputs';

// A user name or any of the account's e-mails: Synapse accepts either at sign-in.
const username = z.string().trim().min(1, 'Enter your Synapse user name or e-mail.').max(USERNAME_MAX, `A user name or e-mail has at most ${USERNAME_MAX} characters.`);
// Not trimmed: a password may begin or end with a space.
const password = z.string().min(1, 'Enter your Synapse password.').max(1000, 'That password is too long.');
/** The sign-in fields every password call shares (create, revoke, rotate). */
export const synapseSignIn = { username, password };
export { PAT_SCOPES } from '../services/synapse';
const profile = z
  .string()
  .trim()
  .regex(PROFILE_NAME, PROFILE_NAME_WORDING)
  .default('default');
const filePath = z
  .string()
  .trim()
  .max(4096, 'That path is too long.')
  .refine((p) => p === '' || p.startsWith('/') || p.startsWith('~/') || /^[A-Za-z]:[\\/]/.test(p), 'Give a full path (starting with / or ~/).')
  .optional()
  .transform((p) => (p === '' ? undefined : p));
const recordId = z.string().regex(/^[0-9]{1,20}$/, 'A Synapse token id is a number.');
const version = z.string().regex(/^[0-9a-f]{16}$/, 'Preview the file again.').optional();

export const createInput = z
  .object({
    username,
    password,
    name: fieldSchema(TOKEN_NAME),
    scopes: z.array(z.enum(PAT_SCOPES)).min(1, 'Choose at least one permission.').default(['view']),
    label: optionalLabelInput,
    /** Go on even though the account is at the token cap (Synapse then deletes its least recently used token). */
    allowEvictOldest: z.boolean().default(false),
  })
  .strict()
  .refine((v) => v.scopes.includes('view'), { message: 'Keep "View" on: the Synapse clients refuse a token without it.', path: ['scopes'] });

export const revokeInput = z
  .object({ id: tokenId.optional(), recordId: recordId.optional(), username, password })
  .strict()
  .refine((v) => (v.id === undefined) !== (v.recordId === undefined), { message: 'Choose one token to revoke.', path: ['id'] });

/** The second half of a two-factor sign-in: the challenge a create or revoke answered with, and a
 * code from the authenticator app or a recovery code. The password is not sent again. */
export const twoFactorInput = z
  .object({
    challenge: z.string().uuid('Sign in again with your password.'),
    code: z.string().trim().min(1, 'Enter the code.').max(64, 'That code is too long.'),
    codeType: z.enum(['TOTP', 'RECOVERY_CODE']).default('TOTP'),
  })
  .strict();

const exportBase = {
  id: tokenId,
  profile,
  path: filePath,
  removePlaintext: z.boolean().default(false),
  /** Write over a section whose username names someone else; their username, password and apikey go. */
  replaceOtherUser: z.boolean().default(false),
};
export const exportPreviewInput = z.object(exportBase).strict();
/** Write takes the preview's plan: exactly what was previewed is written, or nothing (the file
 * changed since, or the plan expired). */
export const exportInput = z.object({ planId: z.string().uuid('Preview the export again.') }).strict();
export const importScanInput = z.object({ path: filePath }).strict();
export const importInput = z
  .object({
    path: filePath,
    sections: z.array(z.string().min(1).max(200)).max(100),
    /** Then delete the imported tokens' authtoken lines from the file (and any `authtoken =` left empty). */
    removeFromFile: z.boolean().default(false),
    version,
  })
  .strict()
  .refine((v) => v.sections.length > 0 || v.removeFromFile, { message: 'Choose at least one token to import.', path: ['sections'] });

export type EndpointSource = 'synapseConfig' | 'settings' | 'environment' | 'default';
export interface SynapseEndpointInfo {
  auth: string;
  repo: string;
  source: { auth: EndpointSource; repo: EndpointSource };
  configFile: string;
  /** Why an address may not be used (not https, or not an address), naming where it came from;
   * while this is not empty every Synapse call is refused before it is sent. */
  refused: string[];
}

export interface CreateResult {
  token: TokenSummary;
  warnings: string[];
}

/** A create or revoke whose sign-in needs a second factor: nothing was done yet. The main process
 * keeps the challenge (never the password) for `expiresAt`; synapseTwoFactor finishes it. */
export interface TwoFactorChallenge {
  needsTwoFactor: true;
  challenge: string;
  expiresAt: string;
}

export type TwoFactorDone =
  | { action: 'create'; created: CreateResult }
  | { action: 'revoke'; revoked: RevokeResult }
  /** A rotation whose sign-in asked for the second factor (contract/rotate.ts). */
  | { action: 'rotate'; rotated: RotationReport };

export interface VerifyResult {
  token: TokenSummary;
  state: 'valid' | 'invalid' | 'forbidden';
  detail: string;
  userName?: string;
  ownerId?: string;
}

export interface SyncRow {
  recordId: string;
  /** The vault entry, when the token is in the vault. */
  tokenId?: string;
  label?: string;
  /** The name Synapse knows it by. */
  name?: string;
  /** gone = not on the server any more (GONE_WORDING in services/synapse.ts). */
  state: 'ACTIVE' | 'EXPIRED' | 'gone';
  scopes?: string[];
  createdOn?: string;
  lastUsed?: string;
  /** Days until Synapse expires it for disuse (EXPIRY_DAYS after last use); 0 when expired. */
  daysLeft?: number;
  inVault: boolean;
}

export interface SyncUser {
  userId: string;
  username?: string;
  /** Tokens Synapse holds for this user — what its 100-token cap counts: the rows that are not
   * `gone` — or null when it could not be asked. */
  total: number | null;
  nearCap: boolean;
  error?: string;
  rows: SyncRow[];
}

/** Built from what the vault keeps (each token's server state, and the tokens outside the vault
 * as of the last sync), so it survives a restart and follows every revoke, remove and verify. */
export interface SyncReport {
  /** When the last sync ran. */
  at: string;
  users: SyncUser[];
  warnings: string[];
}

export interface RevokeResult {
  recordId: string;
  /** The vault entry removed after the revoke, if there was one. */
  removedId?: string;
}

export interface ExportPreview {
  /** Names the plan the main process keeps (with the token, never sent) for synapseExport. */
  planId: string;
  /** When the plan is dropped; after that, preview again. */
  expiresAt: string;
  path: string;
  realPath: string;
  symlink: boolean;
  exists: boolean;
  version: string;
  profile: string;
  sections: Array<{
    name: string;
    created: boolean;
    preview: string[];
    plaintext: string[];
    /** Every key the write changes (old → new; null = absent), secrets masked. */
    changes: Array<{ key: string; before: string | null; after: string | null }>;
    /** The section's username when it names someone other than the token's owner. */
    otherUser?: string;
  }>;
  username: { action: 'set'; value: string } | { action: 'removed' } | { action: 'none' };
  backupPath: string | null;
  /** At most this many backups are kept (the synapseConfigBackups setting; 0 = none). */
  backupLimit: number;
  /** Older backups the write will remove to stay within the limit. */
  backupsRemoved: string[];
  warnings: string[];
  needsClient49: boolean;
}

export interface ExportDone {
  path: string;
  realPath: string;
  backupPath: string | null;
  backupLimit: number;
  /** Older backups removed to stay within the limit. */
  backupsRemoved: string[];
  sections: string[];
  profile: string;
  verified: true;
}

export interface ImportCandidate {
  /** Sections that resolve to this token; the first names it when importing. */
  sections: string[];
  preview: string;
  username?: string;
  recordId?: string;
  userId?: string;
  scopes?: string[];
  fromDefaults: boolean;
  /** The vault entry holding the same token, if any. */
  inVault: { id: string; label: string } | null;
  /** Why it cannot be imported (not a PAT, ...). */
  problem?: string;
}

export interface ImportScan {
  path: string;
  exists: boolean;
  version: string;
  candidates: ImportCandidate[];
  /** Sections with an empty `authtoken =` line: the client then sends no token and never reads
   * SYNAPSE_AUTH_TOKEN. Import with removeFromFile deletes those lines. */
  emptyTokens: string[];
}

export interface ImportDone {
  imported: TokenSummary[];
  skipped: Array<{ section: string; reason: string }>;
  /** Sections whose authtoken line was deleted from the file. */
  removed: string[];
  /** What the file now means for each profile the removal touched. */
  note?: string;
  /** Profiles that do not hand over to SYNAPSE_AUTH_TOKEN after the removal, and why. */
  warnings: string[];
}

const none = z.object({}).strict();
const byId = z.object({ id: tokenId }).strict();

export const synapseChannels = {
  synapseEndpoints: channel<SynapseEndpointInfo>()(none),
  synapseCreateToken: channel<CreateResult | TwoFactorChallenge>()(createInput),
  synapseVerifyToken: channel<VerifyResult>()(byId),
  synapseSync: channel<SyncReport>()(none),
  /** The last sync as it stands now (no call to Synapse): null when there was none. */
  synapseSyncState: channel<SyncReport | null>()(none),
  synapseRevoke: channel<RevokeResult | TwoFactorChallenge>()(revokeInput),
  synapseTwoFactor: channel<TwoFactorDone>()(twoFactorInput),
  /** Opens the token page on synapse.org (the web path: Google accounts have no password). */
  synapseOpenTokenPage: channel<{ url: string; opened: boolean }>()(none),
  synapseExportPreview: channel<ExportPreview>()(exportPreviewInput),
  synapseExport: channel<ExportDone>()(exportInput),
  synapseImportScan: channel<ImportScan>()(importScanInput),
  synapseImport: channel<ImportDone>()(importInput),
};
