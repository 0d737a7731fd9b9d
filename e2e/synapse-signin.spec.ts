// @process: test
// Synapse sign-in in Debian's Chromium through the harness, against the fake Synapse: a
// two-factor account creates a token (the code field appears after the password; a wrong code is
// refused in its own words, a good one finishes) and revokes it the same way; and the web path:
// the button opens the token page on synapse.org (the harness records the address) and a pasted
// token is stored under its owner's user name. Assertions on secrets are booleans.
import { expect } from '@playwright/test';
import { startFakeSynapse, type FakeSynapse } from './fakes/synapse';
import { harnessTest, openView, pageContains, tokenRow } from './support/ui';

const PASSWORD = 'Hippocampus-17-drift';
let fake: FakeSynapse | undefined;

const test = harnessTest(async () => {
  await fake?.close();
  fake = await startFakeSynapse();
  fake.addUser({ userName: 'carol', password: PASSWORD, ownerId: '3400101', twoFactor: true, emails: ['Carol.Jones@lab.example'] });
  return { env: { SYNVAULT_SYNAPSE_AUTH_ENDPOINT: fake.authEndpoint, SYNVAULT_SYNAPSE_REPO_ENDPOINT: fake.repoEndpoint } };
});

test.afterAll(async () => {
  await fake?.close();
  fake = undefined;
});

test('two-factor sign-in: the code field appears, a wrong code is refused, a good code creates the token; revoke asks for a code too', async ({ page, harness }) => {
  const f = fake!;
  const carol = f.users[0]!;
  await openView(page, 'Synapse');
  const form = page.getByRole('form', { name: 'Create a personal access token' });
  // Signed in with an e-mail in another casing: stored under the owner's user name.
  await form.getByLabel('Synapse user name or e-mail').fill('carol.jones@LAB.example');
  await form.getByLabel('Password').fill(PASSWORD);
  await form.getByLabel('Token name').fill('two-step laptop');
  await form.getByRole('button', { name: 'Create token' }).click();

  const step = form.getByRole('group', { name: 'Two-factor code' });
  await expect(step).toBeVisible();
  await expect(form.getByRole('button', { name: 'Create token' })).toHaveCount(0);
  await expect(form.getByLabel('Password')).toHaveValue('');
  expect(f.pats.length).toBe(0);
  await step.getByLabel('Authentication code', { exact: true }).fill('000000');
  await step.getByRole('button', { name: 'Finish sign-in' }).click();
  await expect(step.getByRole('alert')).toContainText('Synapse did not accept that code (it changes every 30 seconds).');
  await expect(step.getByText('Code not accepted.')).toBeVisible();
  await step.getByLabel('Authentication code', { exact: true }).fill(carol.totp);
  await step.getByRole('button', { name: 'Finish sign-in' }).click();
  await expect(page.getByRole('status')).toContainText('Created “two-step laptop” at Synapse');
  await expect(step).toHaveCount(0);
  expect(f.pats.map((p) => p.name)).toEqual(['two-step laptop']);

  await openView(page, 'Tokens');
  const row = tokenRow(page, 'two-step laptop');
  await expect(row).toContainText('carol');
  await expect(row).not.toContainText('carol.jones@');

  // Revoke: password, then a recovery code.
  await row.getByRole('button', { name: 'Revoke…' }).click();
  const revoke = page.getByRole('alertdialog', { name: /Revoke .* at Synapse/ });
  await expect(revoke.getByLabel('Synapse user name or e-mail')).toHaveValue('carol');
  await revoke.getByLabel('Password').fill(PASSWORD);
  await revoke.getByRole('button', { name: 'Revoke' }).click();
  const code = revoke.getByRole('group', { name: 'Two-factor code' });
  await code.getByRole('checkbox', { name: 'Use a recovery code instead' }).check();
  await code.getByLabel('Recovery code', { exact: true }).fill(carol.recoveryCodes[0]!);
  await code.getByRole('button', { name: 'Finish sign-in' }).click();
  await expect(page.getByRole('status')).toContainText('Revoked “two-step laptop” at Synapse and removed it from Synvault.');
  await expect(row).toHaveCount(0);
  expect(f.pats.length).toBe(0);
  expect(await pageContains(page, PASSWORD)).toBe(false);
  expect(harness.output().includes(PASSWORD)).toBe(false);
});

test('web path: the button opens the token page on synapse.org; a pasted token is stored under its owner', async ({ page, harness }) => {
  const f = fake!;
  const opened = async () => {
    const token = new URL(harness.url).searchParams.get('token')!;
    const res = await fetch(`${harness.origin}/__test__/opened?token=${token}`);
    return ((await res.json()) as { urls: string[] }).urls;
  };
  await openView(page, 'Synapse');
  const web = page.getByRole('form', { name: 'Or create it on synapse.org and paste it' });
  await expect(web).toContainText('Accounts that sign in with Google have no Synapse password, and Synapse asks apps other than its own not to ask for one');
  // Offered beside the password form, not instead of it.
  await expect(page.getByRole('form', { name: 'Create a personal access token' })).toBeVisible();
  await web.getByRole('button', { name: 'Open the token page on synapse.org' }).click();
  await expect(web.getByText('Opened https://www.synapse.org/PersonalAccessTokens:0 in your browser.')).toBeVisible();
  expect(await opened()).toEqual(['https://www.synapse.org/PersonalAccessTokens:0']);

  // A refused paste stays in its field to be corrected (it was shown once on synapse.org), with
  // the focus on it.
  const syncanoKey = `${'0123456789abcdef'.repeat(2)}01234567`;
  await web.getByLabel('Label in Synvault').fill('From the web');
  await web.getByLabel('Paste the token').fill(syncanoKey);
  await web.getByRole('button', { name: 'Add pasted token' }).click();
  await expect(web.getByRole('alert')).toContainText('This looks like a Syncano instance API key, not a Synapse personal access token.');
  await expect(web.getByLabel('Paste the token')).toBeFocused();
  expect((await web.getByLabel('Paste the token').inputValue()) === syncanoKey).toBe(true);

  const secret = f.issuePat('carol', 'made on the web', ['view', 'download']);
  await web.getByLabel('Paste the token').fill(secret);
  await web.getByRole('button', { name: 'Add pasted token' }).click();
  await expect(page.getByRole('status')).toContainText('Added “From the web”. Belongs to carol (user 3400101).');
  await expect(web.getByLabel('Paste the token')).toHaveValue('');
  await openView(page, 'Tokens');
  await expect(tokenRow(page, 'From the web')).toContainText('carol');
  expect(await pageContains(page, secret)).toBe(false);
  expect(harness.output().includes(secret)).toBe(false);
});
