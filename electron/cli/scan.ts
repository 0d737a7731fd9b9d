// @process: cli
// `synvault scan [PATH…] [--json]`: plaintext tokens in files, one line (or one JSON object) per
// finding on stdout, masked as the list masks them; progress and the summary on stderr. Exit 0
// when nothing is found, 1 when something is, 2 on a usage error (docs/scan.md).
import type { Core } from '../core/app-core';
import type { ScanProgress } from '../core/scan/scan';
import type { ScanFinding, ScanReport } from '../shared/contract/scan';
import { VaultError } from '../shared/errors';
import { KIND_NAMES, SERVICE_NAMES } from '../shared/services';
import type { ParsedArgs } from './args';
import type { CliIo } from './cli';

/** A terminal's progress line is redrawn at most this often. */
const PROGRESS_MS = 200;

const OPTIONS = new Set(['json']);

/** A usage error: runCli prints it and exits 2 (as args.ts signals one). */
const usage = (message: string) => Object.assign(new Error(message), { usage: true });

/** What --json prints per finding: the fields the issue names, plus a notebook's cell. */
export function findingJson(f: ScanFinding): Record<string, unknown> {
  const o: Record<string, unknown> = { service: f.service, kind: f.kind, path: f.path, line: f.line, inVault: f.inVault !== null, preview: f.preview };
  if (f.where) o.where = f.where;
  return o;
}

export function findingLine(f: ScanFinding): string {
  const held = f.inVault ? `in the vault as "${f.inVault.label}"` : 'not in the vault';
  return `${f.path}:${f.line}${f.where ? ` (${f.where})` : ''}  ${SERVICE_NAMES[f.service]} ${KIND_NAMES[f.kind]}  ${f.preview}  ${held}`;
}

const n = (x: number) => x.toLocaleString('en');

function summary(r: ScanReport): string {
  const s = r.skipped;
  const skipped = [
    s.folders && `${n(s.folders)} folders (dependencies, caches, environments, .git)`,
    s.tooDeep && `${n(s.tooDeep)} folders too deep`,
    s.tooLarge && `${n(s.tooLarge)} files over the size limit`,
    s.binary && `${n(s.binary)} binary files`,
    s.links && `${n(s.links)} links to folders, out of the tree or broken`,
    s.unreadable && `${n(s.unreadable)} unreadable`,
  ].filter(Boolean);
  const lines = [
    `Scanned ${r.roots.join(', ')}: ${n(r.filesSeen)} files seen, ${n(r.filesRead)} read, in ${(r.elapsedMs / 1000).toFixed(1)} s. ${r.found ? `${n(r.found)} token${r.found === 1 ? '' : 's'} found.` : 'No token found.'}`,
  ];
  if (skipped.length) lines.push(`Skipped: ${skipped.join('; ')}.`);
  const stopped = {
    cancelled: 'The scan was cancelled: files after that point were not read.',
    time: 'The scan stopped at its time limit: files after that point were not read.',
    entries: 'The scan stopped at its limit of folder entries: files after that point were not read.',
    findings: 'The scan stopped at its limit of findings: files after that point were not read.',
  } as const;
  if (r.stopped) lines.push(stopped[r.stopped]);
  if (r.vaultProblem) lines.push(r.vaultProblem);
  if (r.found) lines.push('Add them in the window (Scan), or with "synvault add"; a .synapseConfig token moves with "synvault synapse-config import --remove".');
  return lines.map((l) => `synvault: ${l}\n`).join('');
}

export async function scanCommand(core: Core, a: ParsedArgs, io: CliIo): Promise<number> {
  const unknown = a.names().filter((o) => !OPTIONS.has(o));
  if (unknown.length) throw usage(`Unknown option --${unknown[0]}. Usage: synvault scan [PATH…] [--json]`);
  if (a.rest.length) throw usage('Usage: synvault scan [PATH…] [--json]');
  const json = a.flag('json');
  // Progress only on a terminal, where one line is redrawn in place: in a log or a pipe it would
  // be hundreds of lines nobody reads, and the summary at the end says the same.
  const tty = (io.stderr as { isTTY?: boolean }).isTTY === true;
  let last = 0;
  const onProgress = (p: ScanProgress) => {
    const t = Date.now();
    if (t - last < PROGRESS_MS) return;
    last = t;
    io.stderr.write(`\r\x1b[Kscanning: ${n(p.filesSeen)} files seen, ${n(p.filesRead)} read, ${n(p.found)} found`);
  };
  // Ctrl-C stops the walk; what was found so far is still printed.
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);
  let report: ScanReport;
  try {
    report = await core.scanner.scan({ paths: a.positional, signal: controller.signal, ...(tty ? { onProgress } : {}) });
  } catch (err) {
    if (err instanceof VaultError && err.code === 'not-found') throw usage(err.message);
    throw err;
  } finally {
    process.removeListener('SIGINT', onSigint);
    if (tty) io.stderr.write('\r\x1b[K');
  }
  for (const f of report.findings) io.stdout.write((json ? JSON.stringify(findingJson(f)) : findingLine(f)) + '\n');
  io.stderr.write(summary(report));
  if (report.stopped === 'cancelled') return 130;
  return report.found ? 1 : 0;
}
