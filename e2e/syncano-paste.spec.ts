// @process: test
// Syncano and keys people already hold, in Debian's Chromium through the harness against the fake
// Syncano: an API key stored by pasting it against its row ("I have this key") once Syncano
// confirms it is that key, without a reset; and an account key stored before the add path checked
// whose it is (an instance name in place of its e-mail, a key Syncano does not know) is neither
// shown as an e-mail nor opened by the Syncano tab once it is known to fail. Assertions on
// secrets are booleans so a failure never prints one.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { Catalog } from '../electron/core/catalog';
import { encodeAccount, keytarKeychain } from '../electron/core/keychain';
import { maskedPreview } from '../electron/shared/services';
import { startFakeSyncano, syncanoKey, type FakeAccount, type FakeApiKey, type FakeSyncano } from './fakes/syncano';
import { harnessTest, openView, pageContains, tokenRow } from './support/ui';

const PASSWORD = 'Pectorals-flex-7731';
const canaries = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'tests', 'canaries.json'), 'utf8')) as Record<string, string>;
/** An account key Syncano does not know, stored with an instance name where its e-mail belongs. */
const DEAD = syncanoKey('account');
let fake: FakeSyncano | undefined;
let admin: FakeAccount;
let held: FakeApiKey;
let other: FakeApiKey;
const dataDirs: string[] = [];

// Each test gets a fresh harness, fake and seeded vault.
const test = harnessTest(async () => {
  await fake?.close();
  fake = await startFakeSyncano();
  admin = fake.addAccount({ email: 'flexing@pectorals.com', password: PASSWORD, first_name: 'Terry', last_name: 'Crews' });
  fake.addInstance(admin, 'shop-prod', 'The shop');
  other = fake.addApiKey('shop-prod', { description: 'kiosk' });
  held = fake.addApiKey('shop-prod', { description: 'mobile app', allow_anonymous_read: true });
  // The entry the issue found: written as an earlier version stored it (keychain + catalog).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-e2e-syncano-'));
  dataDirs.push(dataDir);
  const keychainService = `synvault-e2e-syncano-${randomBytes(6).toString('hex')}`;
  const id = randomUUID();
  const addedAt = new Date().toISOString();
  const label = 'Pasted admin';
  const account = encodeAccount({ id, service: 'syncano', label, account: 'bars-instance', addedAt });
  await keytarKeychain(keychainService).set(account, DEAD);
  new Catalog(dataDir).save([
    { id, service: 'syncano', kind: 'syncano-account-key', label, account: 'bars-instance', preview: maskedPreview(DEAD), addedAt, keychainAccount: account },
  ]);
  return { dataDir, keychainService, env: { SYNVAULT_SYNCANO_ENDPOINT: fake.url } };
});

test.afterAll(async () => {
  await fake?.close();
  fake = undefined;
  for (const d of dataDirs) fs.rmSync(d, { recursive: true, force: true });
});

const keyRow = (page: Page, text: string) => page.getByRole('table', { name: 'API keys of shop-prod' }).getByRole('row').filter({ hasText: text });

async function signIn(page: Page) {
  const form = page.getByRole('form', { name: 'Sign in to Syncano' });
  await form.getByLabel('E-mail').fill(admin.email);
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status')).toContainText('Signed in as flexing@pectorals.com');
}

test('an account key with an instance name for an e-mail is not shown as one, and the tab stops opening on it once it fails', async ({ page }) => {
  // The list does not call the instance name the account.
  const legacy = tokenRow(page, 'Pasted admin');
  await expect(legacy).toContainText('Account key');
  await expect(legacy).not.toContainText('bars-instance');

  // The tab opens on it once, while nothing is known of it; Syncano does not know it, and says so.
  await openView(page, 'Syncano');
  await expect(page.getByRole('alert').filter({ hasText: 'Syncano does not know the account key “Pasted admin” (No such API Key.)' })).toBeVisible();
  // Now known to fail: the tab asks to sign in instead, and says why.
  await expect(page.getByRole('note').filter({ hasText: 'The stored account key “Pasted admin” does not work' })).toBeVisible();
  await expect(page.getByLabel('Account', { exact: true }).locator('option')).toHaveText(['Choose an account key…', 'Pasted admin — does not work']);
  await signIn(page);
  await expect(page.getByRole('region', { name: 'Account key — Terry Crews' })).toBeVisible();

  // After a reload the tab opens on the account key that works, with no error.
  await page.reload();
  await openView(page, 'Syncano');
  await expect(page.getByRole('region', { name: 'Account key — Terry Crews' })).toBeVisible();
  await expect(page.getByLabel('Account', { exact: true })).toHaveValue(/.+/);
  await expect(page.getByLabel('Instance', { exact: true }).locator('option')).toContainText(['Choose one of 1…']);
  await expect(page.getByRole('alert')).toHaveCount(0);
});

test('"I have this key": a key pasted against its row is checked with Syncano and stored, without a reset', async ({ page, harness }) => {
  await openView(page, 'Syncano');
  // The dead key fails once (previous test's story); then sign in and pick the instance.
  await expect(page.getByRole('form', { name: 'Sign in to Syncano' })).toBeVisible();
  await signIn(page);
  await page.getByLabel('Instance', { exact: true }).selectOption('shop-prod');
  const row = keyRow(page, 'mobile app');
  await expect(row).toContainText('Not stored');

  await row.getByRole('button', { name: 'I have this key' }).click();
  const dialog = page.getByRole('dialog', { name: `I have API key #${held.id} “mobile app”` });
  const field = dialog.getByLabel('API key', { exact: true });
  await expect(field).toBeFocused();
  // A value of another service is named at once.
  await field.fill(canaries.synap!);
  await expect(dialog.getByText('This looks like a Synap personal access token, not a Syncano key.')).toBeVisible();
  // Another key of the instance is not this one.
  await field.fill(other.api_key);
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText(`That is not API key #${held.id} of shop-prod: Syncano holds another value for it. Nothing was stored.`);
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // The key itself, pasted in capitals, is.
  await field.fill(held.api_key.toUpperCase());
  await dialog.getByRole('button', { name: 'Check and store' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText(`Syncano confirmed API key #${held.id} “mobile app”; it is in the keychain as “API key — mobile app”.`);
  await expect(row).toContainText('In vault');

  // Nothing was reset: Syncano still has the same value, and no reset was asked for.
  expect(fake!.findApiKey(held.id)!.api_key === held.api_key).toBe(true);
  expect(fake!.requests.some((r) => r.path.includes('reset_key'))).toBe(false);
  await row.getByRole('button', { name: 'Copy' }).click();
  await expect.poll(async () => (await harness.readClipboard()) === held.api_key).toBe(true);

  // In the token list with its instance and flags.
  await openView(page, 'Tokens');
  const stored = tokenRow(page, 'API key — mobile app');
  await expect(stored).toContainText('shop-prod');
  await expect(stored.getByRole('list', { name: 'Scopes and flags' })).toContainText('allow_anonymous_read');
  for (const secret of [held.api_key, canaries.synap!]) expect(await pageContains(page, secret)).toBe(false);
  expect(harness.output().includes(held.api_key)).toBe(false);
});
