// @process: shared
// A form field's rules as plain data: its limit, the words its refusals use, and any further rule
// as a plain function. The service modules describe their add fields (and the fields an edit or
// the create form shares with them) this way, so that importing a service's facts loads no zod:
// the window imports them, and zod alone costs ~70 ms of its first paint (docs/architecture.md,
// "Start-up"). services/add-inputs.ts turns a description into the zod schema the contract and
// the core parse with; the types below say what a parsed field holds, and add-inputs.ts fails to
// compile when its schemas and these types disagree.

/** How a (trimmed) text field reads when it is left out or empty. */
export type Presence =
  /** It must be given and not be empty: `empty` is what an empty one is told. */
  | 'required'
  /** It may be left out; an empty one is kept as empty (an edit's "clear it"). */
  | 'optional'
  /** It may be left out, and an empty one counts as left out. */
  | 'absent-if-empty'
  /** It may be left out, and then reads as empty. */
  | 'empty-by-default';

interface TextRules {
  /** How the length refusal names the field: "A username" gives "A username has at most 200
   * characters." */
  what: string;
  /** The most characters, after trimming. */
  max: number;
  /** A format the whole value must match, and what a value that does not is told. */
  pattern?: { regex: RegExp; message: string };
  /** Any other rule of a value that is not empty: what the value is told, or undefined when it
   * holds. */
  problem?: (value: string) => string | undefined;
}

/** A text field: always trimmed. */
export type TextField =
  | (TextRules & { kind: 'text'; presence: 'required'; empty: string })
  | (TextRules & { kind: 'text'; presence: Exclude<Presence, 'required'>; empty?: never });

/** A list of small objects (a token's Subject-Users), each a strict object of text fields. */
export interface ListField<Item extends Record<string, TextField> = Record<string, TextField>> {
  kind: 'list';
  presence: 'required' | 'optional';
  item: Item;
  /** The most items, and what a longer list is told. */
  max: number;
  tooMany: string;
  /** The field no two items may share, and what a repeat is told. */
  unique?: { key: Extract<keyof Item, string>; message: string };
}

export type Field = TextField | ListField;
export type Fields = Record<string, Field>;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A text field's description (`kind` filled in), its literal types kept for FieldValue. */
export const text = <const F extends DistributiveOmit<TextField, 'kind'>>(field: F): F & { kind: 'text' } => ({ ...field, kind: 'text' });
/** A list field's description (`kind` filled in). */
export const list = <const Item extends Record<string, TextField>, const F extends Omit<ListField<Item>, 'kind' | 'item'>>(item: Item, field: F): F & { kind: 'list'; item: Item } => ({
  ...field,
  kind: 'list',
  item,
});

/** What a field holds once parsed. */
export type FieldValue<F extends Field> = F extends ListField<infer Item>
  ? Array<FieldValues<Item>> | (F['presence'] extends 'optional' ? undefined : never)
  : F extends TextField
    ? string | (F['presence'] extends 'optional' | 'absent-if-empty' ? undefined : never)
    : never;

/** Only an 'optional' field may be missing from the parsed object (an 'absent-if-empty' one is
 * there, as undefined). */
type MayBeMissing<Fs extends Fields> = { [K in keyof Fs]: Fs[K]['presence'] extends 'optional' ? K : never }[keyof Fs];
type Flat<T> = { [K in keyof T]: T[K] };

/** What an object of fields holds once parsed. */
export type FieldValues<Fs extends Fields> = Flat<
  { [K in Exclude<keyof Fs, MayBeMissing<Fs>>]: FieldValue<Fs[K]> } & { [K in MayBeMissing<Fs>]?: FieldValue<Fs[K]> }
>;
