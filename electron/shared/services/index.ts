// @process: shared
// The registry: one line per service. Everything generic — the service and kind lists, the add
// payload, the format checks, the endpoint settings and SYNVAULT_* variables, the variable exec
// hands a token over in, the window's service lists — is derived from it, so a new service is a
// module beside these and one line here (docs/architecture.md, "Adding a service").
import type { AccountField, AddedMeta, Decoded as DecodedAs } from './define';
import type { FieldValues } from './fields';
import { synapse } from './synapse';
import { synap } from './synap';
import { syncano } from './syncano';

export const REGISTRY = [
  synapse,
  synap,
  syncano,
] as const;

type Module = (typeof REGISTRY)[number];
/** What a secret tells about itself; its kind is one of the registry's. */
export type Decoded<K extends string = TokenKind> = DecodedAs<K>;
export type Service = Module['id'];
type KindsOf<M> = M extends { kinds: infer K } ? Extract<keyof K, string> : never;
export type TokenKind = KindsOf<Module>;
/** A tuple of the registry's modules mapped to one of their properties, order kept. */
type Each<T, P extends string> = { -readonly [I in keyof T]: T[I] extends Record<P, infer X> ? X : never };
export type ServiceModule = Module;

export const SERVICES = REGISTRY.map((s) => s.id) as unknown as Readonly<Each<typeof REGISTRY, 'id'>>;
export const SERVICE_FACTS = Object.fromEntries(REGISTRY.map((s) => [s.id, s])) as { [M in Module as M['id']]: M };

/** A service's facts by id, as the common shape (for code that handles every service alike). */
export const serviceFacts = (service: Service) => SERVICE_FACTS[service] as unknown as {
  [K in keyof Module]: K extends 'check'
    ? (value: string) => Decoded<TokenKind>
    : K extends 'addMeta'
      ? (input: Record<string, unknown>, kind: TokenKind) => AddedMeta
      : K extends 'accountFields'
        ? Partial<Record<TokenKind, AccountField>>
        : K extends 'kindNotes'
          ? Partial<Record<TokenKind, string>>
          : Module[K];
};

export const SERVICE_NAMES = Object.fromEntries(REGISTRY.map((s) => [s.id, s.name])) as Record<Service, string>;
export const KIND_NAMES = Object.fromEntries(REGISTRY.flatMap((s) => Object.entries(s.kinds))) as Record<TokenKind, string>;
export const KIND_SERVICE = Object.fromEntries(REGISTRY.flatMap((s) => Object.keys(s.kinds).map((k) => [k, s.id]))) as Record<TokenKind, Service>;
export const TOKEN_KINDS = Object.keys(KIND_NAMES) as unknown as readonly [TokenKind, ...TokenKind[]];
/** The variable each service's token is handed to a child process in by `synvault exec`. */
export const EXEC_ENV = Object.fromEntries(REGISTRY.map((s) => [s.id, s.execEnv])) as Record<Service, string>;

/** Every base address of every service. */
export type Endpoint = Module['endpoints'][number];
export type EndpointKey = Endpoint['key'];
export type EndpointSetting = Endpoint['setting'];
export const ENDPOINTS: readonly Endpoint[] = REGISTRY.flatMap((s): readonly Endpoint[] => s.endpoints);
export const ENDPOINT_BY_KEY = Object.fromEntries(ENDPOINTS.map((e) => [e.key, e])) as { [E in Endpoint as E['key']]: E };

/** The add payload as parsed: one object per service, told apart by `service` (its schema, built
 * from each module's addFields, is in add-inputs.ts, so that this registry loads no zod). */
export type AddInput = { [M in Module as M['id']]: Flat<{ service: M['id']; label: string } & FieldValues<M['addFields']> & { secret: string }> }[Service];
type Flat<T> = { [K in keyof T]: T[K] };

/** What adding a pasted token needs, whatever its service: the use case's own input, which the
 * handler maps the add payload onto (so the core does not depend on the contract's schema). What
 * the service's own fields become depends on the secret's kind, so they are mapped only once the
 * secret is checked (prepareAdd, electron/shared/paste.ts). */
export interface AddTokenRequest {
  service: Service;
  label: string;
  secret: string;
  /** The service's own add fields (its module's addFields), as the contract parsed them. */
  details: Record<string, unknown>;
}

export function addTokenRequest(input: AddInput): AddTokenRequest {
  const { service, label, secret, ...details } = input;
  return { service, label, secret, details };
}

/** The format check of a service: what the secret is, or an invalid-input error. */
export const checkSecret = (service: Service, value: string): Decoded<TokenKind> => serviceFacts(service).check(value);

/** Whitespace around a pasted value is trimmed; whitespace inside it is an error of the format. */
export function normaliseSecret(service: Service, raw: string): { secret: string; decoded: Decoded<TokenKind> } {
  const secret = serviceFacts(service).normalise(raw.trim());
  return { secret, decoded: checkSecret(service, secret) };
}

/** First 4 and last 4 characters at most; shorter secrets show less so the preview never
 * reveals more than half of the value. */
export function maskedPreview(secret: string): string {
  const n = secret.length >= 16 ? 4 : Math.floor(secret.length / 4);
  if (n === 0) return '••••';
  return `${secret.slice(0, n)}…${secret.slice(-n)}`;
}

