// @process: test
// Accessibility, measured by axe-core through the harness in Debian's Chromium: every view (the
// token list — with the add form and its recognised and refused pastes, a revealed value and its
// countdown —, each service tab, Scan with findings, Activity, Settings, the keychain banner) and every dialog (e2e/support/dialogs.ts), each in the light and
// the dark theme (the system setting, emulated). No violation of impact serious or critical is
// allowed; moderate and minor ones are printed, to be listed where the change is described.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { makeSynapsePat } from '../tests/helpers/core';
import { addTourTokens, closeTourFakes, plantScanFindings, scanHome, signInToSyncano, startTourFakes, tourDialogs, type TourFakes } from './support/dialogs';
import { harnessTest, openView, pasteField, saveSettings, tokenRow } from './support/ui';

let fakes: TourFakes | undefined;
const test = harnessTest(async () => {
  await closeTourFakes(fakes);
  const started = await startTourFakes();
  fakes = started.fakes;
  return started.options;
});

test.afterAll(async () => {
  await closeTourFakes(fakes);
  fakes = undefined;
});

const SCHEMES = ['light', 'dark'] as const;

/** Runs axe on the page (or on one part of it) in both themes; returns the serious and critical
 * violations as lines, and prints the others. Node summaries name elements, never a secret: no
 * canary is on screen in these tests. */
async function audit(page: Page, what: string, include?: string): Promise<string[]> {
  const bad: string[] = [];
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    // Colours change with a short transition: axe must read the finished ones.
    await page.evaluate(() => Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition).map((a) => a.finished.catch(() => undefined))));
    let builder = new AxeBuilder({ page });
    if (include) builder = builder.include(include);
    const result = await builder.analyze();
    for (const v of result.violations) {
      const targets = v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ');
      const line = `${what} (${scheme}): [${v.impact}] ${v.id} — ${v.help} — ${v.nodes.length} node(s): ${targets}`;
      if (v.impact === 'serious' || v.impact === 'critical') bad.push(line);
      else console.log(`axe ${line}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return bad;
}

// axe takes a few seconds a page on this machine; a long tour of views and dialogs needs longer
// than the default minute.
test.describe.configure({ timeout: 240_000 });

test('every view passes axe (no serious or critical violation) in the light and the dark theme', async ({ page, harness }) => {
  const bad: string[] = [];
  bad.push(...(await audit(page, 'Tokens, empty vault (add form)')));
  await addTourTokens(page, fakes!);
  bad.push(...(await audit(page, 'Tokens')));
  await page.getByRole('button', { name: 'Add a token' }).click();
  bad.push(...(await audit(page, 'Tokens with the add form')));
  // The add form's states: a recognised paste with what it decodes, and the wrong service's.
  const form = page.getByRole('form', { name: 'Add a token' });
  await pasteField(form).fill(makeSynapsePat({ sub: '3400001', jti: '9303' }, ['view']));
  await expect(form.getByText('Recognised: Synapse personal access token')).toBeVisible();
  bad.push(...(await audit(page, 'Tokens with the add form, a Synapse paste recognised')));
  await form.getByLabel('Service', { exact: true }).selectOption({ label: 'Syncano' });
  await expect(form.getByText('This looks like a Synapse personal access token, not a Syncano key.')).toBeVisible();
  await form.getByLabel('Label', { exact: true }).fill('wrong service');
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(pasteField(form)).toHaveAttribute('aria-invalid', 'true');
  bad.push(...(await audit(page, 'Tokens with the add form, a paste of the wrong service refused')));
  await page.keyboard.press('Escape');
  // A revealed value with its countdown (the fake's token, not a canary).
  const row = tokenRow(page, 'carol laptop');
  await row.getByRole('button', { name: 'Reveal', exact: true }).click();
  await expect(row.getByRole('timer')).toContainText('Hides in');
  bad.push(...(await audit(page, 'Tokens with a revealed value')));
  await row.getByRole('button', { name: 'Hide', exact: true }).click();
  await page.getByLabel('Sort by').selectOption({ label: 'Days left' });
  bad.push(...(await audit(page, 'Tokens sorted by days left')));

  await openView(page, 'Synapse');
  await page.getByRole('button', { name: 'Sync with Synapse' }).click();
  await expect(page.getByRole('table', { name: 'Synapse tokens of carol' })).toBeVisible();
  bad.push(...(await audit(page, 'Synapse tab after a sync')));
  await openView(page, 'Syncano');
  bad.push(...(await audit(page, 'Syncano tab, signed out')));
  await signInToSyncano(page, fakes!);
  bad.push(...(await audit(page, 'Syncano tab with API keys')));
  await page.getByRole('table', { name: 'API keys of shop-prod' }).getByRole('row').filter({ hasText: 'device 3' }).getByRole('button', { name: 'Edit' }).click();
  await expect(page.getByRole('form', { name: /^Edit API key #\d+$/ })).toBeVisible();
  bad.push(...(await audit(page, 'Syncano tab editing a key')));
  plantScanFindings(harness.home);
  await scanHome(page, harness.home);
  bad.push(...(await audit(page, 'Scan with findings')));
  await openView(page, 'Activity');
  await expect(page.getByRole('table')).toBeVisible();
  bad.push(...(await audit(page, 'Activity')));
  await openView(page, 'Settings');
  await expect(page.getByRole('button', { name: 'Save settings' })).toBeVisible();
  bad.push(...(await audit(page, 'Settings')));
  // With a Subject-User header set, each Subject-User has its own "Copy as curl" button.
  await saveSettings(page, { 'Subject-User header name': 'X-Subject-User' });
  await expect(tokenRow(page, 'Synap lab portal').getByRole('button', { name: 'Copy as curl acting as u-100' })).toBeVisible();
  bad.push(...(await audit(page, 'Tokens with Subject-User curl buttons')));
  expect(bad, bad.join('\n')).toEqual([]);
});

test('every dialog passes axe (no serious or critical violation) in the light and the dark theme', async ({ page, harness }) => {
  await addTourTokens(page, fakes!);
  const bad: string[] = [];
  const seen = await tourDialogs(page, fakes!, async (name) => {
    bad.push(...(await audit(page, name, '[role="dialog"], [role="alertdialog"]')));
  }, harness);
  expect(seen).toHaveLength(20);
  expect(bad, bad.join('\n')).toEqual([]);
});

harnessTest({ env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/synvault-no-bus' } })(
  'the keychain banner passes axe in the light and the dark theme',
  async ({ page }) => {
    await expect(page.getByRole('alert').filter({ hasText: 'The keychain cannot be used.' })).toBeVisible();
    const bad = await audit(page, 'Keychain banner');
    expect(bad, bad.join('\n')).toEqual([]);
  },
);
