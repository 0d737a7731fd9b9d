// @process: test
// Synap in Debian's Chromium through the harness, against the fake Synap server: add a PAT with
// two Subject-Users, verify it on the documented default path (and see Settings state that
// default, and a custom path's 404 reported as the path, not the token), copy a Subject-User ID
// and "Copy as curl" (with the header setting off, then on), run the guided revocation to the
// end, and see an old token flagged for rotation. Assertions on secrets are booleans so a failure
// never prints one.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from '@playwright/test';
import { Catalog } from '../electron/core/catalog';
import { encodeAccount, keytarKeychain } from '../electron/core/keychain';
import { maskedPreview } from '../electron/shared/services';
import { startSynapFake, type SynapFake } from './fakes/synap';
import type { HarnessOptions } from './support/harness';
import { addTokenViaForm, harnessTest, openView, pageContains, saveSettings, tokenRow } from './support/ui';

const DAY = 86_400_000;
const GOOD = `p:${randomBytes(30).toString('base64url')}`;
const OLD = `p:${randomBytes(30).toString('base64url')}`;

let fake: SynapFake | undefined;
let dataDir = '';

/** A token cannot be made old through the window, and the harness runs on the real clock. So,
 * before the harness starts, one Synap token is stored the way the vault stores it — keychain
 * entry plus catalog record — with an addedAt 200 days back. That touches no production code
 * and no harness option; the rotation flag is then computed by the vault on its real clock. */
async function seedOldToken(): Promise<HarnessOptions> {
  fake = await startSynapFake({ portal: { id: 'portal-42', name: 'Riverside Academy' }, goodTokens: [GOOD] });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-e2e-synap-'));
  const keychainService = `synvault-e2e-synap-${randomBytes(6).toString('hex')}`;
  const id = randomUUID();
  const addedAt = new Date(Date.now() - 200 * DAY).toISOString();
  const label = 'Old automation token';
  const account = encodeAccount({ id, service: 'synap', label, account: 'Riverside Academy', addedAt });
  await keytarKeychain(keychainService).set(account, OLD);
  new Catalog(dataDir).save([
    { id, service: 'synap', kind: 'synap-pat', label, account: 'Riverside Academy', preview: maskedPreview(OLD), addedAt, keychainAccount: account },
  ]);
  return { dataDir, keychainService, env: { SYNVAULT_SYNAP_ENDPOINT: fake.url } };
}

const test = harnessTest(seedOldToken);

test.afterAll(async () => {
  await fake?.close();
  fake = undefined;
  // harness.stop() clears the keychain service; the data folder was ours.
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a Synap PAT with two Subject-Users: verify, copy as curl, revoke in the Portal; an old token is due for rotation', async ({ page, harness }) => {
  const opened = async () => {
    const token = new URL(harness.url).searchParams.get('token')!;
    const res = await fetch(`${harness.origin}/__test__/opened?token=${token}`);
    return ((await res.json()) as { urls: string[] }).urls;
  };

  // The seeded token is 200 days old: flagged against the default of 90 days.
  const old = tokenRow(page, 'Old automation token');
  await expect(old.getByText('Age: 200 days old')).toBeVisible();
  await expect(old.getByText('Due for rotation')).toBeVisible();
  await expect(old.getByText(/Synap tokens never expire, and this one is older than 90 days/)).toBeVisible();

  // Add a fresh one with two Subject-Users.
  const row = await addTokenViaForm(page, {
    service: 'Synap',
    label: 'Main Token',
    account: 'Riverside Academy',
    portalUrl: 'https://riverside.example',
    issuedBy: 'Dave Admin',
    subjectUsers: [
      { id: 'u-1001', note: 'student account for picture sync' },
      { id: 'u-1002', note: 'teacher account' },
    ],
    secret: GOOD,
  });
  await expect(row.getByText('Age: added today')).toBeVisible();
  await expect(row.getByText('Due for rotation')).toHaveCount(0);
  const subjects = row.getByRole('list', { name: 'Subject-Users of Main Token' });
  await expect(subjects.getByRole('listitem')).toHaveCount(2);
  await expect(subjects.getByText('student account for picture sync')).toBeVisible();
  await expect(row.getByText(/acts as that user, so that user must hold the privileges/)).toBeVisible();
  await expect(row.getByText(/Synap does not publish the name of the header/)).toBeVisible();

  // A Subject-User ID goes through the vault clipboard.
  await row.getByRole('button', { name: 'Copy Subject-User ID u-1001' }).click();
  await expect.poll(() => harness.readClipboard()).toBe('u-1001');

  // Verify: GET /v3/portal-usage/, whose document names the Portal by id.
  await row.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('status')).toContainText('“Main Token” is valid. Portal: portal-42.');
  await expect(row.getByText(/Last verified .*: valid\. Portal portal-42/)).toBeVisible();
  expect(fake!.requests.some((r) => r.path === '/v3/portal-usage/' && r.bearer && r.accept === 'application/vnd.api+json')).toBe(true);

  // Settings states the default; a custom path that Synap does not serve is reported as such.
  await openView(page, 'Settings');
  await expect(page.getByText('Empty means the default, /portal-usage/.', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Verify path', { exact: true })).toHaveAttribute('placeholder', '/portal-usage/');
  await saveSettings(page, { 'Verify path': '/portal' });
  await row.getByRole('button', { name: 'Verify' }).click();
  const pathError = page.getByRole('alert').filter({ hasText: 'the verify path /portal may not exist, so the token was not judged' });
  await expect(pathError).toBeVisible();
  await pathError.getByRole('button', { name: 'Dismiss error' }).click();
  await expect(row.getByText(/Last verified .*: valid\. Portal portal-42/)).toBeVisible();
  await saveSettings(page, { 'Verify path': '' });

  // The old token is unknown to Synap: 401 with its title and detail.
  await old.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('status')).toContainText(
    '“Old automation token” is not valid (HTTP 401): Unauthorized — The Personal Access Token is invalid or has been revoked.',
  );

  // Copy as curl: the command without the token comes first, with the reason; the literal one
  // beside it (only the Authorization header, the header setting being off).
  await row.getByRole('button', { name: 'Copy as curl', exact: true }).click();
  const curl = page.getByRole('dialog', { name: 'Copy as curl: “Main Token”' });
  const viaExec = `synvault exec 'synap/Main Token' -- sh -c 'curl -H "Authorization: Bearer $SYNAP_TOKEN" ${fake!.url}/portal-usage/'`;
  await expect(curl.getByLabel('Command that reads the token from the environment')).toHaveText(viaExec);
  await expect(curl).toContainText('stays in your shell’s history');
  await curl.getByRole('button', { name: 'Copy the command without the token' }).click();
  await expect(curl).toHaveCount(0);
  await expect.poll(async () => (await harness.readClipboard()) === viaExec).toBe(true);
  await row.getByRole('button', { name: 'Copy as curl', exact: true }).click();
  await curl.getByRole('button', { name: 'Copy with the token in it' }).click();
  await expect.poll(async () => (await harness.readClipboard()) === `curl -H "Authorization: Bearer ${GOOD}" ${fake!.url}/portal-usage/`).toBe(true);
  await expect(row.getByRole('button', { name: /Copy as curl acting as/ })).toHaveCount(0);

  // With the header name set, a Subject-User can go in the command.
  await saveSettings(page, { 'Subject-User header name': 'X-Subject-User' });
  await row.getByRole('button', { name: 'Copy as curl acting as u-1002' }).click();
  const curlAs = page.getByRole('dialog', { name: 'Copy as curl: “Main Token” as u-1002' });
  await expect(curlAs.getByLabel('Command that reads the token from the environment')).toContainText('-H "X-Subject-User: u-1002"');
  await curlAs.getByRole('button', { name: 'Copy with the token in it' }).click();
  await expect
    .poll(async () => (await harness.readClipboard()) === `curl -H "Authorization: Bearer ${GOOD}" -H "X-Subject-User: u-1002" ${fake!.url}/portal-usage/`)
    .toBe(true);
  expect(await pageContains(page, GOOD), 'the token is in the page').toBe(false);

  // Edit a Subject-User's note.
  await row.getByRole('button', { name: 'Edit details' }).click();
  const edit = page.getByRole('dialog', { name: 'Synap details of “Main Token”' });
  await edit.getByLabel('Subject-User 2 note').fill('teacher account (read only)');
  await edit.getByRole('button', { name: 'Save details' }).click();
  await expect(edit).toHaveCount(0);
  await expect(row.getByText('teacher account (read only)')).toBeVisible();

  // Revoke: explained, the Portal opened, removed only after confirmation.
  await row.getByRole('button', { name: 'Revoke…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Revoke “Main Token”' });
  await expect(dialog.getByText(/Synap offers no public way for an app to revoke a token/)).toBeVisible();
  await expect(dialog.getByText(/click Settings, then API under Automations/)).toBeVisible();
  const removeButton = dialog.getByRole('button', { name: 'Remove from Synvault' });
  await expect(removeButton).toBeDisabled();
  await dialog.getByRole('button', { name: 'Open the Portal' }).click();
  await expect(dialog.getByText('Opened https://riverside.example/ in your browser.')).toBeVisible();
  expect(await opened()).toEqual(['https://riverside.example/']);
  await expect(row).toBeVisible();
  await dialog.getByLabel('I revoked “Main Token” in the Synap Portal').check();
  await removeButton.click();
  await expect(page.getByRole('status')).toContainText('“Main Token” was revoked in the Portal and removed from Synvault.');
  await expect(row).toHaveCount(0);
  await expect(old).toBeVisible();

  // The suspected-leak path says the same and points to reporting it; cancelled here.
  await old.getByRole('button', { name: 'Suspected leak…' }).click();
  const leak = page.getByRole('alertdialog', { name: 'Suspected leak of “Old automation token”' });
  await expect(leak.getByText(/Report the suspected leak to Synap/)).toBeVisible();
  // With no Portal address saved there is nothing to open: the step says to open the Portal,
  // rather than sending the person off to save an address during an urgent revoke.
  await expect(leak.getByRole('button', { name: 'Open the Portal' })).toHaveCount(0);
  await expect(leak).toContainText("Open your organisation's Synap Portal in your browser");
  // The Portal names tokens as they were named there, which Synvault does not know.
  await expect(leak).toContainText('which Synvault does not know: it is the one stored here as “Old automation token”');
  await leak.getByRole('button', { name: 'Cancel' }).click();
  await expect(old).toBeVisible();

  await openView(page, 'Activity');
  await expect(page.getByRole('row', { name: /Revoked.*Main Token.*revoked in Portal \(confirmed by user\)/ })).toBeVisible();
});
