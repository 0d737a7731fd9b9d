// @process: test
// The foundation scenario in the real Electron app (unpackaged: Playwright's Electron launch
// needs the inspect fuse that packaging turns off). Where the Electron binary is not installed —
// since Electron 42 npm install no longer fetches it, and machines without internet cannot — every
// test here reports itself skipped with the reason. Secrets are compared as booleans so no
// failure prints one.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { _electron as electron, expect, test as base, type ElectronApplication, type Page } from '@playwright/test';
import { METHODS } from '../../electron/shared/contract';
import { probeCsp } from '../support/csp-probe';
import { findElectronBinary } from '../support/electron-binary';
import { clearKeychainService } from '../support/harness';
import { addTokenViaForm, fillAddForm, pageContains, saveSettings, tokenRow, tokenRows } from '../support/ui';

const root = path.resolve(__dirname, '..', '..');
const canaries = JSON.parse(fs.readFileSync(path.join(root, 'tests', 'canaries.json'), 'utf8')) as Record<string, string>;
const SYNAPSE = canaries.synapse!;
const SYNAP = canaries.synap!;
const SYNCANO_API = canaries.syncanoApiKey!;
const ALL = [SYNAPSE, SYNAP, SYNCANO_API];

const found = findElectronBinary(root);

interface Shell {
  app: ElectronApplication;
  page: Page;
  dataDir: string;
}

const test = base.extend<{ shell: Shell }>({
  shell: async ({}, use) => {
    if (!('path' in found)) throw new Error(found.reason);
    const mainJs = path.join(root, 'dist', 'main.js');
    if (!fs.existsSync(mainJs)) throw new Error('dist/main.js is missing: run `node scripts/build.mjs` first (npm test does).');
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-electron-'));
    const dataDir = path.join(tmp, 'data');
    const home = path.join(tmp, 'home');
    fs.mkdirSync(home);
    const service = `synvault-electron-${randomBytes(6).toString('hex')}`;
    // Chromium refuses to start as root with its sandbox on (CI containers run as root).
    const rootUser = typeof process.getuid === 'function' && process.getuid() === 0;
    const app = await electron.launch({
      executablePath: found.path,
      args: [...(rootUser ? ['--no-sandbox'] : []), mainJs],
      cwd: root,
      env: {
        ...(process.env as Record<string, string>),
        SYNVAULT_DATA_DIR: dataDir,
        SYNVAULT_KEYCHAIN_SERVICE: service,
        SYNVAULT_HOME: home,
      },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: /^Tokens/ })).toBeVisible();
      await use({ app, page, dataDir });
    } finally {
      await app.close().catch(() => {});
      await clearKeychainService(service).catch(() => {});
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  },
});

test.skip(!('path' in found), 'reason' in found ? found.reason : '');

// Electron 44+ clipboard calls return promises.
const clipboardHolds = (app: ElectronApplication, text: string) => app.evaluate(async ({ clipboard }, t) => (await clipboard.readText()) === t, text);

test('the window is locked down: no Node, only the contract on window.synvault, no eval, no popups', async ({ shell }) => {
  const { page } = shell;
  expect(page.url()).toBe('app://synvault/index.html');
  const probe = await page.evaluate(() => {
    const w = window as unknown as Record<string, unknown>;
    return {
      require: typeof w.require,
      process: typeof w.process,
      api: Object.keys(w.synvault as object).sort(),
      popup: window.open('https://example.org/') === null,
    };
  });
  expect(probe.require).toBe('undefined');
  expect(probe.process).toBe('undefined');
  // The contract's methods, and `on` for its events (contract/events.ts) — nothing else.
  expect(probe.api).toEqual([...METHODS, 'on'].sort());
  expect(probe.popup).toBe(true);
  // Tried from a task of the page, where the CSP applies (an eval inside page.evaluate is exempt).
  const csp = await probeCsp(page);
  expect({ evalRan: csp.evalRan, functionRan: csp.functionRan, stringTimeoutRan: csp.stringTimeoutRan, inlineScriptRan: csp.inlineScriptRan }).toEqual({
    evalRan: false,
    functionRan: false,
    stringTimeoutRan: false,
    inlineScriptRan: false,
  });
  expect(csp.violations.some((v) => v.directive.startsWith('script-src') && v.blockedURI === 'eval'), JSON.stringify(csp.violations)).toBe(true);
  expect(shell.app.windows()).toHaveLength(1);
});

test('add one token of each service, list them, copy one (then cleared), remove one with confirmation', async ({ shell }) => {
  const { app, page } = shell;
  await saveSettings(page, { 'Clear the clipboard after (seconds)': '10' });
  await addTokenViaForm(page, { service: 'Synapse', label: 'Synapse laptop', account: 'jdoe', secret: SYNAPSE });
  await addTokenViaForm(page, { service: 'Synap', label: 'Synap lab portal', account: 'Example Lab', secret: SYNAP });
  await addTokenViaForm(page, { service: 'Syncano', label: 'Syncano billing', account: 'billing-prod', secret: SYNCANO_API });

  const rows = tokenRows(page);
  await expect(rows).toHaveCount(3);
  await expect(tokenRow(page, 'Synapse laptop')).toContainText(`${SYNAPSE.slice(0, 4)}…${SYNAPSE.slice(-4)}`);
  await expect(tokenRow(page, 'Syncano billing')).toContainText('Instance API key');
  for (const c of ALL) expect(await pageContains(page, c), 'a canary secret is in the page').toBe(false);

  // Copy: the main process writes the system clipboard, then clears it.
  await tokenRow(page, 'Synap lab portal').getByRole('button', { name: 'Copy', exact: true }).click();
  await expect.poll(() => clipboardHolds(app, SYNAP), { message: 'the clipboard holds the copied token' }).toBe(true);
  await expect(page.getByText(/Clipboard clears in \d+ s/)).toBeVisible();
  for (const c of ALL) expect(await pageContains(page, c), 'a canary secret is in the page').toBe(false);
  await expect.poll(() => clipboardHolds(app, ''), { message: 'the clipboard is cleared', timeout: 25_000 }).toBe(true);

  // Remove, after a confirmation that names the token.
  await tokenRow(page, 'Syncano billing').getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove “Syncano billing”?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows).toHaveCount(3);
  await tokenRow(page, 'Syncano billing').getByRole('button', { name: 'Remove' }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(page.getByRole('status')).toContainText('Removed “Syncano billing”.');
  await expect(rows).toHaveCount(2);
  await page.reload();
  await expect(tokenRows(page)).toHaveCount(2);
});

test('a bad paste is refused with a message that says what is wrong, and nothing is stored', async ({ shell }) => {
  const { page } = shell;
  const form = await fillAddForm(page, { service: 'Syncano', choose: true, label: 'Short key', secret: 'a'.repeat(39) });
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(form.getByRole('alert')).toContainText('exactly 40 hexadecimal characters; this one has 39');
  await expect(tokenRows(page)).toHaveCount(0);
});

test('a copied token does not outlive the app on the clipboard', async ({ shell }) => {
  const { app, page } = shell;
  await saveSettings(page, { 'Clear the clipboard after (seconds)': '300' });
  await addTokenViaForm(page, { service: 'Synap', label: 'Synap quit', account: 'Example Lab', secret: SYNAP });
  await tokenRow(page, 'Synap quit').getByRole('button', { name: 'Copy', exact: true }).click();
  await expect.poll(() => clipboardHolds(app, SYNAP)).toBe(true);
  // What quitting runs first (before-quit), in the real main process, without ending the app
  // the assertion needs: the shell holds the quit back, clears, then asks to quit again — that
  // second request is caught here instead of ending the app.
  const quit = await app.evaluate(async ({ app: electronApp, clipboard }) => {
    const realQuit = electronApp.quit;
    let prevented = false;
    const askedAgain = new Promise<void>((resolve) => {
      electronApp.quit = () => resolve();
    });
    try {
      electronApp.emit('before-quit', { preventDefault: () => (prevented = true) });
      await askedAgain;
    } finally {
      electronApp.quit = realQuit;
    }
    return { prevented, cleared: (await clipboard.readText()) === '' };
  });
  expect(quit.prevented, 'the first quit waits for the clipboard').toBe(true);
  expect(quit.cleared, 'quitting clears the token we copied').toBe(true);
});
