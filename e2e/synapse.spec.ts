// @process: test
// Synapse in Debian's Chromium through the harness, against the fake Synapse: create a token by
// signing in (a wrong password first), verify it, sync with the server, export it to
// ~/.synapseConfig in the harness's temporary home (checked with Python's configparser), import
// it back, then revoke it — once refused by the server (the token stays), then for real.
// Assertions on secrets are booleans so a failure never prints one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from '@playwright/test';
import { startFakeSynapse, type FakeSynapse } from './fakes/synapse';
import { addTokenViaForm, harnessTest, openView, pageContains, tokenRow } from './support/ui';
import { digest, pyRead } from '../tests/synapse/py-configparser';
import { makeSynapsePat } from '../tests/helpers/core';

const PASSWORD = 'Cerebellum-42-wobble';
let fake: FakeSynapse | undefined;

const test = harnessTest(async () => {
  // One fake per test: the previous test's is closed first.
  await fake?.close();
  fake = await startFakeSynapse();
  fake.addUser({ userName: 'alice', password: PASSWORD, ownerId: '3400001' });
  fake.issuePat('alice', 'made on synapse.org');
  fake.issuePat('alice', 'old desktop');
  return { env: { SYNVAULT_SYNAPSE_AUTH_ENDPOINT: fake.authEndpoint, SYNVAULT_SYNAPSE_REPO_ENDPOINT: fake.repoEndpoint } };
});

test.afterAll(async () => {
  await fake?.close();
  fake = undefined;
});

test('Synapse: create via sign-in, verify, sync, export, import back, revoke (a refused revoke keeps the token)', async ({ page, harness }) => {
  const f = fake!;
  await openView(page, 'Synapse');

  // Create: a wrong password gets its own message; then the token goes to the keychain.
  const form = page.getByRole('form', { name: 'Create a personal access token' });
  await form.getByLabel('Synapse user name or e-mail').fill('alice');
  await form.getByLabel('Password').fill('wrong');
  await form.getByLabel('Token name').fill('laptop');
  await expect(form.getByRole('checkbox', { name: 'View' })).toBeChecked();
  await form.getByRole('checkbox', { name: 'Download' }).check();
  await form.getByRole('button', { name: 'Create token' }).click();
  await expect(form.getByRole('alert')).toContainText('The user name/e-mail or password is incorrect');
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByRole('status')).toContainText('Created “laptop” at Synapse');
  const created = f.pats.find((p) => p.name === 'laptop')!;
  expect(created.scopes).toEqual(['view', 'download']);
  expect(await pageContains(page, PASSWORD)).toBe(false);
  expect(await pageContains(page, created.token)).toBe(false);

  // Verify.
  await openView(page, 'Tokens');
  const row = tokenRow(page, 'laptop');
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('status')).toContainText('“laptop” is valid. Belongs to alice (user 3400001).');
  await expect(row).toContainText('Verified');

  // Sync: the two tokens made elsewhere are listed as not in the vault.
  await openView(page, 'Synapse');
  await page.getByRole('button', { name: 'Sync with Synapse' }).click();
  const table = page.getByRole('table', { name: 'Synapse tokens of alice' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').filter({ hasText: 'not in vault' })).toHaveCount(2);
  await expect(table.getByRole('row').filter({ hasText: 'old desktop' })).toContainText('ACTIVE');
  await expect(table.getByRole('row').filter({ hasText: 'old desktop' }).getByRole('button', { name: 'Revoke old desktop' })).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'laptop' })).toContainText('ACTIVE');
  await expect(table.getByRole('row').filter({ hasText: 'laptop' })).toContainText('180');
  await openView(page, 'Tokens');
  await expect(row).toContainText('Active at Synapse');
  await expect(row).toContainText('Expires if unused for 180 more days');

  // Export to ~/.synapseConfig (the harness's temporary home): preview masked, then write.
  // [authentication] is bob's (with his password): refused until the person chooses to replace it.
  const file = path.join(harness.home, '.synapseConfig');
  fs.writeFileSync(file, '# my settings\n[cache]\nlocation = /data/cache\n\n[authentication]\nusername = bob\npassword = bobs-old-pw\n');
  await row.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export “laptop” to .synapseConfig' });
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('alert')).toContainText('[authentication] holds the credentials of bob (username = bob, with password), and this token belongs to alice.');
  await dialog.getByRole('checkbox', { name: 'Replace another user’s credentials in the section' }).check();
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const changes = dialog.getByLabel('Changes in authentication');
  await expect(changes).toContainText('username: bob → alice');
  await expect(changes).toContainText('password: •••• → (removed)');
  await expect(changes).toContainText(/authtoken: \(none\) → \S{4}…\S{4}/);
  const section = dialog.getByLabel('Section authentication');
  await expect(section).toContainText('[authentication]');
  await expect(section).toContainText('username = alice');
  await expect(section).toContainText(/authtoken = \S{4}…\S{4}/);
  await expect(dialog).toContainText(`The current file will be kept as ${file}.backup (a plaintext copy with its token; at most 3 kept).`);
  expect(await pageContains(page, created.token)).toBe(false);
  await dialog.getByRole('button', { name: 'Write file' }).click();
  await expect(page.getByRole('status')).toContainText('Wrote “laptop”');
  await expect(page.getByRole('status')).toContainText(`The previous file is kept as ${file}.backup (a plaintext copy with its token; at most 3 kept).`);
  const py = pyRead(file);
  expect(py.legacy?.authtoken).toEqual(digest(created.token));
  expect(py.legacy?.username).toBe('alice');
  expect(fs.readFileSync(file, 'utf8').startsWith('# my settings\n[cache]\nlocation = /data/cache\n')).toBe(true);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.existsSync(`${file}.backup`)).toBe(true);
  expect(fs.readFileSync(file, 'utf8').includes('bobs-old-pw')).toBe(false);

  // Import back: remove it from the vault, find it in the file, import, remove the file's copy.
  await row.getByRole('button', { name: 'Remove', exact: true }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
  await expect(row).toHaveCount(0);
  await openView(page, 'Synapse');
  await page.getByRole('button', { name: 'Look for tokens' }).click();
  const found = page.getByRole('list', { name: 'Tokens found in the file' });
  await expect(found.getByRole('checkbox')).toHaveCount(1);
  await expect(found.getByRole('checkbox')).toBeChecked();
  await page.getByRole('checkbox', { name: 'Remove the token from the file' }).check();
  await page.getByRole('button', { name: 'Import selected' }).click();
  await expect(page.getByRole('status')).toContainText('Imported 1 token from ');
  await expect(page.getByRole('status')).toContainText('Removed the token from [authentication]; the keychain keeps it.');
  await expect(page.getByRole('status')).toContainText('Profile "default" now finds no token in the file ([authentication]), so synapseclient uses SYNAPSE_AUTH_TOKEN');
  expect(fs.readFileSync(file, 'utf8').includes(created.token)).toBe(false);
  // The line is gone, not left empty: the client goes on to SYNAPSE_AUTH_TOKEN.
  expect(pyRead(file).legacy?.authtoken).toBeNull();
  expect(pyRead(file).modern?.authtoken).toBeNull();
  await openView(page, 'Tokens');
  const imported = tokenRow(page, 'alice — .synapseConfig [authentication]');
  await expect(imported).toBeVisible();

  // A revoke the server refuses leaves the token in the vault, with the error shown.
  f.failNext('DELETE', '/auth/v1/personalAccessToken/', 500, 'Internal server error');
  await imported.getByRole('button', { name: 'Revoke…' }).click();
  let revoke = page.getByRole('alertdialog', { name: /Revoke .* at Synapse/ });
  await expect(revoke).toContainText('stop working');
  await expect(revoke.getByLabel('Synapse user name or e-mail')).toHaveValue('alice');
  await revoke.getByLabel('Password').fill(PASSWORD);
  await revoke.getByRole('button', { name: 'Revoke' }).click();
  await expect(revoke.getByRole('alert')).toContainText('Synapse answered 500');
  await revoke.getByRole('button', { name: 'Cancel' }).click();
  await expect(imported).toBeVisible();
  expect(f.pats.some((p) => p.name === 'laptop')).toBe(true);

  // Now for real: revoked at Synapse, then gone from the vault.
  await imported.getByRole('button', { name: 'Revoke…' }).click();
  revoke = page.getByRole('alertdialog', { name: /Revoke .* at Synapse/ });
  await revoke.getByLabel('Password').fill(PASSWORD);
  await revoke.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('status')).toContainText('Revoked “alice — .synapseConfig [authentication]” at Synapse and removed it from Synvault.');
  await expect(imported).toHaveCount(0);
  expect(f.pats.some((p) => p.name === 'laptop')).toBe(false);
  expect(harness.output().includes(created.token)).toBe(false);
  expect(harness.output().includes(PASSWORD)).toBe(false);
});

test('Backups of .synapseConfig follow the setting, and the window says where the backup is; a plain-http [endpoints] address is shown refused', async ({ page, harness }) => {
  const file = path.join(harness.home, '.synapseConfig');
  fs.writeFileSync(file, '[cache]\nlocation = /data/cache\n');
  const backups = () => fs.readdirSync(harness.home).filter((n) => n.startsWith('.synapseConfig.backup')).sort();

  // The setting has its range, checked next to its field.
  await openView(page, 'Settings');
  const field = page.getByLabel('Backups of .synapseConfig to keep', { exact: true });
  await expect(field).toHaveValue('3');
  await field.fill('11');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('At most 10.', { exact: true })).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await field.fill('1');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toContainText('Settings saved.');

  await openView(page, 'Tokens');
  const row = await addTokenViaForm(page, { service: 'Synapse', label: 'desk', account: 'alice', secret: makeSynapsePat({ sub: '3400001', jti: '9101' }, ['view']) });
  const exportOnce = async () => {
    await row.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export “desk” to .synapseConfig' });
    await dialog.getByRole('button', { name: 'Preview' }).click();
    await expect(dialog.getByLabel('Section authentication')).toBeVisible();
    await dialog.getByRole('button', { name: 'Write file' }).click();
    await expect(dialog).toHaveCount(0);
  };
  await exportOnce();
  await expect(page.getByRole('status')).toContainText(`The previous file is kept as ${file}.backup (a plaintext copy with its token; at most 1 kept).`);
  expect(backups()).toEqual(['.synapseConfig.backup']);
  await exportOnce();
  await expect(page.getByRole('status')).toContainText('Removed the older backup .synapseConfig.backup.');
  expect(backups()).toEqual(['.synapseConfig.backup']);

  // 0: no backup, and the window says so.
  await openView(page, 'Settings');
  await field.fill('0');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toContainText('Settings saved.');
  await openView(page, 'Tokens');
  await exportOnce();
  await expect(page.getByRole('status')).toContainText('No backup was kept (Settings → Backups of .synapseConfig to keep is 0).');
  expect(backups()).toEqual([]);

  // An [endpoints] address over plain http elsewhere: shown refused, with the line to fix. (Nothing
  // here asks Synapse anything: showing where Synapse is sends no request.)
  fs.appendFileSync(file, '\n[endpoints]\nauthEndpoint = http://synapse.invalid/auth/v1\n');
  const refusal =
    'The Synapse sign-in address http://synapse.invalid/auth/v1 in [endpoints] authEndpoint of ~/.synapseConfig is not https; Synvault only sends tokens over https (plain http only to this machine). Change it to https:// or remove the line.';
  await openView(page, 'Synapse');
  await expect(page.getByRole('alert', { name: 'Synapse address refused' })).toHaveText(refusal);
  await openView(page, 'Settings');
  await expect(page.getByRole('alert', { name: 'Synapse address refused' })).toHaveText(refusal);
  expect(fake!.requests.length).toBe(0);
});
