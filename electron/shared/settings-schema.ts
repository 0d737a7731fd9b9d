// @process: shared
// The zod schema of the settings, built from their rules in settings.ts: only the code that
// parses imports it (the core's settings store, the contract's updateSettings), so the window,
// which reads the ranges, loads no zod (docs/architecture.md, "Start-up").
import { z } from 'zod';
import type { Equal } from './type-equal';
import { addressProblem, SETTING_RULES, type SettingRule, type Settings } from './settings';

type Rules = typeof SETTING_RULES;
type SettingSchema<R extends SettingRule> = R extends { type: 'whole' }
  ? R extends { nullable: true }
    ? z.ZodNullable<z.ZodNumber>
    : z.ZodNumber
  : R extends { nullable: true }
    ? z.ZodNullable<z.ZodString>
    : z.ZodString;

function settingSchema(rule: SettingRule): z.ZodType {
  switch (rule.type) {
    case 'whole': {
      const n = z.number().int(rule.notWhole).min(rule.min, rule.tooSmall).max(rule.max, rule.tooLarge);
      return rule.nullable ? n.nullable() : n;
    }
    case 'text':
      return z.string().trim().max(rule.max).regex(rule.pattern, rule.message);
    case 'address':
      return z
        .string()
        .trim()
        .url(rule.notAnAddress)
        .refine((u) => addressProblem(u) === null, { message: rule.notSafe })
        .nullable();
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
