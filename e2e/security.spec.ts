// @process: test
// The window's Content-Security-Policy refuses eval, new Function, string timers and inline
// script — checked from a task of the page, where the policy applies (see support/csp-probe.ts),
// in Debian's Chromium through the harness, which sends the same header as the app:// protocol.
// The page carries two policies: that header (electron/shared/csp.ts) and the <meta> in
// renderer/index.html. Each is checked alone, so loosening either one fails here; and once with
// neither, to show the probe sees eval run when nothing stops it. The Electron spec runs the same
// probe in the real app.
import { expect, type Page } from '@playwright/test';
import { CONTENT_SECURITY_POLICY } from '../electron/shared/csp';
import { probeCsp, type CspProbe } from './support/csp-probe';
import { harnessTest } from './support/ui';

const test = harnessTest();
const META_CSP = /<meta http-equiv="Content-Security-Policy"[^>]*>/i;

/** Reloads the page with the CSP header and/or the <meta> policy removed from the document. Only
 * the document's policy governs the page, so everything else (scripts, API calls) goes through
 * untouched — and not through Playwright's own HTTP client, whose pooled connections can meet
 * the harness closing an idle one. */
async function servedWith(page: Page, origin: string, url: string, keep: { header: boolean; meta: boolean }) {
  await page.route(`${origin}/**`, async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const response = await route.fetch();
    const headers = { ...response.headers() };
    if (!keep.header) delete headers['content-security-policy'];
    const html = await response.text();
    expect(html, 'the page carries its <meta> policy').toMatch(META_CSP);
    return route.fulfill({ response, headers, body: keep.meta ? html : html.replace(META_CSP, '') });
  });
  await page.goto(url);
  await expect(page.getByRole('heading', { name: /^Tokens/ })).toBeVisible();
}

function expectRefused(probe: CspProbe) {
  const report = JSON.stringify(probe.violations);
  expect(probe.evalRan, 'eval ran').toBe(false);
  expect(probe.functionRan, 'new Function ran').toBe(false);
  expect(probe.stringTimeoutRan, 'setTimeout with a string ran').toBe(false);
  expect(probe.inlineScriptRan, 'an inline script ran').toBe(false);
  const refused = (blocked: string) => probe.violations.some((v) => v.directive.startsWith('script-src') && v.blockedURI === blocked && v.disposition === 'enforce');
  expect(refused('eval'), `script-src refused eval: ${report}`).toBe(true);
  expect(refused('inline'), `script-src refused inline script: ${report}`).toBe(true);
}

test('as served, the page refuses eval, new Function, string timers and inline script, and still works', async ({ page, harness }) => {
  const response = await page.request.get(harness.url);
  expect(response.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  expectRefused(await probeCsp(page));
  await expect(page.getByRole('heading', { name: /^Tokens/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Add token' }).first()).toBeVisible();
});

test("the app's CSP header alone refuses them", async ({ page, harness }) => {
  await servedWith(page, harness.origin, harness.url, { header: true, meta: false });
  expectRefused(await probeCsp(page));
});

test('the <meta> policy in index.html alone refuses them', async ({ page, harness }) => {
  await servedWith(page, harness.origin, harness.url, { header: false, meta: true });
  expectRefused(await probeCsp(page));
});

test('the probe is no rubber stamp: with neither policy the same attempts run', async ({ page, harness }) => {
  await servedWith(page, harness.origin, harness.url, { header: false, meta: false });
  expect(await probeCsp(page)).toEqual({ violations: [], evalRan: true, functionRan: true, stringTimeoutRan: true, inlineScriptRan: true });
});
