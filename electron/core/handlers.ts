// @process: core
// The implementation of every contract channel, and the one dispatcher that validates a payload
// against the contract before any handler runs. ipc.ts and the harness both call dispatch().
import { z } from 'zod';
import { contract, isMethod, type Handlers, type Result } from '../shared/contract';
import { toErrorInfo, VaultError, type FieldErrors } from '../shared/errors';
import { addTokenRequest } from '../shared/services';
import type { Vault } from './vault';

export type HandlerGroup<K extends keyof Handlers> = Pick<Handlers, K>;

export function vaultHandlers(vault: Vault): HandlerGroup<
  'getStatus' | 'listTokens' | 'addToken' | 'renameToken' | 'copyToken' | 'revealToken' | 'removeToken' | 'listActivity' | 'getSettings' | 'updateSettings'
> {
  return {
    getStatus: () => vault.status(),
    listTokens: () => vault.list(),
    addToken: (input) => vault.add(addTokenRequest(input)),
    renameToken: ({ id, label }) => vault.rename(id, label),
    copyToken: ({ id }) => vault.copy(id),
    revealToken: ({ id }) => vault.reveal(id),
    removeToken: ({ id }) => vault.remove(id),
    listActivity: async ({ limit }) => vault.activity(limit),
    getSettings: async () => vault.getSettings(),
    updateSettings: async (patch) => vault.updateSettings(patch),
  };
}

/** Turns a schema failure into per-field messages a form shows beside each field. The message is
 * the first failure's own words, never prefixed with its key: the form knows its fields by key
 * (renderer/src/ui/field.tsx). A failure of the payload as a whole has no field; it is only the
 * message. The keys are the schema's own paths, so they are FieldKeys of the method by
 * construction (the cast only says so). */
function invalidPayload(error: z.ZodError): VaultError {
  const fields: Record<string, string> = {};
  let message: string | undefined;
  for (const issue of error.issues) {
    message ??= issue.message;
    if (issue.path.length === 0) continue;
    const key = issue.path.map(String).join('.');
    fields[key] ??= issue.message;
  }
  return new VaultError('invalid-input', message ?? 'The request was not valid.', Object.keys(fields).length ? { fields: fields as FieldErrors } : {});
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
