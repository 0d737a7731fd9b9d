// @process: test
// Long lists through the harness in Debian's Chromium: a token added past the first rendered
// page (25 rows) is still rendered, scrolled to and focused; a Syncano key's edit form opens
// where the key is in a list of 200, scrolled to, its first field focused, and a new or saved key
// is scrolled to and focused; the key list has a search. And the token list's sort by last used
// and by days left, from a Synapse sync, with the tokens that have no value listed last and said so.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { Catalog } from '../electron/core/catalog';
import { encodeAccount, keytarKeychain } from '../electron/core/keychain';
import { maskedPreview } from '../electron/shared/services';
import { startFakeSynapse, type FakeSynapse } from './fakes/synapse';
import { startFakeSyncano, type FakeSyncano } from './fakes/syncano';
import type { HarnessOptions } from './support/harness';
import { addTokenViaForm, harnessTest, openView, tokenRow, tokenRows } from './support/ui';

const DAY = 86_400_000;

/** True when the element lies wholly inside the visible part of the window's scrolling content. */
async function inView(target: Locator): Promise<boolean> {
  return target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const v = document.querySelector('.app-scroll')!.getBoundingClientRect();
    return r.height > 0 && r.top >= v.top && r.bottom <= v.bottom;
  });
}

// ---- 160 tokens stored before the harness starts, the way the vault stores them.
let seededDir = '';
async function seed160(): Promise<HarnessOptions> {
  seededDir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-e2e-lists-'));
  const keychainService = `synvault-e2e-lists-${randomBytes(6).toString('hex')}`;
  const keychain = keytarKeychain(keychainService);
  const records = [];
  for (let i = 0; i < 160; i++) {
    const id = randomUUID();
    const label = `Seeded token ${String(i).padStart(3, '0')}`;
    const addedAt = new Date(Date.now() - (200 - i) * DAY).toISOString();
    const secret = `p:seeded-${i}-${randomBytes(12).toString('base64url')}`;
    const keychainAccount = encodeAccount({ id, service: 'synap', label, account: 'Example Lab', addedAt });
    await keychain.set(keychainAccount, secret);
    records.push({ id, service: 'synap' as const, kind: 'synap-pat' as const, label, account: 'Example Lab', preview: maskedPreview(secret), addedAt, keychainAccount });
  }
  new Catalog(seededDir).save(records);
  return { dataDir: seededDir, keychainService };
}

harnessTest(seed160)('a token added past the first rendered page is rendered, scrolled to and focused', async ({ page }) => {
  await expect(page.getByText('160 tokens.')).toBeVisible();
  await page.getByLabel('Sort by').selectOption({ label: 'Oldest first' });
  await expect(tokenRows(page)).toHaveCount(25);
  // Oldest first: the new one is the 161st.
  const row = await addTokenViaForm(page, { service: 'Synap', label: 'Brand new token', account: 'Example Lab', secret: `p:${'N'.repeat(36)}` });
  await expect(row).toBeFocused();
  // Polled: rows above it may still be settling (their details arrive after they render), and the
  // window keeps the new row in view meanwhile.
  await expect.poll(() => inView(row), { message: 'the new row is scrolled into view' }).toBe(true);
  await expect(tokenRows(page).last()).toHaveAccessibleName('Brand new token');
  // A search that hides it is cleared by the next add's focus request, so the new row is shown.
  await page.getByRole('searchbox', { name: 'Search tokens' }).fill('Seeded token 005');
  await expect(tokenRows(page)).toHaveCount(1);
  const second = await addTokenViaForm(page, { service: 'Synap', label: 'Another new token', account: 'Example Lab', secret: `p:${'M'.repeat(36)}` });
  await expect(second).toBeFocused();
  await expect.poll(() => inView(second), { message: 'the second new row is scrolled into view' }).toBe(true);
  await expect(page.getByRole('searchbox', { name: 'Search tokens' })).toHaveValue('');
});

test.afterAll(() => {
  if (seededDir) fs.rmSync(seededDir, { recursive: true, force: true });
});

// ---- Syncano: an instance with 200 keys.
let syncano: FakeSyncano | undefined;
const SYNCANO_PASSWORD = 'Trapezius-lift-8080';
const syncanoTest = harnessTest(async () => {
  await syncano?.close();
  syncano = await startFakeSyncano();
  const admin = syncano.addAccount({ email: 'flexing@pectorals.com', password: SYNCANO_PASSWORD, first_name: 'Terry', last_name: 'Crews' });
  syncano.addInstance(admin, 'shop-prod', 'The shop');
  for (let i = 0; i < 200; i++) syncano.addApiKey('shop-prod', { description: `device ${i}` });
  return { env: { SYNVAULT_SYNCANO_ENDPOINT: syncano.url } };
});

test.afterAll(async () => {
  await syncano?.close();
  syncano = undefined;
});

async function listKeys(page: Page): Promise<Locator> {
  await openView(page, 'Syncano');
  const form = page.getByRole('form', { name: 'Sign in to Syncano' });
  await form.getByLabel('E-mail').fill('flexing@pectorals.com');
  await form.getByLabel('Password').fill(SYNCANO_PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Instance', { exact: true }).selectOption('shop-prod');
  const table = page.getByRole('table', { name: 'API keys of shop-prod' });
  await expect(table.getByRole('row')).toHaveCount(201);
  return table;
}

syncanoTest('Syncano, 200 keys: the edit form opens where the key is, focused; saved and new keys are scrolled to and focused; search', async ({ page }) => {
  const table = await listKeys(page);
  const key = syncano!.apiKeys.find((k) => k.description === 'device 190')!;
  const row = table.locator(`tr[data-key-id="${key.id}"]`);

  // Edit: the form is the row right under the key, in view, the description focused.
  await row.getByRole('button', { name: 'Edit' }).click();
  const form = page.getByRole('form', { name: `Edit API key #${key.id}` });
  await expect(form).toBeVisible();
  const description = form.getByLabel('Description');
  await expect(description).toBeFocused();
  expect(await inView(description), 'the description field is in view').toBe(true);
  expect(await row.evaluate((tr) => !!tr.nextElementSibling?.querySelector('form'))).toBe(true);
  // Escape cancels, back to that key's Edit button.
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Edit' })).toBeFocused();

  // Saved: the key's row is focused and in view.
  await page.keyboard.press('Enter');
  await expect(description).toBeFocused();
  await description.fill('device 190 (front desk)');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(`Saved API key #${key.id}.`);
  await expect(row).toContainText('device 190 (front desk)');
  await expect(row).toBeFocused();
  expect(await inView(row)).toBe(true);

  // A new key: created from the top, then scrolled to at the bottom and focused.
  await page.getByRole('button', { name: 'Create API key' }).click();
  const newForm = page.getByRole('form', { name: 'New API key for shop-prod' });
  await expect(newForm.getByLabel('Description')).toBeFocused();
  await page.keyboard.type('kiosk');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(/Created API key #\d+/);
  const created = syncano!.apiKeys.find((k) => k.description === 'kiosk')!;
  const newRow = table.locator(`tr[data-key-id="${created.id}"]`);
  await expect(newRow).toBeFocused();
  expect(await inView(newRow), 'the new key is in view').toBe(true);

  // Search: Ctrl+F finds the key search here; by id or words.
  await page.keyboard.press('ControlOrMeta+F');
  const search = page.getByRole('searchbox', { name: 'Search API keys' });
  await expect(search).toBeFocused();
  await page.keyboard.type('front desk');
  await expect(table.getByRole('row')).toHaveCount(2);
  await expect(page.getByText('1 of 201 keys match.')).toBeVisible();
  await search.fill(`#${key.id}`);
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await search.fill('');
  await expect(table.getByRole('row')).toHaveCount(202);

  // Revoke: the focus moves to the next key.
  const next = syncano!.apiKeys[syncano!.apiKeys.indexOf(syncano!.findApiKey(key.id)!) + 1]!;
  await row.getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('alertdialog', { name: /^Revoke API key/ }).getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('status')).toContainText(`Revoked API key #${key.id}`);
  await expect(row).toHaveCount(0);
  await expect(table.locator(`tr[data-key-id="${next.id}"]`)).toBeFocused();

  // The account key removed from the vault: its card goes, and the focus goes to the view's
  // heading rather than to <body>.
  await page.getByRole('region', { name: 'Account key — Terry Crews' }).getByRole('button', { name: 'Remove from vault' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove from vault' }).click();
  await expect(page.getByRole('form', { name: 'Sign in to Syncano' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Syncano', level: 1 })).toBeFocused();
});

// ---- Sort by last used and by days left, from a Synapse sync.
let synapse: FakeSynapse | undefined;
const synapseTest = harnessTest(async () => {
  await synapse?.close();
  synapse = await startFakeSynapse();
  synapse.addUser({ userName: 'alice', password: 'Cortex-9-fold', ownerId: '3400001' });
  return { env: { SYNVAULT_SYNAPSE_AUTH_ENDPOINT: synapse.authEndpoint, SYNVAULT_SYNAPSE_REPO_ENDPOINT: synapse.repoEndpoint } };
});

test.afterAll(async () => {
  await synapse?.close();
  synapse = undefined;
});

synapseTest('sort by last used and by days left follows the last sync; tokens without a value come last, and the list says so', async ({ page }) => {
  const f = synapse!;
  // "used" is added first, so the sync lists with it (and it stays the most recent).
  const uses = { used: 0, month: 30, hundred: 100, old: 170, expired: 190 } as const;
  for (const [name, daysAgo] of Object.entries(uses)) {
    const token = f.issuePat('alice', name, ['view']);
    const pat = f.pats.find((p) => p.token === token)!;
    pat.createdOn = Date.now() - daysAgo * DAY;
    pat.lastUsed = pat.createdOn;
    await addTokenViaForm(page, { service: 'Synapse', label: name, account: 'alice', secret: token });
  }
  await addTokenViaForm(page, { service: 'Synap', label: 'Synap token', account: 'Example Lab', secret: `p:${'S'.repeat(36)}` });

  const order = async () => (await tokenRows(page).locator('.token-label').allTextContents()).join(', ');
  const sort = page.getByLabel('Sort by');
  const summary = page.locator('.list-summary');
  // Before any sync nothing is known, and the list says so.
  await sort.selectOption({ label: 'Last used' });
  await expect(summary).toContainText('No token has a known last use.');

  await openView(page, 'Synapse');
  await page.getByRole('button', { name: 'Sync with Synapse' }).click();
  await expect(page.getByRole('table', { name: 'Synapse tokens of alice' })).toBeVisible();
  await openView(page, 'Tokens');
  await sort.selectOption({ label: 'Last used' });
  await expect.poll(order).toBe('used, month, hundred, old, expired, Synap token');
  await expect(summary).toContainText('1 token has no known last use and is listed last, by name.');
  await sort.selectOption({ label: 'Days left' });
  await expect.poll(order).toBe('expired, old, hundred, month, used, Synap token');
  await expect(summary).toContainText('1 token has no known number of days left and is listed last, by name.');
  await expect(tokenRow(page, 'old')).toContainText('Expires if unused for 10 more days');
});
