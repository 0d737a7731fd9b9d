// Takes the README screenshots (1200x800): the built window in Debian's Chromium through the
// harness, over a private keyring holding a few made-up tokens — never a real or canary value:
// - assets/screenshot.png: the token list, just after a copy (the clipboard countdown);
// - assets/screenshot-add.png: "Add a token" with a made-up Synapse PAT pasted, recognised, its
//   claims shown and the label offered.
// Refuses to run if a value it would show is one of tests/canaries.json, and checks the page holds
// none before each shot. Run after `node scripts/build.mjs`.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePrivateKeyring } from './private-keyring.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
function fakeSynapsePat(jti, sub, scope) {
  const header = b64({ alg: 'RS256', typ: 'JWT', kid: 'example' });
  const payload = b64({ iss: 'https://repo-prod.prod.sagebase.org/auth/v1', aud: '0', iat: 1763000000, jti, sub, token_type: 'PERSONAL_ACCESS_TOKEN', access: { scope, oidc_claims: {} } });
  return `${header}.${payload}.${Buffer.from(`example-signature-${jti}`).toString('base64url')}`;
}
const hex40 = (seed, lastDigit) => (seed.repeat(40).slice(0, 39) + lastDigit);

/** Pasted into the add form for the second shot: recognised there, never stored. */
const PASTED = fakeSynapsePat('19120', '3412877', ['view', 'download']);

const TOKENS = [
  { service: 'synapse', label: 'Analysis workstation', username: 'mkowalski', secret: fakeSynapsePat('18452', '3412877', ['view', 'download', 'modify']) },
  { service: 'synap', label: 'Lab portal – nightly jobs', portal: 'Harbour Lab', portalUrl: 'https://portal.harbour-lab.example', issuedBy: 'R. Okafor', subjectUsers: [{ id: 'svc-nightly', note: 'batch runner' }], secret: 'p:exampleSynapPat9f8e7d6c5b4a39281706' },
  { service: 'syncano', label: 'Billing instance', instance: 'billing-prod', secret: hex40('5eed0b1c', '7') },
  { service: 'synapse', label: 'CI pipeline (read only)', username: 'ci-bot', secret: fakeSynapsePat('18977', '3499120', ['view']) },
  { service: 'syncano', label: 'Personal account', secret: hex40('a11ce0f', '4') },
];

const canaries = Object.values(JSON.parse(fs.readFileSync(path.join(root, 'tests', 'canaries.json'), 'utf8')));

/** Fails when the page holds a canary secret (in its markup or in any field's value). */
async function noCanaryIn(page) {
  const found = await page.evaluate((values) => {
    const html = document.documentElement.outerHTML;
    const fields = Array.from(document.querySelectorAll('input, textarea')).map((el) => el.value);
    return values.some((v) => html.includes(v) || fields.some((f) => f.includes(v)));
  }, canaries);
  if (found) throw new Error('A canary secret is in the page: no screenshot taken.');
}

async function main() {
  for (const v of [PASTED, ...TOKENS.map((t) => t.secret)]) {
    if (canaries.some((c) => v.includes(c) || c.includes(v))) throw new Error('A screenshot token is a canary secret (tests/canaries.json).');
  }
  const harnessJs = path.join(root, 'dist', 'harness.js');
  if (!fs.existsSync(harnessJs)) throw new Error('dist/harness.js is missing: run `node scripts/build.mjs` first.');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-shot-'));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-shot-home-'));
  const child = spawn(process.execPath, [harnessJs], {
    env: { ...process.env, SYNVAULT_HARNESS_PORT: '0', SYNVAULT_DATA_DIR: dataDir, SYNVAULT_HOME: home, SYNVAULT_KEYCHAIN_SERVICE: 'synvault-screenshot', SYNVAULT_TEST_CLIPBOARD: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = /(http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
        if (m) resolve(m[1]);
      });
      child.on('exit', () => reject(new Error('The harness stopped before printing its URL.')));
    });
    const u = new URL(url);
    const api = async (method, input) => {
      const res = await fetch(`${u.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-synvault-token': u.searchParams.get('token') },
        body: JSON.stringify(input),
      });
      const r = await res.json();
      if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
      return r.value;
    };
    for (const t of TOKENS) await api('addToken', t);

    const { chromium } = await import('playwright');
    const browser = await chromium.launch({ executablePath: process.env.SYNVAULT_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, deviceScaleFactor: 1 });
    await page.goto(url);
    await page.getByRole('list', { name: 'Tokens' }).waitFor();
    await page.getByRole('listitem', { name: 'Analysis workstation' }).getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByText(/Clipboard clears in/).waitFor();
    await page.evaluate(() => {
      (document.activeElement)?.blur();
      // The content scrolls on its own (the header and status bar stay): back to its top.
      document.querySelector('.app-scroll')?.scrollTo(0, 0);
    });
    await page.mouse.move(0, 0);
    const shot = async (name) => {
      await noCanaryIn(page);
      const out = path.join(root, 'assets', name);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      await page.screenshot({ path: out });
      console.log(`Wrote ${path.relative(root, out)}`);
    };
    await shot('screenshot.png');

    // The paste entry point: a made-up PAT, recognised and pre-filled.
    await page.getByRole('button', { name: 'Add a token' }).click();
    const form = page.getByRole('form', { name: 'Add a token' });
    await form.getByLabel('Token or key', { exact: true }).fill(PASTED);
    await form.getByText('Recognised: Synapse personal access token').waitFor();
    await page.evaluate(() => (document.activeElement)?.blur());
    await page.mouse.move(0, 0);
    await shot('screenshot-add.png');
    await browser.close();
  } finally {
    child.kill('SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  }
}

if (ensurePrivateKeyring(fileURLToPath(import.meta.url), process.argv.slice(2))) {
  await main();
}
