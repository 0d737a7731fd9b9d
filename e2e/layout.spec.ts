// @process: test
// The window at its minimum size, 800×600, through the harness in Debian's Chromium: every
// dialog keeps its title and every button inside the window and clickable (elementFromPoint, and a
// real mouse click on Cancel or Close — or on "Write file" after an export's preview, which must
// then write); every view (the add form in its states, Scan with findings) fits its width with the
// header's tabs reachable; and messages in the status bar never lie over a control.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from '@playwright/test';
import { makeSynapsePat } from '../tests/helpers/core';
import { addTourTokens, closeTourFakes, plantScanFindings, scanHome, signInToSyncano, startTourFakes, tourDialogs, type TourFakes } from './support/dialogs';
import { clickAtCentre, coveredControls, expectDialogUsable } from './support/screen';
import { addTokenViaForm, harnessTest, openView, pasteField, tokenRows } from './support/ui';

let fakes: TourFakes | undefined;

const test = harnessTest(async () => {
  await closeTourFakes(fakes);
  const started = await startTourFakes();
  fakes = started.fakes;
  return started.options;
});
test.use({ viewport: { width: 800, height: 600 } });

test.afterAll(async () => {
  await closeTourFakes(fakes);
  fakes = undefined;
});

test('at 800×600 every dialog shows its title and every button on screen and clickable; Write file works after Preview', async ({ page, harness }) => {
  await addTourTokens(page, fakes!);
  const heights: string[] = [];
  const seen = await tourDialogs(page, fakes!, async (name, dialog) => {
    await expectDialogUsable(name, dialog);
    const box = (await dialog.boundingBox())!;
    heights.push(`${name}: ${Math.round(box.height)} px`);
    if (name === 'Synapse export after Preview') {
      await clickAtCentre(page, dialog.getByRole('button', { name: 'Write file' }));
      await expect(page.getByRole('status')).toContainText('Wrote “carol laptop”');
      await expect(dialog).toHaveCount(0);
      expect(fs.readFileSync(path.join(harness.home, '.synapseConfig'), 'utf8')).toContain('[profile lab]');
      return;
    }
    // The button that dismisses it: Cancel, Close where nothing is undone (Copy as curl), or "I
    // have stored it" where a rescued secret is shown once.
    await clickAtCentre(page, dialog.locator('.modal-actions').getByRole('button', { name: /^(Cancel|Close|I have stored it)$/ }));
    await expect(dialog).toHaveCount(0);
  }, harness);
  console.log(`Dialog heights at 800×600:\n  ${heights.join('\n  ')}`);
  expect(seen).toHaveLength(20);
});

test('at 800×600 every view fits the width, the header keeps its tabs on screen, and messages never cover a control', async ({ page, harness }) => {
  const fits = async (what: string) => {
    const m = await page.evaluate(() => {
      const s = document.querySelector('.app-scroll')!;
      const h = document.querySelector('.app-header')!;
      const tabs = [...document.querySelectorAll('nav[aria-label="Views"] button')].map((b) => {
        const r = b.getBoundingClientRect();
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return r.right <= window.innerWidth && (hit === b || b.contains(hit));
      });
      return { content: s.scrollWidth - s.clientWidth, header: h.scrollWidth - h.clientWidth, tabs };
    });
    expect(m.content, `${what}: the content is wider than the window`).toBeLessThanOrEqual(0);
    expect(m.header, `${what}: the header is wider than the window`).toBeLessThanOrEqual(0);
    expect(m.tabs.every(Boolean), `${what}: a header tab is off screen or covered`).toBe(true);
    expect(await coveredControls(page), `${what}: controls under something`).toEqual([]);
  };

  // A copy with a long label: the clipboard countdown shares the header with the tabs.
  const row = await addTokenViaForm(page, { service: 'Syncano', label: 'A rather long label for the production billing key of the shop', secret: '0123456789abcdef0123456789abcdef01234567' });
  for (let i = 0; i < 8; i++) await addTokenViaForm(page, { service: 'Synap', label: `Synap token ${i}`, account: 'Example Lab', secret: `p:token-number-${i}-${'x'.repeat(20)}` });
  await row.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByRole('timer', { name: 'Clipboard' })).toContainText('Clipboard clears in');
  // Three messages at once (the last adds'), the most the status bar holds.
  await expect(page.locator('.notice')).toHaveCount(3);
  await fits('Tokens with three messages');
  // Scrolled to the end, the last row's buttons sit above the status bar, not under it.
  await page.locator('.app-scroll').evaluate((s) => s.scrollTo(0, s.scrollHeight));
  await fits('Tokens scrolled to the end');
  const bar = (await page.locator('.status-area').boundingBox())!;
  const last = (await tokenRows(page).last().getByRole('button', { name: 'Remove', exact: true }).boundingBox())!;
  expect(last.y + last.height, 'the last Remove button ends above the status bar').toBeLessThanOrEqual(bar.y);

  await page.getByRole('button', { name: 'Add a token' }).click();
  await fits('Tokens with the add form');
  // The add form's states: a recognised paste with what it decodes, the tallest (Synap's details
  // and Subject-Users), and a value of the wrong service.
  const form = page.getByRole('form', { name: 'Add a token' });
  await pasteField(form).fill(makeSynapsePat({ sub: '3400001', jti: '9303' }, ['view']));
  await expect(form.getByText('Recognised: Synapse personal access token')).toBeVisible();
  await fits('Tokens with the add form, a Synapse paste recognised');
  await pasteField(form).fill(`p:${'R'.repeat(40)}`);
  await form.getByRole('button', { name: 'Add Subject-User' }).click();
  await fits('Tokens with the add form, a Synap paste recognised');
  await form.getByLabel('Service', { exact: true }).selectOption({ label: 'Syncano' });
  await expect(form.getByText('This looks like a Synap personal access token, not a Syncano key.')).toBeVisible();
  await fits('Tokens with the add form, a paste of the wrong service');
  await page.keyboard.press('Escape');
  await openView(page, 'Synapse');
  await fits('Synapse');
  await signInToSyncano(page, fakes!);
  await fits('Syncano');
  plantScanFindings(harness.home);
  await scanHome(page, harness.home);
  await fits('Scan with findings');
  await openView(page, 'Activity');
  await fits('Activity');
  await openView(page, 'Settings');
  await fits('Settings');
});
