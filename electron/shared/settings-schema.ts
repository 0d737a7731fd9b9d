// @process: shared
// The zod schema of the settings, built from their rules in settings.ts: only the code that
// parses imports it (the core's settings store, the contract's updateSettings), so the window,
// which reads the ranges, loads no zod (docs/architecture.md, "Start-up").
import { z } from 'zod';
import type { Equal } from './type-equal';
import { SETTING_RULES, settingProblem, type SettingRule, type Settings } from './settings';

type Rules = typeof SETTING_RULES;
type SettingSchema<R extends SettingRule> = R extends { type: 'whole' }
  ? R extends { nullable: true }
    ? z.ZodNullable<z.ZodNumber>
    : z.ZodNumber
  : R extends { nullable: true }
    ? z.ZodNullable<z.ZodString>
    : z.ZodString;

// The type comes from zod; every rule is settingProblem's, so the window, which runs the same
// function before sending, says the same words.
function settingSchema(rule: SettingRule): z.ZodType {
  const checked = <T extends z.ZodType>(base: T) => base.refine((v) => settingProblem(rule, v) === null, { error: (issue) => settingProblem(rule, issue.input) ?? undefined });
  switch (rule.type) {
    case 'whole': {
      const n = checked(z.number());
      return rule.nullable ? n.nullable() : n;
    }
    case 'text':
      return checked(z.string().trim());
    case 'address':
      return checked(z.string().trim()).nullable();
  }
}

export const settingsSchema = z.object(
  Object.fromEntries(Object.entries(SETTING_RULES).map(([name, rule]) => [name, settingSchema(rule)])) as { -readonly [K in keyof Rules]: SettingSchema<Rules[K]> },
);
export const settingsPatchSchema = settingsSchema.partial().strict();

// What the schema parses to is the Settings type the rules give: a rule built otherwise fails to
// compile here.
const parsesAsDescribed: Equal<z.output<typeof settingsSchema>, Settings> = true;
void parsesAsDescribed;
