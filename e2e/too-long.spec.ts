// @process: test
// A 1 MB paste into the add form gets the app's own answer to too-long input, beside the field.
// Left to recognise, the form says it itself (no service takes such a value, so nothing is sent).
// With its service chosen, the value goes to the vault through the harness as through Electron's
// IPC (which has no size limit of its own): the harness must carry the body to the dispatcher,
// not answer it with words of its own — the harness's call counter shows the addToken arrived.
import { expect } from '@playwright/test';
import { fillAddForm, harnessTest, pasteField, tokenRows } from './support/ui';
import { SECRET_TOO_LONG } from '../electron/shared/services/define';

const test = harnessTest();
const MB = 1024 * 1024;
const TOO_LONG = new RegExp(SECRET_TOO_LONG.replace(/\./g, '\\.'));

test('a 1 MB paste says the words the app uses for a too-long token, beside the field, and stores nothing', async ({ page, harness }) => {
  const token = new URL(harness.url).searchParams.get('token')!;
  const calls = async (method: 'GET' | 'DELETE' = 'GET') => {
    const res = await fetch(`${harness.origin}/__test__/calls?token=${token}`, { method });
    return ((await res.json()) as { calls: string[] }).calls;
  };
  const huge = 'e'.repeat(MB);

  // Left to recognise: said as it is pasted, and beside the field on Add.
  await calls('DELETE');
  let form = await fillAddForm(page, { service: 'Synapse', label: 'Huge paste', secret: huge });
  const field = pasteField(form);
  await expect(form.getByText(SECRET_TOO_LONG, { exact: true })).toBeVisible();
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(TOO_LONG);
  await expect(form).not.toContainText('not recognise');
  expect(await calls(), 'nothing was sent').not.toContain('addToken');

  // Synapse chosen: the vault refuses it, in the same words, beside the field.
  form = await fillAddForm(page, { service: 'Synapse', label: 'Huge paste', secret: huge, choose: true });
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await form.getByRole('button', { name: 'Add token' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(TOO_LONG);
  await expect(form.getByRole('alert')).toHaveText(SECRET_TOO_LONG);
  await expect(form).not.toContainText('not JSON');
  expect(await calls(), 'the add reached the dispatcher').toContain('addToken');
  await expect(tokenRows(page)).toHaveCount(0);
});
