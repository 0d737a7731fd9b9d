// @process: shared
// Every channel of the app, declared once. ipc.ts, preload.ts, the renderer's API and the
// browser harness are all derived from this object; adding a channel here is the only way to
// add one anywhere.
import type { z } from 'zod';
import type { ErrorInfo } from './errors';
import { vaultChannels } from './contract/vault';
import { synapChannels } from './contract/synap';
import { syncanoChannels } from './contract/syncano';
import { synapseChannels } from './contract/synapse';

export const contract = {
  ...vaultChannels,
  ...synapChannels,
  ...syncanoChannels,
  ...synapseChannels,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What a caller passes (before defaults and trimming). */
export type Input<M extends Method> = z.input<Contract[M]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = Contract[M]['output'];

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** window.synvault: one typed function per channel, nothing else. */
export type SynvaultApi = { [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>> };
/** What the main side implements. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Promise<Output<M>> };

export { METHODS, channelName } from './methods';
export const isMethod = (name: string): name is Method => Object.prototype.hasOwnProperty.call(contract, name);
