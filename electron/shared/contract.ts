// @process: shared
// Every channel of the app, declared once (calls here, main → window events in contract/events.ts). ipc.ts, preload.ts, the renderer's API and the
// browser harness are all derived from this object; adding a channel here is the only way to
// add one anywhere.
import type { z } from 'zod';
import type { ErrorInfo } from './errors';
import type { EventHandler, EventName } from './contract/events';
import { vaultChannels } from './contract/vault';
import { synapChannels } from './contract/synap';
import { syncanoChannels } from './contract/syncano';
import { synapseChannels } from './contract/synapse';
import { scanChannels } from './contract/scan';
import { rotateChannels } from './contract/rotate';

export const contract = {
  ...vaultChannels,
  ...synapChannels,
  ...syncanoChannels,
  ...synapseChannels,
  ...scanChannels,
  ...rotateChannels,
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
/** What a caller passes (before defaults and trimming). */
export type Input<M extends Method> = z.input<Contract[M]['input']>;
/** What a handler receives (validated, defaults applied). */
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = Contract[M]['output'];

/** Field keys a method's errors may name: the keys of its input (every variant of a union),
 * and one level into arrays and objects (`subjectUsers.0.id`, `flags.ignore_acl`) — the paths
 * the dispatcher reports schema failures under. A misspelt key fails to compile. */
export type FieldKey<M extends Method> = M extends Method ? FieldPath<Input<M>> : never;
/** Named keys only: an index signature (zod types `z.object({})` with one) names no field. */
type KeysOf<T> = T extends unknown ? Extract<keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: 0 }, string> : never;
type Inner<K extends string, V> =
  NonNullable<V> extends readonly (infer E)[]
    ? `${K}.${number}` | (E extends object ? `${K}.${number}.${KeysOf<E>}` : never)
    : NonNullable<V> extends object
      ? `${K}.${KeysOf<NonNullable<V>>}`
      : never;
type FieldPath<T> = T extends unknown ? { [K in KeysOf<T>]-?: K | Inner<K, T[K]> }[KeysOf<T>] : never;

export type Result<T, M extends Method = Method> = { ok: true; value: T } | { ok: false; error: ErrorInfo<M> };

/** Subscribes to one main → window event; returns the unsubscribe. */
export type Subscribe = <E extends EventName>(event: E, handler: EventHandler<E>) => () => void;

/** window.synvault: one typed function per channel, and `on` for the contract's events. */
export type SynvaultApi = { [M in Method]: (input: Input<M>) => Promise<Result<Output<M>, M>> } & { on: Subscribe };
/** What the main side implements. */
export type Handlers = { [M in Method]: (input: ParsedInput<M>) => Promise<Output<M>> };

export { METHODS, channelName, EVENTS, eventChannel } from './methods';
export type { ChangedBy, ContractEvent, EventHandler, EventName, EventPayloads } from './contract/events';
export const isMethod = (name: string): name is Method => Object.prototype.hasOwnProperty.call(contract, name);
