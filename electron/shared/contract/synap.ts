// @process: shared
// Synap's own channels: Subject-User edits, verification, "Copy as curl", the guided revocation
// in the Portal (Synap has no revoke call) and each token's age against the rotation setting.
import { z } from 'zod';
import { channel } from './define';
import { tokenId } from './vault';
import type { CopyReceipt, TokenSummary } from '../model';

/** A Subject-User ID goes into a request header, so it may hold no whitespace or control
 * characters; Synap does not publish its format, so nothing stricter is assumed. */
export const synapSubjectUser = z
  .object({
    id: z
      .string()
      .trim()
      .min(1, 'A Subject-User needs an ID.')
      .max(200, 'A Subject-User ID has at most 200 characters.')
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\s\x00-\x1f\x7f]+$/, 'A Subject-User ID has no spaces or line breaks.'),
    note: z.string().trim().max(200, 'A note has at most 200 characters.').default(''),
  })
  .strict();

const subjectUsers = z
  .array(synapSubjectUser)
  .max(50, 'At most 50 Subject-Users per token.')
  .refine((list) => new Set(list.map((s) => s.id)).size === list.length, 'Each Subject-User ID may appear only once.');

/** Empty clears the address; anything else must be https (we open it in the browser). */
export const portalUrlInput = z
  .string()
  .trim()
  .max(300, 'A Portal address has at most 300 characters.')
  .refine((v) => v === '' || isHttpsUrl(v), 'Use the https:// address at which you open your Synap Portal.');

export function isHttpsUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'https:' && !u.username && !u.password && u.hostname !== '';
  } catch {
    return false;
  }
}

const byId = z.object({ id: tokenId }).strict();
/** "revoke": the person wants to retire the token; "leak": they suspect it was exposed. */
const revokeReason = z.enum(['revoke', 'leak']);

export interface SynapVerifyResult {
  state: 'valid' | 'invalid' | 'forbidden';
  /** HTTP status Synap answered with. */
  status: number;
  /** From the JSON:API error document, when there was one. */
  title?: string;
  detail?: string;
  /** The Portal document a good token is answered with (name only when Synap sends one). */
  portal?: { id: string; name?: string };
  /** The address that was checked (no secret in it). */
  url: string;
  token: TokenSummary;
}

export interface SynapCurlReceipt extends CopyReceipt {
  /** The header name used for the Subject-User, or null when none was included. */
  subjectUserHeader: string | null;
  url: string;
}

export interface SynapPortalOpened {
  url: string;
  /** False when this build has no way to open a browser: the person opens `url` themself. */
  opened: boolean;
}

export interface SynapTokenInfo {
  id: string;
  ageDays: number;
  rotationDays: number;
  rotationDue: boolean;
  /** The Subject-User header name from Settings, or null when unset. */
  subjectUserHeader: string | null;
  verifyUrl: string;
}

export const synapChannels = {
  synapTokenInfo: channel<SynapTokenInfo>()(byId),
  synapEditToken: channel<TokenSummary>()(
    z
      .object({
        id: tokenId,
        portalUrl: portalUrlInput.optional(),
        issuedBy: z.string().trim().max(200, 'An administrator name has at most 200 characters.').optional(),
        subjectUsers: subjectUsers.optional(),
      })
      .strict(),
  ),
  synapVerify: channel<SynapVerifyResult>()(byId),
  synapCopyCurl: channel<SynapCurlReceipt>()(
    z.object({ id: tokenId, subjectUserId: z.string().trim().min(1).max(200).optional() }).strict(),
  ),
  /** A Subject-User ID is no secret, but it goes through the same clipboard path as any copy. */
  synapCopySubjectUser: channel<CopyReceipt>()(z.object({ id: tokenId, subjectUserId: z.string().trim().min(1).max(200) }).strict()),
  synapOpenPortal: channel<SynapPortalOpened>()(z.object({ id: tokenId, reason: revokeReason }).strict()),
  synapConfirmRevoked: channel<{ id: string }>()(
    z
      .object({
        id: tokenId,
        reason: revokeReason,
        confirmed: z.literal(true, { message: 'Confirm that you revoked the token in the Portal.' }),
      })
      .strict(),
  ),
};
