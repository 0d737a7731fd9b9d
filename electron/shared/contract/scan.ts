// @process: shared
// Scan: plaintext tokens found in files on this machine (docs/scan.md). What crosses the contract
// holds no secret: a finding is an opaque id, where it is, what it is and a masked preview; the
// main process keeps the values of the last scan's findings for the actions that need them.
import { z } from 'zod';
import { channel } from './define';
import type { Service, TokenKind } from '../kinds';
import type { TokenSummary } from '../model';
import { optionalLabelInput } from '../services/add-inputs';

/** One token found in a file. */
export interface ScanFinding {
  /** Opaque, for the actions on this finding (add, remove from .synapseConfig, verify, open). */
  id: string;
  service: Service;
  kind: TokenKind;
  /** The file, as walked (a link's own path). */
  path: string;
  /** 1-based line in the file. */
  line: number;
  /** In a notebook, where Jupyter shows it: "cell 4", "cell 4, output". */
  where?: string;
  /** Masked as the vault's list masks a token. */
  preview: string;
  /** The vault entry that already holds this token (same fingerprint), or null. */
  inVault: { id: string; label: string } | null;
  /** .synapseConfig (or a backup): the sections whose authtoken is this token. Remove takes the
   * token out of exactly these, as import --remove does. Absent for other files. */
  configSections?: string[];
  /** Why the token cannot be taken out of this .synapseConfig by Synvault (it comes from
   * [DEFAULT], sits in a comment or another key, or the file cannot be parsed as the client
   * parses it). */
  configNote?: string;
}

/** Why a scan ended before it had looked at everything. */
export type ScanStopped = 'cancelled' | 'time' | 'entries' | 'findings';

export interface ScanCounts {
  /** Regular files met in the folders walked. */
  filesSeen: number;
  /** Files read and searched. */
  filesRead: number;
  found: number;
}

export interface ScanSkipped {
  /** Folders not entered: dependencies, caches, version-control internals, environments. */
  folders: number;
  /** Folders deeper than the depth limit. */
  tooDeep: number;
  /** Files over the size limit. */
  tooLarge: number;
  /** Files with a NUL byte near the start. */
  binary: number;
  /** Links not followed: to a folder, out of the tree, broken or looping. */
  links: number;
  /** Files and folders that could not be read (permissions). */
  unreadable: number;
}

export interface ScanReport extends ScanCounts {
  scanId: string;
  /** The starting folders (or files), as real paths. */
  roots: string[];
  startedAt: string;
  elapsedMs: number;
  skipped: ScanSkipped;
  stopped: ScanStopped | null;
  findings: ScanFinding[];
  /** Set when the vault's list could not be read: inVault is then unknown (null everywhere). */
  vaultProblem?: string;
}

/** A scan in progress or done, as the window polls it. */
export type ScanStatus =
  | ({ state: 'running'; scanId: string; elapsedMs: number } & ScanCounts)
  | ({ state: 'done' } & ScanReport)
  | { state: 'failed'; scanId: string; message: string };

/** What verifying a found token says. */
export interface ScanVerifyResult {
  state: 'valid' | 'invalid' | 'forbidden';
  detail: string;
}

export interface ScanRemoveResult {
  /** Sections whose authtoken line was deleted. */
  removed: string[];
  note: string;
  warnings: string[];
}

/** The most folders one scan starts from. */
export const SCAN_PATHS_MAX = 20;

const scanPath = z
  .string()
  .trim()
  .min(1, 'Give a folder to scan.')
  .max(4096, 'That path is too long.')
  .refine((p) => p.startsWith('/') || p === '~' || p.startsWith('~/') || /^[A-Za-z]:[\\/]/.test(p), 'Give a full path (starting with / or ~/).');
const scanId = z.string().uuid('That scan is no longer open. Scan again.');
const findingId = z.string().uuid('That finding is no longer open. Scan again.');
const byFinding = z.object({ findingId }).strict();

export const scanChannels = {
  /** Starts a scan of the home folder, or of the folders given; answers at once (state running). */
  scanStart: channel<ScanStatus>()(z.object({ paths: z.array(scanPath).max(SCAN_PATHS_MAX, `At most ${SCAN_PATHS_MAX} folders at once.`).optional() }).strict()),
  /** Where the scan is; once done, its report. */
  scanStatus: channel<ScanStatus>()(z.object({ scanId }).strict()),
  /** Stops the scan; what it found so far is kept. */
  scanCancel: channel<ScanStatus>()(z.object({ scanId }).strict()),
  /** Adds a finding's token to the vault; `account` is the add form's account field for its kind. */
  scanAddFinding: channel<TokenSummary>()(
    z
      .object({
        findingId,
        label: optionalLabelInput,
        account: z.string().trim().max(300, 'That is too long.').optional(),
      })
      .strict(),
  ),
  /** Takes a .synapseConfig finding's token out of that file, once the vault holds it. */
  scanRemoveFromConfig: channel<ScanRemoveResult>()(byFinding),
  /** Asks the token's service whether it works. */
  scanVerifyFinding: channel<ScanVerifyResult>()(byFinding),
  /** Shows the finding's file in the file manager; answers its place either way. */
  scanOpenFolder: channel<{ path: string; line: number; opened: boolean }>()(byFinding),
};
