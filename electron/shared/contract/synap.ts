// @process: shared
// Synap's own channels: Subject-User edits, verification, "Copy as curl", the guided revocation
// in the Portal (Synap has no revoke call) and each token's age against the rotation setting.
import { z } from 'zod';
import { channel } from './define';
import { tokenId } from './vault';
import type { CopyReceipt, TokenSummary } from '../model';
import { SUBJECT_USER_ID_MAX, SYNAP_DETAILS } from '../services/synap';
import { fieldSchemas } from '../services/add-inputs';

/** A saved Subject-User named by its ID (the use case looks it up among the saved ones). */
const subjectUserId = z.string().trim().min(1).max(SUBJECT_USER_ID_MAX);

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

/** "Copy as curl": `exec` reads the token from the environment through `synvault exec` (nothing
 * secret in the command); `literal` holds the token itself, so it stays in a shell's history. */
export const CURL_FORMS = ['exec', 'literal'] as const;
export type CurlForm = (typeof CURL_FORMS)[number];

export interface SynapCurlReceipt extends CopyReceipt {
  /** The header name used for the Subject-User, or null when none was included. */
  subjectUserHeader: string | null;
  url: string;
  form: CurlForm;
}

/** Both forms of the command as shown before a copy; neither holds the token. */
export interface SynapCurlCommands {
  /** `synvault exec NAME -- sh -c 'curl -H "Authorization: Bearer $SYNAP_TOKEN" URL'`. */
  viaExec: string;
  /** The literal command with the token's masked preview in its place. */
  literalPreview: string;
  /** The variable `synvault exec` sets (the service's execEnv). */
  variable: string;
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
        // The same rules as the add payload's (SYNAP_DETAILS, services/synap.ts), so edit and add agree.
        ...fieldSchemas(SYNAP_DETAILS),
      })
      .strict(),
  ),
  synapVerify: channel<SynapVerifyResult>()(byId),
  synapCurlCommands: channel<SynapCurlCommands>()(z.object({ id: tokenId, subjectUserId: subjectUserId.optional() }).strict()),
  synapCopyCurl: channel<SynapCurlReceipt>()(
    z.object({ id: tokenId, subjectUserId: subjectUserId.optional(), form: z.enum(CURL_FORMS).default('literal') }).strict(),
  ),
  /** A Subject-User ID is no secret, but it goes through the same clipboard path as any copy. */
  synapCopySubjectUser: channel<CopyReceipt>()(z.object({ id: tokenId, subjectUserId }).strict()),
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
