// @process: build
// Whole-process start-up of the CLI commands scripts call in loops (read, exec, list, --help),
// as `synvault` runs them (bin/synvault.js → dist/cli.js, the fast path for list, read and exec),
// run side by side with a bare `node -e 0` (Node's own floor), a script that only loads keytar and
// reads the entry (the keychain's floor under Node), the full command line's read
// (dist/cli-full.js, what the fast path saves) and, where Debian's libsecret-tools is installed,
// `secret-tool lookup` on the same keychain entry — medians of 31 runs each, interleaved so load
// on the machine hits all alike, with the load average before and after. Figures only.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { keychainAccountOf, type CatalogRecord } from '../electron/core/catalog';

const RUNS = 31;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export function benchCli(): { rows: Array<{ name: string; ms: number }>; load: readonly [number, number] } {
  const cli = path.join(__dirname, '..', 'bin', 'synvault.js');
  const full = path.join(__dirname, '..', 'dist', 'cli-full.js');
  if (!fs.existsSync(full)) throw new Error('dist/cli-full.js is missing: run node scripts/build.mjs first');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-bench-cli-'));
  const service = `SynvaultBenchCli-${randomBytes(3).toString('hex')}`;
  const env = { ...process.env, SYNVAULT_DATA_DIR: dir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: dir };
  const key = randomBytes(20).toString('hex').slice(0, 39) + '1';
  const added = spawnSync(process.execPath, [cli, 'add', 'syncano', '--label', 'bench'], { env, input: key, encoding: 'utf8' });
  if (added.status !== 0) throw new Error(`could not add the bench token: ${added.stderr}`);
  const account = keychainAccountOf((JSON.parse(fs.readFileSync(path.join(dir, 'catalog.json'), 'utf8')) as { tokens: CatalogRecord[] }).tokens[0]!);
  const hasSecretTool = spawnSync('sh', ['-c', 'command -v secret-tool']).status === 0;
  // A file, as bin/synvault.js is (node -e has its own start-up costs).
  const keytarOnly = path.join(dir, 'keytar-read.js');
  fs.writeFileSync(
    keytarOnly,
    `require(${JSON.stringify(require.resolve('keytar'))}).getPassword(process.env.SYNVAULT_KEYCHAIN_SERVICE, ${JSON.stringify(account)}).then((s) => process.exit(s ? 0 : 1));\n`,
  );
  // keytar stores entries with the attributes service and account (libsecret's generic schema).
  const cases: Array<{ name: string; cmd: string; args: string[] }> = [
    { name: 'node -e 0 (Node floor)', cmd: process.execPath, args: ['-e', '0'] },
    { name: 'synvault --help', cmd: process.execPath, args: [cli, '--help'] },
    { name: 'synvault list', cmd: process.execPath, args: [cli, 'list'] },
    { name: 'synvault read bench', cmd: process.execPath, args: [cli, 'read', 'bench'] },
    { name: 'synvault exec bench -- true', cmd: process.execPath, args: [cli, 'exec', 'bench', '--', 'true'] },
    { name: 'keytar alone: load, read the entry', cmd: process.execPath, args: [keytarOnly] },
    { name: 'full command line: read bench', cmd: process.execPath, args: [full, 'read', 'bench'] },
    ...(hasSecretTool ? [{ name: 'secret-tool lookup (same entry)', cmd: 'secret-tool', args: ['lookup', 'service', service, 'account', account] }] : []),
  ];
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const loadBefore = os.loadavg()[0]!;
  for (let i = 0; i < RUNS; i++) {
    for (const c of cases) {
      const t = performance.now();
      const r = spawnSync(c.cmd, c.args, { env, encoding: 'utf8' });
      times.get(c.name)!.push(performance.now() - t);
      if (r.status !== 0) throw new Error(`${c.name} failed (exit ${r.status})`);
    }
  }
  const load = [loadBefore, os.loadavg()[0]!] as const;
  spawnSync(process.execPath, [cli, 'remove', 'bench', '--yes'], { env });
  fs.rmSync(dir, { recursive: true, force: true });
  return { rows: cases.map((c) => ({ name: c.name, ms: median(times.get(c.name)!) })), load };
}

export function printCli({ rows, load }: ReturnType<typeof benchCli>): void {
  const floor = rows[0]!.ms;
  const tool = rows.find((r) => r.name.startsWith('secret-tool'));
  console.log(`\nCLI start-up, whole process, median of ${RUNS} (interleaved; load average ${load[0].toFixed(2)} before, ${load[1].toFixed(2)} after, ${os.cpus().length} CPUs)`);
  for (const r of rows) {
    const vsTool = tool && r !== tool && !r.name.startsWith('node') ? `, ${(r.ms / tool.ms).toFixed(1)}× secret-tool` : '';
    console.log(`  ${r.name.padEnd(34)} ${r.ms.toFixed(1).padStart(7)} ms  (${(r.ms / floor).toFixed(2)}× node -e 0${vsTool})`);
  }
  if (!tool) console.log('  secret-tool lookup: not installed (Debian: libsecret-tools), so no side-by-side figure against it');
}

if (require.main === module) printCli(benchCli());
