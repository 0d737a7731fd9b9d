// @process: test
// Scan through the harness in Chromium: a home folder with tokens pasted into .synapseConfig,
// .Renviron and a notebook's output (and a git SHA that is not a token) is scanned from the Scan
// tab; the .synapseConfig token is added to the vault and then taken out of the file; a folder
// is opened. Canary secrets prove the page never holds a value; assertions on them are booleans
// so no failure prints one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { harnessTest, openView, pageContains, tokenRow } from './support/ui';

const canaries = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'tests', 'canaries.json'), 'utf8')) as Record<string, string>;
const SYNAPSE = canaries.synapse!;
const SYNAP = canaries.synap!;
const SYNCANO_API = canaries.syncanoApiKey!;

const test = harnessTest();

async function noCanaryInPage(page: Page) {
  for (const c of [SYNAPSE, SYNAP, SYNCANO_API]) expect(await pageContains(page, c), 'a canary secret is in the page').toBe(false);
}

function plant(home: string) {
  fs.writeFileSync(path.join(home, '.synapseConfig'), `[default]\nusername = jdoe\nauthtoken = ${SYNAPSE}\n`);
  fs.writeFileSync(path.join(home, '.Renviron'), `SYNAP_TOKEN=${SYNAP}\n`);
  fs.writeFileSync(path.join(home, '.bash_history'), `git checkout ${randomBytes(20).toString('hex')}\n`);
  fs.mkdirSync(path.join(home, 'analysis'));
  const nb = {
    cells: [{ cell_type: 'code', source: ['import syncano\n', 'print(key)'], outputs: [{ output_type: 'stream', name: 'stdout', text: [`${SYNCANO_API}\n`] }] }],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  fs.writeFileSync(path.join(home, 'analysis', 'sync.ipynb'), JSON.stringify(nb, null, 1));
}

test('scan the home folder, add the .synapseConfig token to the vault, then remove it from the file', async ({ page, harness }) => {
  plant(harness.home);
  const config = path.join(harness.home, '.synapseConfig');
  await openView(page, 'Scan');
  await page.getByRole('button', { name: 'Scan home folder' }).click();
  await expect(page.locator('.scan-summary')).toContainText('3 tokens found.');

  const findings = page.getByRole('table', { name: 'Tokens found in files' });
  await expect(findings.getByRole('row')).toHaveCount(4); // the header and three findings
  const configRow = findings.getByRole('row', { name: `Synapse personal access token in ${config}:3` });
  await expect(configRow).toContainText(`${SYNAPSE.slice(0, 4)}…${SYNAPSE.slice(-4)}`);
  await expect(configRow).toContainText('Not in the vault');
  const notebookRow = findings.getByRole('row', { name: `Syncano instance API key in ${path.join(harness.home, 'analysis', 'sync.ipynb')}`, exact: false });
  await expect(notebookRow).toContainText('cell 1, output');
  await expect(findings.getByRole('row', { name: `Synap personal access token in ${path.join(harness.home, '.Renviron')}:1` })).toBeVisible();
  await noCanaryInPage(page);

  // Remove is offered for .synapseConfig only, and only once the vault holds the token.
  await expect(configRow.getByRole('button', { name: 'Remove from file' })).toBeDisabled();
  await expect(notebookRow.getByRole('button', { name: 'Remove from file' })).toHaveCount(0);

  await configRow.getByRole('button', { name: 'Add to vault' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Label (optional)').fill('Laptop from config');
  await dialog.getByRole('button', { name: 'Add to vault' }).click();
  await expect(page.getByRole('status')).toContainText('Added “Laptop from config” to the vault. .synapseConfig still holds it: Remove from file takes it out.');
  await expect(configRow).toContainText('In the vault as “Laptop from config”');
  // "Add to vault" is gone from the row: the focus is on the row's Verify, not the top of the view.
  await expect(configRow.getByRole('button', { name: 'Verify' })).toBeFocused();

  // Asked first: Cancel leaves the file as it was; the confirming button removes the line.
  const before = fs.readFileSync(config, 'utf8');
  await configRow.getByRole('button', { name: 'Remove from file' }).click();
  const ask = page.getByRole('alertdialog', { name: /^Remove this token from / });
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toHaveCount(0);
  expect(fs.readFileSync(config, 'utf8')).toBe(before);
  await configRow.getByRole('button', { name: 'Remove from file' }).click();
  await ask.getByRole('button', { name: 'Remove from file' }).click();
  await expect(page.getByRole('status')).toContainText('Removed the token from [default]');
  const after = fs.readFileSync(config, 'utf8');
  expect(after.includes(SYNAPSE), 'the token is still in .synapseConfig').toBe(false);
  expect(after).toBe('[default]\nusername = jdoe\n');
  await expect(configRow).toContainText('Already removed from [default].');

  // Open folder: the harness records what it was asked to show.
  await notebookRow.getByRole('button', { name: 'Open folder' }).click();
  const token = new URL(harness.url).searchParams.get('token')!;
  await expect
    .poll(async () => ((await (await fetch(`${harness.origin}/__test__/opened?token=${token}`)).json()) as { folders: string[] }).folders)
    .toEqual([path.join(harness.home, 'analysis', 'sync.ipynb')]);

  await noCanaryInPage(page);
  await openView(page, 'Tokens');
  await expect(tokenRow(page, 'Laptop from config')).toContainText('Personal access token');
  await noCanaryInPage(page);
  expect(harness.output().includes(SYNAPSE), 'a canary secret is in the harness output').toBe(false);
});

test('a folder that does not exist, or a path that is not a full path, is refused beside the field', async ({ page, harness }) => {
  await openView(page, 'Scan');
  await page.getByLabel('Folders to scan (one per line; empty: your home folder)').fill(path.join(harness.home, 'nope'));
  await page.getByRole('button', { name: 'Scan these folders' }).click();
  await expect(page.getByText(/Nothing to scan at .*nope: no such file or folder\./)).toBeVisible();
  await page.getByLabel('Folders to scan (one per line; empty: your home folder)').fill('relative/path');
  await page.getByRole('button', { name: 'Scan these folders' }).click();
  await expect(page.getByText('Give a full path (starting with / or ~/).')).toBeVisible();
});
