// @process: renderer
// The renderer's only door to the main process: window.synvault, typed from the contract. In
// Electron the preload defines it; in the browser harness, the harness bridge does.
import type { Input, Method, Output, Result, SynvaultApi } from '../../electron/shared/contract';
import type { ErrorInfo } from '../../electron/shared/errors';

declare global {
  interface Window {
    synvault: SynvaultApi;
  }
}

export type { Result, ErrorInfo };

/** Calls a contract method; resolves to its Result (never throws). */
export function call<M extends Method>(method: M, input: Input<M>): Promise<Result<Output<M>>> {
  const fn = window.synvault[method] as (input: Input<M>) => Promise<Result<Output<M>>>;
  return fn(input).catch(
    (): Result<Output<M>> => ({ ok: false, error: { code: 'internal', message: 'The vault did not answer. Restart Synvault.' } }),
  );
}
