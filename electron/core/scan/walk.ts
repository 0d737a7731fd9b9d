// @process: core
// The walk: every file below the starting folders that Scan reads (rules.ts says which), in a
// stable order (names sorted, a folder's files before its subfolders), skipping what the rules
// skip, within the depth, entry and time limits, and stopping when the signal aborts.
//
// Links: a linked FILE is read when its target is inside one of the starting folders (a dotfile
// manager links ~/.synapseConfig to ~/dotfiles/…), under the link's own name. A linked FOLDER is
// never followed: inside the tree its target is walked at its own place anyway, outside it is out
// of the tree — and so no link can lead the walk round in a loop.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileKind, fileKindGiven, isEnvironment, isSkippedFolder, MAX_DEPTH, MAX_ENTRIES, type FileKind } from './rules';

export interface FileToRead {
  /** The path as walked (a link's own path, not its target's). */
  path: string;
  kind: FileKind;
}

/** Why a walk ended before it had seen everything. */
export type StopReason = 'cancelled' | 'time' | 'entries';

export interface WalkCounts {
  /** Regular files met in the folders walked (read or not) — the "files seen" of the progress. */
  filesSeen: number;
  /** Folders not entered, by reason. */
  skippedFolders: number;
  skippedEnvironments: number;
  tooDeep: number;
  /** Links not followed: a linked folder, a link leading out of the tree, a broken link, a loop. */
  linkedFolders: number;
  linksOutside: number;
  brokenLinks: number;
  /** Folders that could not be listed (permissions). */
  unreadableFolders: number;
  stopped: StopReason | null;
}

export const newWalkCounts = (): WalkCounts => ({
  filesSeen: 0,
  skippedFolders: 0,
  skippedEnvironments: 0,
  tooDeep: 0,
  linkedFolders: 0,
  linksOutside: 0,
  brokenLinks: 0,
  unreadableFolders: 0,
  stopped: null,
});

export interface WalkOptions {
  signal?: AbortSignal;
  /** Absolute time (by `now`) after which the walk stops. */
  deadline: number;
  now: () => number;
  maxDepth?: number;
  maxEntries?: number;
}

const inside = (real: string, roots: readonly string[]) => roots.some((r) => real === r || real.startsWith(r.endsWith(path.sep) ? r : r + path.sep));

/** The starting points as real paths (a starting folder given through a link is walked). A path
 * that does not exist throws ENOENT: the caller checks them first and says which. */
export async function resolveRoots(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const real = await fs.promises.realpath(path.resolve(p));
    if (!out.includes(real)) out.push(real);
  }
  return out;
}

/** Yields each file to read. `counts` is filled in as it goes (the progress reads it). */
export async function* walkFiles(roots: readonly string[], opts: WalkOptions, counts: WalkCounts): AsyncGenerator<FileToRead> {
  const maxDepth = opts.maxDepth ?? MAX_DEPTH;
  const maxEntries = opts.maxEntries ?? MAX_ENTRIES;
  let entries = 0;
  const stop = (): boolean => {
    if (counts.stopped) return true;
    if (opts.signal?.aborted) counts.stopped = 'cancelled';
    else if (opts.now() > opts.deadline) counts.stopped = 'time';
    else if (entries > maxEntries) counts.stopped = 'entries';
    return counts.stopped !== null;
  };

  for (const root of roots) {
    if (stop()) return;
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(root);
    } catch {
      counts.unreadableFolders++;
      continue;
    }
    if (st.isFile()) {
      counts.filesSeen++;
      yield { path: root, kind: fileKindGiven(path.basename(root)) };
      continue;
    }
    if (!st.isDirectory()) continue;
    // Depth-first with an explicit stack (no recursion to overflow), subfolders pushed in reverse
    // so they come off in name order.
    const stack: Array<{ dir: string; depth: number }> = [{ dir: root, depth: 0 }];
    while (stack.length) {
      if (stop()) return;
      const { dir, depth } = stack.pop()!;
      let dirents: fs.Dirent[];
      try {
        dirents = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        counts.unreadableFolders++;
        continue;
      }
      entries += dirents.length;
      if (depth > 0 && isEnvironment(dirents.map((d) => d.name))) {
        counts.skippedEnvironments++;
        continue;
      }
      dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const subdirs: string[] = [];
      for (const d of dirents) {
        const p = path.join(dir, d.name);
        if (d.isDirectory()) {
          // Skipped by name without being listed; an environment is known only once listed.
          if (isSkippedFolder(d.name)) counts.skippedFolders++;
          else if (depth + 1 > maxDepth) counts.tooDeep++;
          else subdirs.push(p);
          continue;
        }
        if (d.isSymbolicLink()) {
          const target = await followLink(p, roots, counts);
          if (target === 'file') {
            counts.filesSeen++;
            const kind = fileKind(d.name);
            if (kind) yield { path: p, kind };
          }
          continue;
        }
        if (!d.isFile()) continue;
        counts.filesSeen++;
        const kind = fileKind(d.name);
        if (!kind) continue;
        if (stop()) return;
        yield { path: p, kind };
      }
      for (let i = subdirs.length - 1; i >= 0; i--) stack.push({ dir: subdirs[i]!, depth: depth + 1 });
    }
  }
}

/** What a link leads to, counting what is not followed. */
async function followLink(link: string, roots: readonly string[], counts: WalkCounts): Promise<'file' | null> {
  let real: string;
  try {
    real = await fs.promises.realpath(link);
  } catch {
    // ENOENT: the target is gone; ELOOP: links that lead to each other.
    counts.brokenLinks++;
    return null;
  }
  if (!inside(real, roots)) {
    counts.linksOutside++;
    return null;
  }
  let st: fs.Stats;
  try {
    st = await fs.promises.stat(real);
  } catch {
    counts.brokenLinks++;
    return null;
  }
  if (st.isDirectory()) {
    counts.linkedFolders++;
    return null;
  }
  return st.isFile() ? 'file' : null;
}
