// @process: build
// Builds vaults of 1,000 and 10,000 tokens in the real (private) keychain and prints the median
// time of: listing (cold start and warm), copy, search-as-you-type in the rendered page, the
// number of keychain reads listing made (must be 0), and at 1,000 the window's first paint of the
// list (bench-paint.ts); then one add (bench-add.ts); and the CLI's start-up (bench-cli.ts),
// measured first but printed last.
// Figures only — no pass/fail.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { chromium } from '@playwright/test';
import { createCore } from '../electron/core/app-core';
import { Catalog, keychainAccountOf, type CatalogRecord } from '../electron/core/catalog';
import { memoryClipboard } from '../electron/core/clipboard';
import { loadConfig } from '../electron/core/config';
import { countingKeychain, keytarKeychain } from '../electron/core/keychain';
import { fingerprint } from '../electron/core/token-store';
import { maskedPreview } from '../electron/shared/services';
import { benchAdd, printAdd } from './bench-add';
import { benchCli, printCli } from './bench-cli';
import { benchScan, printScan } from './bench-scan';
import { benchFirstPaint, printPaint, type PaintFigures } from './bench-paint';
import { benchPaintFloor, printPaintFloor } from './bench-paint-floor';

const sizes = (process.argv[2] ?? '1000,10000').split(',').map(Number);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const ms = (x: number) => `${x.toFixed(2)} ms`;
const words = ['lab', 'cluster', 'laptop', 'notebook', 'pipeline', 'student', 'sync', 'backup', 'ci', 'analysis'];

// gnome-keyring rewrites its whole keyring file on every write, so filling it costs O(n²): 1,000
// entries take ~20 s, 10,000 take over half an hour. Past this many, only this many entries go in
// the keychain (copy picks among them) while the catalog holds all n; listing reads the catalog
// alone either way. SYNVAULT_BENCH_FULL_KEYCHAIN=1 fills it all.
const KEYCHAIN_FILL_CAP = process.env.SYNVAULT_BENCH_FULL_KEYCHAIN === '1' ? Infinity : 2000;

async function populate(n: number, dir: string, service: string) {
  const keychain = keytarKeychain(service);
  const records: CatalogRecord[] = [];
  const t0 = Date.now();
  const inKeychain = Math.min(n, KEYCHAIN_FILL_CAP);
  for (let i = 0; i < n; i++) {
    const secret = randomBytes(20).toString('hex').slice(0, 39) + '1';
    const id = randomUUID();
    const label = `${words[i % words.length]} ${words[(i * 7) % words.length]} ${i}`;
    const addedAt = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
    // As the token store's add makes it: the fingerprint stored, the keychain account name not.
    const rec: CatalogRecord = { id, service: 'syncano', kind: 'syncano-api-key', label, account: `instance-${i % 50}`, preview: maskedPreview(secret), addedAt, fingerprint: fingerprint(secret) };
    // Spread the keychain entries evenly over the list so copy picks from the whole range.
    if (i % Math.ceil(n / inKeychain) === 0) await keychain.set(keychainAccountOf(rec), secret);
    records.push(rec);
  }
  new Catalog(dir).save(records);
  return { secs: (Date.now() - t0) / 1000, inKeychain: Math.ceil(n / Math.ceil(n / inKeychain)), step: Math.ceil(n / inKeychain) };
}

async function searchInPage(dir: string, service: string): Promise<{ perKey: number; final: number } | string> {
  const harness = path.join(__dirname, '..', 'dist', 'harness.js');
  if (!fs.existsSync(harness)) return 'dist/harness.js missing (run node scripts/build.mjs)';
  const proc = spawn(process.execPath, [harness], {
    env: { ...process.env, SYNVAULT_DATA_DIR: dir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HARNESS_PORT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    proc.stdout!.on('data', (d) => {
      buf += d;
      const m = /Synvault harness: (\S+)/.exec(buf);
      if (m) resolve(m[1]!);
    });
    proc.on('exit', () => reject(new Error('harness exited')));
  });
  const browser = await chromium.launch({
    executablePath: process.env.SYNVAULT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(url);
    const search = page.getByRole('searchbox');
    await search.waitFor();
    // Each key: time from the keystroke to the next painted frame after React settles.
    const times: number[] = [];
    const query = 'pipeline student 4';
    const t0 = Date.now();
    for (const ch of query) {
      const t = await page.evaluate(
        ([ch]) =>
          new Promise<number>((resolve) => {
            const el = document.querySelector('input[type="search"]') as HTMLInputElement;
            const start = performance.now();
            const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
            setter.call(el, el.value + ch);
            el.dispatchEvent(new Event('input', { bubbles: true }));
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
          }),
        [ch],
      );
      times.push(t);
    }
    return { perKey: median(times), final: Date.now() - t0 };
  } finally {
    await browser.close();
    proc.kill();
  }
}

async function main() {
  console.log(`Synvault benchmark — node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]!.toFixed(1)} at the start`);
  let paint: PaintFigures | string = 'no 1,000-token vault in this run';
  // The CLI first, while the session's keyring is as small as a person's: after the vaults below
  // gnome-keyring holds thousands of entries and is slower for every client, secret-tool included.
  const cli = benchCli();
  for (const n of sizes) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `synvault-bench-${n}-`));
    const service = `SynvaultBench-${randomBytes(3).toString('hex')}`;
    const { secs, inKeychain, step } = await populate(n, dir, service);
    const config = loadConfig({ SYNVAULT_DATA_DIR: dir, SYNVAULT_KEYCHAIN_SERVICE: service });

    const cold: number[] = [];
    const warm: number[] = [];
    let reads = 0;
    for (let i = 0; i < 7; i++) {
      const counting = countingKeychain(keytarKeychain(service));
      const core = createCore({ config, clipboard: memoryClipboard(), keychain: counting });
      // A cold start has a fresh heap: the last round's 10,000 records are collected now, not
      // during this round's read (bench.mjs runs with --expose-gc).
      (globalThis as { gc?: () => void }).gc?.();
      let t = performance.now();
      await core.dispatch('listTokens', {});
      cold.push(performance.now() - t);
      t = performance.now();
      await core.dispatch('listTokens', {});
      warm.push(performance.now() - t);
      reads += counting.reads();
    }
    const core = createCore({ config, clipboard: memoryClipboard(), keychain: keytarKeychain(service) });
    const list = (await core.dispatch('listTokens', {})) as { ok: true; value: Array<{ id: string }> };
    const copies: number[] = [];
    for (let i = 0; i < 21; i++) {
      const index = Math.floor((i / 21) * list.value.length);
      const id = list.value[index - (index % step)]!.id;
      const t = performance.now();
      await core.dispatch('copyToken', { id });
      copies.push(performance.now() - t);
    }
    const search = await searchInPage(dir, service).catch((err: Error) => `failed: ${err.message.split('\n')[0]}`);
    // Every entry is in the keychain at 1,000, as in a real vault (the first status compares them).
    if (n === 1000 && inKeychain === n) paint = await benchFirstPaint(dir, service, n).catch((err: Error) => `failed: ${err.message.split('\n')[0]}`);

    const filled = inKeychain === n ? 'all in the keychain' : `${inKeychain.toLocaleString('en')} of them in the keychain`;
    console.log(`\n${n.toLocaleString('en')} tokens (${filled}, filled in ${secs.toFixed(1)} s)`);
    console.log(`  list, cold start (catalog read + parse): median ${ms(median(cold))}`);
    console.log(`  list, warm:                              median ${ms(median(warm))}`);
    console.log(`  copy (keychain read + clipboard):        median ${ms(median(copies))}`);
    if (typeof search === 'string') console.log(`  search-as-you-type in the page:          not measured: ${search}`);
    else console.log(`  search-as-you-type in the page:          median ${ms(search.perKey)} per keystroke to next frame`);
    console.log(`  keychain reads made by listing:          ${reads}`);
    const mem = process.memoryUsage();
    console.log(`  core process memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MiB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MiB`);

    // The keychain entries go with the private session's keyring when the run ends.
    fs.rmSync(dir, { recursive: true, force: true });
  }
  printPaint(paint);
  printPaintFloor(await benchPaintFloor().catch((err: Error) => `failed: ${err.message.split('\n')[0]}`));
  printAdd(await benchAdd([0, 100, 1000]));
  printCli(cli);
  printScan(benchScan());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
