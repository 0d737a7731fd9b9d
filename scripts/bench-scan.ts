// @process: build
// `synvault scan` over generated folders of 10,000 and 100,000 files (made in a temp folder,
// removed after): the whole process's wall time, the scan's own time and the process's peak RSS,
// each the median of a few runs. The files were just written, so they are read from the page
// cache: this is the scanner's cost, not the disk's. Figures only — no pass/fail.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

const RUNS = 3;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** What a researcher's folders hold, roughly: scripts, configs, notebooks and data files Scan
 * does not read (one in five), 100 to a folder, a token in one file in a thousand, and a
 * node_modules that is skipped. */
function generate(dir: string, n: number): void {
  const kinds = ['py', 'R', 'json', 'yaml', 'csv', 'sh', 'ipynb', 'toml', 'txt', 'Rmd'];
  const body = `# settings\nimport os\nvalue = os.environ.get("X")\nrev = "${randomBytes(20).toString('hex')}"\n`.repeat(8);
  const notebook = JSON.stringify({ cells: [{ cell_type: 'code', source: ['print(1)\n'], outputs: [{ output_type: 'stream', text: ['1\n'] }] }], metadata: {}, nbformat: 4, nbformat_minor: 5 });
  for (let i = 0; i < n; i++) {
    const folder = path.join(dir, `project${Math.floor(i / 1000)}`, `part${Math.floor(i / 100) % 10}`);
    if (i % 100 === 0) fs.mkdirSync(folder, { recursive: true });
    const ext = kinds[i % kinds.length]!;
    const text = ext === 'ipynb' ? notebook : i % 1000 === 7 ? `${body}SYNCANO_API_KEY = "${randomBytes(20).toString('hex').slice(0, 39)}1"\n` : body;
    fs.writeFileSync(path.join(folder, `file${i}.${ext}`), text);
  }
  const nm = path.join(dir, 'project0', 'node_modules', 'pkg');
  fs.mkdirSync(nm, { recursive: true });
  for (let i = 0; i < 100; i++) fs.writeFileSync(path.join(nm, `m${i}.json`), body);
}

export interface ScanFigure {
  files: number;
  wallMs: number;
  scanMs: number;
  peakRssMiB: number;
  found: number;
}

export function benchScan(sizes: number[] = [10_000, 100_000]): ScanFigure[] {
  const cli = path.join(__dirname, '..', 'dist', 'cli.js');
  if (!fs.existsSync(cli)) throw new Error('dist/cli.js is missing: run node scripts/build.mjs first');
  const out: ScanFigure[] = [];
  for (const n of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `synvault-bench-scan-${n}-`));
    try {
      const tree = path.join(dir, 'tree');
      generate(tree, n);
      // The process reports its own peak RSS on exit (Node's resourceUsage), through a preload.
      const preload = path.join(dir, 'rss.cjs');
      fs.writeFileSync(preload, "process.on('exit', () => process.stderr.write(`\\nbench-maxrss ${process.resourceUsage().maxRSS}\\n`));\n");
      const env = { ...process.env, SYNVAULT_DATA_DIR: path.join(dir, 'data'), SYNVAULT_KEYCHAIN_SERVICE: `SynvaultBenchScan-${randomBytes(3).toString('hex')}`, SYNVAULT_HOME: tree };
      const walls: number[] = [];
      const scans: number[] = [];
      const rss: number[] = [];
      let found = 0;
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        const r = spawnSync(process.execPath, ['--require', preload, cli, 'scan', '--json'], { env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
        walls.push(performance.now() - t);
        if (r.status !== 0 && r.status !== 1) throw new Error(`synvault scan failed (exit ${r.status}): ${r.stderr}`);
        scans.push(Number(/in ([\d.]+) s\./.exec(r.stderr)?.[1] ?? NaN) * 1000);
        rss.push(Number(/bench-maxrss (\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024);
        found = r.stdout.trim() ? r.stdout.trim().split('\n').length : 0;
      }
      out.push({ files: n, wallMs: median(walls), scanMs: median(scans), peakRssMiB: median(rss), found });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  return out;
}

export function printScan(rows: ScanFigure[]): void {
  console.log(`\nsynvault scan --json over generated folders (page cache warm), median of ${RUNS}`);
  for (const r of rows) {
    console.log(
      `  ${r.files.toLocaleString('en').padStart(7)} files: ${(r.wallMs / 1000).toFixed(2)} s whole process, ${(r.scanMs / 1000).toFixed(2)} s scanning, peak RSS ${r.peakRssMiB.toFixed(0)} MiB, ${r.found} tokens found`,
    );
  }
}

if (require.main === module) printScan(benchScan((process.argv[2] ?? '10000,100000').split(',').map(Number)));
