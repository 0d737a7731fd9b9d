// @process: core
// Synapse use cases: create and revoke with a password sign-in, verify, sync with the server,
// export to and import from ~/.synapseConfig. Passwords and the 24-hour session token live only
// in the locals of one call; a created token goes straight into the keychain.
import * as path from 'node:path';
import type { Clock } from '../../clipboard';
import { randomUUID } from 'node:crypto';
import type {
  CreateResult,
  EndpointSource,
  ExportDone,
  ExportPreview,
  ImportCandidate,
  ImportDone,
  ImportScan,
  RevokeResult,
  SyncReport,
  SynapseEndpointInfo,
  TwoFactorChallenge,
  TwoFactorDone,
  VerifyResult,
} from '../../../shared/contract/synapse';
import { chooseEndpoint } from '../../config';
import { ENDPOINT_BY_KEY } from '../../../shared/services';
import { LABEL_MAX } from '../../../shared/services/define';
import { NEAR_CAP, type PatScope } from '../../../shared/services/synapse';
import { fieldError, VaultError } from '../../../shared/errors';
import { openInBrowser } from '../../open-external';
import type { HandlerGroup } from '../../handlers';
import type { KeychainPort } from '../../keychain';
import type { TokenSummary } from '../../../shared/model';
import * as api from './client';
import { addressProblem, refusedAddressMessage, shownAddress } from '../../../shared/settings';
import { CONFIG_FILE_NAME, cleanConfigTemps, configEndpoints, describeRemoval, planExport, removeTokens, scanFile, writeExport, type ExportPlan, type ExportRequest } from './config';
import { maskedPreview } from '../../../shared/services';
import { checkSynapsePat } from '../../../shared/services/synapse';
import type { CoreParts } from '../../parts';
import type { Issued, RecordPatch, ReportedPatch } from '../../token-store';
import { recordRemoved, recordWritten } from '../../where-used';
import { SYNC_VERSION, SynapseSyncFile, syncReport, type StoredSync, type StoredSyncUser } from './sync-state';
import { plural } from '../../../shared/plural';
import type { SynapseServerState } from '../../../shared/model';
import { secretIn } from '../../../shared/recognise';

export { NEAR_CAP, daysLeft } from '../../../shared/services/synapse';

/** The parts Synapse's use cases need. The keychain port itself keeps the sign-in receipt (an
 * entry of the vault's keychain service that is not a token record). */
export type SynapseParts = Pick<CoreParts, 'config' | 'tokens' | 'activity' | 'settings' | 'lock'> & {
  clock: Pick<Clock, 'now'>;
  keychain?: KeychainPort;
};

export interface SynapseDeps {
  /** Opens an https address in the person's browser (the web path to the token page). */
  openExternal?: (url: string) => Promise<void>;
}

/** How long an export preview's plan is kept for Write. */
export const PLAN_MS = 5 * 60_000;
/** At most this many plans are kept at once (the oldest goes first). */
const MAX_PLANS = 20;

interface ExportPlanEntry {
  req: ExportRequest;
  plan: ExportPlan;
  token: TokenSummary;
  profile: string;
  expires: number;
}

/** How long a two-factor challenge is kept: the server's twoFaToken lives 10 minutes. */
export const CHALLENGE_MS = 10 * 60_000;

/** The keychain entry holding login2's authenticationReceipt for a name as typed (lower-cased).
 * Not `synvault1:…`, so stray adoption and catalog rebuilds (decodeAccount) never take it for a
 * token. */
export const receiptAccount = (username: string) => `synvault-synapse-receipt:${username.trim().toLowerCase()}`;

// The use cases' own inputs: the handlers below map the contract's parsed payloads onto them, so
// the core does not depend on the IPC schema (the CLI and tests call the use cases directly too).
export interface CreateTokenInput {
  username: string;
  password: string;
  name: string;
  scopes: PatScope[];
  label?: string;
  /** Go on at the token cap (Synapse then deletes the least recently used token). */
  allowEvictOldest: boolean;
}
export interface TwoFactorInput {
  challenge: string;
  code: string;
  codeType: 'TOTP' | 'RECOVERY_CODE';
}
/** One token by its vault id, or a server record id for a token the vault does not hold. */
export interface RevokeInput {
  id?: string;
  recordId?: string;
  username: string;
  password: string;
}
export interface ExportPreviewInput {
  id: string;
  profile: string;
  path?: string;
  removePlaintext: boolean;
  replaceOtherUser: boolean;
}
export interface ExportInput {
  planId: string;
}
export interface ImportScanInput {
  path?: string;
}
export interface ImportInput {
  path?: string;
  sections: string[];
  removeFromFile: boolean;
  version?: string;
}

/** A create's arguments once signed in. Scopes are any Synapse scopes: a rotation asks for
 * exactly the old token's, which may be more than the create form offers. */
export type CreateArgs = Omit<CreateTokenInput, 'password' | 'scopes'> & { scopes: readonly string[] };
export type RevokeArgs = Omit<RevokeInput, 'password'>;
/** What a signed-in session is for: a create, a revoke, or another use case's steps (a rotation),
 * run with the session once the second factor is in. Never a password. */
type SignedInWork = (ep: api.SynapseEndpoints, session: api.Session) => Promise<TwoFactorDone>;
interface Pending {
  userId: string;
  twoFaToken: string;
  username: string;
  expires: number;
  action: { kind: 'create'; input: CreateArgs } | { kind: 'revoke'; input: RevokeArgs } | { kind: 'then'; run: SignedInWork };
}

/** What each kind of sign-in is for, so a refusal names the right way round it ('then' is a
 * rotation: the one use case signedIn serves). */
const SIGN_IN_PURPOSE: Record<Pending['action']['kind'], api.SignInPurpose> = { create: 'create', revoke: 'revoke', then: 'rotate' };

const trimSlash = (u: string) => u.trim().replace(/\/+$/, '');

export function configPath(parts: Pick<CoreParts, 'config'>, given?: string): string {
  if (!given) return path.join(parts.config.home, CONFIG_FILE_NAME);
  if (given.startsWith('~/')) return path.join(parts.config.home, given.slice(2));
  return path.resolve(given);
}

const FILE_KEYS = { auth: 'authEndpoint', repo: 'repoEndpoint' } as const;

/** [endpoints] in the user's .synapseConfig, then the app's settings, then the defaults
 * (production, or SYNVAULT_SYNAPSE_* for tests). An address found there that may not carry a
 * token — not https, or not an address at all — is reported with where it came from, never
 * skipped for the next source: the Python client would use it, and quietly sending the token
 * somewhere else instead (production, say) is its own surprise. */
export function synapseEndpoints(parts: Pick<CoreParts, 'config' | 'settings'>): SynapseEndpointInfo {
  const file = configPath(parts);
  const fromFile = configEndpoints(file);
  const s = parts.settings.get();
  const refused: string[] = [];
  const pick = (which: 'auth' | 'repo'): [string, EndpointSource] => {
    const key = which === 'auth' ? 'synapseAuth' : 'synapseRepo';
    const fileValue = fromFile[which]?.trim();
    if (fileValue) {
      if (!addressProblem(fileValue)) return [trimSlash(fileValue), 'synapseConfig'];
      refused.push(refusedAddressMessage(ENDPOINT_BY_KEY[key].name, fileValue, `in [endpoints] ${FILE_KEYS[which]} of ~/${CONFIG_FILE_NAME}`, 'Change it to https:// or remove the line.'));
      return [shownAddress(fileValue) ?? 'not an address', 'synapseConfig'];
    }
    const chosen = chooseEndpoint(parts.config, key, which === 'auth' ? s.synapseAuthEndpoint : s.synapseRepoEndpoint);
    if (!chosen.refused) return [chosen.url, chosen.source];
    refused.push(chosen.refused);
    return [shownAddress(chosen.url) ?? 'not an address', chosen.source];
  };
  const [auth, authSrc] = pick('auth');
  const [repo, repoSrc] = pick('repo');
  return { auth, repo, source: { auth: authSrc, repo: repoSrc }, configFile: file, refused };
}

async function synapseToken(tokens: CoreParts['tokens'], id: string): Promise<TokenSummary> {
  const t = await tokens.get(id);
  if (t.service !== 'synapse') throw new VaultError('invalid-input', `"${t.label}" is not a Synapse token.`);
  return t;
}

/** What Synapse's record of a token says, as of `at` (never the token). */
function serverState(rec: api.AccessTokenRecord, at: string): SynapseServerState {
  const s: SynapseServerState = { service: 'synapse', at, state: rec.state };
  if (rec.name) s.name = rec.name;
  if (rec.createdOn) s.createdOn = rec.createdOn;
  if (rec.lastUsed) s.lastUsed = rec.lastUsed;
  return s;
}

/** The record Synapse would delete to make room: the least recently used. */
const leastRecentlyUsed = (list: api.AccessTokenRecord[]) =>
  [...list].sort((a, b) => Date.parse(a.lastUsed ?? a.createdOn) - Date.parse(b.lastUsed ?? b.createdOn))[0];

export class SynapseActions {
  private readonly tokens: CoreParts['tokens'];
  private readonly activity: CoreParts['activity'];
  /** The last sync's users and the tokens outside the vault (sync-state.ts). */
  private readonly syncFile: SynapseSyncFile;

  constructor(
    private readonly parts: SynapseParts,
    private readonly deps: SynapseDeps = {},
  ) {
    this.tokens = parts.tokens;
    this.activity = parts.activity;
    this.syncFile = new SynapseSyncFile(parts.config.dataDir, parts.lock);
    // Built once at start (window, harness or CLI): a temp file a crash left next to
    // ~/.synapseConfig holds a token and goes now, not at the next export.
    try {
      cleanConfigTemps(configPath(parts));
    } catch {
      /* a folder we cannot read must not stop the app */
    }
  }

  private now(): number {
    return this.parts.clock.now();
  }

  /** Where Synapse is, with any refusal for the window to show. */
  endpoints(): SynapseEndpointInfo {
    return synapseEndpoints(this.parts);
  }

  /** The same, for a call about to send a token or a password: refused before anything is sent. */
  private usableEndpoints(): SynapseEndpointInfo {
    const ep = synapseEndpoints(this.parts);
    if (ep.refused.length) throw new VaultError('invalid-input', ep.refused.join(' '));
    return ep;
  }

  /** Challenges of two-factor sign-ins in progress, by id: what to finish, never a password. */
  private readonly pending = new Map<string, Pending>();

  private async readReceipt(username: string): Promise<string | undefined> {
    if (!this.parts.keychain) return undefined;
    try {
      return (await this.parts.keychain.get(receiptAccount(username))) ?? undefined;
    } catch {
      // A keychain that cannot be read costs only the throttle bypass.
      return undefined;
    }
  }

  private async keepReceipt(username: string, session: api.Session): Promise<void> {
    if (!this.parts.keychain || !session.authenticationReceipt) return;
    try {
      await this.parts.keychain.set(receiptAccount(username), session.authenticationReceipt);
    } catch {
      /* not kept: the next sign-in is throttled like any other, nothing is lost */
    }
  }

  /** login2 with this name's receipt; a session, or a challenge kept for synapseTwoFactor. */
  private async signIn(ep: api.SynapseEndpoints, username: string, password: string, action: Pending['action']): Promise<api.Session | TwoFactorChallenge> {
    const r = await api.login2(ep, username, password, SIGN_IN_PURPOSE[action.kind], await this.readReceipt(username));
    if (r.kind === 'session') {
      await this.keepReceipt(username, r.session);
      return r.session;
    }
    const now = this.now();
    for (const [id, p] of this.pending) if (p.expires <= now) this.pending.delete(id);
    const challenge = randomUUID();
    this.pending.set(challenge, { userId: r.userId, twoFaToken: r.twoFaToken, username, expires: now + CHALLENGE_MS, action });
    return { needsTwoFactor: true, challenge, expiresAt: new Date(now + CHALLENGE_MS).toISOString() };
  }

  async create(input: CreateTokenInput): Promise<CreateResult | TwoFactorChallenge> {
    const ep = this.usableEndpoints();
    const { password, ...args } = input;
    const s = await this.signIn(ep, input.username, password, { kind: 'create', input: args });
    if ('needsTwoFactor' in s) return s;
    return this.createWith(ep, s, args);
  }

  /** Finishes a create or revoke whose sign-in asked for a second factor. A wrong code keeps the
   * challenge for another try; an expired one is dropped. */
  async twoFactor(input: TwoFactorInput): Promise<TwoFactorDone> {
    const p = this.pending.get(input.challenge);
    if (!p || p.expires <= this.now()) {
      this.pending.delete(input.challenge);
      throw new VaultError('invalid-input', 'This two-factor sign-in is no longer open (it lasts 10 minutes). Sign in again with your password.');
    }
    const ep = this.usableEndpoints();
    let session: api.Session;
    try {
      session = await api.login2fa(ep, { userId: p.userId, twoFaToken: p.twoFaToken, otpCode: input.code, otpType: input.codeType });
    } catch (err) {
      if (err instanceof VaultError && err.status === 401 && !err.fields?.code) this.pending.delete(input.challenge);
      throw err;
    }
    this.pending.delete(input.challenge);
    await this.keepReceipt(p.username, session);
    if (p.action.kind === 'create') return { action: 'create', created: await this.createWith(ep, session, p.action.input) };
    if (p.action.kind === 'then') return p.action.run(ep, session);
    return { action: 'revoke', revoked: await this.revokeWith(ep, session, p.action.input) };
  }

  /** Signs in for another use case (a rotation) and runs `work` with the session: now, or —
   * when the account asks for a second factor — from synapseTwoFactor, which answers `done` of
   * its result. The same sign-in, receipt and challenge as create and revoke. */
  async signedIn<T>(username: string, password: string, work: (ep: api.SynapseEndpoints, session: api.Session) => Promise<T>, done: (result: T) => TwoFactorDone): Promise<T | TwoFactorChallenge> {
    const ep = this.usableEndpoints();
    const s = await this.signIn(ep, username, password, { kind: 'then', run: async (e, session) => done(await work(e, session)) });
    if ('needsTwoFactor' in s) return s;
    return work(ep, s);
  }

  /** The signed-in user when it is not the token's owner (compared by user id, so any name or
   * e-mail the owner signs in with passes), else null. A profile Synapse will not show (an account
   * that has not accepted the Terms of Use) leaves the check to the server. */
  async notOwner(ep: api.SynapseEndpoints, session: api.Session, t: TokenSummary): Promise<{ owner: string; me: string } | null> {
    if (!t.userId) return null;
    const me = await api.userProfile(ep, session.accessToken).catch((err: unknown) => {
      if (err instanceof VaultError && err.status === 403) return null;
      throw err;
    });
    if (!me || me.ownerId === t.userId) return null;
    return { owner: t.account && t.verification?.state === 'valid' ? t.account : `Synapse user ${t.userId}`, me: me.userName };
  }

  /** Creates a token with a signed-in session and stores it (the rescue path when the keychain
   * refuses it: `how.otherwise` adds to what the person is told). Also a rotation's create step. */
  async createWith(ep: api.SynapseEndpoints, session: api.Session, input: CreateArgs, how: Pick<Issued, 'otherwise'> = {}): Promise<CreateResult> {
    if (!session.acceptsTermsOfUse) throw api.termsOfUseRefusal();
    const warnings: string[] = [];
    const existing = await api.listPats(ep, session.accessToken);
    if (existing.some((r) => r.name === input.name)) {
      throw fieldError('synapseCreateToken', 'conflict', `You already have a Synapse token named "${input.name}". Token names must be unique; choose another, or revoke the old one first.`, {
        name: 'Already used by another of your tokens.',
      });
    }
    if (existing.length >= api.TOKEN_CAP) {
      const victim = leastRecentlyUsed(existing);
      if (!input.allowEvictOldest) {
        throw fieldError(
          'synapseCreateToken',
          'conflict',
          `This account already has ${existing.length} tokens, Synapse's limit. Creating another makes Synapse delete the least recently used one${victim ? ` ("${victim.name}")` : ''}. Confirm to go on, or revoke a token first.`,
          { allowEvictOldest: `At the ${api.TOKEN_CAP}-token cap.` },
        );
      }
      if (victim) warnings.push(`Synapse deleted your least recently used token "${victim.name}" to make room (${api.TOKEN_CAP}-token cap).`);
    } else if (existing.length + 1 >= NEAR_CAP) {
      warnings.push(`This account now has ${existing.length + 1} of at most ${api.TOKEN_CAP} tokens; past that Synapse deletes the least recently used.`);
    }
    const token = await api.createPat(ep, session.accessToken, { name: input.name, scope: [...input.scopes] });
    // The stored name is the owner's userName, asked with the new token itself (which also proves
    // it works), never the name or e-mail typed at sign-in.
    let owner: api.UserProfile | null = null;
    try {
      owner = await api.userProfile(ep, token);
    } catch {
      warnings.push('Synapse did not say who owns the new token just now; press Verify on it to fill in the user name.');
    }
    // The token exists at Synapse and is never shown again: if it cannot be stored, the error
    // carries it once (the token store's rescue path).
    let summary = await this.tokens.storeIssued(
      { service: 'synapse', label: input.label || input.name, ...(owner ? { account: owner.userName } : {}) },
      token,
      { issued: `Synapse created the token "${input.name}"`, otherwise: how.otherwise ?? 'Or revoke it on synapse.org.' },
    );
    if (owner) {
      const at = new Date(this.now()).toISOString();
      const detail = `Belongs to ${owner.userName} (user ${owner.ownerId}).`;
      summary = await this.tokens.update(summary.id, { verifiedAt: at, verification: { state: 'valid', detail, at } }).catch(() => summary);
    }
    this.activity.record('created', summary, `scopes ${input.scopes.join(', ')}`);
    return { token: summary, warnings };
  }

  /** The web path: the token page on synapse.org, opened in the person's browser. */
  async openTokenPage(): Promise<{ url: string; opened: boolean }> {
    const url = api.tokenPageUrl(this.endpoints());
    return openInBrowser(this.deps.openExternal, url);
  }

  /** Asks Synapse who owns the token; the stored account becomes the owner's userName (a name
   * typed at add is only a hint until then). */
  async verify(id: string): Promise<VerifyResult> {
    const t = await synapseToken(this.tokens, id);
    const secret = await this.tokens.secret(id);
    const at = new Date(this.now()).toISOString();
    let result: VerifyResult;
    try {
      const ep = this.usableEndpoints();
      const profile = await api.userProfile(ep, secret);
      const detail = `Belongs to ${profile.userName} (user ${profile.ownerId}).`;
      const patch: RecordPatch = { verifiedAt: at, verification: { state: 'valid', detail, at }, account: profile.userName };
      if (!t.userId) patch.userId = profile.ownerId;
      // The token's own record (its view scope may read it): state, last use, so the row's days
      // left are the server's. Without an answer the verification still stands.
      const record = t.recordId ? await api.getPat(ep, secret, t.recordId).catch(() => undefined) : undefined;
      if (record) patch.server = serverState(record, at);
      else if (record === null) patch.server = { service: 'synapse', at, state: 'gone' };
      result = { token: await this.tokens.update(id, patch), state: 'valid', detail, userName: profile.userName, ownerId: profile.ownerId };
    } catch (err) {
      if (!(err instanceof VaultError) || (err.status !== 401 && err.status !== 403)) throw err;
      const state = err.status === 401 ? 'invalid' : 'forbidden';
      const detail =
        err.status === 401
          ? `Synapse does not accept this token (401): it was revoked, expired after ${api.EXPIRY_DAYS} days unused, or belongs to another Synapse server.`
          : /terms of use/i.test(err.message)
            ? 'Synapse refused this token (403) because its owner has not accepted the Synapse Terms of Use: sign in on synapse.org and accept them.'
            : 'Synapse refused this token (403): it may lack the "view" scope, which the clients need.';
      result = { token: await this.tokens.update(id, { verifiedAt: at, verification: { state, detail, at } }), state, detail };
    }
    this.activity.record('verified', result.token, result.state);
    return result;
  }

  /** Asks Synapse for every token of each user in the vault (with one of that user's stored
   * tokens), writes what it said about each vault token onto its record and the rest to the sync
   * file, and answers the report built from them (sync-state.ts). */
  async sync(): Promise<SyncReport> {
    const ep = this.usableEndpoints();
    const at = new Date(this.now()).toISOString();
    const tokens = (await this.tokens.list()).filter((t) => t.service === 'synapse');
    const byUser = new Map<string, TokenSummary[]>();
    for (const t of tokens) {
      const key = t.userId ?? '';
      byUser.set(key, [...(byUser.get(key) ?? []), t]);
    }
    const users: StoredSyncUser[] = [];
    const reported = new Map<string, ReportedPatch>();
    for (const [userId, mine] of byUser) {
      const user: StoredSyncUser = { userId, others: [] };
      const named = mine.find((t) => t.account);
      if (named?.account) user.username = named.account;
      let server: api.AccessTokenRecord[] | null = null;
      let lastError: VaultError | null = null;
      // Any stored token of this user can list them (all PATs carry view); one revoked
      // elsewhere answers 401, so try the next.
      for (const t of mine) {
        try {
          server = await api.listPats(ep, await this.tokens.secret(t.id));
          break;
        } catch (err) {
          if (err instanceof VaultError && (err.status === 401 || err.status === 403 || err.code === 'not-found')) {
            lastError = err;
            continue;
          }
          throw err;
        }
      }
      if (!server) {
        user.error = `None of this user's ${plural(mine.length, 'stored token')} is accepted by Synapse (${lastError?.status ?? 'no answer'}), so their state is unknown. They may all be revoked or expired: verify them, or create a new one.`;
        users.push(user);
        continue;
      }
      const byId = new Map(server.map((r) => [r.id, r]));
      for (const t of mine) {
        const rec = t.recordId ? byId.get(t.recordId) : undefined;
        reported.set(t.id, { server: rec ? serverState(rec, at) : { service: 'synapse', at, state: 'gone' } });
      }
      const known = new Set(mine.map((t) => t.recordId));
      for (const rec of server) {
        if (known.has(rec.id)) continue;
        const other: StoredSyncUser['others'][number] = { recordId: rec.id, name: rec.name, state: rec.state, scopes: rec.scopes, createdOn: rec.createdOn };
        if (rec.lastUsed) other.lastUsed = rec.lastUsed;
        user.others.push(other);
      }
      users.push(user);
    }
    // The vault's tokens first (a remove meanwhile is skipped, never undone), then the rest.
    await this.tokens.updateReported(reported);
    const stored: StoredSync = { version: SYNC_VERSION, at, users };
    await this.syncFile.replace(stored);
    return syncReport(await this.tokens.list(), stored, this.now());
  }

  /** The last sync as the vault keeps it now; no call to Synapse. */
  async syncState(): Promise<SyncReport | null> {
    return syncReport(await this.tokens.list(), this.syncFile.read(), this.now());
  }

  async revoke(input: RevokeInput): Promise<RevokeResult | TwoFactorChallenge> {
    const t = input.id ? await synapseToken(this.tokens, input.id) : undefined;
    const recordId = t ? t.recordId : input.recordId;
    if (!recordId) throw new VaultError('invalid-input', 'This token carries no Synapse token id, so it cannot be revoked from here. Revoke it on synapse.org, then remove it.');
    const ep = this.usableEndpoints();
    const { password, ...args } = input;
    const s = await this.signIn(ep, input.username, password, { kind: 'revoke', input: args });
    if ('needsTwoFactor' in s) return s;
    return this.revokeWith(ep, s, args);
  }

  /** Revokes with a signed-in session; the vault entry goes once Synapse confirms. Also a
   * rotation's last step. */
  async revokeWith(ep: api.SynapseEndpoints, session: api.Session, input: RevokeArgs): Promise<RevokeResult> {
    const t = input.id ? await synapseToken(this.tokens, input.id) : undefined;
    const recordId = t ? t.recordId : input.recordId;
    if (!recordId) throw new VaultError('invalid-input', 'This token carries no Synapse token id, so it cannot be revoked from here. Revoke it on synapse.org, then remove it.');
    // Only its owner can revoke it (the server answers 403 otherwise): said before asking.
    const other = t ? await this.notOwner(ep, session, t) : null;
    if (t && other) {
      throw fieldError('synapseRevoke', 'forbidden', `"${t.label}" belongs to ${other.owner}, and you signed in as ${other.me}. Only its owner can revoke it: sign in as ${other.owner}.`, {
        username: `Sign in as ${other.owner}.`,
      });
    }
    const deleted = await api.deletePat(ep, session.accessToken, recordId);
    // Either way Synapse no longer has it: the sync view drops it from the tokens outside the
    // vault, and a vault entry that stays says so until a sync says otherwise. Both are copies of
    // what Synapse said: failing to write them must not hide that the revoke was done.
    await this.syncFile.forget(recordId).catch(() => undefined);
    const gone = () =>
      t ? this.tokens.updateReported(new Map([[t.id, { server: { service: 'synapse', at: new Date(this.now()).toISOString(), state: 'gone' } }]])).catch(() => []) : [];
    if (!deleted) {
      await gone();
      throw new VaultError(
        'not-found',
        `Synapse has no token ${recordId}: it was already revoked, or deleted by the ${api.TOKEN_CAP}-token cap.${t ? ' You can remove it from the vault.' : ''}`,
        { status: 404 },
      );
    }
    const result: RevokeResult = { recordId };
    if (t) {
      let removed: TokenSummary;
      try {
        removed = await this.tokens.remove(t.id);
      } catch (err) {
        // Revoked, but the keychain kept it (locked, say): the entry stays, marked gone.
        await gone();
        this.activity.record('revoked', t, `Synapse token ${recordId}; not removed from the vault`);
        throw err;
      }
      this.activity.record('revoked', removed, `Synapse token ${recordId}`);
      result.removedId = t.id;
    } else {
      this.activity.record('revoked', undefined, `Synapse token ${recordId} (not in vault)`);
    }
    return result;
  }

  /** Export plans made by a preview, by id: what Write writes, token included. Kept only in this
   * process's memory, for PLAN_MS. */
  private readonly plans = new Map<string, ExportPlanEntry>();

  private async exportRequest(input: ExportPreviewInput): Promise<{ req: ExportRequest; token: TokenSummary }> {
    // One catalog read and one keychain read for the whole export: Write reuses the plan.
    const { token, secret } = await this.tokens.withSecret(input.id);
    if (token.service !== 'synapse') throw new VaultError('invalid-input', `"${token.label}" is not a Synapse token.`);
    const req: ExportRequest = {
      file: configPath(this.parts, input.path),
      token: secret,
      profile: input.profile,
      removePlaintext: input.removePlaintext,
      replaceOtherUser: input.replaceOtherUser,
      backups: this.parts.settings.get().synapseConfigBackups,
    };
    // Only a name Synapse confirmed (create, or Verify, store the owner's userName from
    // /userProfile) is written: the client compares username exactly, so a name typed at add or
    // read from an old file could make every login fail. Unconfirmed, username is left out and
    // the preview says to verify first.
    if (token.account && token.verification?.state === 'valid') req.owner = token.account;
    return { req, token };
  }

  /** Works out the export and keeps the plan for Write; the answer names it, secrets masked. */
  async exportPreview(input: ExportPreviewInput): Promise<ExportPreview> {
    const { req, token } = await this.exportRequest(input);
    const plan = planExport(req);
    const now = this.now();
    for (const [id, p] of this.plans) if (p.expires <= now) this.plans.delete(id);
    // A window left open on many previews must not pile up tokens in memory.
    while (this.plans.size >= MAX_PLANS) this.plans.delete(this.plans.keys().next().value!);
    const planId = randomUUID();
    this.plans.set(planId, { req, plan, token, profile: input.profile, expires: now + PLAN_MS });
    return {
      planId,
      expiresAt: new Date(now + PLAN_MS).toISOString(),
      path: plan.file,
      realPath: plan.realPath,
      symlink: plan.symlink,
      exists: plan.exists,
      version: plan.version,
      profile: input.profile,
      sections: plan.sections,
      username: plan.username,
      backupPath: plan.backupPath,
      backupLimit: plan.backupLimit,
      backupsRemoved: plan.backupsRemoved,
      warnings: plan.warnings,
      needsClient49: plan.needsClient49,
    };
  }

  /** Writes exactly the previewed plan, or nothing: writeExport refuses when the file's version
   * differs from the one the plan was made from ("changed since the preview"). A plan is used
   * once. */
  async export(input: ExportInput): Promise<ExportDone> {
    const entry = this.plans.get(input.planId);
    this.plans.delete(input.planId);
    if (!entry || entry.expires <= this.now()) {
      throw new VaultError('conflict', `This export preview is no longer open (a preview lasts ${PLAN_MS / 60_000} minutes and is written once). Preview again. Nothing was changed.`);
    }
    const { req, plan, token, profile } = entry;
    const done = writeExport(req, plan);
    this.activity.record('exported', token, `to ${done.file} (profile ${profile})`);
    // Where it now is goes on the token's record (never the value), off any token that was there.
    await recordWritten(this.tokens, 'synapseConfig', done.file, done.sections, token.id, new Date(this.now()).toISOString()).catch((err: unknown) => {
      throw new VaultError(err instanceof VaultError ? err.code : 'internal', `Wrote "${token.label}" to ${done.file}, but could not note that in the vault: ${err instanceof VaultError ? err.message : 'the catalog could not be written.'}`);
    });
    return {
      path: done.file,
      realPath: done.realPath,
      backupPath: done.backupPath,
      backupLimit: done.backupLimit,
      backupsRemoved: done.backupsRemoved,
      sections: done.sections,
      profile,
      verified: true,
    };
  }

  async importScan(input: ImportScanInput): Promise<ImportScan> {
    const file = configPath(this.parts, input.path);
    const { file: f, tokens, emptyTokens } = scanFile(file);
    const vaultTokens = (await this.tokens.list()).filter((t) => t.service === 'synapse');
    const candidates: ImportCandidate[] = tokens.map((found) => {
      const c: ImportCandidate = { sections: found.sections, preview: maskedPreview(found.token), fromDefaults: found.fromDefaults, inVault: null };
      if (found.username) c.username = found.username;
      try {
        const d = checkSynapsePat(found.token);
        if (d.recordId) c.recordId = d.recordId;
        if (d.userId) c.userId = d.userId;
        if (d.scopes) c.scopes = d.scopes;
        const same = vaultTokens.find((t) => t.recordId && t.recordId === d.recordId && t.userId === d.userId);
        if (same) c.inVault = { id: same.id, label: same.label };
      } catch (err) {
        c.problem = err instanceof VaultError ? err.message : 'Not a Synapse personal access token.';
      }
      return c;
    });
    return { path: f.path, exists: f.exists, version: f.version, candidates, emptyTokens };
  }

  async import(input: ImportInput): Promise<ImportDone> {
    const file = configPath(this.parts, input.path);
    const { file: f, tokens } = scanFile(file);
    if (input.version && input.version !== f.version) {
      throw new VaultError('conflict', `${file} changed since it was scanned. Scan it again. Nothing was imported.`);
    }
    const done: ImportDone = { imported: [], skipped: [], removed: [], warnings: [] };
    const toRemove: string[] = [];
    for (const section of input.sections) {
      const found = tokens.find((t) => t.sections.includes(section));
      if (!found) {
        done.skipped.push({ section, reason: 'No token there any more.' });
        continue;
      }
      let decoded;
      try {
        decoded = checkSynapsePat(found.token);
      } catch (err) {
        done.skipped.push({ section, reason: err instanceof VaultError ? err.message : 'Not a Synapse personal access token.' });
        continue;
      }
      try {
        // The file's user name and section become the label: text someone else wrote, kept out of
        // the catalog if it holds a secret (secretIn, docs/paste-recognition.md).
        const username = found.username && secretIn(found.username) === null ? found.username : undefined;
        const label = `${username ?? 'Synapse'} — .synapseConfig [${found.sections[0]}]`.slice(0, LABEL_MAX);
        const meta = { service: 'synapse' as const, label: secretIn(label) === null ? label : 'Synapse — .synapseConfig' };
        const stored = await this.tokens.store(username ? { ...meta, account: username } : meta, found.token, decoded);
        this.activity.record('imported', stored, `from ${file} [${found.sections.join('], [')}]`);
        done.imported.push(stored);
      } catch (err) {
        if (!(err instanceof VaultError) || err.code !== 'conflict') throw err;
        done.skipped.push({ section, reason: err.message });
      }
      // A token from [DEFAULT] stays: deleting it would change every section (the note says so).
      if (!found.fromDefaults) toRemove.push(...found.sections);
    }
    if (input.removeFromFile) {
      // Only tokens now held by the vault are removed, so nothing is lost; `authtoken =` lines
      // (which hold nothing and keep the client from SYNAPSE_AUTH_TOKEN) go too.
      const r = removeTokens(file, toRemove, { expectVersion: f.version, alsoEmpty: true });
      done.removed = r.removed;
      // Those sections no longer hold a token the vault wrote there.
      await recordRemoved(this.tokens, 'synapseConfig', file, r.removed);
      if (r.removed.length) {
        const d = describeRemoval(r);
        done.note = d.note;
        done.warnings = d.warnings;
      }
    }
    return done;
  }
}

export function synapseHandlers(
  parts: SynapseParts,
  deps: SynapseDeps = {},
  /** The one instance, when another use case (rotation) shares its sign-ins. */
  a: SynapseActions = new SynapseActions(parts, deps),
): HandlerGroup<
  | 'synapseEndpoints'
  | 'synapseCreateToken'
  | 'synapseVerifyToken'
  | 'synapseSync'
  | 'synapseSyncState'
  | 'synapseRevoke'
  | 'synapseTwoFactor'
  | 'synapseOpenTokenPage'
  | 'synapseExportPreview'
  | 'synapseExport'
  | 'synapseImportScan'
  | 'synapseImport'
> {
  return {
    synapseEndpoints: async () => a.endpoints(),
    synapseCreateToken: ({ username, password, name, scopes, label, allowEvictOldest }) =>
      a.create({ username, password, name, scopes, allowEvictOldest, ...(label ? { label } : {}) }),
    synapseVerifyToken: ({ id }) => a.verify(id),
    synapseSync: () => a.sync(),
    synapseSyncState: () => a.syncState(),
    synapseRevoke: ({ id, recordId, username, password }) => a.revoke({ username, password, ...(id ? { id } : {}), ...(recordId ? { recordId } : {}) }),
    synapseTwoFactor: ({ challenge, code, codeType }) => a.twoFactor({ challenge, code, codeType }),
    synapseOpenTokenPage: () => a.openTokenPage(),
    synapseExportPreview: ({ id, profile, path, removePlaintext, replaceOtherUser }) => a.exportPreview({ id, profile, removePlaintext, replaceOtherUser, ...(path ? { path } : {}) }),
    synapseExport: ({ planId }) => a.export({ planId }),
    synapseImportScan: ({ path }) => a.importScan(path ? { path } : {}),
    synapseImport: ({ path, sections, removeFromFile, version }) => a.import({ sections, removeFromFile, ...(path ? { path } : {}), ...(version ? { version } : {}) }),
  };
}
