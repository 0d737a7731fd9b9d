// @process: test
// The vault as separate processes see it: the built CLI (fast to start, as a script would run it)
// and what is really on disk and in the keychain, to compare after concurrent or killed runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { keytarKeychain } from '../../electron/core/keychain';
import { keychainAccountOf, type CatalogRecord } from '../../electron/core/catalog';

export const root = path.join(__dirname, '..', '..');
const builtCli = path.join(root, 'dist', 'cli.js');

/** The bundled CLI; built once if this test file runs before `npm run build`. */
export function cliPath(): string {
  if (!fs.existsSync(builtCli)) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
  }
  return builtCli;
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** Starts `synvault args` and resolves when it ends. `killAfterMs` sends SIGKILL at that time;
 * `killInLock` sends it `delayMs` after a file named `match` (default: the vault's write lock)
 * appears in `dir` — inside the write. */
export function runCliProcess(
  args: string[],
  opts: { env: NodeJS.ProcessEnv; input?: string; killAfterMs?: number; killInLock?: { dir: string; delayMs: number; match?: RegExp }; timeoutMs?: number },
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cliPath(), ...args], { env: opts.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
    const timers = [setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000)];
    if (opts.killAfterMs !== undefined) timers.push(setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs));
    const watcher = opts.killInLock
      ? fs.watch(opts.killInLock.dir, (_event, name) => {
          const match = opts.killInLock!.match ?? /^vault\.lock$/;
          if (name && match.test(name)) {
            watcher?.close();
            timers.push(setTimeout(() => child.kill('SIGKILL'), opts.killInLock!.delayMs));
          }
        })
      : null;
    child.on('exit', (code, signal) => {
      watcher?.close();
      for (const t of timers) clearTimeout(t);
      resolve({ code, signal, out, err });
    });
  });
}

/** Catalog records as written on disk (throws if the file does not parse), each with the
 * keychain account its secret is under (named in the record, or the usual one: keychainAccountOf). */
export function catalogOnDisk(dataDir: string): Array<{ id: string; label: string; keychainAccount: string }> {
  const file = path.join(dataDir, 'catalog.json');
  if (!fs.existsSync(file)) return [];
  const tokens = (JSON.parse(fs.readFileSync(file, 'utf8')) as { tokens: CatalogRecord[] }).tokens;
  return tokens.map((r) => ({ ...r, keychainAccount: keychainAccountOf(r) }));
}

/** Account names of this service's entries in the keychain, without the probe's marker. */
export async function keychainAccounts(service: string): Promise<string[]> {
  return (await keytarKeychain(service).findAll()).map((e) => e.account).sort();
}

/** Temp files a crash could leave in a folder (ours end in 12 hex digits and .tmp). */
export const tempFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => /\.[0-9a-f]{12}\.tmp$/.test(n)) : []);

/** Deterministic pseudo-random numbers in [0, 1), so a failing run can be repeated. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export async function emptyKeychain(service: string): Promise<void> {
  const kc = keytarKeychain(service);
  for (const e of await kc.findAll().catch(() => [])) await kc.delete(e.account).catch(() => false);
}

/** Runs the CLI from its TypeScript source (no build needed) in its own process, and waits: its
 * entry, as `synvault` runs — the fast path for list, read and exec, the full command line for
 * the rest and for whatever the fast path hands over. */
export function synvaultSync(args: string[], env: NodeJS.ProcessEnv, input = '') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'electron/cli/entry.ts'), ...args], { input, env, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}
