// @process: test
// The foundation scenario in Debian's Chromium through the harness: add one token of each
// service through the form, list, filter, search, copy (then cleared), reveal (then hidden),
// remove with confirmation, and a refused bad paste. Canary secrets prove the page holds a
// value only while it is revealed; assertions on them are booleans so no failure prints one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, type Page } from '@playwright/test';
import { addTokenViaForm, fillAddForm, harnessTest, openView, pageContains, pasteField, saveSettings, tokenRow, tokenRows } from './support/ui';

const canaries = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'tests', 'canaries.json'), 'utf8')) as Record<string, string>;
const SYNAPSE = canaries.synapse!;
const SYNAP = canaries.synap!;
const SYNCANO_API = canaries.syncanoApiKey!;
const SYNCANO_ACCOUNT = canaries.syncanoAccountKey!;
const ALL = [SYNAPSE, SYNAP, SYNCANO_API, SYNCANO_ACCOUNT];

const test = harnessTest();

async function noCanaryInPage(page: Page) {
  for (const c of ALL) expect(await pageContains(page, c), 'a canary secret is in the page').toBe(false);
}

async function addAllThree(page: Page) {
  await addTokenViaForm(page, { service: 'Synapse', label: 'Synapse laptop', account: 'jdoe', secret: SYNAPSE });
  await addTokenViaForm(page, {
    service: 'Synap',
    label: 'Synap lab portal',
    account: 'Example Lab',
    portalUrl: 'https://portal.example.org',
    issuedBy: 'Ada Admin',
    subjectUsers: [{ id: 'user-42', note: 'night jobs' }],
    secret: SYNAP,
  });
  await addTokenViaForm(page, { service: 'Syncano', label: 'Syncano billing', account: 'billing-prod', secret: SYNCANO_API });
}

test('adds one token of each service through the form, then lists, filters, searches and sorts them', async ({ page, harness }) => {
  await addAllThree(page);

  const rows = tokenRows(page);
  await expect(rows).toHaveCount(3);
  const synapse = tokenRow(page, 'Synapse laptop');
  await expect(synapse).toContainText('Personal access token');
  await expect(synapse).toContainText('jdoe');
  await expect(synapse.getByRole('list', { name: 'Scopes' })).toContainText('view');
  await expect(synapse.getByRole('list', { name: 'Scopes' })).toContainText('download');
  await expect(synapse).toContainText(`${SYNAPSE.slice(0, 4)}…${SYNAPSE.slice(-4)}`);
  const synap = tokenRow(page, 'Synap lab portal');
  await expect(synap).toContainText('Example Lab');
  await expect(tokenRow(page, 'Syncano billing')).toContainText('Instance API key');
  await expect(tokenRow(page, 'Syncano billing')).toContainText('billing-prod');
  await expect(synapse.getByRole('button', { name: 'Copy', exact: true })).toBeVisible();
  await noCanaryInPage(page);

  // Filter by service.
  const filter = page.getByLabel('Filter by service');
  await filter.selectOption({ label: 'Syncano' });
  await expect(rows).toHaveCount(1);
  await expect(tokenRow(page, 'Syncano billing')).toBeVisible();
  await filter.selectOption({ label: 'Synap' });
  await expect(rows).toHaveCount(1);
  await expect(tokenRow(page, 'Synap lab portal')).toBeVisible();
  await filter.selectOption({ label: 'All services' });
  await expect(rows).toHaveCount(3);

  // Search as you type: by label, by account, by scope; no match says so.
  const search = page.getByRole('searchbox', { name: 'Search tokens' });
  await search.pressSequentially('lapt');
  await expect(rows).toHaveCount(1);
  await expect(tokenRow(page, 'Synapse laptop')).toBeVisible();
  await search.fill('example lab');
  await expect(rows).toHaveCount(1);
  await expect(tokenRow(page, 'Synap lab portal')).toBeVisible();
  await search.fill('nothing-like-this');
  await expect(rows).toHaveCount(0);
  await expect(page.getByText('0 of 3 tokens match.')).toBeVisible();
  await search.fill('');
  await expect(rows).toHaveCount(3);

  // Sort: newest first by default, then by name.
  await expect(rows.first()).toContainText('Syncano billing');
  await page.getByLabel('Sort by').selectOption({ label: 'Name (A–Z)' });
  await expect(rows.nth(0)).toContainText('Synap lab portal');
  await expect(rows.nth(1)).toContainText('Synapse laptop');
  await expect(rows.nth(2)).toContainText('Syncano billing');

  // The activity log names what was added, never a secret.
  await openView(page, 'Activity');
  const log = page.getByRole('table');
  await expect(log.getByRole('row')).toHaveCount(4);
  await expect(log).toContainText('Synapse laptop');
  await expect(log).toContainText('Added');
  await noCanaryInPage(page);
  for (const c of ALL) expect(harness.output().includes(c), 'a canary secret is in the harness output').toBe(false);
});

test('the Syncano form tells an account key from an instance API key after a valid paste', async ({ page }) => {
  const form = await fillAddForm(page, { service: 'Syncano', label: 'Syncano account', secret: SYNCANO_ACCOUNT });
  await expect(form.getByText('This is an account key')).toBeVisible();
  await pasteField(form).fill(SYNCANO_API);
  await expect(form.getByText('This is an instance API key')).toBeVisible();
  await pasteField(form).fill(SYNCANO_ACCOUNT);
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(tokenRow(page, 'Syncano account')).toContainText('Account key');
  await noCanaryInPage(page);
});

test('copy puts the token on the clipboard without giving it to the page, counts down, and clears it', async ({ page, harness }) => {
  await saveSettings(page, { 'Clear the clipboard after (seconds)': '10' });
  const row = await addTokenViaForm(page, { service: 'Synap', label: 'Synap copy', account: 'Example Lab', secret: SYNAP });

  await row.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect.poll(async () => (await harness.readClipboard()) === SYNAP, { message: 'the clipboard holds the copied token' }).toBe(true);
  await expect(page.getByText(/Clipboard clears in \d+ s/)).toBeVisible();
  await noCanaryInPage(page);

  await expect.poll(async () => (await harness.readClipboard()) === '', { message: 'the clipboard is cleared', timeout: 25_000 }).toBe(true);
  await expect(page.getByText('Clipboard cleared.')).toBeVisible();
  await noCanaryInPage(page);
});

test('reveal shows the value in its row and hides it again after the delay and when the window loses focus', async ({ page }) => {
  await saveSettings(page, { 'Hide a revealed token after (seconds)': '5' });
  const row = await addTokenViaForm(page, { service: 'Synapse', label: 'Synapse reveal', secret: SYNAPSE });

  await row.getByRole('button', { name: 'Reveal', exact: true }).click();
  const value = row.getByLabel('Revealed value');
  await expect(value).toBeVisible();
  expect((await value.textContent()) === SYNAPSE, 'the revealed value is the stored token').toBe(true);
  // Hidden again after the delay, with nothing left in the page.
  await expect(value).toBeHidden({ timeout: 15_000 });
  await expect(row.getByRole('button', { name: 'Reveal', exact: true })).toBeVisible();
  await noCanaryInPage(page);

  // Hidden at once when the window loses focus.
  await row.getByRole('button', { name: 'Reveal', exact: true }).click();
  await expect(value).toBeVisible();
  await page.evaluate(() => window.dispatchEvent(new Event('blur')));
  await expect(value).toBeHidden();
  await noCanaryInPage(page);

  // And by the person.
  await row.getByRole('button', { name: 'Reveal', exact: true }).click();
  await expect(value).toBeVisible();
  await row.getByRole('button', { name: 'Hide' }).click();
  await expect(value).toBeHidden();
  await noCanaryInPage(page);
});

test('remove asks for confirmation naming the token; cancel and Escape keep it, Remove deletes it', async ({ page }) => {
  await addTokenViaForm(page, { service: 'Syncano', label: 'Syncano keep', secret: SYNCANO_ACCOUNT });
  const row = await addTokenViaForm(page, { service: 'Syncano', label: 'Syncano remove me', secret: SYNCANO_API });
  const rows = tokenRows(page);
  await expect(rows).toHaveCount(2);

  await row.getByRole('button', { name: 'Remove', exact: true }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Remove “Syncano remove me”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Syncano remove me');
  // Focus starts on Cancel and stays inside the dialog.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Remove' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(2);

  await row.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(rows).toHaveCount(2);

  await row.getByRole('button', { name: 'Remove', exact: true }).click();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toContainText('Removed “Syncano remove me”.');
  await expect(rows).toHaveCount(1);
  await expect(tokenRow(page, 'Syncano keep')).toBeVisible();

  // Still gone after a reload (it was removed from the vault, not just the page).
  await page.reload();
  await expect(tokenRows(page)).toHaveCount(1);
  await expect(tokenRow(page, 'Syncano remove me')).toHaveCount(0);
});

test('a bad paste is refused with a message that says what is wrong, and nothing is stored', async ({ page, harness }) => {
  await addTokenViaForm(page, { service: 'Synap', label: 'Synap existing', account: 'Example Lab', secret: SYNAP });
  const rows = tokenRows(page);
  await expect(rows).toHaveCount(1);
  const catalogBefore = fs.readdirSync(harness.dataDir).map((f) => [f, fs.readFileSync(path.join(harness.dataDir, f), 'utf8')]);

  // A Syncano key one character short.
  const form = await fillAddForm(page, { service: 'Syncano', choose: true, label: 'Short key', secret: 'a'.repeat(39) });
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(form.getByRole('alert')).toContainText('exactly 40 hexadecimal characters; this one has 39');
  await expect(pasteField(form)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('Expected 40 characters, got 39.')).toBeVisible();

  // A Synapse value that is not a JWT.
  await fillAddForm(page, { service: 'Synapse', choose: true, label: 'Not a JWT', secret: 'definitely-not-a-token' });
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(form.getByRole('alert')).toContainText('three base64url parts');

  // A missing label.
  await fillAddForm(page, { service: 'Synap', label: '', account: 'Example Lab', secret: 'p:another-token-value' });
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(form.getByRole('alert')).toContainText('Give the token a label.');
  await expect(form.getByLabel('Label', { exact: true })).toBeFocused();

  await expect(rows).toHaveCount(1);
  await page.reload();
  await expect(tokenRows(page)).toHaveCount(1);
  const catalogAfter = fs.readdirSync(harness.dataDir).filter((f) => f.includes('catalog'));
  for (const f of catalogAfter) {
    const before = catalogBefore.find(([n]) => n === f)?.[1];
    expect(fs.readFileSync(path.join(harness.dataDir, f), 'utf8') === before, `${f} is unchanged`).toBe(true);
  }
});

test('settings are checked by the vault: a bad address is refused next to its field and nothing changes', async ({ page }) => {
  await openView(page, 'Settings');
  // Everything that needs a change is said at once, each beside its field, the first focused.
  const reveal = page.getByLabel('Hide a revealed token after (seconds)');
  await reveal.fill('');
  await page.getByLabel('Clear the clipboard after (seconds)').fill('5');
  await page.getByLabel('Synap API', { exact: true }).fill('ftp://x');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '3 settings need a change before they can be saved:' })).toContainText('Clear the clipboard after, Hide a revealed token after, Synap API');
  await expect(page.getByText('Enter a whole number.', { exact: true })).toBeAttached();
  await expect(page.getByText('At least 10 seconds.', { exact: true })).toBeAttached();
  await expect(page.getByText('Enter a full address, e.g. https://api.example.org', { exact: true })).toBeAttached();
  await expect(page.getByLabel('Clear the clipboard after (seconds)')).toBeFocused();
  await page.reload();
  await openView(page, 'Settings');
  const field = page.getByLabel('Syncano API', { exact: true });
  await field.fill('http://example.org');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'https' })).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // The focus goes to the refused field, not left on Save.
  await expect(field).toBeFocused();
  await field.fill('');
  await page.getByLabel('Clear the clipboard after (seconds)').fill('5');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Clear the clipboard after: At least 10 seconds.' })).toBeVisible();
  await expect(page.getByText('At least 10 seconds.', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Clear the clipboard after (seconds)')).toBeFocused();
  await page.getByLabel('Clear the clipboard after (seconds)').fill('45');
  await page.getByLabel('Rotate tokens after (days)').fill('60');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toContainText('Settings saved.');
  await page.reload();
  await openView(page, 'Settings');
  await expect(page.getByLabel('Clear the clipboard after (seconds)')).toHaveValue('45');
  await expect(page.getByLabel('Rotate tokens after (days)')).toHaveValue('60');
  await expect(page.getByLabel('Syncano API', { exact: true })).toHaveValue('');
});

harnessTest({ env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/synvault-no-bus' } })(
  'with no keychain a banner says what is wrong and how to fix it, and adding refuses to store anything',
  async ({ page, harness }) => {
    const banner = page.getByRole('alert').filter({ hasText: 'The keychain cannot be used.' });
    await expect(banner).toBeVisible();
    const form = await fillAddForm(page, { service: 'Syncano', label: 'No keychain', secret: SYNCANO_API });
    await form.getByRole('button', { name: 'Add token' }).click();
    await expect(form.getByRole('alert')).toBeVisible();
    await expect(tokenRows(page)).toHaveCount(0);
    for (const f of fs.readdirSync(harness.dataDir)) {
      const p = path.join(harness.dataDir, f);
      if (fs.statSync(p).isFile()) expect(fs.readFileSync(p, 'utf8').includes(SYNCANO_API), `${f} holds no secret`).toBe(false);
    }
  },
);
