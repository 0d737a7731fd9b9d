// @process: core
// One scan: walk the starting folders (walk.ts), read each file Scan reads — not too large, not
// binary — and find the tokens in it (candidates.ts, notebook.ts). For a .synapseConfig, also
// which sections the Synapse client reads each token from (the import code's own reading), so
// the token can be taken out the way import --remove takes it out. Reads only: writes nothing.
import * as fs from 'node:fs';
import { findTokens, MAX_FINDINGS_PER_FILE, type Found } from './candidates';
import { findInNotebook } from './notebook';
import { BINARY_SNIFF_BYTES, MAX_FILE_BYTES, MAX_SCAN_MS, type FileKind } from './rules';
import { newWalkCounts, walkFiles, type WalkCounts } from './walk';
import { scanFile } from '../services/synapse/config';
import type { ScanSkipped, ScanStopped } from '../../shared/contract/scan';

/** At most this many findings per scan, values included, are kept in memory; past it the scan
 * stops and says so. A home folder with more plaintext tokens than this needs a different tool. */
export const MAX_FINDINGS = 10_000;

/** Files read at once: enough to keep the disk busy while one is searched, few enough that the
 * buffers in flight stay small (at most this many × MAX_FILE_BYTES). */
export const READ_CONCURRENCY = 8;

/** How often progress is told, at most. */
export const PROGRESS_MS = 100;

/** A token found, with its value: stays in the main process. */
export interface FoundToken extends Found {
  path: string;
  where?: string;
  /** .synapseConfig only: how the client reads this token from the file (see ScanFinding). */
  config?: { sections: string[]; version: string } | { note: string };
}

export interface ScanProgress {
  filesSeen: number;
  filesRead: number;
  found: number;
  elapsedMs: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  now?: () => number;
  /** Stop after this long (MAX_SCAN_MS by default). */
  maxMs?: number;
  maxDepth?: number;
}

export interface ScanRun {
  found: FoundToken[];
  filesSeen: number;
  filesRead: number;
  skipped: ScanSkipped;
  stopped: ScanStopped | null;
  elapsedMs: number;
}

type ReadResult = { text: string } | { skip: 'tooLarge' | 'binary' | 'unreadable' };

// Node's callback calls, not fs.promises: a FileHandle costs about twice as much per file
// (measured on 10,000 small files), and a scan is mostly opening small files.
const call = <T>(fn: (cb: (err: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> =>
  new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));

/** The text of a file Scan reads, or why it was not read. Opened without blocking, so a FIFO
 * that slipped past the walk's checks cannot hang the scan. */
export async function readCandidate(file: string): Promise<ReadResult> {
  let fd: number;
  try {
    fd = await call<number>((cb) => fs.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0), cb));
  } catch {
    return { skip: 'unreadable' };
  }
  try {
    const st = await call<fs.Stats>((cb) => fs.fstat(fd, cb));
    if (!st.isFile()) return { skip: 'unreadable' };
    if (st.size > MAX_FILE_BYTES) return { skip: 'tooLarge' };
    const buf = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < buf.length) {
      const n = await call<number>((cb) => fs.read(fd, buf, got, buf.length - got, got, cb));
      if (n === 0) break;
      got += n;
    }
    const bytes = buf.subarray(0, got);
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { skip: 'binary' };
    return { text: bytes.toString('utf8') };
  } catch {
    return { skip: 'unreadable' };
  } finally {
    fs.close(fd, () => undefined);
  }
}

/** The tokens in one file's text. */
export function tokensIn(file: string, kind: FileKind, text: string, max: number): FoundToken[] {
  if (kind === 'notebook') {
    const nb = findInNotebook(text, max);
    if (nb) return nb.map((f) => ({ ...f, path: file }));
  }
  const found: FoundToken[] = findTokens(text, { max, ...(kind === 'history' ? { contextLines: 0 } : {}) }).map((f) => ({ ...f, path: file }));
  if (kind === 'synapse-config' && found.some((f) => f.service === 'synapse')) placeInConfig(file, found);
  return found;
}

/** Which sections of a .synapseConfig each Synapse token is read from, by the import code's own
 * reading of the file (configparser's rules) — or why it cannot be taken out. */
function placeInConfig(file: string, found: FoundToken[]): void {
  let read: ReturnType<typeof scanFile>;
  try {
    read = scanFile(file);
  } catch (err) {
    const why = err instanceof Error ? err.message : 'it cannot be read';
    for (const f of found) if (f.service === 'synapse') f.config = { note: `Synvault does not change this file: ${why}` };
    return;
  }
  for (const f of found) {
    if (f.service !== 'synapse') continue;
    const t = read.tokens.find((x) => x.token === f.secret);
    if (!t) f.config = { note: 'The Synapse client does not read this token from the file (it is not the authtoken of a section it reads); delete the line yourself.' };
    else if (t.fromDefaults) f.config = { note: 'This token comes from [DEFAULT], which configparser applies to every section; delete that line yourself if no section needs it.' };
    else f.config = { sections: t.sections, version: read.file.version };
  }
}

const toSkipped = (w: WalkCounts, files: { tooLarge: number; binary: number; unreadable: number }): ScanSkipped => ({
  folders: w.skippedFolders + w.skippedEnvironments,
  tooDeep: w.tooDeep,
  tooLarge: files.tooLarge,
  binary: files.binary,
  links: w.linkedFolders + w.linksOutside + w.brokenLinks,
  unreadable: w.unreadableFolders + files.unreadable,
});

/** Scans the given real paths (resolveRoots). Resolves when done, stopped or cancelled; never
 * rejects for a file or folder it cannot read (those are counted). */
export async function runScan(roots: readonly string[], opts: RunOptions = {}): Promise<ScanRun> {
  const now = opts.now ?? Date.now;
  const started = now();
  const walkCounts = newWalkCounts();
  const files = { tooLarge: 0, binary: 0, unreadable: 0 };
  let filesRead = 0;
  const found: FoundToken[] = [];
  let full = false;
  let lastTold = 0;
  const progress = (force: boolean) => {
    if (!opts.onProgress) return;
    const t = now();
    if (!force && t - lastTold < PROGRESS_MS) return;
    lastTold = t;
    opts.onProgress({ filesSeen: walkCounts.filesSeen, filesRead, found: found.length, elapsedMs: t - started });
  };
  const walk = walkFiles(roots, { signal: opts.signal, deadline: started + (opts.maxMs ?? MAX_SCAN_MS), now, ...(opts.maxDepth !== undefined ? { maxDepth: opts.maxDepth } : {}) }, walkCounts);
  // A few readers pull from the one walk (an async generator hands out one file per next()).
  const reader = async () => {
    for (;;) {
      if (full) return;
      const next = await walk.next();
      if (next.done) return;
      const { path: file, kind } = next.value;
      const r = await readCandidate(file);
      if ('skip' in r) files[r.skip]++;
      else {
        filesRead++;
        const room = MAX_FINDINGS - found.length;
        if (room > 0) found.push(...tokensIn(file, kind, r.text, Math.min(room, MAX_FINDINGS_PER_FILE)));
        if (found.length >= MAX_FINDINGS) full = true;
      }
      progress(false);
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, reader));
  await walk.return(undefined);
  progress(true);
  // Readers finish out of order: the report is sorted by place.
  found.sort((a, b) => (a.path === b.path ? a.line - b.line : a.path < b.path ? -1 : 1));
  return {
    found,
    filesSeen: walkCounts.filesSeen,
    filesRead,
    skipped: toSkipped(walkCounts, files),
    stopped: full ? 'findings' : walkCounts.stopped,
    elapsedMs: now() - started,
  };
}
