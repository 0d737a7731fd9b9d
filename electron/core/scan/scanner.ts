// @process: core
// Scan's use cases: scan (the CLI waits for it; the window starts one and polls its status),
// cancel, and the actions on a finding — add it to the vault, take it out of a .synapseConfig as
// import --remove does, ask its service whether it works, open its folder. The values found stay
// here, in memory, for the last scan only and for KEEP_MS; what is handed out is the finding's
// opaque id, place and masked preview (electron/shared/contract/scan.ts).
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fieldError, VaultError } from '../../shared/errors';
import type { HandlerGroup } from '../handlers';
import type { TokenSummary } from '../../shared/model';
import { addTokenRequest, maskedPreview, SERVICE_NAMES, serviceFacts, type AddInput, type Decoded, type Service, type TokenKind } from '../../shared/services';
import { prepareAdd } from '../../shared/paste';
import { LABEL_MAX } from '../../shared/services/define';
import { ADD_INPUT } from '../../shared/services/add-inputs';
import type { ScanFinding, ScanRemoveResult, ScanReport, ScanStatus, ScanVerifyResult } from '../../shared/contract/scan';
import type { CoreParts } from '../parts';
import { describeRemoval, removeTokens } from '../services/synapse/config';
import { runScan, type FoundToken, type ScanProgress } from './scan';
import { resolveRoots } from './walk';

/** How long the values of a finished scan are kept for its actions. Long enough to go through the
 * list; after that they go, and the person scans again. */
export const KEEP_MS = 60 * 60_000;

/** Asks a found token's service whether it works, through the service's own verify: by vault id
 * when the vault holds it (recorded on the entry, as Verify records it), else on the value. */
export type FindingVerifier = (t: { findingId: string; service: Service; kind: TokenKind; secret: string; decoded: Decoded; vaultId: string | null }) => Promise<ScanVerifyResult>;

export interface ScanDeps {
  verify?: FindingVerifier;
  /** Shows a file in the system's file manager (Electron's shell.showItemInFolder). */
  openFolder?: (file: string) => Promise<void>;
}

export type ScanParts = Pick<CoreParts, 'config' | 'tokens' | 'activity' | 'clock'>;

export interface ScanRequest {
  /** Folders or files; `~/` is the home folder. Default: the home folder (SYNVAULT_HOME). */
  paths?: string[];
  signal?: AbortSignal;
  onProgress?: (p: ScanProgress) => void;
  /** Stop after this long (rules.ts MAX_SCAN_MS by default). */
  maxMs?: number;
}

interface Kept {
  finding: ScanFinding;
  token: FoundToken;
}

interface Session {
  scanId: string;
  controller: AbortController;
  startedAt: number;
  progress: ScanProgress;
  report: ScanReport | null;
  error: string | null;
  kept: Map<string, Kept>;
}

export class Scanner {
  private session: Session | null = null;

  constructor(
    private readonly parts: ScanParts,
    private readonly deps: ScanDeps = {},
  ) {}

  private now(): number {
    return this.parts.clock.now();
  }

  /** The starting points as real paths; a path that does not exist is refused by name. */
  private async roots(paths: readonly string[] | undefined): Promise<string[]> {
    const given = paths?.length ? paths : [this.parts.config.home];
    const expanded = given.map((p) => (p === '~' ? this.parts.config.home : p.startsWith('~/') ? path.join(this.parts.config.home, p.slice(2)) : path.resolve(p)));
    const missing = expanded.filter((p) => !fs.existsSync(p));
    if (missing.length) throw new VaultError('not-found', `Nothing to scan at ${missing.join(', ')}: no such file or folder.`);
    return resolveRoots(expanded);
  }

  /** Runs a scan to its end and keeps its findings (the previous scan's go). */
  async scan(req: ScanRequest = {}): Promise<ScanReport> {
    const roots = await this.roots(req.paths);
    this.session?.controller.abort();
    const s = this.newSession();
    const onAbort = () => s.controller.abort();
    req.signal?.addEventListener('abort', onAbort);
    try {
      return await this.run(s, roots, req);
    } finally {
      req.signal?.removeEventListener('abort', onAbort);
    }
  }

  private newSession(): Session {
    const s: Session = {
      scanId: randomUUID(),
      controller: new AbortController(),
      startedAt: this.now(),
      progress: { filesSeen: 0, filesRead: 0, found: 0, elapsedMs: 0 },
      report: null,
      error: null,
      kept: new Map(),
    };
    this.session = s;
    return s;
  }

  private async run(s: Session, roots: string[], req: ScanRequest): Promise<ScanReport> {
    const run = await runScan(roots, {
      signal: s.controller.signal,
      now: () => this.now(),
      ...(req.maxMs !== undefined ? { maxMs: req.maxMs } : {}),
      onProgress: (p) => {
        s.progress = p;
        req.onProgress?.(p);
      },
    });
    let holders: Array<TokenSummary | null> = run.found.map(() => null);
    let vaultProblem: string | undefined;
    try {
      holders = await this.parts.tokens.holders(run.found);
    } catch (err) {
      vaultProblem = `The vault's list could not be read, so whether it holds these tokens is not known: ${err instanceof Error ? err.message : 'error'}`;
    }
    const findings = run.found.map((token, n): ScanFinding => {
      const held = holders[n];
      const finding: ScanFinding = {
        id: randomUUID(),
        service: token.service,
        kind: token.kind,
        path: token.path,
        line: token.line,
        preview: maskedPreview(token.secret),
        inVault: held ? { id: held.id, label: held.label } : null,
      };
      if (token.where) finding.where = token.where;
      if (token.config && 'sections' in token.config) finding.configSections = token.config.sections;
      if (token.config && 'note' in token.config) finding.configNote = token.config.note;
      s.kept.set(finding.id, { finding, token });
      return finding;
    });
    const report: ScanReport = {
      scanId: s.scanId,
      roots,
      startedAt: new Date(s.startedAt).toISOString(),
      elapsedMs: run.elapsedMs,
      filesSeen: run.filesSeen,
      filesRead: run.filesRead,
      found: findings.length,
      skipped: run.skipped,
      stopped: run.stopped,
      findings,
    };
    if (vaultProblem) report.vaultProblem = vaultProblem;
    s.report = report;
    return report;
  }

  // --- the window's view of a scan: start, poll, cancel -------------------------------------------

  /** Starts a scan in the background (cancelling one still running) and answers at once. */
  async start(paths?: string[]): Promise<ScanStatus> {
    const roots = await this.roots(paths);
    this.session?.controller.abort();
    const s = this.newSession();
    this.run(s, roots, {}).catch((err: unknown) => {
      s.error = err instanceof Error ? err.message : 'The scan failed.';
    });
    return this.statusOf(s);
  }

  status(scanId: string): ScanStatus {
    return this.statusOf(this.sessionFor(scanId));
  }

  /** Stops the walk; the files read so far keep their findings. */
  cancel(scanId: string): ScanStatus {
    const s = this.sessionFor(scanId);
    s.controller.abort();
    return this.statusOf(s);
  }

  private sessionFor(scanId: string): Session {
    const s = this.session;
    if (!s || s.scanId !== scanId) throw new VaultError('not-found', 'That scan is no longer open (a newer scan replaced it). Scan again.');
    return s;
  }

  private statusOf(s: Session): ScanStatus {
    if (s.error) return { state: 'failed', scanId: s.scanId, message: s.error };
    if (s.report) return { state: 'done', ...s.report, findings: [...s.kept.values()].map((k) => k.finding) };
    const { filesSeen, filesRead, found } = s.progress;
    return { state: 'running', scanId: s.scanId, filesSeen, filesRead, found, elapsedMs: this.now() - s.startedAt };
  }

  // --- actions on one finding ---------------------------------------------------------------------

  private kept(findingId: string): Kept {
    const s = this.session;
    if (s?.report && this.now() - s.startedAt - s.report.elapsedMs > KEEP_MS) {
      s.kept.clear();
      this.session = null;
    }
    const k = this.session?.kept.get(findingId);
    if (!k) throw new VaultError('not-found', `That finding is no longer open: findings are kept until the next scan, for ${KEEP_MS / 60_000} minutes at most. Scan again.`);
    return k;
  }

  private async holder(k: Kept): Promise<TokenSummary | null> {
    const [held] = await this.parts.tokens.holders([k.token]);
    k.finding.inVault = held ? { id: held.id, label: held.label } : null;
    return held ?? null;
  }

  /** Adds a found token to the vault by the add form's rules (the service's add fields, checked
   * by its schema, then prepareAdd: the fields its kind takes), with what the value says about
   * itself (a Synapse token's scopes, record and user ids; a Syncano key's kind). `account` is
   * the add form's account field for the token's kind (a Synap token's Portal, which it needs). */
  async add(findingId: string, opts: { label?: string; account?: string } = {}): Promise<TokenSummary> {
    const k = this.kept(findingId);
    const { token } = k;
    const facts = serviceFacts(token.service);
    const field = facts.accountFields[token.kind];
    const account = opts.account?.trim();
    if (account && !field) throw fieldError('scanAddFinding', 'invalid-input', `A ${facts.name} token takes no account name.`, { account: 'Leave it empty.' });
    if (field?.required && !account) {
      throw fieldError('scanAddFinding', 'invalid-input', `Adding it needs the ${field.label.toLowerCase()}: ${field.hint}`, { account: 'Required.' });
    }
    const label = (opts.label?.trim() || `${SERVICE_NAMES[token.service]} token from ${path.basename(token.path)}:${token.line}`).slice(0, LABEL_MAX);
    const payload = { service: token.service, label, secret: token.secret, ...(account && field ? { [field.name]: account } : {}) };
    const parsed = ADD_INPUT[token.service].safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const key = issue.path[0] === 'label' ? 'label' : 'account';
      throw fieldError('scanAddFinding', 'invalid-input', issue.message, { [key]: issue.message });
    }
    const { secret, decoded, meta } = prepareAdd(addTokenRequest(parsed.data as AddInput));
    const stored = await this.parts.tokens.store(meta, secret, decoded);
    this.parts.activity.record('added', stored, `found by Scan in ${token.path} line ${token.line}`);
    k.finding.inVault = { id: stored.id, label: stored.label };
    return stored;
  }

  /** Takes a Synapse token out of the .synapseConfig (or backup) it was found in, exactly as
   * `synapse-config import --remove` does — only once the vault holds it, so it is not lost. */
  async removeFromConfig(findingId: string): Promise<ScanRemoveResult> {
    const k = this.kept(findingId);
    const config = k.token.config;
    if (!config) throw new VaultError('invalid-input', `${k.token.path} is not a .synapseConfig: Synvault does not change it. Open its folder and delete the token yourself.`);
    if ('note' in config) throw new VaultError('invalid-input', config.note);
    if (!(await this.holder(k))) {
      throw new VaultError('conflict', 'Add this token to the vault first: taking it out of the file before the vault holds it would lose it.');
    }
    const r = removeTokens(k.token.path, config.sections, { expectVersion: config.version });
    const { note, warnings } = describeRemoval(r);
    // Taken out: a second removal would find the file changed anyway.
    k.token.config = { note: `Already removed from [${r.removed.join('], [')}].` };
    delete k.finding.configSections;
    k.finding.configNote = k.token.config.note;
    return { removed: r.removed, note, warnings };
  }

  /** Asks the token's service whether it works. */
  async verify(findingId: string): Promise<ScanVerifyResult> {
    const k = this.kept(findingId);
    if (!this.deps.verify) throw new VaultError('internal', 'Verify is not available here.');
    const held = await this.holder(k);
    const { service, kind, secret, decoded } = k.token;
    return this.deps.verify({ findingId, service, kind, secret, decoded, vaultId: held?.id ?? null });
  }

  /** Shows the file in the file manager; the place is answered either way (the window shows it). */
  async openFolder(findingId: string): Promise<{ path: string; line: number; opened: boolean }> {
    const k = this.kept(findingId);
    const place = { path: k.token.path, line: k.token.line };
    if (!this.deps.openFolder) return { ...place, opened: false };
    try {
      await this.deps.openFolder(k.token.path);
      return { ...place, opened: true };
    } catch {
      return { ...place, opened: false };
    }
  }
}

export function scanHandlers(
  scanner: Scanner,
): HandlerGroup<'scanStart' | 'scanStatus' | 'scanCancel' | 'scanAddFinding' | 'scanRemoveFromConfig' | 'scanVerifyFinding' | 'scanOpenFolder'> {
  return {
    scanStart: ({ paths }) => scanner.start(paths),
    scanStatus: async ({ scanId }) => scanner.status(scanId),
    scanCancel: async ({ scanId }) => scanner.cancel(scanId),
    scanAddFinding: ({ findingId, label, account }) => scanner.add(findingId, { ...(label ? { label } : {}), ...(account ? { account } : {}) }),
    scanRemoveFromConfig: ({ findingId }) => scanner.removeFromConfig(findingId),
    scanVerifyFinding: ({ findingId }) => scanner.verify(findingId),
    scanOpenFolder: ({ findingId }) => scanner.openFolder(findingId),
  };
}
