// @process: test
// How a person drives the Synvault window, written once for every spec: the roles and names the
// window uses. Service specs reuse these rather than repeating selectors.
import { expect, test as base, type Locator, type Page } from '@playwright/test';
import { startHarness, type Harness, type HarnessOptions } from './harness';

/** A Playwright test with a fresh harness per test (`harness`); `page` is opened on it. */
export function harnessTest(options: HarnessOptions | (() => HarnessOptions | Promise<HarnessOptions>) = {}) {
  return base.extend<{ harness: Harness }>({
    harness: async ({}, use, testInfo) => {
      const h = await startHarness(typeof options === 'function' ? await options() : options);
      try {
        await use(h);
      } finally {
        await h.stop();
        if (testInfo.status !== testInfo.expectedStatus) printHarnessNotes(h);
      }
    },
    // Depends on the harness so a test that asks only for `page` still gets the window.
    page: async ({ page, harness }, use, testInfo) => {
      await page.goto(harness.url);
      await expect(page.getByRole('heading', { name: /^Tokens/ })).toBeVisible();
      await expect(page.getByText('Loading…')).toHaveCount(0);
      await use(page);
      if (testInfo.status !== testInfo.expectedStatus) await printWindowState(page);
    },
  });
}

// What a failed test leaves for whoever reads CI's log, where Playwright's error context (a file)
// is out of reach: the window's own messages and the harness's notes on slow or unfinished
// calls. Both are Synvault's words, never a field's value (the canary sweep checks the log too).
async function printWindowState(page: Page): Promise<void> {
  const state = await page
    .evaluate(() => {
      const text = (el: Element) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();
      const messages = Array.from(document.querySelectorAll('[role="alert"], [role="status"], .field-error, .paste-problem'))
        .map(text)
        .filter(Boolean);
      const a = document.activeElement;
      // A control's name, never an element's whole text: a focused token row, or a dialog that
      // shows a secret once, holds the value in its text.
      const name = (el: Element): string => {
        const labelledBy = el.getAttribute('aria-labelledby');
        const byId = labelledBy ? document.getElementById(labelledBy.split(' ')[0]!) : null;
        const forLabel = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
        return el.getAttribute('aria-label') ?? (byId && text(byId)) ?? (forLabel && text(forLabel)) ?? (el.tagName === 'BUTTON' ? text(el).slice(0, 40) : '');
      };
      const focus = a ? `${a.tagName.toLowerCase()}${a.id ? `#${a.id}` : ''} “${name(a)}”` : 'none';
      const busy = Array.from(document.querySelectorAll('[aria-busy="true"]')).map((el) => name(el));
      return { messages, focus, busy, dialogs: Array.from(document.querySelectorAll('[role="dialog"], [role="alertdialog"]')).map(name) };
    })
    .catch((err: unknown) => ({ unreadable: err instanceof Error ? err.message.split('\n')[0] : String(err) }));
  console.log(`Window at the failure: ${JSON.stringify(state)}`);
}

function printHarnessNotes(h: Harness): void {
  const notes = h.output().split('\n').filter((l) => /^Synvault harness: (?!http)/.test(l));
  console.log(notes.length ? `Harness notes:\n  ${notes.join('\n  ')}` : 'Harness notes: no call was slow (over 2 s) or still running at its stop.');
}

export type ServiceName = 'Synapse' | 'Synap' | 'Syncano';

export interface NewToken {
  service: ServiceName;
  label: string;
  secret: string;
  /** Choose the service before pasting, instead of letting the form recognise it from the value
   * (a malformed value is then judged by that service's own rules). */
  choose?: boolean;
  /** Synapse username, Syncano instance (API key) or e-mail (account key), or Synap organisation/Portal name. */
  account?: string;
  portalUrl?: string;
  issuedBy?: string;
  subjectUsers?: { id: string; note?: string }[];
}

/** Opens the add form if it is closed. */
export async function openAddForm(page: Page): Promise<Locator> {
  const form = page.getByRole('form', { name: 'Add a token' });
  if (!(await form.isVisible())) await page.getByRole('button', { name: 'Add a token' }).click();
  await expect(form).toBeVisible();
  return form;
}

/** The add form's field for the pasted value. */
export const pasteField = (form: Locator): Locator => form.getByLabel('Token or key', { exact: true });

/** The field that says whose a token is: it depends on the service and, for Syncano, the kind. */
const ACCOUNT_FIELD: Record<ServiceName, RegExp> = {
  Synapse: /^Username \(optional\)$/,
  Synap: /^Organisation \/ Portal name$/,
  Syncano: /^(Instance|E-mail) \(optional\)$/,
};

/** Fills the add form as a person does — paste first, then what the form still asks; does not
 * submit. */
export async function fillAddForm(page: Page, t: NewToken): Promise<Locator> {
  const form = await openAddForm(page);
  await form.getByLabel('Service', { exact: true }).selectOption(t.choose ? { label: t.service } : { index: 0 });
  await pasteField(form).fill(t.secret);
  await form.getByLabel('Label', { exact: true }).fill(t.label);
  if (t.account !== undefined) await form.getByLabel(ACCOUNT_FIELD[t.service]).fill(t.account);
  if (t.portalUrl) await form.getByLabel('Portal address (optional)').fill(t.portalUrl);
  if (t.issuedBy) await form.getByLabel('Issued by (optional)').fill(t.issuedBy);
  for (const [i, u] of (t.subjectUsers ?? []).entries()) {
    await form.getByRole('button', { name: 'Add Subject-User' }).click();
    await form.getByLabel(`Subject-User ${i + 1} ID`).fill(u.id);
    if (u.note) await form.getByLabel(`Subject-User ${i + 1} note`).fill(u.note);
  }
  return form;
}

/** Adds a token through the form and waits for its row. */
export async function addTokenViaForm(page: Page, t: NewToken): Promise<Locator> {
  const form = await fillAddForm(page, t);
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(page.getByRole('status')).toContainText(`Added “${t.label}”`);
  const row = tokenRow(page, t.label);
  await expect(row).toBeVisible();
  return row;
}

/** The list row of a token, by its exact label; scope row buttons with row.getByRole(...). */
export function tokenRow(page: Page, label: string): Locator {
  return page.getByRole('list', { name: 'Tokens' }).getByRole('listitem', { name: label, exact: true });
}

/** Every row of the token list. */
export function tokenRows(page: Page): Locator {
  return page.getByRole('list', { name: 'Tokens' }).locator(':scope > li');
}

/** Opens a view from the header: 'Tokens', 'Activity', 'Settings', or a service's tab. */
export async function openView(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
}

/** Sets settings through the Settings view and returns to the token list. */
export async function saveSettings(page: Page, fields: Record<string, string>): Promise<void> {
  await openView(page, 'Settings');
  for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status')).toContainText('Settings saved.');
  await openView(page, 'Tokens');
}

/** True when the page's DOM (markup and every field's current value) contains the text. */
export async function pageContains(page: Page, text: string): Promise<boolean> {
  return page.evaluate((t) => {
    if (document.documentElement.outerHTML.includes(t)) return true;
    return Array.from(document.querySelectorAll('input, textarea')).some((el) => (el as HTMLInputElement).value.includes(t));
  }, text);
}
