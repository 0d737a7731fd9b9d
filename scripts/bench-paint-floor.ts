// @process: build
// The floor under the window's first paint, measured as bench-paint.ts measures the window (same
// browser flags, a fresh context each run, navigation start to the first frame after ten rows are
// in the list named "Tokens"), on two pages a small local server serves:
// - "static": the first screenful of rows (25, the window's first page) as plain HTML with the
//   app's own stylesheet — the browser's share (HTML, style, fonts, layout, paint);
// - "React": React and ReactDOM as the window bundles them (production build) rendering the same
//   rows from data in the script — what any React window pays before our own code.
// Neither asks the vault anything: the figures are what no change to Synvault's code can remove.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { build } from 'esbuild';
import { OBSERVE_FIRST_ROWS } from './bench-paint';

const RUNS = 7;
const ROWS = 25;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const root = path.join(__dirname, '..');

export interface PaintFloor {
  staticHtml: number;
  react: number;
  reactScriptKb: number;
}

/** One row's markup, as TokenRow renders a Syncano API key (its classes, so the same styles). */
const rowHtml = (i: number) =>
  `<li class="token-row service-syncano" aria-labelledby="l${i}" tabindex="-1"><div class="token-main"><div class="token-title"><span class="service-badge badge-syncano">Syncano</span><span id="l${i}" class="token-label">token ${i}</span><span class="token-kind">Instance API key</span></div><dl class="token-meta"><div><dt>Instance</dt><dd>instance-${i % 50}</dd></div><div><dt>Added</dt><dd><time>1 Jan 2025</time></dd></div><div><dt>Preview</dt><dd><code class="secret">3f2a…9c1b</code></dd></div></dl></div><div class="token-actions"><button type="button" class="button button-small">Copy</button><button type="button" class="button button-small">Reveal</button><button type="button" class="button button-small">Rename</button><button type="button" class="button button-small">Verify</button><button type="button" class="button button-small">Remove</button></div></li>`;

/** The same rows through React: one component, the same markup. */
const REACT_ENTRY = `
import { createRoot } from 'react-dom/client';
function Row({ i }) {
  return (
    <li className="token-row service-syncano" aria-labelledby={'l' + i} tabIndex={-1}>
      <div className="token-main">
        <div className="token-title"><span className="service-badge badge-syncano">Syncano</span><span id={'l' + i} className="token-label">token {i}</span><span className="token-kind">Instance API key</span></div>
        <dl className="token-meta"><div><dt>Instance</dt><dd>instance-{i % 50}</dd></div><div><dt>Added</dt><dd><time>1 Jan 2025</time></dd></div><div><dt>Preview</dt><dd><code className="secret">3f2a…9c1b</code></dd></div></dl>
      </div>
      <div className="token-actions">{['Copy', 'Reveal', 'Rename', 'Verify', 'Remove'].map((b) => <button key={b} type="button" className="button button-small">{b}</button>)}</div>
    </li>
  );
}
const rows = Array.from({ length: ${ROWS} }, (_, i) => i);
createRoot(document.getElementById('root')).render(
  <main className="app-main"><section className="view"><h1 className="view-title">Tokens</h1><ul className="token-list" aria-label="Tokens">{rows.map((i) => <Row key={i} i={i} />)}</ul></section></main>,
);
`;

export async function benchPaintFloor(): Promise<PaintFloor | string> {
  const assets = path.join(root, 'dist', 'renderer', 'assets');
  const css = fs.existsSync(assets) ? fs.readdirSync(assets).filter((f) => f.endsWith('.css')) : [];
  if (css.length === 0) return 'dist/renderer missing (run node scripts/build.mjs)';
  const styles = css.map((f) => fs.readFileSync(path.join(assets, f), 'utf8')).join('\n');
  const bundled = await build({
    stdin: { contents: REACT_ENTRY, resolveDir: root, loader: 'jsx' },
    bundle: true,
    write: false,
    minify: true,
    format: 'esm',
    jsx: 'automatic',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const script = bundled.outputFiles[0]!.contents;
  const page = (body: string, withScript: boolean) =>
    `<!doctype html><html lang="en"><head><meta charset="UTF-8"><title>Synvault</title>${withScript ? '<script type="module" src="/app.js"></script>' : ''}<link rel="stylesheet" href="/app.css"></head><body><div id="root">${body}</div></body></html>`;
  const pages: Record<string, { type: string; body: string | Uint8Array }> = {
    '/static': { type: 'text/html; charset=utf-8', body: page(`<main class="app-main"><section class="view"><h1 class="view-title">Tokens</h1><ul class="token-list" aria-label="Tokens">${Array.from({ length: ROWS }, (_, i) => rowHtml(i)).join('')}</ul></section></main>`, false) },
    '/react': { type: 'text/html; charset=utf-8', body: page('', true) },
    '/app.js': { type: 'text/javascript; charset=utf-8', body: script },
    '/app.css': { type: 'text/css; charset=utf-8', body: styles },
  };
  const server = http.createServer((req, res) => {
    const p = pages[req.url ?? ''];
    res.writeHead(p ? 200 : 404, { 'content-type': p?.type ?? 'text/plain', 'cache-control': 'no-store' });
    res.end(p?.body ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.SYNVAULT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  try {
    const times: Record<'/static' | '/react', number[]> = { '/static': [], '/react': [] };
    // Interleaved, so both see the same machine.
    for (let i = 0; i < RUNS; i++) {
      for (const which of ['/static', '/react'] as const) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        try {
          const tab = await context.newPage();
          await tab.addInitScript({ content: OBSERVE_FIRST_ROWS });
          await tab.goto(origin + which);
          await tab.waitForFunction(() => (window as unknown as { __listPainted?: number }).__listPainted !== undefined, undefined, { timeout: 60_000 });
          times[which].push(await tab.evaluate(() => (window as unknown as { __listPainted: number }).__listPainted));
        } finally {
          await context.close();
        }
      }
    }
    return { staticHtml: median(times['/static']), react: median(times['/react']), reactScriptKb: script.length / 1024 };
  } finally {
    await browser.close();
    server.close();
  }
}

export function printPaintFloor(f: PaintFloor | string): void {
  if (typeof f === 'string') {
    console.log(`  the floor: not measured: ${f}`);
    return;
  }
  console.log(`  the floor, same browser and measure, ${ROWS} rows with the app's stylesheet, no vault (median of ${RUNS}):`);
  console.log(`    static HTML ${f.staticHtml.toFixed(0)} ms; React alone rendering them ${f.react.toFixed(0)} ms (${f.reactScriptKb.toFixed(0)} KB of script)`);
}

if (require.main === module) {
  benchPaintFloor()
    .then(printPaintFloor)
    .catch((err: Error) => {
      console.error(err.message);
      process.exit(1);
    });
}
