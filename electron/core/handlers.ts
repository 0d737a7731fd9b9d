// @process: core
// The implementation of every contract channel, and the one dispatcher that validates a payload
// against the contract before any handler runs. ipc.ts and the harness both call dispatch().
import { z } from 'zod';
import { contract, isMethod, type Handlers, type Result } from '../shared/contract';
import { toErrorInfo, VaultError } from '../shared/errors';
import type { Vault } from './vault';

export type HandlerGroup<K extends keyof Handlers> = Pick<Handlers, K>;

export function vaultHandlers(vault: Vault): HandlerGroup<
  'getStatus' | 'listTokens' | 'addToken' | 'copyToken' | 'revealToken' | 'removeToken' | 'listActivity' | 'getSettings' | 'updateSettings'
> {
  return {
    getStatus: () => vault.status(),
    listTokens: () => vault.list(),
    addToken: (input) => vault.add(input),
    copyToken: ({ id }) => vault.copy(id),
    revealToken: ({ id }) => vault.reveal(id),
    removeToken: ({ id }) => vault.remove(id),
    listActivity: async ({ limit }) => vault.activity(limit),
    getSettings: async () => vault.getSettings(),
    updateSettings: async (patch) => vault.updateSettings(patch),
  };
}

/** Turns a schema failure into per-field messages a form can show. */
function invalidPayload(error: z.ZodError): VaultError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    if (!fields[key]) fields[key] = issue.message;
  }
  const first = Object.entries(fields)[0];
  const message = first ? (first[0] === '_' ? first[1] : `${first[0]}: ${first[1]}`) : 'The request was not valid.';
  return new VaultError('invalid-input', message, { fields });
}

export type Dispatch = (method: string, payload: unknown) => Promise<Result<unknown>>;

export function createDispatch(handlers: Handlers): Dispatch {
  return async (method, payload) => {
    if (!isMethod(method)) return { ok: false, error: { code: 'invalid-input', message: 'Unknown request.' } };
    const parsed = contract[method].input.safeParse(payload ?? {});
    if (!parsed.success) return { ok: false, error: invalidPayload(parsed.error).toInfo() };
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (err) {
      return { ok: false, error: toErrorInfo(err) };
    }
  };
}
