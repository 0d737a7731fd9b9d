// @process: shared
// The shape every service module fills in, and the few facts that hold for all of them (the
// label limit, the largest secret worth reading). A service module is pure data and pure
// functions, so the window and the core read the same facts; its HTTP client and use cases live
// in electron/core/services/<service>/ (docs/architecture.md, "Adding a service"). It loads no
// zod: its add fields are plain descriptions (fields.ts), turned into the contract's schemas by
// add-inputs.ts, so the window can import facts without zod (docs/architecture.md, "Start-up").
import { text, type FieldValues, type Fields } from './fields';

/** A token's label, as the list shows it: also the cap for labels a use case makes up. */
export const LABEL_MAX = 100;
export const LABEL = text({ presence: 'required', what: 'A label', max: LABEL_MAX, empty: 'Give the token a label.' });
/** A label a person may leave out, where a use case makes one up otherwise (Synapse's create, Scan's add). */
export const OPTIONAL_LABEL = text({ presence: 'optional', what: 'A label', max: LABEL_MAX });
/** Long enough for any token, short enough to keep an absurd paste out. */
export const SECRET_MAX = 20_000;
/** What a paste longer than that gets (the harness answers a body too large to read with it too). */
export const SECRET_TOO_LONG = 'That is far too long to be a token.';

/** What a secret tells about itself, decoded locally with no network call. */
export interface Decoded<K extends string = string> {
  kind: K;
  scopes?: string[];
  /** Synapse: the token's record id (`jti`). */
  recordId?: string;
  /** Synapse: the owner's user id (`sub`). */
  userId?: string;
  /** Synapse: when the token was issued (`iat`), ISO. */
  issuedAt?: string;
  /** Synapse: the `exp` claim, ISO, when the token has one (a PAT has none). */
  expiresAt?: string;
}

/** One base address of a service: its production default, the Settings field that overrides it,
 * and the SYNVAULT_* variable that overrides the default (tests point it at a fake server). */
export interface EndpointFact<K extends string = string, S extends string = string> {
  key: K;
  setting: S;
  variable: string;
  production: string;
  /** The Settings field's label. */
  label: string;
  /** What the address is, in the words a refusal uses. */
  name: string;
}

/** The one free-text field of the add form that says whose token it is (stored as `account`). */
export interface AccountField<N extends string = string> {
  name: N;
  label: string;
  hint: string;
  required: boolean;
}

/** A command-line option of `synvault add`, read into a field of the add payload. */
export interface AddOption {
  flag: string;
  field: string;
  /** Repeatable: the values become a list (`toValue` shapes it). */
  many?: boolean;
  /** Said (exit 2) when the option is missing. */
  required?: string;
  toValue?: (values: string[]) => unknown;
  /** How `synvault add --help` shows it. */
  help: string;
}

/** Record fields a pasted token of this service keeps besides label and secret. */
export interface AddedMeta {
  account?: string;
  portalUrl?: string;
  issuedBy?: string;
  subjectUsers?: Array<{ id: string; note: string }>;
}

export interface ServiceFacts<Id extends string, Kind extends string, AddFields extends Fields, E extends readonly EndpointFact[] = readonly EndpointFact[]> {
  id: Id;
  name: string;
  /** Token kinds and their names as a person reads them. */
  kinds: Record<Kind, string>;
  /** What the secret is called in the add form, and where to find it. */
  secretLabel: string;
  secretHint: string;
  endpoints: E;
  /** The variable `synvault exec` hands the token over in, as the service's own clients read it. */
  execEnv: string;
  /** What a pasted value becomes before it is checked and stored (after trimming). */
  normalise(value: string): string;
  /** The format check: what the secret is, or an invalid-input error naming what is wrong. */
  check(value: string): Decoded<Kind>;
  /** One sentence the add form says about a recognised value of a kind (e.g. how a Syncano key's
   * kind was told, or that a Synapse PAT has no expiry date). */
  kindNotes?: Partial<Record<Kind, string>>;
  /** What a value of this service looks like, loosely: a refusal of a value that no service's
   * check accepts still names the service it resembles (electron/shared/paste.ts). */
  shape: RegExp;
  /** The fields of the add payload beyond service, label and secret, described as plain data
   * (fields.ts); the contract's schema of the payload is built from them (add-inputs.ts). */
  addFields: AddFields;
  /** The field that says whose token it is, per kind: what it names can differ by kind (a Syncano
   * account key belongs to an e-mail, an instance API key to an instance). */
  accountFields: Record<Kind, AccountField<Extract<keyof AddFields, string>>>;
  /** What is stored besides label and secret, for a secret of this kind; refuses (invalid-input,
   * naming the field) a field that does not fit the kind. */
  addMeta(input: FieldValues<AddFields>, kind: Kind): AddedMeta;
  addOptions: readonly AddOption[];
}

/** Checks a service module against ServiceFacts while keeping its literal types. */
export function defineService<const Id extends string, const Kind extends string, const AddFields extends Fields, const E extends readonly EndpointFact[]>(
  facts: ServiceFacts<Id, Kind, AddFields, E>,
): ServiceFacts<Id, Kind, AddFields, E> {
  return facts;
}
