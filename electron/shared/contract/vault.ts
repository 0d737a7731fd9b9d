// @process: shared
import { z } from 'zod';
import { channel } from './define';
import type { ActivityEntry, CopyReceipt, RevealedSecret, TokenSummary, VaultStatus } from '../model';
import type { Settings } from '../settings';
import { settingsPatchSchema } from '../settings-schema';
import { ADD_INPUTS, labelInput } from '../services/add-inputs';
import { TOKEN_ID } from '../token-id';

export const tokenId = z.string().regex(TOKEN_ID, 'Unknown token id.');

/** One strict object per registered service (its module declares its add fields), told apart
 * by `service`. */
export const addTokenInput = z.discriminatedUnion('service', ADD_INPUTS);
export type AddTokenInput = z.input<typeof addTokenInput>;

const none = z.object({}).strict();
const byId = z.object({ id: tokenId }).strict();

export const vaultChannels = {
  getStatus: channel<VaultStatus>()(none),
  listTokens: channel<TokenSummary[]>()(none),
  addToken: channel<TokenSummary>()(addTokenInput),
  /** A new label, by the add path's rules for one (LABEL, services/define.ts). */
  renameToken: channel<TokenSummary>()(z.object({ id: tokenId, label: labelInput }).strict()),
  copyToken: channel<CopyReceipt>()(byId),
  revealToken: channel<RevealedSecret>()(byId),
  removeToken: channel<{ id: string }>()(byId),
  listActivity: channel<ActivityEntry[]>()(z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict()),
  getSettings: channel<Settings>()(none),
  updateSettings: channel<Settings>()(settingsPatchSchema),
};
