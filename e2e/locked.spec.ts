// @process: test
// The window on a keyring that is there but locked (a login whose unlock prompt was dismissed):
// a banner names the state and the fix, the list still shows from the catalog, a copy fails with
// the same words and removes nothing — and after the keyring is unlocked, Retry clears the banner
// and the same copy works. Runs the harness in a D-Bus session of its own over a private keyring.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { startHarness, type Harness } from './support/harness';
import { tokenRow, tokenRows } from './support/ui';
import { inKeyringSession, keyringEnv, keyringHome, sessionPrefix, unlockInSession } from '../tests/helpers/keyring-session';

const canaries = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'tests', 'canaries.json'), 'utf8')) as Record<string, string>;
const KEY = canaries.syncanoApiKey!;

test('a locked keychain: banner with the fix, list from the catalog, copy refused; Retry after unlocking, then copy works', async ({ page }) => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-e2e-locked-'));
  const home = keyringHome(path.join(work, 'keyring'));
  const dataDir = path.join(work, 'vault');
  const service = `synvault-e2e-locked-${randomBytes(4).toString('hex')}`;
  const env = { ...process.env, SYNVAULT_DATA_DIR: dataDir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: work };
  const seeded = inKeyringSession(home, 'unlocked', [process.execPath, path.join(__dirname, '..', 'dist', 'cli.js'), 'add', 'syncano', '--label', 'Lab key'], env, 60_000, KEY);
  expect(seeded.code, seeded.err).toBe(0);

  let harness: Harness | undefined;
  try {
    harness = await startHarness({ dataDir, keychainService: service, wrap: sessionPrefix('locked', true), env: keyringEnv(home, {}) as Record<string, string> });
    await page.goto(harness.url);
    // The banner is the alert with Retry (a refused copy's notice says the same words).
    const banner = page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Retry' }) });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('The keychain is locked (the keyring has not been unlocked). Your tokens are safe in it');
    await expect(banner).toContainText('Unlock your keyring — it is usually unlocked when you log in — then press Retry.');
    await expect(tokenRows(page)).toHaveCount(1);
    const row = tokenRow(page, 'Lab key');
    await row.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: /could not|locked/i }).last()).toContainText('locked');
    expect(await harness.readClipboard()).toBe('');
    await expect(tokenRows(page)).toHaveCount(1);

    const bus = /SYNVAULT_TEST_BUS=(\S+)/.exec(harness.output())?.[1];
    expect(bus, 'the session printed its bus address').toBeTruthy();
    unlockInSession(home, bus!);
    // Retry clears the banner. The window may also see the unlock by itself first: any call made
    // while the keychain was last seen locked probes it again (core/live-updates.ts), and a call in
    // flight at the unlock takes the banner away under the click. Either way it must go.
    const retry = banner.getByRole('button', { name: 'Retry' });
    await retry.click({ timeout: 5_000 }).catch(() => undefined);
    await expect(banner).toHaveCount(0);
    await row.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect.poll(async () => (await harness!.readClipboard()) === KEY).toBe(true);
  } finally {
    await harness?.stop({ keep: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
});
