// @process: core
// Synap's use cases on top of the vault. Adding a Synap PAT is the vault's own addToken; what is
// Synap-specific lives here: Subject-Users, verification, "Copy as curl", the revocation that can
// only happen in the Portal, and the age of tokens that never expire.
import type { Clock } from '../../clipboard';
import { endpointFor } from '../../config';
import type { CurlForm, SynapCurlCommands, SynapCurlReceipt, SynapTokenInfo, SynapVerifyResult } from '../../../shared/contract/synap';
import { curlCommand, curlViaExec, execName, type SubjectHeader } from '../../../shared/curl';
import { VaultError } from '../../../shared/errors';
import { openInBrowser } from '../../open-external';
import type { HandlerGroup } from '../../handlers';
import type { CopyReceipt, TokenSummary } from '../../../shared/model';
import { describeErrors, synapGet } from './client';
import { isHttpsUrl, synap as synapFacts, SYNAP_DEFAULT_VERIFY_PATH, synapVerifyPath } from '../../../shared/services/synap';
import type { CoreParts } from '../../parts';

export interface SynapDeps extends Pick<CoreParts, 'config' | 'tokens' | 'activity' | 'settings' | 'clipboard'> {
  clock: Pick<Clock, 'now'>;
  /** Opens an https address in the person's browser (Electron's shell.openExternal); absent
   * where there is no browser to open, and then the UI shows the address instead. */
  openExternal?: (url: string) => Promise<void>;
}

const DAY_MS = 86_400_000;
export const REVOKED_DETAIL = 'revoked in Portal (confirmed by user)';

// "Copy as curl" builds its commands with electron/shared/curl.ts (the literal one is re-exported
// here for the tests that check it).
export { curlCommand } from '../../../shared/curl';

export class SynapActions {
  constructor(private readonly deps: SynapDeps) {}

  private get tokens(): CoreParts['tokens'] {
    return this.deps.tokens;
  }

  private async token(id: string): Promise<TokenSummary> {
    const token = await this.tokens.get(id);
    if (token.service !== 'synap') throw new VaultError('invalid-input', `"${token.label}" is not a Synap token.`);
    return token;
  }

  /** The API base from Settings, else the configured default (production or the test server). */
  private baseUrl(): string {
    return endpointFor(this.deps.config, 'synap', this.deps.settings.get().synapEndpoint);
  }

  /** What verify reads: a setting whose default is a resource Synap documents, because the bare
   * base is not one and may answer 404 even to a good token (docs/services/synap.md). */
  verifyUrl(): string {
    return this.baseUrl().replace(/\/+$/, '') + synapVerifyPath(this.deps.settings.get()).path;
  }

  async info(id: string): Promise<SynapTokenInfo> {
    const token = await this.token(id);
    const settings = this.deps.settings.get();
    const ageMs = Math.max(0, this.deps.clock.now() - Date.parse(token.addedAt));
    return {
      id,
      ageDays: Math.floor(ageMs / DAY_MS),
      rotationDays: settings.synapRotationDays,
      rotationDue: ageMs > settings.synapRotationDays * DAY_MS,
      subjectUserHeader: settings.synapSubjectUserHeader || null,
      verifyUrl: this.verifyUrl(),
    };
  }

  async edit(input: { id: string; portalUrl?: string; issuedBy?: string; subjectUsers?: Array<{ id: string; note: string }> }): Promise<TokenSummary> {
    const token = await this.token(input.id);
    const patch: Partial<TokenSummary> = {};
    const changed: string[] = [];
    if (input.portalUrl !== undefined && input.portalUrl !== (token.portalUrl ?? '')) {
      patch.portalUrl = input.portalUrl || undefined;
      changed.push('Portal address');
    }
    if (input.issuedBy !== undefined && input.issuedBy !== (token.issuedBy ?? '')) {
      patch.issuedBy = input.issuedBy || undefined;
      changed.push('issued by');
    }
    if (input.subjectUsers !== undefined) {
      patch.subjectUsers = input.subjectUsers.length ? input.subjectUsers : undefined;
      changed.push(`Subject-Users (${input.subjectUsers.length})`);
    }
    if (!changed.length) return token;
    const next = await this.tokens.update(input.id, patch);
    this.deps.activity.record('updated', next, changed.join(', '));
    return next;
  }

  async verify(id: string): Promise<SynapVerifyResult> {
    const token = await this.token(id);
    const secret = await this.tokens.secret(id);
    const url = this.verifyUrl();
    const { path, documented } = synapVerifyPath(this.deps.settings.get());
    const answer = await synapGet(url, secret);
    // Synap's messages are shown as they are; should one ever quote the token, it is cut out.
    const scrub = (s: string | undefined) => (s === undefined ? undefined : s.split(secret).join('[token]'));
    const first = answer.errors?.[0];
    const title = scrub(first?.title);
    const detail = scrub(first?.detail);
    const said = scrub(describeErrors(answer.errors) ?? undefined);
    const { status } = answer;

    let state: SynapVerifyResult['state'];
    let summary: string;
    let portal: SynapVerifyResult['portal'];
    if (status >= 200 && status < 300) {
      state = 'valid';
      if (answer.data && /^portals?$/i.test(answer.data.type)) {
        // The Portal's attributes are not documented; a name is shown only if Synap sends one.
        const name = typeof answer.data.attributes.name === 'string' ? answer.data.attributes.name.slice(0, 200) : undefined;
        portal = name ? { id: answer.data.id, name } : { id: answer.data.id };
        summary = name ? `Portal "${name}" (${portal.id})` : `Portal ${portal.id}`;
      } else if (answer.data?.portalId) {
        // The PortalUsage document names its Portal in relationships.portal.
        portal = { id: answer.data.portalId };
        summary = `Portal ${portal.id}`;
      } else {
        summary = `Synap accepted the token (HTTP ${status}).`;
      }
    } else if (status === 401 || (status === 404 && answer.errors && documented)) {
      // 401 is Synap's answer to a missing, invalid or revoked PAT. A 404 in its error shape is how
      // its getting-started page shows a bad token, but it only says that about a resource known
      // to exist — the documented default path.
      state = 'invalid';
      summary = said ?? `Synap refused the token (HTTP ${status}).`;
    } else if (status === 404 && answer.errors) {
      throw new VaultError(
        'service',
        `Synap answered 404${said ? ` (${said})` : ''} at ${url}: the verify path ${path} may not exist, so the token was not judged. Leave the verify path empty in Settings to read Synap's documented ${SYNAP_DEFAULT_VERIFY_PATH}.`,
        { status },
      );
    } else if (status === 403) {
      state = 'forbidden';
      summary = said ?? 'Synap accepted the token but does not allow this request (HTTP 403).';
    } else if (status === 404) {
      throw new VaultError('service', `Synap answered 404 without an error document at ${url}. Check the Synap API address and verify path in Settings.`, { status });
    } else if (status >= 300 && status < 400) {
      throw new VaultError('service', `Synap answered with a redirect (HTTP ${status}) at ${url}. Check the Synap API address in Settings.`, { status });
    } else {
      throw new VaultError('service', `Synap answered HTTP ${status}${said ? `: ${said}` : ''}. The token was not judged; try again later.`, { status });
    }

    const at = new Date(this.deps.clock.now()).toISOString();
    const next = await this.tokens.update(id, { verification: { state, detail: summary, at }, verifiedAt: at });
    this.deps.activity.record('verified', token, `${state} (HTTP ${status})`);
    const result: SynapVerifyResult = { state, status, url, token: next };
    if (title) result.title = title;
    if (detail) result.detail = detail;
    if (portal) result.portal = portal;
    return result;
  }

  /** The Subject-User header a curl command carries: only a saved one, and only when Settings
   * names the header (Synap does not publish it, so none is invented). */
  private subjectHeader(token: TokenSummary, subjectUserId: string | undefined): SubjectHeader | undefined {
    if (subjectUserId === undefined) return undefined;
    const saved = token.subjectUsers?.find((s) => s.id === subjectUserId);
    if (!saved) throw new VaultError('not-found', `That Subject-User is not saved on "${token.label}". Refresh the list.`);
    if (/[\r\n]/.test(saved.id)) throw new VaultError('invalid-input', `A Subject-User ID on "${token.label}" contains a line break. Edit it first.`);
    const header = this.deps.settings.get().synapSubjectUserHeader || null;
    return header ? { header, id: saved.id } : undefined;
  }

  /** The command that reads the token from the environment through `synvault exec`. */
  private async viaExec(token: TokenSummary, subject: SubjectHeader | undefined): Promise<string> {
    return curlViaExec(this.verifyUrl(), execName(token, await this.tokens.list()), synapFacts.execEnv, subject);
  }

  /** Both forms as the window shows them before a copy: neither holds the token (the literal one
   * shows its masked preview in its place). */
  async curlCommands(id: string, subjectUserId?: string): Promise<SynapCurlCommands> {
    const token = await this.token(id);
    const subject = this.subjectHeader(token, subjectUserId);
    const url = this.verifyUrl();
    return {
      viaExec: await this.viaExec(token, subject),
      literalPreview: curlCommand(url, token.preview, subject),
      variable: synapFacts.execEnv,
      subjectUserHeader: subject ? subject.header : null,
      url,
    };
  }

  /** The command is built and copied here; the literal one never crosses the contract. */
  async copyCurl(id: string, subjectUserId?: string, form: CurlForm = 'literal'): Promise<SynapCurlReceipt> {
    const token = await this.token(id);
    const subject = this.subjectHeader(token, subjectUserId);
    const url = this.verifyUrl();
    const command = form === 'exec' ? await this.viaExec(token, subject) : curlCommand(url, await this.tokens.secret(id), subject);
    const receipt = await this.deps.clipboard.copy(command);
    const how = form === 'exec' ? 'as curl through synvault exec' : 'as curl';
    this.deps.activity.record('copied', token, subject ? `${how}, with a Subject-User` : how);
    return { ...receipt, subjectUserHeader: subject ? subject.header : null, url, form };
  }

  async copySubjectUser(id: string, subjectUserId: string): Promise<CopyReceipt> {
    const token = await this.token(id);
    const saved = token.subjectUsers?.find((s) => s.id === subjectUserId);
    if (!saved) throw new VaultError('not-found', `That Subject-User is not saved on "${token.label}". Refresh the list.`);
    const receipt = await this.deps.clipboard.copy(saved.id);
    this.deps.activity.record('copied', token, 'a Subject-User ID');
    return receipt;
  }

  /** Synap has no revoke call: revocation happens in the Portal, which this opens. */
  async openPortal(id: string): Promise<{ url: string; opened: boolean }> {
    const token = await this.token(id);
    if (!token.portalUrl) {
      throw new VaultError('invalid-input', `No Portal address is saved for "${token.label}". Edit the token, add the https:// address of your Synap Portal, and try again.`);
    }
    if (!isHttpsUrl(token.portalUrl)) {
      throw new VaultError('invalid-input', `The Portal address saved for "${token.label}" is not an https:// address, so Synvault will not open it. Edit the token and save the Portal's https:// address.`);
    }
    // Synap does not publish the path of the Portal's API settings page, so the Portal itself is
    // opened and the UI tells the person to go to Settings → Automations → API.
    const url = new URL(token.portalUrl).toString();
    return openInBrowser(this.deps.openExternal, url);
  }

  /** Only after the person confirms they revoked it in the Portal does the token leave the vault. */
  async confirmRevoked(id: string, reason: 'revoke' | 'leak'): Promise<{ id: string }> {
    await this.token(id);
    const removed = await this.tokens.remove(id);
    this.deps.activity.record('revoked', removed, reason === 'leak' ? `${REVOKED_DETAIL}; suspected leak` : REVOKED_DETAIL);
    return { id };
  }
}

export function synapHandlers(
  deps: SynapDeps,
): HandlerGroup<
  'synapTokenInfo' | 'synapEditToken' | 'synapVerify' | 'synapCurlCommands' | 'synapCopyCurl' | 'synapCopySubjectUser' | 'synapOpenPortal' | 'synapConfirmRevoked'
> {
  const synap = new SynapActions(deps);
  return {
    synapTokenInfo: ({ id }) => synap.info(id),
    synapEditToken: (input) => synap.edit(input),
    synapVerify: ({ id }) => synap.verify(id),
    synapCurlCommands: ({ id, subjectUserId }) => synap.curlCommands(id, subjectUserId),
    synapCopyCurl: ({ id, subjectUserId, form }) => synap.copyCurl(id, subjectUserId, form),
    synapCopySubjectUser: ({ id, subjectUserId }) => synap.copySubjectUser(id, subjectUserId),
    synapOpenPortal: ({ id }) => synap.openPortal(id),
    synapConfirmRevoked: ({ id, reason }) => synap.confirmRevoked(id, reason),
  };
}
