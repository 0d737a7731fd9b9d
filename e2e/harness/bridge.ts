// @process: harness-page
// In the browser harness, this defines window.synvault the way preload.ts does in Electron:
// one function per contract method, each carried over loopback HTTP to the same dispatcher, and
// `on` for the contract's events, which arrive as Server-Sent Events from GET /api/events.
import type { EventName, Result, SynvaultApi } from '../../electron/shared/contract';
import { isEvent, METHODS } from '../../electron/shared/methods';

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

// One stream for the page, opened at the first subscription; EventSource reconnects by itself
// if the harness restarts.
let stream: EventSource | null = null;
function on(event: unknown, handler: unknown): () => void {
  if (!isEvent(event)) throw new TypeError('Synvault has no such event.');
  if (typeof handler !== 'function') throw new TypeError('An event handler must be a function.');
  stream ??= new EventSource(`/api/events?token=${encodeURIComponent(token)}`);
  const listener = (message: MessageEvent<string>) => {
    let payload: unknown;
    try {
      payload = JSON.parse(message.data);
    } catch {
      return;
    }
    (handler as (payload: unknown) => void)(payload);
  };
  const name: EventName = event;
  stream.addEventListener(name, listener);
  return () => stream?.removeEventListener(name, listener);
}

const api = Object.freeze({ ...Object.fromEntries(METHODS.map((m) => [m, (input: unknown) => call(m, input)])), on }) as unknown as SynvaultApi;
Object.defineProperty(window, 'synvault', { value: api, writable: false, configurable: false });
