// @process: shared
// Every failure that crosses the contract is a VaultError with a code a UI can branch on and
// a message a person can act on. Messages never contain secrets: callers pass labels and ids,
// never values. Field errors are typed per method (FieldKey, from the contract): a key no form
// field has fails to compile.
import type { FieldKey, Method } from './contract';

export const ERROR_CODES = [
  'invalid-input',
  'not-found',
  'conflict',
  'keychain-unavailable',
  /** The keychain is there but locked: the secrets are safe, it must be unlocked first. */
  'keychain-locked',
  /** Another process holds the vault's write lock for too long. */
  'busy',
  'network',
  'service',
  'unauthorized',
  'forbidden',
  'io',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Per-field messages for a form: the method's field key → the message shown beside that field.
 * Without a method, any field key of any method (still no misspelt one). */
export type FieldErrors<M extends Method = Method> = Partial<Record<FieldKey<M>, string>>;

export interface ErrorInfo<M extends Method = Method> {
  code: ErrorCode;
  /** What the person reads; never prefixed with a field key (the fields say where). */
  message: string;
  /** Per-field messages for forms (field key → message). */
  fields?: FieldErrors<M>;
  /** HTTP status from a service, when there was one. */
  status?: number;
  /** A value the person must see once because it could not be stored (e.g. a key that was reset
   * at the service but could not be written to the keychain). Only ever set on purpose. */
  rescueSecret?: string;
}

/** Its field keys are checked against every method's fields here (a key no form has fails to
 * compile); fieldError() below checks them against one method's. (Not generic itself: `err
 * instanceof VaultError` would then make its fields `any`-keyed.) */
export class VaultError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  readonly status?: number;
  readonly rescueSecret?: string;
  constructor(code: ErrorCode, message: string, extra: Omit<ErrorInfo, 'code' | 'message'> = {}) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
    if (extra.fields) this.fields = extra.fields;
    if (extra.status !== undefined) this.status = extra.status;
    if (extra.rescueSecret !== undefined) this.rescueSecret = extra.rescueSecret;
  }
  toInfo(): ErrorInfo {
    const info: ErrorInfo = { code: this.code, message: this.message };
    if (this.fields) info.fields = this.fields;
    if (this.status !== undefined) info.status = this.status;
    if (this.rescueSecret !== undefined) info.rescueSecret = this.rescueSecret;
    return info;
  }
}

export const invalid = (message: string, fields?: FieldErrors) =>
  new VaultError('invalid-input', message, fields ? { fields } : {});

/** A use case's error that names fields of its own method's form: `fieldError('synapseExport',
 * 'conflict', text, { replaceOtherUser: '…' })`; a key that method has no field for is a type error. */
export const fieldError = <M extends Method>(method: M, code: ErrorCode, message: string, fields: FieldErrors<M>, extra: Omit<ErrorInfo<M>, 'code' | 'message' | 'fields'> = {}) => {
  void method; // only its type is used
  return new VaultError(code, message, { ...extra, fields });
};

/** Turns anything thrown into ErrorInfo without leaking an unknown error's text (which could
 * quote a secret, e.g. a URL or a header) — unknown errors get a generic message. */
export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof VaultError) return err.toInfo();
  return { code: 'internal', message: 'Something went wrong inside Synvault. Nothing was changed.' };
}
