// @process: test
// The window updates by itself: with it open, the command line (dist/cli.js, on the harness's
// own data folder and keychain service) adds a token and removes it, and the list follows
// without a click — the harness watches catalog.json and sends vaultChanged over its event
// stream. Also measures what one add from the window costs in calls (the harness counts them).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from '@playwright/test';
import { runCliProcess } from '../tests/helpers/processes';
import { addTokenViaForm, harnessTest, tokenRow, tokenRows } from './support/ui';
import type { Harness } from './support/harness';

const canaries = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'tests', 'canaries.json'), 'utf8')) as Record<string, string>;

const test = harnessTest();

const cli = (harness: Harness, args: string[], input = '') =>
  runCliProcess(args, {
    input,
    env: {
      // The run's own keyring session (scripts/with-keyring.mjs), as the harness has it.
      ...process.env,
      SYNVAULT_DATA_DIR: harness.dataDir,
      SYNVAULT_KEYCHAIN_SERVICE: harness.keychainService,
      SYNVAULT_HOME: harness.home,
    },
  });

test('a token the CLI adds appears in the open window, and one it removes disappears, without a click', async ({ page, harness }) => {
  await expect(tokenRows(page)).toHaveCount(0);
  const added = await cli(harness, ['add', 'syncano', '--label', 'from the terminal'], `${canaries.syncanoApiKey}\n`);
  expect(added.code, added.err).toBe(0);
  // No reload, no click: the event stream brings the change.
  await expect(tokenRow(page, 'from the terminal')).toBeVisible({ timeout: 5_000 });

  const removed = await cli(harness, ['remove', 'from the terminal', '--yes']);
  expect(removed.code, removed.err).toBe(0);
  await expect(tokenRow(page, 'from the terminal')).toHaveCount(0, { timeout: 5_000 });
});

test('one add from the window costs the add and one list load: no status probe, no second fetch', async ({ page, harness }) => {
  const token = new URL(harness.url).searchParams.get('token')!;
  const calls = async (method: 'GET' | 'DELETE' = 'GET') => {
    const res = await fetch(`${harness.origin}/__test__/calls?token=${token}`, { method });
    return ((await res.json()) as { calls: string[] }).calls;
  };
  await calls('DELETE');
  await addTokenViaForm(page, { service: 'Syncano', label: 'counted', secret: canaries.syncanoApiKey! });
  // Let any late answer or event land before counting.
  await page.waitForTimeout(500);
  const made = await calls();
  console.log(`IPC calls for one add from the window: ${made.length} (${made.join(', ')})`);
  expect(made.filter((m) => m === 'addToken')).toHaveLength(1);
  expect(made.filter((m) => m === 'listTokens')).toHaveLength(1);
  expect(made).not.toContain('getStatus');
});
