// @process: test
// Does the page's Content-Security-Policy stop eval and inline script? Asked from a task of the
// page itself: code that page.evaluate runs directly is exempt from the CSP's eval rule (DevTools'
// Runtime.evaluate allows eval blocked by CSP by default), so an eval tried there would run even
// under a strict policy and prove nothing. page.evaluate only installs a listener; a posted
// message then runs the attempts as an ordinary page task, and `securitypolicyviolation` events
// record what the page's own CSP refused.
import type { Page } from '@playwright/test';

export interface CspProbe {
  /** Each refusal the page reported, as the page saw it. */
  violations: Array<{ directive: string; blockedURI: string; disposition: string }>;
  evalRan: boolean;
  functionRan: boolean;
  stringTimeoutRan: boolean;
  inlineScriptRan: boolean;
}

const MESSAGE = 'synvault-csp-probe';

export async function probeCsp(page: Page): Promise<CspProbe> {
  await page.evaluate((message) => {
    const w = window as unknown as { __cspProbe: CspProbe & { done: boolean } };
    const probe: CspProbe & { done: boolean } = { violations: [], evalRan: false, functionRan: false, stringTimeoutRan: false, inlineScriptRan: false, done: false };
    w.__cspProbe = probe;
    document.addEventListener('securitypolicyviolation', (e) => {
      probe.violations.push({ directive: e.effectiveDirective || e.violatedDirective, blockedURI: e.blockedURI, disposition: e.disposition });
    });
    const onMessage = (e: MessageEvent) => {
      if (e.data !== message) return;
      window.removeEventListener('message', onMessage);
      try {
        probe.evalRan = (0, eval)('true') === true;
      } catch {
        /* refused: EvalError */
      }
      try {
        probe.functionRan = new Function('return true')() === true;
      } catch {
        /* refused: EvalError */
      }
      // A string handler compiles code too; refused, it never runs.
      window.setTimeout('window.__cspProbe.stringTimeoutRan = true', 0);
      const script = document.createElement('script');
      script.textContent = 'window.__cspProbe.inlineScriptRan = true';
      document.head.appendChild(script);
      script.remove();
      // Two tasks later the string timeout would have run and the violation events are queued.
      window.setTimeout(() => window.setTimeout(() => (probe.done = true), 50), 0);
    };
    window.addEventListener('message', onMessage);
    window.postMessage(message, '*');
  }, MESSAGE);
  await page.waitForFunction(() => (window as unknown as { __cspProbe: { done: boolean } }).__cspProbe.done);
  return page.evaluate(() => {
    const { done: _done, ...probe } = (window as unknown as { __cspProbe: CspProbe & { done: boolean } }).__cspProbe;
    return probe;
  });
}
