// @process: build
// The time of one add (through the dispatcher, as the window and the CLI call it) with 0, 100 and
// 1,000 tokens already in the vault, and within it the time the keychain daemon took to write the
// secret (timed around the keychain port's set, inside that very add: gnome-keyring rewrites its
// whole file on every write, so its time varies by tens of ms at 1,000 entries), so what the
// vault adds on top (lock, journal, catalog read and write, two fsyncs) can be read off.
// `npm run bench` prints it; run alone it takes a core folder, to measure an older checkout
// the same way: node --import tsx scripts/bench-add.ts [sizes] [path/to/electron/core].
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const hex = () => randomBytes(20).toString('hex').slice(0, 39) + '1';

export interface AddFigures {
  n: number;
  add: number;
  /** The keychain daemon's write, inside the add. */
  keychainSet: number;
  /** The add less its keychain write, median of each add's own difference. */
  own: number;
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
    // The real keychain, with the time spent in its writes added up.
    const real = keytarKeychain(service);
    let inKeychain = 0;
    const keychain = {
      ...real,
      set: async (account: string, secret: string) => {
        const t = performance.now();
        try {
          await real.set(account, secret);
        } finally {
          inKeychain += performance.now() - t;
        }
      },
    };
    const core = createCore({ config: loadConfig({ SYNVAULT_DATA_DIR: dir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: dir }), clipboard: memoryClipboard(), keychain, source: 'cli' });
    const t0 = Date.now();
    for (let i = 0; i < n; i++) {
      const r = await core.dispatch('addToken', { service: 'syncano', label: `fill ${i}`, secret: hex() });
      if (!r.ok) throw new Error(`fill failed: ${r.error.message}`);
    }
    const fillSecs = (Date.now() - t0) / 1000;
    const adds: number[] = [];
    const sets: number[] = [];
    const owns: number[] = [];
    for (let i = 0; i < 15; i++) {
      inKeychain = 0;
      const t = performance.now();
      const r = await core.dispatch('addToken', { service: 'syncano', label: `timed ${i}`, secret: hex() });
      const add = performance.now() - t;
      if (!r.ok) throw new Error(`add failed: ${r.error.message}`);
      adds.push(add);
      sets.push(inKeychain);
      owns.push(add - inKeychain);
    }
    out.push({ n, add: median(adds), keychainSet: median(sets), own: median(owns), fillSecs });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export function printAdd(figures: AddFigures[]): void {
  console.log('\nOne add (dispatcher → lock → journal → keychain → catalog), median of 15');
  for (const f of figures) {
    console.log(
      `  ${f.n.toLocaleString('en').padStart(5)} tokens: add ${f.add.toFixed(2)} ms; the keychain daemon's write in it ${f.keychainSet.toFixed(2)} ms; the vault's own ${f.own.toFixed(2)} ms (filled in ${f.fillSecs.toFixed(1)} s)`,
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
