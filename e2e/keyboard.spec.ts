// @process: test
// The window driven by the keyboard alone (page.keyboard; no click), through the harness in
// Debian's Chromium: add two tokens by pasting, copy, reveal and hide (Escape too), export to
// .synapseConfig, remove with confirmation — and after each step the focus is asserted by the
// focused element's role and accessible name (toBeFocused), never left on <body>. Then the
// rules around it: Escape closes the topmost thing only, a revealed value hides under a dialog,
// Ctrl+F / Ctrl+N, the revoke dialog's first empty field. Secrets are canaries, asserted as
// booleans so a failure never prints one.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { makeSynapsePat } from '../tests/helpers/core';
import { describeFocus } from './support/screen';
import { harnessTest, pageContains, pasteField, tokenRow, tokenRows } from './support/ui';

const canaries = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'tests', 'canaries.json'), 'utf8')) as Record<string, string>;
const SYNAPSE = canaries.synapse!;
const OTHER = makeSynapsePat({ sub: '3400001', jti: '9202' }, ['view']);

const test = harnessTest();

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus; fails after `max` presses. */
async function tabTo(page: Page, target: Locator, { back = false, max = 30 } = {}): Promise<void> {
  for (let i = 0; i <= max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Tab did not reach the element in ${max} presses; the focus is on ${await describeFocus(page)}.`);
}

/** Puts text on the browser's clipboard and pastes it with Ctrl+V into the focused field. */
async function paste(page: Page, text: string): Promise<void> {
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.keyboard.press('ControlOrMeta+V');
}

/** Selects what the focused field holds and types over it (the add form pre-fills the label
 * from the pasted value). */
async function typeOver(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Adds a Synapse token with the keyboard as the paste-first form asks: Ctrl+N, the value pasted
 * into the focused first field, the offered label typed over, Enter. */
async function addByKeyboard(page: Page, label: string, secret: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+N');
  const form = page.getByRole('form', { name: 'Add a token' });
  await expect(form).toBeVisible();
  // The form opens with the focus in its first field: the paste.
  await expect(pasteField(form)).toBeFocused();
  await paste(page, secret);
  await expect(form.getByText('Recognised: Synapse personal access token')).toBeVisible();
  await tabTo(page, form.getByLabel('Label', { exact: true }));
  await typeOver(page, label);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText(`Added “${label}”`);
  // The new row has the focus.
  await expect(tokenRow(page, label)).toBeFocused();
}

test('keyboard only: add by paste, copy, reveal and hide, export, remove with confirmation; the focus is asserted after each step', async ({ page, harness, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
  await page.locator('body').focus();

  // Add two, by paste.
  await addByKeyboard(page, 'Laptop token', SYNAPSE);
  await addByKeyboard(page, 'Desk token', OTHER);
  await expect(tokenRows(page)).toHaveCount(2);
  const row = tokenRow(page, 'Laptop token');

  // Copy: the clipboard holds it; the focus stays on Copy.
  const copy = row.getByRole('button', { name: 'Copy', exact: true });
  await tabTo(page, copy);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await harness.readClipboard()) === SYNAPSE, { message: 'the clipboard holds the token' }).toBe(true);
  await expect(page.getByRole('timer', { name: 'Clipboard' })).toContainText('Copied “Laptop token”');
  await expect(copy).toBeFocused();

  // Reveal: shown with its countdown, the focus on the same button, now Hide; Escape hides it.
  const reveal = row.getByRole('button', { name: 'Reveal', exact: true });
  const hide = row.getByRole('button', { name: 'Hide', exact: true });
  const value = row.getByLabel('Revealed value');
  await tabTo(page, reveal);
  await page.keyboard.press('Enter');
  await expect(value).toBeVisible();
  expect((await value.textContent()) === SYNAPSE, 'the revealed value is the token').toBe(true);
  await expect(row.getByRole('timer')).toHaveText(/^Hides in \d+ s$/);
  await expect(hide).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(value).toHaveCount(0);
  await expect(reveal).toBeFocused();
  // And Hide hides it.
  await page.keyboard.press('Enter');
  await expect(value).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(value).toHaveCount(0);
  await expect(reveal).toBeFocused();
  expect(await pageContains(page, SYNAPSE), 'the token is left in the page').toBe(false);

  // Export: the dialog takes the focus, Preview then Write file, and the focus comes back to Export….
  const exportButton = row.getByRole('button', { name: 'Export…' });
  await tabTo(page, exportButton);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export “Laptop token” to .synapseConfig' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'default' })).toBeFocused();
  await tabTo(page, dialog.getByRole('button', { name: 'Preview' }));
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('Section authentication')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Preview' })).toBeFocused();
  await tabTo(page, dialog.getByRole('button', { name: 'Write file' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Wrote “Laptop token”');
  await expect(dialog).toHaveCount(0);
  await expect(exportButton).toBeFocused();
  expect(fs.readFileSync(path.join(harness.home, '.synapseConfig'), 'utf8').includes(SYNAPSE), 'the file holds the token').toBe(true);

  // Remove: confirmation with Cancel first; Tab to Remove, Enter; the focus goes to the next row.
  await tabTo(page, row.getByRole('button', { name: 'Remove', exact: true }));
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Remove “Laptop token”?' });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(confirm.getByRole('button', { name: 'Remove' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Removed “Laptop token”.');
  await expect(row).toHaveCount(0);
  await expect(tokenRow(page, 'Desk token')).toBeFocused();

  // The last one too: the focus goes to the list's heading, not to <body>.
  await tabTo(page, tokenRow(page, 'Desk token').getByRole('button', { name: 'Remove', exact: true }));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(tokenRows(page)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /^Tokens/, level: 1 })).toBeFocused();
  for (const out of [harness.output()]) expect(out.includes(SYNAPSE), 'the token is in the harness output').toBe(false);
});

test('Escape closes only the topmost thing: a dialog over a revealed value, then the value, then the add form', async ({ page, harness, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
  await addByKeyboard(page, 'Laptop token', SYNAPSE);
  const row = tokenRow(page, 'Laptop token');
  const value = row.getByLabel('Revealed value');

  // The add form closes on Escape, the focus back on its button.
  await page.keyboard.press('ControlOrMeta+N');
  await expect(page.getByRole('form', { name: 'Add a token' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('form', { name: 'Add a token' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add a token' })).toBeFocused();

  // A revealed value is hidden as soon as a dialog opens over it; Escape then closes the dialog
  // alone, and the focus goes back to the button that opened it.
  await tabTo(page, row.getByRole('button', { name: 'Reveal', exact: true }));
  await page.keyboard.press('Enter');
  await expect(value).toBeVisible();
  const exportButton = row.getByRole('button', { name: 'Export…' });
  await tabTo(page, exportButton);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Export “Laptop token” to .synapseConfig' });
  await expect(dialog).toBeVisible();
  await expect(value).toHaveCount(0);
  expect(await pageContains(page, SYNAPSE), 'the token is left in the page behind the dialog').toBe(false);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(exportButton).toBeFocused();

  // With the add form open and a value revealed after it, Escape hides the value first, then
  // closes the form.
  await page.keyboard.press('ControlOrMeta+N');
  const form = page.getByRole('form', { name: 'Add a token' });
  await expect(form).toBeVisible();
  await tabTo(page, row.getByRole('button', { name: 'Reveal', exact: true }));
  await page.keyboard.press('Enter');
  await expect(value).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(value).toHaveCount(0);
  await expect(form).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
});

test('Ctrl+F focuses the search from any view, Ctrl+N opens the add form from any view', async ({ page, harness, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
  await addByKeyboard(page, 'Laptop token', SYNAPSE);
  await addByKeyboard(page, 'Desk token', OTHER);
  const views = page.getByRole('navigation', { name: 'Views' });
  const search = page.getByRole('searchbox', { name: 'Search tokens' });

  await page.keyboard.press('ControlOrMeta+F');
  await expect(search).toBeFocused();
  await page.keyboard.type('desk');
  await expect(tokenRows(page)).toHaveCount(1);

  // From Settings: back to the list, in its search.
  await tabTo(page, views.getByRole('button', { name: 'Settings' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+F');
  await expect(search).toBeFocused();

  // From Activity: the add form, its first field focused.
  await tabTo(page, views.getByRole('button', { name: 'Activity' }), { back: true });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Activity', level: 1 })).toBeVisible();
  await page.keyboard.press('ControlOrMeta+N');
  await expect(pasteField(page.getByRole('form', { name: 'Add a token' }))).toBeFocused();

  // Not while a dialog is open: the dialog keeps the keyboard.
  await tabTo(page, tokenRow(page, 'Desk token').getByRole('button', { name: 'Remove', exact: true }));
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('alertdialog', { name: 'Remove “Desk token”?' });
  await page.keyboard.press('ControlOrMeta+F');
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(confirm).toHaveCount(0);
  await expect(tokenRow(page, 'Desk token').getByRole('button', { name: 'Remove', exact: true })).toBeFocused();
});

test('the Synapse revoke dialog focuses the first empty field: the password when the user name is known', async ({ page, harness, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
  await addByKeyboard(page, 'Laptop token', SYNAPSE);
  const row = tokenRow(page, 'Laptop token');
  // No user name known yet: the user name field comes first.
  await tabTo(page, row.getByRole('button', { name: 'Revoke…' }));
  await page.keyboard.press('Enter');
  let dialog = page.getByRole('alertdialog', { name: 'Revoke “Laptop token” at Synapse' });
  await expect(dialog.getByLabel('Synapse user name or e-mail')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(row.getByRole('button', { name: 'Revoke…' })).toBeFocused();

  // Known (the row shows it): the password.
  await page.keyboard.press('ControlOrMeta+N');
  const form = page.getByRole('form', { name: 'Add a token' });
  await expect(pasteField(form)).toBeFocused();
  await paste(page, OTHER);
  await tabTo(page, form.getByLabel('Label', { exact: true }));
  await typeOver(page, 'Named token');
  await tabTo(page, form.getByLabel('Username (optional)', { exact: true }));
  await page.keyboard.type('alice');
  await page.keyboard.press('Enter');
  const named = tokenRow(page, 'Named token');
  await expect(named).toBeFocused();
  await tabTo(page, named.getByRole('button', { name: 'Revoke…' }));
  await page.keyboard.press('Enter');
  dialog = page.getByRole('alertdialog', { name: 'Revoke “Named token” at Synapse' });
  await expect(dialog.getByLabel('Synapse user name or e-mail')).toHaveValue('alice');
  await expect(dialog.getByLabel('Password')).toBeFocused();
});
