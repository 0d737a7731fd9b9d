// @process: build
// The time of one add (through the dispatcher, as the window and the CLI call it) with 0, 100 and
// 1,000 tokens already in the vault, next to the keychain daemon's own write time at that size,
// so what the vault adds on top (lock, journal, catalog read and write) can be read off.
// `npm run bench` prints it; run alone it takes a core folder, to measure an older checkout
// the same way: node --import tsx scripts/bench-add.ts [sizes] [path/to/electron/core].
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const hex = () => randomBytes(20).toString('hex').slice(0, 39) + '1';

export interface AddFigures {
  n: number;
  add: number;
  keychainSet: number;
  fillSecs: number;
}

export async function benchAdd(sizes: number[], coreDir = path.join(__dirname, '..', 'electron', 'core')): Promise<AddFigures[]> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createCore } = require(path.join(coreDir, 'app-core')) as typeof import('../electron/core/app-core');
  const { memoryClipboard } = require(path.join(coreDir, 'clipboard')) as typeof import('../electron/core/clipboard');
  const { loadConfig } = require(path.join(coreDir, 'config')) as typeof import('../electron/core/config');
  const { keytarKeychain } = require(path.join(coreDir, 'keychain')) as typeof import('../electron/core/keychain');
  const out: AddFigures[] = [];
  for (const n of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `synvault-bench-add-${n}-`));
    const service = `SynvaultBenchAdd-${randomBytes(3).toString('hex')}`;
    const core = createCore({ config: loadConfig({ SYNVAULT_DATA_DIR: dir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: dir }), clipboard: memoryClipboard(), source: 'cli' });
    const t0 = Date.now();
    for (let i = 0; i < n; i++) {
      const r = await core.dispatch('addToken', { service: 'syncano', label: `fill ${i}`, secret: hex() });
      if (!r.ok) throw new Error(`fill failed: ${r.error.message}`);
    }
    const fillSecs = (Date.now() - t0) / 1000;
    const adds: number[] = [];
    const sets: number[] = [];
    const kc = keytarKeychain(service);
    for (let i = 0; i < 15; i++) {
      let t = performance.now();
      const r = await core.dispatch('addToken', { service: 'syncano', label: `timed ${i}`, secret: hex() });
      adds.push(performance.now() - t);
      if (!r.ok) throw new Error(`add failed: ${r.error.message}`);
      t = performance.now();
      await kc.set(`synvault-bench-${randomUUID()}`, hex());
      sets.push(performance.now() - t);
    }
    out.push({ n, add: median(adds), keychainSet: median(sets), fillSecs });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export function printAdd(figures: AddFigures[]): void {
  console.log('\nOne add (dispatcher → lock → journal → keychain → catalog), median of 15');
  for (const f of figures) {
    const own = Math.max(0, f.add - f.keychainSet);
    console.log(
      `  ${f.n.toLocaleString('en').padStart(5)} tokens: add ${f.add.toFixed(2)} ms, of which the keychain daemon's write ~${f.keychainSet.toFixed(2)} ms, the vault's own ~${own.toFixed(2)} ms (filled in ${f.fillSecs.toFixed(1)} s)`,
    );
  }
}

if (require.main === module) {
  const sizes = (process.argv[2] ?? '0,100,1000').split(',').map(Number);
  benchAdd(sizes, process.argv[3] ? path.resolve(process.argv[3]) : undefined).then(printAdd, (err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
