// @process: test
// Syncano in Debian's Chromium through the harness, against the fake Syncano: sign in (a wrong
// password first), pick an instance whose keys span two pages, create a key with two flags, copy
// it, edit its description, reset it, revoke it, and reset the account key; a key pasted in upper
// case verifies and copies as the lower-case key Syncano issued. Assertions on
// secrets are booleans so a failure never prints one.
import { expect, type Page } from '@playwright/test';
import { startFakeSyncano, type FakeAccount, type FakeSyncano } from './fakes/syncano';
import { addTokenViaForm, harnessTest, openView, pageContains, tokenRow } from './support/ui';

const PASSWORD = 'Pectorals-flex-7731';
let fake: FakeSyncano | undefined;
let admin: FakeAccount;

const test = harnessTest(async () => {
  // One fake per test: the previous test's is closed first.
  await fake?.close();
  fake = await startFakeSyncano();
  admin = fake.addAccount({ email: 'flexing@pectorals.com', password: PASSWORD, first_name: 'Terry', last_name: 'Crews' });
  fake.addInstance(admin, 'shop-prod', 'The shop');
  fake.addInstance(admin, 'shop-staging');
  for (let i = 0; i < 104; i++) fake.addApiKey('shop-prod', { description: `device ${i}` });
  return { env: { SYNVAULT_SYNCANO_ENDPOINT: fake.url } };
});

test.afterAll(async () => {
  await fake?.close();
  fake = undefined;
});

const keyRow = (page: Page, text: string) => page.getByRole('table', { name: 'API keys of shop-prod' }).getByRole('row').filter({ hasText: text });

test('Syncano: sign in, manage an instance API key from creation to revocation, reset the account key', async ({ page, harness }) => {
  await openView(page, 'Syncano');

  // Sign in: the server's own message for a wrong password, then the account key is stored.
  const form = page.getByRole('form', { name: 'Sign in to Syncano' });
  await form.getByLabel('E-mail').fill(admin.email);
  await form.getByLabel('Password').fill('not-my-password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toHaveText('Syncano: Invalid password.');
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status')).toContainText('Signed in as flexing@pectorals.com');
  const card = page.getByRole('region', { name: 'Account key — Terry Crews' });
  await expect(card).toContainText('full access to your Syncano account, its billing and every instance');
  await expect(card.getByRole('button', { name: /delete/i })).toHaveCount(0);
  expect(await pageContains(page, PASSWORD)).toBe(false);

  // Pick an instance: its 104 keys come from two pages.
  await page.getByLabel('Instance', { exact: true }).selectOption('shop-prod');
  const table = page.getByRole('table', { name: 'API keys of shop-prod' });
  await expect(table.getByRole('row')).toHaveCount(105);

  // Create a key with two flags; ignore_acl asks first (declined here).
  await page.getByRole('button', { name: 'Create API key' }).click();
  const keyForm = page.getByRole('form', { name: 'New API key for shop-prod' });
  await keyForm.getByLabel('Description').fill('mobile app');
  await keyForm.getByRole('checkbox', { name: /ignore_acl/ }).click();
  const ask = page.getByRole('alertdialog', { name: 'Let this key ignore permissions?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(keyForm.getByRole('checkbox', { name: /ignore_acl/ })).not.toBeChecked();
  await keyForm.getByRole('checkbox', { name: /allow_user_create/ }).check();
  await keyForm.getByRole('checkbox', { name: /allow_anonymous_read/ }).check();
  await keyForm.getByRole('button', { name: 'Create key' }).click();
  await expect(page.getByRole('status')).toContainText(/Created API key #\d+ and stored it in the keychain/);
  const created = fake!.apiKeys.find((k) => k.description === 'mobile app')!;
  expect(created.allow_user_create && created.allow_anonymous_read && !created.ignore_acl && !created.allow_group_create).toBe(true);
  let row = keyRow(page, 'mobile app');
  await expect(row).toContainText('allow_user_create, allow_anonymous_read');
  await expect(row).toContainText('In vault');

  // Copy it: the main process puts the stored key on the clipboard.
  await row.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByRole('timer', { name: 'Clipboard' })).toContainText('Copied');
  expect((await harness.readClipboard()) === created.api_key).toBe(true);

  // Edit its description.
  await row.getByRole('button', { name: 'Edit' }).click();
  const editForm = page.getByRole('form', { name: `Edit API key #${created.id}` });
  await editForm.getByLabel('Description').fill('mobile app v2');
  await editForm.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('status')).toContainText(`Saved API key #${created.id}.`);
  expect(fake!.findApiKey(created.id)!.description).toBe('mobile app v2');
  row = keyRow(page, 'mobile app v2');
  await expect(row).toBeVisible();

  // Reset it: the new value replaces the old one in the keychain.
  const before = created.api_key;
  await row.getByRole('button', { name: 'Reset' }).click();
  const resetAsk = page.getByRole('alertdialog', { name: `Reset API key #${created.id} “mobile app v2”?` });
  await resetAsk.getByRole('button', { name: 'Reset key' }).click();
  await expect(page.getByRole('status')).toContainText(`Reset API key #${created.id}`);
  const after = fake!.findApiKey(created.id)!.api_key;
  expect(after !== before).toBe(true);
  await keyRow(page, 'mobile app v2').getByRole('button', { name: 'Copy' }).click();
  await expect.poll(async () => (await harness.readClipboard()) === after).toBe(true);

  // The token list holds it under its new description.
  await openView(page, 'Tokens');
  await expect(tokenRow(page, 'API key — mobile app v2')).toBeVisible();
  await openView(page, 'Syncano');
  await page.getByLabel('Instance', { exact: true }).selectOption('shop-prod');

  // Revoke it: deleted at Syncano, then removed from the vault.
  await keyRow(page, 'mobile app v2').getByRole('button', { name: 'Revoke' }).click();
  await page.getByRole('alertdialog', { name: /^Revoke API key/ }).getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('status')).toContainText(`Revoked API key #${created.id} “mobile app v2” and removed it from the vault.`);
  expect(fake!.findApiKey(created.id)).toBeUndefined();
  await expect(keyRow(page, 'mobile app v2')).toHaveCount(0);
  await expect(table.getByRole('row')).toHaveCount(105);

  // Reset the account key after confirming; the keychain then holds the new one.
  const oldAccountKey = admin.account_key;
  await card.getByRole('button', { name: 'Reset account key' }).click();
  await page.getByRole('alertdialog', { name: 'Reset the account key?' }).getByRole('button', { name: 'Reset account key' }).click();
  await expect(page.getByRole('status')).toContainText('The account key of flexing@pectorals.com was reset');
  expect(admin.account_key !== oldAccountKey).toBe(true);
  await openView(page, 'Tokens');
  await expect(tokenRow(page, 'API key — mobile app v2')).toHaveCount(0);
  const accountRow = tokenRow(page, 'Account key — Terry Crews');
  await accountRow.getByRole('button', { name: 'Copy' }).click();
  await expect.poll(async () => (await harness.readClipboard()) === admin.account_key).toBe(true);
  await accountRow.getByRole('button', { name: 'Verify' }).click();
  await expect(accountRow).toContainText('Works: Account key of flexing@pectorals.com.');

  expect(harness.output().includes(PASSWORD)).toBe(false);
  expect(harness.output().includes(admin.account_key)).toBe(false);
});

test('Syncano: a key pasted in upper case is stored as Syncano issued it and works', async ({ page, harness }) => {
  const k = fake!.addApiKey('shop-prod', { description: 'pasted loud' });
  const row = await addTokenViaForm(page, { service: 'Syncano', label: 'Pasted in capitals', secret: k.api_key.toUpperCase() });
  await row.getByRole('button', { name: 'Verify' }).click();
  await expect(row).toContainText('Works: API key of instance shop-prod.');
  await row.getByRole('button', { name: 'Copy' }).click();
  await expect.poll(async () => (await harness.readClipboard()) === k.api_key).toBe(true);
  expect(harness.output().includes(k.api_key)).toBe(false);
});
