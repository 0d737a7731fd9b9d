// @process: test
// A vault on real files and the real (test-session) keychain, with a fake clock and an
// in-memory clipboard — the two ports that have no real counterpart in a headless test.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createCore, type Core } from '../../electron/core/app-core';
import { memoryClipboard, type Clock } from '../../electron/core/clipboard';
import { loadConfig, type Config } from '../../electron/core/config';
import { keytarKeychain, type KeychainPort } from '../../electron/core/keychain';
import type { Method, Input, Output } from '../../electron/shared/contract';

export class FakeClock implements Clock {
  t = Date.parse('2026-11-22T10:00:00Z');
  private timers: Array<{ at: number; fn: () => unknown; live: boolean }> = [];
  now() {
    return this.t;
  }
  setTimeout(fn: () => unknown, ms: number) {
    const timer = { at: this.t + ms, fn, live: true };
    this.timers.push(timer);
    return () => {
      timer.live = false;
    };
  }
  /** Runs the timers that are due at once; await it to also let async timers (the clipboard
   * clear) finish. */
  async advance(ms: number): Promise<void> {
    this.t += ms;
    const results: unknown[] = [];
    for (const timer of this.timers.filter((x) => x.live && x.at <= this.t)) {
      timer.live = false;
      results.push(timer.fn());
    }
    await Promise.all(results);
  }
}

export interface TestVault {
  core: Core;
  config: Config;
  dir: string;
  clipboard: ReturnType<typeof memoryClipboard>;
  clock: FakeClock;
  keychain: KeychainPort;
  /** Calls a contract method through the dispatcher and returns its value, throwing on error. */
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  /** Same, but returns the raw result. */
  raw<M extends Method>(method: M, input: Input<M>): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string; fields?: Record<string, string> } }>;
  /** Another core on the same folder and keychain (as after a restart). */
  reopen(): TestVault;
  cleanup(): Promise<void>;
}

export function makeTestVault(opts: { env?: Record<string, string>; keychain?: KeychainPort; dir?: string; service?: string; source?: 'app' | 'cli' } = {}): TestVault {
  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-core-'));
  const service = opts.service ?? `SynvaultTest-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({ SYNVAULT_DATA_DIR: dir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: path.join(dir, 'home'), ...opts.env });
  fs.mkdirSync(config.home, { recursive: true });
  const clipboard = memoryClipboard();
  const clock = new FakeClock();
  const keychain = opts.keychain ?? keytarKeychain(service);
  const core = createCore({ config, clipboard, clock, keychain, source: opts.source ?? 'app' });
  const tv: TestVault = {
    core,
    config,
    dir,
    clipboard,
    clock,
    keychain,
    async call(method, input) {
      const r = await core.dispatch(method, input);
      if (!r.ok) throw Object.assign(new Error(`${method} failed: ${r.error.code}: ${r.error.message}`), { info: r.error });
      return r.value as never;
    },
    raw: (method, input) => core.dispatch(method, input) as never,
    reopen: () => makeTestVault({ ...opts, dir, service, keychain }),
    async cleanup() {
      try {
        for (const e of await keytarKeychain(service).findAll()) await keytarKeychain(service).delete(e.account);
      } catch {
        /* keychain unavailable in that test */
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return tv;
}

/** Builds an unsigned JWT shaped like a Synapse PAT (tests only; the signature is not checked locally). */
export function makeSynapsePat(claims: Record<string, unknown> = {}, scopes = ['view', 'download', 'modify']): string {
  const b = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const payload = {
    iss: 'https://repo-prod.prod.sagebase.org/auth/v1',
    aud: '0',
    nbf: 1763000000,
    iat: 1763000000,
    jti: String(1000 + Math.floor(Math.random() * 9000)),
    sub: '3400001',
    token_type: 'PERSONAL_ACCESS_TOKEN',
    access: { scope: scopes, oidc_claims: {} },
    ...claims,
  };
  return `${b({ alg: 'RS256', typ: 'JWT', kid: 'test' })}.${b(payload)}.${randomBytes(32).toString('base64url')}`;
}

export const hexKey = (parity: 'even' | 'odd'): string => {
  const body = randomBytes(20).toString('hex').slice(0, 39);
  return body + (parity === 'even' ? '4' : 'b');
};

export const CANARIES = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'canaries.json'), 'utf8')) as {
  synapse: string;
  synap: string;
  syncanoApiKey: string;
  syncanoAccountKey: string;
};

/** Every file under dir, recursively, with its bytes. */
export function readTree(dir: string): Array<{ file: string; text: string }> {
  const out: Array<{ file: string; text: string }> = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...readTree(p));
    else if (e.isFile()) out.push({ file: p, text: fs.readFileSync(p, 'latin1') });
  }
  return out;
}
