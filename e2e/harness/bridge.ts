// @process: harness-page
// In the browser harness, this defines window.synvault the way preload.ts does in Electron:
// one function per contract method, each carried over loopback HTTP to the same dispatcher.
import type { Result, SynvaultApi } from '../../electron/shared/contract';
import { METHODS } from '../../electron/shared/methods';

const params = new URLSearchParams(location.search);
const token = params.get('token') ?? sessionStorage.getItem('synvault-harness-token') ?? '';
sessionStorage.setItem('synvault-harness-token', token);

async function call(method: string, input: unknown): Promise<Result<unknown>> {
  try {
    const res = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-synvault-token': token },
      body: JSON.stringify(input ?? {}),
    });
    return (await res.json()) as Result<unknown>;
  } catch {
    return { ok: false, error: { code: 'internal', message: 'The harness server is not answering.' } };
  }
}

const api = Object.freeze(Object.fromEntries(METHODS.map((m) => [m, (input: unknown) => call(m, input)]))) as unknown as SynvaultApi;
Object.defineProperty(window, 'synvault', { value: api, writable: false, configurable: false });
