// @process: shared
// Person-chosen settings, with their ranges. Endpoint settings are null to mean "the default"
// (production, or the SYNVAULT_* variable that tests set) so a default can change later.
import { z } from 'zod';

const httpsOrLoopback = z
  .string()
  .trim()
  .url('Enter a full address, e.g. https://api.example.org')
  .refine((u) => /^https:\/\//.test(u) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u), {
    message: 'Use an https:// address (plain http is allowed only for 127.0.0.1 test servers).',
  });

export const SYNAPSE_CONFIG_BACKUPS = { min: 0, max: 10, default: 3 } as const;

export const settingsSchema = z.object({
  /** Seconds before a copied token is cleared from the clipboard; null = never. */
  clipboardClearSeconds: z.number().int().min(10, 'At least 10 seconds.').max(300, 'At most 300 seconds.').nullable(),
  revealSeconds: z.number().int().min(5).max(120),
  synapseAuthEndpoint: httpsOrLoopback.nullable(),
  synapseRepoEndpoint: httpsOrLoopback.nullable(),
  syncanoEndpoint: httpsOrLoopback.nullable(),
  synapEndpoint: httpsOrLoopback.nullable(),
  /** Synap publishes no "who am I" path; this is the path verified against (relative to the base). */
  synapVerifyPath: z.string().trim().max(200).regex(/^(\/[A-Za-z0-9._~\-/]*)?$/, 'A path such as /portal, or empty for the base itself.'),
  /** Synap does not publish the Subject-User header's name; empty means "not set". */
  synapSubjectUserHeader: z
    .string()
    .trim()
    .max(100)
    .regex(/^([A-Za-z0-9-]+)?$/, 'A header name holds only letters, digits and dashes.'),
  synapRotationDays: z.number().int().min(1).max(3650),
  /** How many backups of .synapseConfig an export keeps. Each is a plaintext copy of the file,
   * token included, so they are bounded; 0 keeps none. */
  synapseConfigBackups: z
    .number()
    .int('Enter a whole number.')
    .min(SYNAPSE_CONFIG_BACKUPS.min, 'At least 0 (0 keeps no backup).')
    .max(SYNAPSE_CONFIG_BACKUPS.max, 'At most 10.'),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  clipboardClearSeconds: 30,
  revealSeconds: 20,
  synapseAuthEndpoint: null,
  synapseRepoEndpoint: null,
  syncanoEndpoint: null,
  synapEndpoint: null,
  synapVerifyPath: '',
  synapSubjectUserHeader: '',
  synapRotationDays: 90,
  synapseConfigBackups: SYNAPSE_CONFIG_BACKUPS.default,
};

export const settingsPatchSchema = settingsSchema.partial().strict();
