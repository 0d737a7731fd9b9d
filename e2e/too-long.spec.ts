// @process: test
// A 1 MB paste into the add form gets the app's own answer to too-long input, beside the field,
// through the harness as through Electron's IPC (which has no size limit of its own): the harness
// must carry the body to the dispatcher, not answer it with words of its own.
import { expect } from '@playwright/test';
import { fillAddForm, harnessTest, tokenRows } from './support/ui';
import { SECRET_TOO_LONG } from '../electron/shared/services/define';

const test = harnessTest();
const MB = 1024 * 1024;

test('a 1 MB paste says the words the app uses for a too-long token, beside the field, and stores nothing', async ({ page }) => {
  const form = await fillAddForm(page, { service: 'Synapse', label: 'Huge paste', secret: 'e'.repeat(MB) });
  await form.getByRole('button', { name: 'Add token' }).click();
  const field = form.getByLabel('Personal access token', { exact: true });
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(new RegExp(SECRET_TOO_LONG.replace(/\./g, '\\.')));
  await expect(form).not.toContainText('not JSON');
  await expect(tokenRows(page)).toHaveCount(0);
});
