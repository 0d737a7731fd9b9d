// @process: build
// The window's path to first paint of a big list, through the browser harness (the same core,
// renderer and calls as the app): for each run a fresh harness process on the same vault (so the
// first getStatus does its once-per-process work, as at an app start) and a fresh browser context,
// then the time from navigation start to the first frame painted after the list's rows are in the
// DOM, with where it went — the page's own load, the first calls' answers. Medians; figures only.
// `npm run bench` runs it on its 1,000-token vault; run alone it fills one of its own:
//   node scripts/with-keyring.mjs node --import tsx scripts/bench-paint.ts [tokens]
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { chromium } from '@playwright/test';
import { startHarness } from '../e2e/support/harness';

const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface PaintFigures {
  tokens: number;
  /** Navigation start → the first frame after the rows are in the DOM. */
  firstPaint: number;
  /** Navigation start → the page's HTML, its script and stylesheet loaded, the script run. */
  html: number;
  script: number;
  domContentLoaded: number;
  /** When each first call was sent and answered. */
  calls: Record<string, { sent: number; answered: number }>;
  /** From the list's answer to its rows in the DOM (the store, React's render and commit). */
  render: number;
  /** From the rows in the DOM to the next frame painted (style, layout, paint). */
  layout: number;
  /** How many rows the first paint held. */
  rows: number;
}

/** Runs in the page before its own script: notes the frame after the rows first appear. A row is
 * an item of the list named "Tokens" (its accessible name, not its markup, so a reworked list
 * still counts); the first screenful (10 rows) is "the list painted". Kept as text: a function
 * would be serialised as tsx compiled it, with helpers the page does not have. */
export const OBSERVE_FIRST_ROWS = `(() => {
  const rowsShown = () => {
    const list = document.querySelector('[aria-label="Tokens"]');
    return list ? list.querySelectorAll('li, tr, [role="row"]').length : 0;
  };
  const observer = new MutationObserver(() => {
    if (window.__listInDom !== undefined || rowsShown() < 10) return;
    window.__listInDom = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (window.__listPainted = performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

export async function benchFirstPaint(dataDir: string, keychainService: string, tokens: number): Promise<PaintFigures | string> {
  if (!fs.existsSync(path.join(__dirname, '..', 'dist', 'harness.js'))) return 'dist/harness.js missing (run node scripts/build.mjs)';
  const browser = await chromium.launch({
    executablePath: process.env.SYNVAULT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const runs: PaintFigures[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const harness = await startHarness({ dataDir, keychainService });
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      try {
        const page = await context.newPage();
        await page.addInitScript({ content: OBSERVE_FIRST_ROWS });
        await page.goto(harness.url);
        await page.waitForFunction(() => (window as unknown as { __listPainted?: number }).__listPainted !== undefined, undefined, { timeout: 60_000 });
        runs.push(
          await page.evaluate((n) => {
            const w = window as unknown as { __listPainted: number; __listInDom: number };
            const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
            const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
            const calls: Record<string, { sent: number; answered: number }> = {};
            for (const r of resources) {
              const m = /\/api\/(\w+)$/.exec(new URL(r.name).pathname);
              if (m && !calls[m[1]!]) calls[m[1]!] = { sent: r.startTime, answered: r.responseEnd };
            }
            const script = resources.find((r) => r.name.endsWith('.js'));
            const list = calls.listTokens?.answered ?? 0;
            return {
              tokens: n,
              firstPaint: w.__listPainted,
              html: nav.responseEnd,
              script: script?.responseEnd ?? 0,
              domContentLoaded: nav.domContentLoadedEventEnd,
              calls,
              render: w.__listInDom - list,
              layout: w.__listPainted - w.__listInDom,
              rows: document.querySelector('[aria-label="Tokens"]')!.querySelectorAll('li, tr, [role="row"]').length,
            };
          }, tokens),
        );
      } finally {
        await context.close();
        await harness.stop({ keep: true });
      }
    }
  } finally {
    await browser.close();
  }
  const calls: PaintFigures['calls'] = {};
  for (const name of Object.keys(runs[0]!.calls)) {
    const seen = runs.filter((r) => r.calls[name]);
    calls[name] = { sent: median(seen.map((r) => r.calls[name]!.sent)), answered: median(seen.map((r) => r.calls[name]!.answered)) };
  }
  return {
    tokens,
    firstPaint: median(runs.map((r) => r.firstPaint)),
    html: median(runs.map((r) => r.html)),
    script: median(runs.map((r) => r.script)),
    domContentLoaded: median(runs.map((r) => r.domContentLoaded)),
    calls,
    render: median(runs.map((r) => r.render)),
    layout: median(runs.map((r) => r.layout)),
    rows: median(runs.map((r) => r.rows)),
  };
}

export function printPaint(f: PaintFigures | string): void {
  if (typeof f === 'string') {
    console.log(`\nWindow, first paint of the list: not measured: ${f}`);
    return;
  }
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  console.log(`\nWindow, first paint of a ${f.tokens.toLocaleString('en')}-token list through the harness (fresh harness and browser context each run), median of ${RUNS}`);
  console.log(`  navigation start → list painted:  ${ms(f.firstPaint)}`);
  console.log(`    page HTML loaded ${ms(f.html)}, script loaded ${ms(f.script)}, DOMContentLoaded ${ms(f.domContentLoaded)}`);
  for (const [name, c] of Object.entries(f.calls)) console.log(`    ${name.padEnd(12)} sent ${ms(c.sent)}, answered ${ms(c.answered)}`);
  console.log(`    list answered → its ${f.rows} rows in the DOM (store, React) ${ms(f.render)} → painted (style, layout, paint) ${ms(f.layout)}`);
}

/** Alone: a vault of `n` tokens, every one in the keychain, as the window would find it. */
async function main() {
  const { Catalog } = await import('../electron/core/catalog');
  const { encodeAccount, keytarKeychain } = await import('../electron/core/keychain');
  const { maskedPreview } = await import('../electron/shared/services');
  const n = Number(process.argv[2] ?? 1000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-bench-paint-'));
  const service = `SynvaultBenchPaint-${randomBytes(3).toString('hex')}`;
  const keychain = keytarKeychain(service);
  const records = [];
  for (let i = 0; i < n; i++) {
    const secret = randomBytes(20).toString('hex').slice(0, 39) + '1';
    const id = randomUUID();
    const label = `token ${i}`;
    const addedAt = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
    const keychainAccount = encodeAccount({ id, service: 'syncano', label, account: `instance-${i % 50}`, addedAt });
    await keychain.set(keychainAccount, secret);
    records.push({ id, service: 'syncano' as const, kind: 'syncano-api-key' as const, label, account: `instance-${i % 50}`, preview: maskedPreview(secret), addedAt, keychainAccount });
  }
  new Catalog(dir).save(records);
  try {
    printPaint(await benchFirstPaint(dir, service, n));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: Error) => {
    console.error(err.message);
    process.exit(1);
  });
}
