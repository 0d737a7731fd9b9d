// @process: test
// What Synapse last said about the vault's tokens survives a restart of the app (here: of the
// harness, on the same data folder and keychain service) and shows with its age; a revoke from
// the Tokens tab, or from the sync table, changes the sync view with no new sync; and the sync's
// message says the same figure as the table's badge. Against the fake Synapse; assertions on
// secrets are booleans so a failure never prints one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startFakeSynapse, type FakeSynapse } from './fakes/synapse';
import { startHarness, type Harness } from './support/harness';
import { addTokenViaForm, openView, tokenRow } from './support/ui';

const PASSWORD = 'Hippocampus-7-drift';
let fake: FakeSynapse;
const started: Harness[] = [];

test.beforeEach(async () => {
  fake = await startFakeSynapse();
  fake.addUser({ userName: 'alice', password: PASSWORD, ownerId: '3400001' });
});
test.afterEach(async () => {
  const stopping = started.splice(0);
  for (const h of stopping) await h.stop();
  // A harness stopped with keep leaves its folder to the one restarted on it: removed once every
  // harness on it has stopped.
  for (const h of stopping) fs.rmSync(h.dataDir, { recursive: true, force: true });
  await fake.close();
});

async function harness(opts: { dataDir?: string; keychainService?: string } = {}): Promise<Harness> {
  const h = await startHarness({ ...opts, env: { SYNVAULT_SYNAPSE_AUTH_ENDPOINT: fake.authEndpoint, SYNVAULT_SYNAPSE_REPO_ENDPOINT: fake.repoEndpoint } });
  started.push(h);
  return h;
}

async function open(page: Page, h: Harness): Promise<void> {
  await page.goto(h.url);
  await expect(page.getByRole('heading', { name: /^Tokens/ })).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
}

const listCalls = () => fake.requests.filter((r) => r.method === 'GET' && r.path === '/auth/v1/personalAccessToken').length;

/** Three tokens at Synapse, two of them in the vault. */
async function seed(page: Page): Promise<{ laptop: string; desk: string }> {
  const laptop = fake.issuePat('alice', 'laptop');
  const desk = fake.issuePat('alice', 'desk');
  fake.issuePat('alice', 'made on synapse.org');
  await addTokenViaForm(page, { service: 'Synapse', label: 'Laptop', account: 'alice', secret: laptop });
  await addTokenViaForm(page, { service: 'Synapse', label: 'Desk', account: 'alice', secret: desk });
  return { laptop, desk };
}

test('the last sync shows after a restart, with its age, and a token gone at Synapse keeps its warning', async ({ page }) => {
  const first = await harness();
  await open(page, first);
  const secrets = await seed(page);
  // Revoked on synapse.org, so the sync finds it gone.
  fake.pats.splice(fake.pats.findIndex((p) => p.name === 'desk'), 1);

  await openView(page, 'Synapse');
  await page.getByRole('button', { name: 'Sync with Synapse' }).click();
  // The message and the badge give the same figure: the tokens Synapse holds (what its cap counts).
  await expect(page.getByRole('status')).toContainText('Synced with Synapse: 2 tokens at Synapse. 1 token in the vault is no longer there.');
  await expect(page.getByRole('heading', { name: /^alice/ })).toContainText('2 of at most 100 tokens');
  expect(await page.getByRole('status').textContent()).not.toContain('(s)');

  await first.stop({ keep: true });
  const second = await harness({ dataDir: first.dataDir, keychainService: first.keychainService });
  const calls = listCalls();
  await open(page, second);

  const laptop = tokenRow(page, 'Laptop');
  await expect(laptop).toContainText(/Active at Synapse · as of (just now|\d+ min ago)/);
  await expect(laptop).toContainText('Last used:');
  await expect(laptop).toContainText('Expires if unused for 180 more days');
  const desk = tokenRow(page, 'Desk');
  await expect(desk).toContainText(/Gone at Synapse \(revoked elsewhere, or deleted by the 100-token cap\) · as of (just now|\d+ min ago)/);

  await openView(page, 'Synapse');
  await expect(page.getByText(/Last sync .* · as of (just now|\d+ min ago)/)).toBeVisible();
  await expect(page.getByRole('heading', { name: /^alice/ })).toContainText('2 of at most 100 tokens');
  const table = page.getByRole('table', { name: 'Synapse tokens of alice' });
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').filter({ hasText: 'Laptop' })).toContainText('ACTIVE');
  await expect(table.getByRole('row').filter({ hasText: 'Desk' })).toContainText('gone (revoked elsewhere)');
  await expect(table.getByRole('row').filter({ hasText: 'made on synapse.org' })).toContainText('not in vault');
  expect(listCalls(), 'the restarted window asked Synapse instead of showing the kept sync').toBe(calls);

  for (const name of fs.readdirSync(second.dataDir)) {
    const text = fs.readFileSync(path.join(second.dataDir, name), 'utf8');
    expect(text.includes(secrets.laptop) || text.includes(secrets.desk), `${name} holds a token`).toBe(false);
  }
});

test('a revoke from the Tokens tab, and one from the sync table, change the sync view with no new sync', async ({ page }) => {
  const h = await harness();
  await open(page, h);
  await seed(page);
  await openView(page, 'Synapse');
  await page.getByRole('button', { name: 'Sync with Synapse' }).click();
  const table = page.getByRole('table', { name: 'Synapse tokens of alice' });
  await expect(table.getByRole('row').filter({ hasText: 'Laptop' })).toContainText('ACTIVE');
  await expect(page.getByRole('heading', { name: /^alice/ })).toContainText('3 of at most 100 tokens');
  const calls = listCalls();

  await openView(page, 'Tokens');
  const laptop = tokenRow(page, 'Laptop');
  await laptop.getByRole('button', { name: 'Revoke…' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Revoke “Laptop” at Synapse' });
  await dialog.getByLabel('Password').fill(PASSWORD);
  await dialog.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('status')).toContainText('Revoked “Laptop” at Synapse and removed it from Synvault.');
  await expect(laptop).toHaveCount(0);

  await openView(page, 'Synapse');
  await expect(page.getByRole('heading', { name: /^alice/ })).toContainText('2 of at most 100 tokens');
  await expect(table.getByRole('row').filter({ hasText: 'laptop' })).toHaveCount(0);
  await expect(table.getByRole('row')).toHaveCount(3);

  // Revoking a token the vault does not hold, from the table: its row goes, the count follows.
  await table.getByRole('button', { name: 'Revoke made on synapse.org' }).click();
  const other = page.getByRole('alertdialog', { name: 'Revoke “made on synapse.org” at Synapse' });
  await other.getByLabel('Synapse user name or e-mail').fill('alice');
  await other.getByLabel('Password').fill(PASSWORD);
  await other.getByRole('button', { name: 'Revoke' }).click();
  await expect(page.getByRole('status')).toContainText('Revoked “made on synapse.org” at Synapse.');
  await expect(table.getByRole('row').filter({ hasText: 'made on synapse.org' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^alice/ })).toContainText('1 of at most 100 tokens');
  expect(fake.pats.map((p) => p.name)).toEqual(['desk']);
  expect(listCalls(), 'a revoke needed a new sync to show').toBe(calls);
});
