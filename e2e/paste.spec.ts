// @process: test
// "Add a token" takes a paste first, in Debian's Chromium through the harness: each service and
// kind is recognised from the value, what it decodes is shown and the label offered, only what
// the value cannot tell is asked, and the token is added; a value pasted for the wrong service
// names the one it belongs to. Rename a token from its row with the keyboard. Canary secrets
// prove the page holds no value once added; assertions on them are booleans.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { harnessTest, openAddForm, pageContains, pasteField, tokenRow, tokenRows } from './support/ui';

const canaries = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'tests', 'canaries.json'), 'utf8')) as Record<string, string>;
const ALL = Object.values(canaries);

const test = harnessTest();

async function noCanaryInPage(page: Page) {
  for (const c of ALL) expect(await pageContains(page, c), 'a canary secret is in the page').toBe(false);
}

/** Pastes into a fresh add form and waits for the recognition. */
async function paste(page: Page, value: string, what: string): Promise<Locator> {
  const form = await openAddForm(page);
  await pasteField(form).fill(value);
  await expect(form.getByText(`Recognised: ${what}`)).toBeVisible();
  return form;
}

async function add(page: Page, form: Locator, label: string) {
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(page.getByRole('status')).toContainText(`Added “${label}”`);
  await expect(tokenRow(page, label)).toBeVisible();
}

test('paste anything: each service and kind is recognised, pre-filled, and added asking only what the value cannot tell', async ({ page, harness }) => {
  // The form opens on the paste.
  const form = await openAddForm(page);
  await expect(pasteField(form)).toBeFocused();

  // Synapse: its claims are decoded and shown, the label offered; the username stays optional.
  await paste(page, canaries.synapse!, 'Synapse personal access token');
  const decoded = form.getByLabel('Read from the token');
  await expect(decoded.getByRole('term')).toHaveText(['User id', 'Token id', 'Scopes', 'Issued']);
  await expect(decoded.getByRole('definition').first()).toHaveText('3450001');
  await expect(decoded.getByRole('definition').nth(1)).toHaveText('7001');
  await expect(decoded.getByRole('definition').nth(2)).toHaveText('view, download');
  await expect(form.getByText('A personal access token has no expiry date')).toBeVisible();
  await expect(form.getByLabel('Service', { exact: true })).toHaveValue('auto');
  await expect(form.getByLabel('Service', { exact: true }).locator('option:checked')).toHaveText('Synapse (recognised)');
  await expect(form.getByLabel('Label', { exact: true })).toHaveValue('Synapse personal access token #7001');
  await expect(form.getByLabel('Username (optional)', { exact: true })).toBeVisible();
  await expect(form.getByLabel('Organisation / Portal name')).toHaveCount(0);
  await add(page, form, 'Synapse personal access token #7001');
  const synapse = tokenRow(page, 'Synapse personal access token #7001');
  await expect(synapse.getByRole('list', { name: 'Scopes' })).toContainText('download');

  // Synap: nothing to decode; the Portal name is asked (required), with its optional details.
  await paste(page, canaries.synap!, 'Synap personal access token');
  await expect(form.getByLabel('Label', { exact: true })).toHaveValue('Synap personal access token');
  await form.getByLabel('Organisation / Portal name').fill('Example Lab');
  await expect(form.getByLabel('Portal address (optional)')).toBeVisible();
  await add(page, form, 'Synap personal access token');
  await expect(tokenRow(page, 'Synap personal access token')).toContainText('Example Lab');

  // Syncano, an instance API key (odd last digit): the instance is asked, not an e-mail.
  await paste(page, canaries.syncanoApiKey!, 'Syncano instance API key');
  await expect(form.getByText('This is an instance API key (its last digit is odd)')).toBeVisible();
  await expect(form.getByLabel('E-mail (optional)')).toHaveCount(0);
  await form.getByLabel('Instance (optional)').fill('shop-prod');
  await add(page, form, 'Syncano instance API key');
  await expect(tokenRow(page, 'Syncano instance API key')).toContainText('shop-prod');

  // Syncano, an account key (even last digit): its account is an e-mail, never an instance.
  await paste(page, canaries.syncanoAccountKey!, 'Syncano account key');
  await expect(form.getByText('This is an account key (its last digit is even)')).toBeVisible();
  await expect(form.getByLabel('Instance (optional)')).toHaveCount(0);
  await form.getByLabel('E-mail (optional)').fill('bars-instance');
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(form.getByText('An account is named by its e-mail address (name@example.org).', { exact: true })).toBeVisible();
  await expect(form.getByLabel('E-mail (optional)')).toBeFocused();
  await form.getByLabel('E-mail (optional)').fill('ada@example.org');
  await add(page, form, 'Syncano account key');
  await expect(tokenRow(page, 'Syncano account key')).toContainText('ada@example.org');

  await expect(tokenRows(page)).toHaveCount(4);
  await noCanaryInPage(page);
  for (const c of ALL) expect(harness.output().includes(c), 'a canary secret is in the harness output').toBe(false);
});

test('a paste for the wrong service names the service it belongs to, and nothing is stored', async ({ page }) => {
  const form = await openAddForm(page);
  await form.getByLabel('Service', { exact: true }).selectOption({ label: 'Syncano' });
  await pasteField(form).fill(canaries.synapse!);
  const said = 'This looks like a Synapse personal access token, not a Syncano key.';
  // Said as it is pasted, before anything is sent...
  await expect(form.getByText(said)).toBeVisible();
  await form.getByLabel('Label', { exact: true }).fill('wrong');
  // ...and by the vault, which refuses it.
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(form.getByRole('alert')).toHaveText(said);
  await expect(pasteField(form)).toHaveAttribute('aria-invalid', 'true');
  await expect(pasteField(form)).toBeFocused();

  await form.getByLabel('Service', { exact: true }).selectOption({ label: 'Synapse' });
  await pasteField(form).fill(canaries.synap!);
  await expect(form.getByText('This looks like a Synap personal access token, not a Synapse personal access token.')).toBeVisible();

  // Left to recognise, a value of no service says what it takes.
  await form.getByLabel('Service', { exact: true }).selectOption({ index: 0 });
  await pasteField(form).fill('hello-this-is-no-token');
  await expect(form.getByText('Synvault does not recognise this value.', { exact: false })).toBeVisible();
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(form.getByRole('alert')).toContainText('Synvault does not recognise this value.');

  await expect(tokenRows(page)).toHaveCount(0);
  await noCanaryInPage(page);
});

test('rename a token from its row: Enter saves, Escape cancels, focus goes back to the row', async ({ page }) => {
  const form = await paste(page, canaries.syncanoApiKey!, 'Syncano instance API key');
  await add(page, form, 'Syncano instance API key');
  const row = tokenRow(page, 'Syncano instance API key');

  // Escape cancels.
  await row.getByRole('button', { name: 'Rename' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename “Syncano instance API key”' });
  const field = dialog.getByLabel('Label', { exact: true });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue('Syncano instance API key');
  await field.fill('Never saved');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(row.getByRole('button', { name: 'Rename' })).toBeFocused();
  await expect(tokenRow(page, 'Never saved')).toHaveCount(0);

  // An empty label is refused beside the field.
  await page.keyboard.press('Enter');
  await expect(field).toBeFocused();
  await field.fill('   ');
  await page.keyboard.press('Enter');
  await expect(dialog.getByText('Give the token a label.')).toBeVisible();

  // Enter saves.
  await field.fill('Shop app key');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Renamed “Syncano instance API key” to “Shop app key”.');
  const renamed = tokenRow(page, 'Shop app key');
  await expect(renamed).toBeVisible();
  await expect(renamed.getByRole('button', { name: 'Rename' })).toBeFocused();

  // It stays renamed after a reload, and copies the same secret.
  await page.reload();
  await expect(tokenRow(page, 'Shop app key')).toBeVisible();
  await expect(tokenRows(page)).toHaveCount(1);
});
