// @process: test
// Every dialog the window has, opened one after the other against the fakes, each handed to a
// check (e2e/layout.spec.ts: title and buttons on screen and clickable at 800×600;
// e2e/a11y.spec.ts: axe in both themes). Written once so a new dialog is added in one place.
// The two "Store this token/key now" rescue dialogs are reached with the harness's keychain
// refusing writes (a keychain locked after the service issued the secret). The add form is no dialog (it opens in
// the token list): its states are checked with the views (plantScanFindings' comment, a11y.spec
// and layout.spec).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { startFakeSynapse, type FakeSynapse } from '../fakes/synapse';
import { startFakeSyncano, type FakeAccount, type FakeSyncano } from '../fakes/syncano';
import type { Harness, HarnessOptions } from './harness';
import { addTokenViaForm, openView, tokenRow } from './ui';

export const SYNAPSE_PASSWORD = 'Amygdala-23-ripple';
export const SYNCANO_PASSWORD = 'Deltoids-press-5150';

export interface TourFakes {
  synapse: FakeSynapse;
  syncano: FakeSyncano;
  admin: FakeAccount;
  /** A Synapse PAT of a two-factor user (carol), made "on synapse.org". */
  carolPat: string;
}

/** Starts the fakes a tour needs; returns them and the harness options that point at them. */
export async function startTourFakes(): Promise<{ fakes: TourFakes; options: HarnessOptions }> {
  const synapse = await startFakeSynapse();
  synapse.addUser({ userName: 'carol', password: SYNAPSE_PASSWORD, ownerId: '3400101', twoFactor: true });
  synapse.addUser({ userName: 'dave', password: SYNAPSE_PASSWORD, ownerId: '3400102' });
  const carolPat = synapse.issuePat('carol', 'carol laptop', ['view', 'download']);
  const syncano = await startFakeSyncano();
  const admin = syncano.addAccount({ email: 'flexing@pectorals.com', password: SYNCANO_PASSWORD, first_name: 'Terry', last_name: 'Crews' });
  syncano.addInstance(admin, 'shop-prod', 'The shop');
  for (let i = 0; i < 12; i++) syncano.addApiKey('shop-prod', { description: `device ${i}`, allow_user_create: i % 3 === 0 });
  return {
    fakes: { synapse, syncano, admin, carolPat },
    options: {
      env: {
        SYNVAULT_SYNAPSE_AUTH_ENDPOINT: synapse.authEndpoint,
        SYNVAULT_SYNAPSE_REPO_ENDPOINT: synapse.repoEndpoint,
        SYNVAULT_SYNCANO_ENDPOINT: syncano.url,
      },
    },
  };
}

export async function closeTourFakes(fakes: TourFakes | undefined): Promise<void> {
  await fakes?.synapse.close();
  await fakes?.syncano.close();
}

/** A check run on one open dialog; it may close the dialog itself (e.g. by its main button). */
export type DialogCheck = (name: string, dialog: Locator) => Promise<void>;

const SYNAP_SUBJECTS = Array.from({ length: 5 }, (_, i) => ({ id: `u-10${i}`, note: `subject user number ${i} with a longer note` }));

/** Adds the tokens the tour's dialogs belong to. */
export async function addTourTokens(page: Page, fakes: TourFakes): Promise<void> {
  await addTokenViaForm(page, { service: 'Synapse', label: 'carol laptop', account: 'carol', secret: fakes.carolPat });
  await addTokenViaForm(page, {
    service: 'Synap',
    label: 'Synap lab portal',
    account: 'Example Lab',
    portalUrl: 'https://portal.example.org',
    issuedBy: 'Ada Admin',
    subjectUsers: SYNAP_SUBJECTS,
    secret: `p:${'Q'.repeat(40)}`,
  });
}

/** Signs in on the Syncano tab and lists the keys of shop-prod. */
export async function signInToSyncano(page: Page, fakes: TourFakes): Promise<void> {
  await openView(page, 'Syncano');
  const form = page.getByRole('form', { name: 'Sign in to Syncano' });
  await form.getByLabel('E-mail').fill(fakes.admin.email);
  await form.getByLabel('Password').fill(SYNCANO_PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('region', { name: 'Account key — Terry Crews' })).toBeVisible();
  await page.getByLabel('Instance', { exact: true }).selectOption('shop-prod');
  await expect(page.getByRole('table', { name: 'API keys of shop-prod' }).getByRole('row')).toHaveCount(13);
}

/** A made-up Syncano instance API key (odd last digit) and Synap PAT pasted into a project's
 * .env under the harness's home, for the Scan tab to find: never a canary. */
export const SCAN_SYNCANO_KEY = '5ca9ed0c1e2a3b4c5d6e7f8091a2b3c4d5e6f703';
export function plantScanFindings(home: string): void {
  fs.mkdirSync(path.join(home, 'shop-app'), { recursive: true });
  fs.writeFileSync(path.join(home, 'shop-app', '.env'), `SYNCANO_API_KEY=${SCAN_SYNCANO_KEY}\nSYNAP_TOKEN=p:exampleScanFinding0a1b2c3d4e5f6a7b8c9d\n`);
}

/** Scans the home folder from the Scan tab (plantScanFindings first; the tour's export may have
 * written a .synapseConfig there too) and returns the planted Syncano key's row. */
export async function scanHome(page: Page, home: string): Promise<Locator> {
  await openView(page, 'Scan');
  await page.getByRole('button', { name: 'Scan home folder' }).click();
  await expect(page.locator('.scan-summary')).toContainText('tokens found.');
  const row = page.getByRole('table', { name: 'Tokens found in files' }).getByRole('row', { name: `Syncano instance API key in ${path.join(home, 'shop-app', '.env')}:1` });
  await expect(row).toBeVisible();
  return row;
}

/** Opens every dialog in turn (tokens added by addTourTokens first) and runs `check` on each,
 * then closes it with Escape if the check left it open. `home` is the harness's home folder: the
 * Scan tab's dialog needs a finding planted there. */
export async function tourDialogs(page: Page, fakes: TourFakes, check: DialogCheck, harness: Pick<Harness, 'home' | 'refuseKeychainWrites'>): Promise<string[]> {
  const seen: string[] = [];
  const visit = async (name: string, dialog: Locator) => {
    await expect(dialog).toBeVisible();
    seen.push(name);
    await check(name, dialog);
    if (await dialog.isVisible()) await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  };
  await openView(page, 'Tokens');
  const synapse = tokenRow(page, 'carol laptop');
  const synap = tokenRow(page, 'Synap lab portal');

  // The shared confirmation.
  await synap.getByRole('button', { name: 'Remove', exact: true }).click();
  await visit('Remove a token (confirmation)', page.getByRole('alertdialog', { name: 'Remove “Synap lab portal”?' }));
  // Rename, on any row.
  await synapse.getByRole('button', { name: 'Rename' }).click();
  await visit('Rename a token', page.getByRole('dialog', { name: 'Rename “carol laptop”' }));

  // Synapse: export, before and after its preview; revoke, and its two-factor step.
  await synapse.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export “carol laptop” to .synapseConfig' });
  await visit('Synapse export', exportDialog);
  await synapse.getByRole('button', { name: 'Export…' }).click();
  await exportDialog.getByRole('radio', { name: 'A named profile' }).check();
  await exportDialog.getByLabel('Profile name').fill('lab');
  await exportDialog.getByRole('button', { name: 'Preview' }).click();
  await expect(exportDialog.getByLabel('Section profile lab')).toBeVisible();
  await visit('Synapse export after Preview', exportDialog);

  await synapse.getByRole('button', { name: 'Revoke…' }).click();
  const revoke = page.getByRole('alertdialog', { name: 'Revoke “carol laptop” at Synapse' });
  await visit('Synapse revoke', revoke);
  await synapse.getByRole('button', { name: 'Revoke…' }).click();
  await revoke.getByLabel('Password').fill(SYNAPSE_PASSWORD);
  await revoke.getByRole('button', { name: 'Revoke' }).click();
  await expect(revoke.getByRole('group', { name: 'Two-factor code' })).toBeVisible();
  await visit('Synapse revoke, two-factor step', revoke);

  // Synap: details, guided revoke, suspected leak.
  await synap.getByRole('button', { name: 'Edit details' }).click();
  await visit('Synap details (five Subject-Users)', page.getByRole('dialog', { name: 'Synap details of “Synap lab portal”' }));
  await synap.getByRole('button', { name: 'Revoke…' }).click();
  await visit('Synap revoke', page.getByRole('alertdialog', { name: 'Revoke “Synap lab portal”' }));
  await synap.getByRole('button', { name: 'Suspected leak…' }).click();
  await visit('Synap suspected leak', page.getByRole('alertdialog', { name: 'Suspected leak of “Synap lab portal”' }));
  // Copy as curl: its two commands, once the main process has built them.
  await synap.getByRole('button', { name: 'Copy as curl', exact: true }).click();
  const curl = page.getByRole('dialog', { name: 'Copy as curl: “Synap lab portal”' });
  await expect(curl.getByRole('button', { name: 'Copy with the token in it' })).toBeVisible();
  await visit('Synap copy as curl', curl);

  // Syncano: the account key's and the API keys' confirmations.
  await signInToSyncano(page, fakes);
  const card = page.getByRole('region', { name: 'Account key — Terry Crews' });
  await card.getByRole('button', { name: 'Reset account key' }).click();
  await visit('Syncano reset account key', page.getByRole('alertdialog', { name: 'Reset the account key?' }));
  await card.getByRole('button', { name: 'Remove from vault' }).click();
  await visit('Syncano remove account key', page.getByRole('alertdialog', { name: 'Remove “Account key — Terry Crews” from the vault?' }));
  await page.getByRole('button', { name: 'Create API key' }).click();
  const keyForm = page.getByRole('form', { name: 'New API key for shop-prod' });
  await keyForm.getByRole('checkbox', { name: /ignore_acl/ }).click();
  await visit('Syncano ignore_acl', page.getByRole('alertdialog', { name: 'Let this key ignore permissions?' }));
  await keyForm.getByRole('button', { name: 'Cancel' }).click();
  const keyRow = page.getByRole('table', { name: 'API keys of shop-prod' }).getByRole('row').filter({ hasText: 'device 7' });
  await keyRow.getByRole('button', { name: 'Reset' }).click();
  await visit('Syncano reset API key', page.getByRole('alertdialog', { name: /^Reset API key #\d+ “device 7”\?$/ }));
  await keyRow.getByRole('button', { name: 'Revoke' }).click();
  await visit('Syncano revoke API key', page.getByRole('alertdialog', { name: /^Revoke API key #\d+ “device 7”\?$/ }));
  // "I have this key": empty, and with another service's value pasted (named before sending).
  const haveKey = page.getByRole('dialog', { name: /^I have API key #\d+ “device 7”$/ });
  await keyRow.getByRole('button', { name: 'I have this key' }).click();
  await visit('Syncano I have this key', haveKey);
  await keyRow.getByRole('button', { name: 'I have this key' }).click();
  await haveKey.getByLabel('API key', { exact: true }).fill(fakes.carolPat);
  await expect(haveKey.getByText('This looks like a Synapse personal access token, not a Syncano key.')).toBeVisible();
  await visit('Syncano I have this key, a Synapse token pasted', haveKey);

  // A secret issued while the keychain refuses writes, shown once: a new Syncano API key, then a
  // Synapse token created by signing in.
  await harness.refuseKeychainWrites(true);
  try {
    await page.getByRole('button', { name: 'Create API key' }).click();
    await keyForm.getByLabel('Description').fill('kiosk');
    await keyForm.getByRole('button', { name: 'Create key' }).click();
    const keyRescue = page.getByRole('alertdialog', { name: 'Store this key now' });
    await expect(keyRescue).toBeVisible();
    await expect(keyRescue.getByLabel('The new key')).toHaveText(fakes.syncano.apiKeys.find((k) => k.description === 'kiosk')!.api_key);
    // What happened, without the banner's "press Retry" (no such button in this dialog).
    await expect(keyRescue).toContainText('could not be saved in the keychain: The keychain is locked');
    await expect(keyRescue).not.toContainText('Retry');
    // Nor its "your tokens are safe in it": this key is not.
    await expect(keyRescue).not.toContainText('safe in it');
    await visit('Syncano store this key now (keychain refused it)', keyRescue);
    await openView(page, 'Synapse');
    const create = page.getByRole('form', { name: 'Create a personal access token' });
    await create.getByLabel('Synapse user name or e-mail').fill('dave');
    await create.getByLabel('Password').fill(SYNAPSE_PASSWORD);
    await create.getByLabel('Token name').fill('dave laptop');
    await create.getByRole('button', { name: 'Create token' }).click();
    const tokenRescue = page.getByRole('alertdialog', { name: 'Store this token now' });
    await expect(tokenRescue.getByLabel('The new token')).toHaveText(/^eyJ/);
    await expect(tokenRescue).not.toContainText('Retry');
    await expect(tokenRescue).not.toContainText('safe in it');
    await visit('Synapse store this token now (keychain refused it)', tokenRescue);
  } finally {
    await harness.refuseKeychainWrites(false);
  }

  // Scan: adding a finding to the vault (a Syncano API key asks for its instance).
  plantScanFindings(harness.home);
  await (await scanHome(page, harness.home)).getByRole('button', { name: 'Add to vault' }).click();
  await visit('Scan add a finding', page.getByRole('dialog', { name: 'Add the Syncano token from .env' }));
  return seen;
}
