// @process: shared
// The zod schemas of what a person types about a token — the add payload, a Synap token's edit,
// Synapse's token name — built from the plain descriptions the service modules hold (fields.ts).
// Only the code that parses imports this (the contract, and the core's Scan): the facts stay
// zod-free, so the window loads no zod (docs/architecture.md, "Start-up"). Each description
// becomes the same chain of checks, in the same order, whoever parses it.
import { z } from 'zod';
import type { Equal } from '../type-equal';
import { LABEL, OPTIONAL_LABEL, SECRET_MAX, SECRET_TOO_LONG } from './define';
import type { Field, Fields, ListField, TextField } from './fields';
import { REGISTRY, type AddInput, type ServiceModule } from './index';
import { secretIn, secretInFieldWords } from '../recognise';

type AbsentIfEmpty = z.ZodPipe<z.ZodOptional<z.ZodString>, z.ZodTransform<string | undefined, string | undefined>>;
type TextSchema<F extends TextField> = F['presence'] extends 'required'
  ? z.ZodString
  : F['presence'] extends 'optional'
    ? z.ZodOptional<z.ZodString>
    : F['presence'] extends 'absent-if-empty'
      ? AbsentIfEmpty
      : z.ZodDefault<z.ZodString>;
type ListSchema<F extends ListField> = z.ZodArray<z.ZodObject<FieldSchemas<F['item']>, z.core.$strict>>;

/** The zod schema a field description becomes. */
export type FieldSchema<F extends Field> = F extends ListField
  ? F['presence'] extends 'optional'
    ? z.ZodOptional<ListSchema<F>>
    : ListSchema<F>
  : F extends TextField
    ? TextSchema<F>
    : never;
export type FieldSchemas<Fs extends Fields> = { -readonly [K in keyof Fs]: FieldSchema<Fs[K]> };

function textSchema(f: TextField): z.ZodType {
  let s = z.string().trim();
  if (f.presence === 'required') s = s.min(1, f.empty);
  // No free text may hold a secret: it is stored and shown in plain text (recognise.ts, secretIn).
  // Before the length: a Synapse token (hundreds of characters) is told what it is, not its length.
  s = s.refine((v) => secretIn(v) === null, { error: (issue) => secretInFieldWords(f.what, secretIn(issue.input as string)!) });
  s = s.max(f.max, `${f.what} has at most ${f.max} characters.`);
  if (f.pattern) s = s.regex(f.pattern.regex, f.pattern.message);
  // A further rule is only for a value, never for an empty or absent one; its words may depend on
  // the value (an e-mail given as an instance name is told so).
  const problem = f.problem;
  const refused = { error: (issue: { input?: unknown }) => problem?.(issue.input as string) };
  if (f.presence === 'absent-if-empty') {
    const absent = s.optional().transform((v) => (v === '' ? undefined : v));
    return problem ? absent.refine((v) => v === undefined || problem(v) === undefined, refused) : absent;
  }
  const checked = problem ? s.refine((v) => v === '' || problem(v) === undefined, refused) : s;
  return f.presence === 'optional' ? checked.optional() : f.presence === 'empty-by-default' ? checked.default('') : checked;
}

function listSchema(f: ListField): z.ZodType {
  const unique = f.unique;
  const items = z.array(z.object(fieldSchemas(f.item)).strict()).max(f.max, f.tooMany);
  const checked = unique ? items.refine((list) => new Set(list.map((item) => item[unique.key])).size === list.length, unique.message) : items;
  return f.presence === 'optional' ? checked.optional() : checked;
}

export function fieldSchema<F extends Field>(f: F): FieldSchema<F> {
  return (f.kind === 'list' ? listSchema(f) : textSchema(f)) as FieldSchema<F>;
}

export function fieldSchemas<Fs extends Fields>(fields: Fs): FieldSchemas<Fs> {
  return Object.fromEntries(Object.entries(fields).map(([name, f]) => [name, fieldSchema(f)])) as FieldSchemas<Fs>;
}

/** A token's label, wherever one is given (add, rename). */
export const labelInput = fieldSchema(LABEL);
/** A label that may be left out (the use case then makes one up), by the same rules. */
export const optionalLabelInput = fieldSchema(OPTIONAL_LABEL);
/** A secret as pasted: not trimmed here (each service's normalise and check see it whole). */
export const secretInput = z.string().max(SECRET_MAX, SECRET_TOO_LONG);

type AddInputSchema<M extends ServiceModule> = z.ZodObject<
  { service: z.ZodLiteral<M['id']>; label: typeof labelInput } & FieldSchemas<M['addFields']> & { secret: typeof secretInput },
  z.core.$strict
>;

function addInputSchema<M extends ServiceModule>(m: M): AddInputSchema<M> {
  return z.object({ service: z.literal(m.id), label: labelInput, ...fieldSchemas(m.addFields), secret: secretInput }).strict() as never;
}

/** The add payload: one strict object per service, told apart by `service`. */
export const ADD_INPUTS = REGISTRY.map(addInputSchema) as unknown as AddInputSchemas<typeof REGISTRY>;
type AddInputSchemas<T> = { -readonly [I in keyof T]: T[I] extends ServiceModule ? AddInputSchema<T[I]> : never };
/** The add payload of one service, for a caller that knows which (Scan's add). */
export const ADD_INPUT = Object.fromEntries(REGISTRY.map((m, i) => [m.id, ADD_INPUTS[i]])) as unknown as { [M in ServiceModule as M['id']]: AddInputSchema<M> };

// What these schemas parse to is what the facts say a parsed field holds (FieldValues, AddInput):
// a schema built otherwise than its description says fails to compile here.
const parsesAsDescribed: Equal<z.output<(typeof ADD_INPUTS)[number]>, AddInput> = true;
void parsesAsDescribed;
