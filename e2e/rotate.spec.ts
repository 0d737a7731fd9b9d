// @process: test
// Rotate from the window, through the harness, against the fake Synapse: a token exported to
// ~/.synapseConfig shows where it is used (and the check says the file holds it); Revoke warns that
// it is still used there; Rotate signs in, shows each step, rewrites the file (read with Python's
// configparser) and revokes the old token — the steps stay on screen though the old token's row
// is gone. Assertions on secrets are booleans so a failure never prints one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from '@playwright/test';
import { startFakeSynapse, type FakeSynapse } from './fakes/synapse';
import { addTokenViaForm, harnessTest, pageContains, tokenRow, tokenRows } from './support/ui';
import { digest, pyRead } from '../tests/synapse/py-configparser';

const PASSWORD = 'Hamstring-curl-5517';
let fake: FakeSynapse | undefined;

const test = harnessTest(async () => {
  await fake?.close();
  fake = await startFakeSynapse();
  fake.addUser({ userName: 'alice', password: PASSWORD, ownerId: '3400001' });
  return { env: { SYNVAULT_SYNAPSE_AUTH_ENDPOINT: fake.authEndpoint, SYNVAULT_SYNAPSE_REPO_ENDPOINT: fake.repoEndpoint } };
});

test.afterAll(async () => {
  await fake?.close();
  fake = undefined;
});

test('Synapse: used in ~/.synapseConfig, then rotated from the window — each step shown, the file rewritten, the old token revoked', async ({ page, harness }) => {
  const f = fake!;
  const oldToken = f.issuePat('alice', 'laptop', ['view', 'download']);
  const oldRecord = f.pats.find((p) => p.name === 'laptop')!.id;
  const file = path.join(harness.home, '.synapseConfig');
  fs.writeFileSync(file, '[cache]\nlocation = /data/cache\n');

  // Add it, export it to the default profile: the row says where it is used.
  const row = await addTokenViaForm(page, { service: 'Synapse', label: 'laptop', account: 'alice', secret: oldToken });
  await row.getByRole('button', { name: 'Export…' }).click();
  const exportDialog = page.getByRole('dialog', { name: 'Export “laptop” to .synapseConfig' });
  await exportDialog.getByRole('button', { name: 'Preview' }).click();
  await expect(exportDialog.getByLabel('Section authentication')).toBeVisible();
  await exportDialog.getByRole('button', { name: 'Write file' }).click();
  await expect(exportDialog).toHaveCount(0);
  const usedIn = row.getByRole('list', { name: 'Where “laptop” is used' });
  await expect(usedIn).toContainText(`[authentication] in ${file}`);
  await row.getByRole('button', { name: 'Check' }).click();
  await expect(usedIn).toContainText('holds this token');

  // Revoke names the place it would break.
  await row.getByRole('button', { name: 'Revoke…' }).click();
  const revoke = page.getByRole('alertdialog', { name: 'Revoke “laptop” at Synapse' });
  await expect(revoke).toContainText(`Still used in [authentication] in ${file}: whatever reads it stops working. Rotate instead`);
  await revoke.getByRole('button', { name: 'Cancel' }).click();

  // Rotate.
  await row.getByRole('button', { name: 'Rotate…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate “laptop”' });
  await expect(dialog.getByRole('list', { name: 'Places to rewrite' })).toContainText(`[authentication] in ${file}`);
  await expect(dialog.getByLabel('Synapse user name or e-mail')).toHaveValue('alice');
  await expect(dialog.getByLabel('Password')).toBeFocused();
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
  const steps = dialog.getByRole('list', { name: 'Rotation steps' }).getByRole('listitem');
  await expect(steps).toHaveCount(4);
  await expect(steps.nth(0)).toContainText('DoneCreate a successor at Synapse with the same scopes (view, download)');
  await expect(steps.nth(1)).toContainText('DoneStore it in the vault as “laptop”, keeping the old one (rotated out) until it is revoked');
  await expect(steps.nth(2)).toContainText(`DoneRewrite [authentication] in ${file}`);
  await expect(steps.nth(3)).toContainText('DoneRevoke the old token “laptop”');
  await expect(dialog.getByRole('region', { name: 'Which token is live where' })).toContainText('is revoked at Synapse and gone from the vault.');
  await expect(page.getByRole('status')).toContainText('Rotated “laptop”');

  // What the person has now: one row "laptop" (the successor), used in the file; the file holds
  // the successor as the client reads it; Synapse no longer has the old token.
  const successor = f.pats.find((p) => p.name.startsWith('laptop (rotated'))!;
  expect(successor.scopes).toEqual(['view', 'download']);
  expect(f.pats.some((p) => p.id === oldRecord)).toBe(false);
  expect(pyRead(file).legacy?.authtoken).toEqual(digest(successor.token));
  expect(fs.readFileSync(file, 'utf8').startsWith('[cache]\nlocation = /data/cache\n')).toBe(true);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(tokenRows(page)).toHaveCount(1);
  await expect(tokenRow(page, 'laptop').getByRole('list', { name: 'Where “laptop” is used' })).toContainText(`[authentication] in ${file}`);
  expect(await pageContains(page, successor.token)).toBe(false);
  expect(await pageContains(page, oldToken)).toBe(false);
  expect(await pageContains(page, PASSWORD)).toBe(false);
  expect(harness.output().includes(successor.token)).toBe(false);
  expect(harness.output().includes(PASSWORD)).toBe(false);
  expect(fs.readFileSync(path.join(harness.dataDir, 'catalog.json'), 'utf8').includes(successor.token)).toBe(false);
});
