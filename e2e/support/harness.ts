// @process: test
// Starts the browser harness (dist/harness.js) for one spec with its own data folder, keychain
// service, home and in-memory clipboard, and tears all of it down again. Every spec that drives
// the window through Chromium uses this.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const harnessJs = path.join(root, 'dist', 'harness.js');

export interface HarnessOptions {
  /** Extra environment, e.g. SYNVAULT_SYNCANO_ENDPOINT of a fake server. */
  env?: Record<string, string>;
  /** Reuse a data folder (e.g. to prepare a catalog before start); default a fresh temp folder. */
  dataDir?: string;
  /** Reuse a keychain service name (to restart over the same vault); default a unique one. */
  keychainService?: string;
  /** A command the harness runs under, e.g. a D-Bus session with a locked keyring of its own;
   * `node dist/harness.js` is appended to it. */
  wrap?: string[];
}

export interface Harness {
  /** The page URL including the per-launch token. */
  url: string;
  origin: string;
  dataDir: string;
  home: string;
  keychainService: string;
  /** What the harness's in-memory clipboard holds now. */
  readClipboard(): Promise<string>;
  /** Makes the keychain refuse every write from now on (as a locked one does), or take them again. */
  refuseKeychainWrites(refuse: boolean): Promise<void>;
  /** Everything the harness printed so far (stdout + stderr), for checks that nothing leaked. */
  output(): string;
  /** Stops the server, then deletes this service's keychain entries and the temp folders —
   * unless `keep` is set (to start a second harness over the same vault). */
  stop(options?: { keep?: boolean }): Promise<void>;
}

interface Keytar {
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

/** Deletes every keychain entry of a (test) service. */
export async function clearKeychainService(service: string): Promise<void> {
  const keytar = createRequire(__filename)('keytar') as Keytar;
  const creds = await keytar.findCredentials(service);
  for (const c of creds) await keytar.deletePassword(service, c.account);
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  if (!fs.existsSync(harnessJs)) {
    throw new Error(`${path.relative(root, harnessJs)} is missing: run \`node scripts/build.mjs\` before the end-to-end tests (npm test does).`);
  }
  const ownDataDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-e2e-data-'));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-e2e-home-'));
  const keychainService = opts.keychainService ?? `synvault-e2e-${randomBytes(6).toString('hex')}`;

  const [cmd, ...args] = [...(opts.wrap ?? []), process.execPath, harnessJs];
  const child: ChildProcess = spawn(cmd!, args, {
    cwd: root,
    env: {
      ...process.env,
      SYNVAULT_HARNESS_PORT: '0',
      SYNVAULT_DATA_DIR: dataDir,
      SYNVAULT_KEYCHAIN_SERVICE: keychainService,
      SYNVAULT_HOME: home,
      SYNVAULT_TEST_CLIPBOARD: '1',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The harness printed no URL within 20 s. Output:\n${out}`)), 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Synvault harness: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The harness exited (code ${code}) before printing its URL. Output:\n${out}`));
    });
  });
  const parsed = new URL(url);
  const token = parsed.searchParams.get('token')!;

  let stopped = false;
  return {
    url,
    origin: parsed.origin,
    dataDir,
    home,
    keychainService,
    async readClipboard() {
      const res = await fetch(`${parsed.origin}/__test__/clipboard?token=${token}`);
      if (!res.ok) throw new Error(`The harness clipboard answered ${res.status}.`);
      return ((await res.json()) as { text: string }).text;
    },
    async refuseKeychainWrites(refuse: boolean) {
      const res = await fetch(`${parsed.origin}/__test__/keychain?token=${token}&refuse-writes=${refuse ? 1 : 0}`, { method: 'PUT' });
      if (!res.ok) throw new Error(`The harness keychain switch answered ${res.status}.`);
    },
    output: () => out,
    async stop({ keep = false } = {}) {
      if (stopped) return;
      stopped = true;
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(home, { recursive: true, force: true });
      if (keep) return;
      await clearKeychainService(keychainService);
      if (ownDataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
