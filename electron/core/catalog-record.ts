// @process: core
// The shape of a catalog record, once: a table of fields from which both the check every read of
// catalog.json runs and its TypeScript type are derived, and that type is compared with
// TokenSummary at compile time. It replaces a zod schema: loading zod and walking 10,000 records
// through it cost more than reading the file (docs/architecture.md, "Start-up").
// Like the zod schema it replaces, it checks the fields it knows and keeps every other one as it
// is (a newer version's field survives an older version's write); nested objects are kept whole.
import { SERVICES, TOKEN_KINDS } from '../shared/services';
import type { RotationMark, ServerState, TokenSummary, UsedIn } from '../shared/model';
import type { Equal } from '../shared/type-equal';

/** A test of one value; `T` is the type it proves (only the compiler reads it). */
export interface Check<T> {
  (value: unknown): boolean;
  readonly __type?: T;
}
interface Field<T, Optional extends boolean> {
  check: Check<T>;
  optional: Optional;
  /** A copy of what a server said: one this version cannot read is dropped from the record, never
   * a reason to call the catalog damaged (the next sync or verify says it again). */
  droppable?: true;
}
type Shape = Record<string, Field<unknown, boolean>>;
type Flat<T> = { [K in keyof T]: T[K] };
/** The type a shape proves: its required fields, then its optional ones. */
export type TypeOf<S extends Shape> = Flat<
  { [K in keyof S as S[K]['optional'] extends false ? K : never]: S[K] extends Field<infer T, boolean> ? T : never } & {
    [K in keyof S as S[K]['optional'] extends true ? K : never]?: S[K] extends Field<infer T, boolean> ? T : never;
  }
>;

const text: Check<string> = (v) => typeof v === 'string';
const oneOf = <const T extends readonly string[]>(values: T): Check<T[number]> => {
  const allowed = new Set<unknown>(values);
  return (v) => allowed.has(v);
};
const listOf = <T>(item: Check<T>): Check<T[]> => (v) => Array.isArray(v) && v.every((x) => item(x));
const required = <T>(check: Check<T>): Field<T, false> => ({ check, optional: false });
/** Absent (or undefined) is fine; null is not, as with zod's optional(). */
const optional = <T>(check: Check<T>): Field<T, true> => ({ check, optional: true });
const droppable = <T>(check: Check<T>): Field<T, true> => ({ check, optional: true, droppable: true });

/** An object (not null, not an array), as zod's object() tells one. */
export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function objectOf<S extends Shape>(shape: S): Check<TypeOf<S>> {
  const fields = new Map<string, Field<unknown, boolean>>(Object.entries(shape));
  const required = [...fields.values()].filter((f) => !f.optional).length;
  // Walks the object's own keys, not the shape's: a record holds few of its optional fields, and
  // V8 reads a key in a for-in over a parsed object straight from its layout (10,000 records in a
  // few milliseconds, where looking up each field of the shape by name took several times that).
  return (v) => {
    if (!isObject(v)) return false;
    let seen = 0;
    for (const key in v) {
      const field = fields.get(key);
      if (field === undefined) continue; // a field this version does not know: kept as it is
      const value = v[key];
      if (value === undefined) {
        if (field.optional) continue;
        return false;
      }
      if (!field.check(value)) {
        if (field.droppable) {
          delete v[key];
          continue;
        }
        return false;
      }
      if (!field.optional) seen++;
    }
    return seen === required;
  };
}

const synapseState = objectOf({
  service: required(oneOf(['synapse'])),
  at: required(text),
  state: required(oneOf(['ACTIVE', 'EXPIRED', 'gone'])),
  name: optional(text),
  createdOn: optional(text),
  lastUsed: optional(text),
});
const syncanoState = objectOf({ service: required(oneOf(['syncano'])), at: required(text) });
/** TokenSummary.server, told apart by `service`. */
const serverState: Check<ServerState> = (v) => isObject(v) && (v.service === 'synapse' ? synapseState(v) : v.service === 'syncano' ? syncanoState(v) : false);

const usedIn: Check<UsedIn[]> = listOf(
  objectOf({ kind: required(oneOf(['synapseConfig'])), path: required(text), section: required(text), at: required(text) }),
);
const rotationMark: Check<RotationMark> = objectOf({
  stage: required(oneOf(['creating', 'rotated-out'])),
  at: required(text),
  successorId: optional(text),
  successorName: optional(text),
});

/** Every field a record keeps on disk. A field added to TokenSummary must be added here too (and
 * the other way round): `DIFFERING` below does not compile until both agree. One more optional
 * object is one line, e.g. `server: optional(objectOf({ state: required(text), at: required(text) }))`. */
const RECORD = {
  id: required(text),
  service: required(oneOf(SERVICES)),
  kind: required(oneOf(TOKEN_KINDS)),
  label: required(text),
  account: optional(text),
  scopes: optional(listOf(text)),
  flags: optional(listOf(text)),
  recordId: optional(text),
  userId: optional(text),
  issuedBy: optional(text),
  portalUrl: optional(text),
  subjectUsers: optional(listOf(objectOf({ id: required(text), note: required(text) }))),
  preview: required(text),
  addedAt: required(text),
  verifiedAt: optional(text),
  verification: optional(objectOf({ state: required(oneOf(['valid', 'invalid', 'forbidden'])), detail: required(text), at: required(text) })),
  /** What the service last said (TokenSummary.server). */
  server: droppable(serverState),
  /** Where the vault wrote the token (never the value): a note about files, dropped like
   * `server` when this version cannot read it. */
  usedIn: droppable(usedIn),
  /** A rotation's journal on the old token (docs/rotate.md). */
  rotation: droppable(rotationMark),
  /** The keychain account name under which the secret is stored, when it is not the one the
   * record's fields make (catalog.ts, keychainAccountOf). */
  keychainAccount: optional(text),
};

/** What the catalog stores of a token: its summary (less `secretMissing`, which is learnt from the
 * keychain, never stored) and where its secret is. `fingerprint` is kept unchecked, as before. */
type Stored = Flat<Omit<TokenSummary, 'secretMissing'> & { keychainAccount?: string }>;
/** The fields that one side lacks or types (or makes optional) differently. */
type Differing<A, B> = { [K in keyof A | keyof B]: Equal<Pick<A, K & keyof A>, Pick<B, K & keyof B>> extends true ? never : K }[keyof A | keyof B];
/** Does not compile while RECORD and TokenSummary differ: the error names the field, e.g.
 * `Type '"none"' is not assignable to type '"server"'`. */
const DIFFERING: [Differing<TypeOf<typeof RECORD>, Stored>] extends [never] ? 'none' : Differing<TypeOf<typeof RECORD>, Stored> = 'none';
void DIFFERING;

export const isCatalogRecord: Check<Stored> = objectOf(RECORD);

/** The file as a whole: `{ version, tokens }` with a version this one reads, every token a record. */
export function isCatalogFile(v: unknown, versions: readonly number[]): v is { version: number; tokens: Stored[] } {
  if (!isObject(v) || !versions.includes(v.version as number)) return false;
  const tokens = v.tokens;
  if (!Array.isArray(tokens)) return false;
  for (let i = 0; i < tokens.length; i++) if (!isCatalogRecord(tokens[i])) return false;
  return true;
}
