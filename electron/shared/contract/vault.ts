// @process: shared
import { z } from 'zod';
import { channel } from './define';
import type { ActivityEntry, CopyReceipt, RevealedSecret, TokenSummary, VaultStatus } from '../model';
import { settingsPatchSchema, type Settings } from '../settings';

const label = z.string().trim().min(1, 'Give the token a label.').max(100, 'A label has at most 100 characters.');
const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `${what} has at most ${max} characters.`)
    .optional()
    .transform((v) => (v === '' ? undefined : v));
const secret = z.string().max(20_000, 'That is far too long to be a token.');
export const tokenId = z.string().regex(/^[a-z0-9-]{8,64}$/, 'Unknown token id.');
export const subjectUser = z.object({
  id: z.string().trim().min(1, 'A Subject-User needs an ID.').max(200),
  note: z.string().trim().max(200).default(''),
});

export const addTokenInput = z.discriminatedUnion('service', [
  z.object({ service: z.literal('synapse'), label, username: optionalText(200, 'A username'), secret }).strict(),
  z
    .object({
      service: z.literal('synap'),
      label,
      portal: z.string().trim().min(1, 'Name the organisation/Portal this token belongs to.').max(200),
      portalUrl: optionalText(300, 'A Portal address'),
      issuedBy: optionalText(200, 'An administrator name'),
      subjectUsers: z.array(subjectUser).max(50).default([]),
      secret,
    })
    .strict(),
  z.object({ service: z.literal('syncano'), label, instance: optionalText(200, 'An instance name'), secret }).strict(),
]);
export type AddTokenInput = z.input<typeof addTokenInput>;

const none = z.object({}).strict();
const byId = z.object({ id: tokenId }).strict();

export const vaultChannels = {
  getStatus: channel<VaultStatus>()(none),
  listTokens: channel<TokenSummary[]>()(none),
  addToken: channel<TokenSummary>()(addTokenInput),
  copyToken: channel<CopyReceipt>()(byId),
  revealToken: channel<RevealedSecret>()(byId),
  removeToken: channel<{ id: string }>()(byId),
  listActivity: channel<ActivityEntry[]>()(z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict()),
  getSettings: channel<Settings>()(none),
  updateSettings: channel<Settings>()(settingsPatchSchema),
};
