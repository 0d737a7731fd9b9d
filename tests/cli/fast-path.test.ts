// @process: test
// `synvault list`, `read` and `exec` have two ways to run: the fast path (electron/cli/fast.ts)
// and the full command line (cli.ts). Here they are run on the same vault and must agree — exit
// code, stdout, stderr, the activity log, what the command was given. Where the fast path does
// not take the case (a journal, a damaged catalog, a missing secret, no D-Bus) it must hand over
// having printed and recorded nothing, and the entry (what `synvault` runs) must then answer
// exactly as the full command line does. Secrets are compared by hash, never printed.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { runFast } from '../../electron/cli/fast';
import { runCli as runEntry } from '../../electron/cli/entry';
import { runCli as runFull } from '../../electron/cli/cli';
import { createCore } from '../../electron/core/app-core';
import { memoryClipboard } from '../../electron/core/clipboard';
import { loadConfig } from '../../electron/core/config';
import { keytarKeychain } from '../../electron/core/keychain';
import { Catalog, keychainAccountOf, type CatalogRecord } from '../../electron/core/catalog';
import { vaultLocation } from '../../electron/core/vault-location';
import { CANARIES, makeSynapsePat } from '../helpers/core';
import { cliPath } from '../helpers/processes';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-fast-'));
const dataDir = path.join(dir, 'vault');
const home = path.join(dir, 'home');
const marker = path.join(dir, 'child-saw');
const service = `SynvaultFastTest-${randomBytes(3).toString('hex')}`;
const env: NodeJS.ProcessEnv = { ...process.env, SYNVAULT_DATA_DIR: dataDir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: home, CHILD_SAW: marker };
delete env.SYNAPSE_PROFILE;
const OTHER = makeSynapsePat({ sub: '3400002', jti: '8202' }, ['view']);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const logFile = path.join(dataDir, 'activity.jsonl');
const cfg = path.join(home, '.synapseConfig');

before(async () => {
  fs.mkdirSync(home, { recursive: true });
  const core = createCore({ config: loadConfig(env), clipboard: memoryClipboard(), source: 'cli' });
  const adds = [
    { service: 'synapse', label: 'analysis', username: 'ada', secret: makeSynapsePat({ sub: '3400001', jti: '8201' }, ['view']) },
    { service: 'synap', label: 'shared', portal: 'Acme', secret: CANARIES.synap },
    { service: 'syncano', label: 'shared', instance: 'demo-inst', secret: CANARIES.syncanoApiKey },
    { service: 'syncano', label: 'Größe — ✓', email: 'ada@example.org', secret: CANARIES.syncanoAccountKey },
  ] as const;
  for (const input of adds) {
    const r = await core.dispatch('addToken', input);
    assert.ok(r.ok, r.ok ? '' : r.error.message);
  }
});
after(async () => {
  for (const e of await keytarKeychain(service).findAll()) await keytarKeychain(service).delete(e.account);
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  code: number | null;
  out: string;
  err: string;
  /** Activity log entries this run added, without their time. */
  log: unknown[];
  /** What the exec'd command recorded, or null when it did not run. */
  child: string | null;
}

const logLines = () => (fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean) : []);

async function run(how: (argv: string[], io: Parameters<typeof runFast>[1]) => Promise<number | null>, argv: string[], opts: { tty?: boolean } = {}): Promise<Outcome> {
  let out = '';
  let err = '';
  const stdout = Object.assign(new PassThrough(), { isTTY: opts.tty });
  const stderr = new PassThrough();
  stdout.on('data', (d) => (out += d));
  stderr.on('data', (d) => (err += d));
  fs.rmSync(marker, { force: true });
  const before = logLines().length;
  const code = await how(argv, { stdin: new PassThrough(), stdout, stderr, env });
  await new Promise((r) => setImmediate(r));
  const log = logLines()
    .slice(before)
    .map((l) => {
      const { at: _at, ...rest } = JSON.parse(l) as Record<string, unknown>;
      return rest;
    });
  return { code, out, err, log, child: fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : null };
}

/** Outcomes compared by hash where a secret may be in them. */
const digest = (o: Outcome) => ({ ...o, out: sha(o.out), child: o.child === null ? null : sha(o.child) });

/** Runs argv on the fast path and on the full command line; both must take it and agree. */
async function agree(argv: string[], opts: { tty?: boolean } = {}): Promise<Outcome> {
  const fast = await run(runFast, argv, opts);
  const full = await run(runFull, argv, opts);
  assert.notEqual(fast.code, null, `the fast path takes "${argv.join(' ')}"`);
  assert.deepEqual(digest(fast), digest(full), `"${argv.join(' ')}": fast and full agree`);
  for (const c of Object.values(CANARIES)) assert.ok(!fast.err.includes(c), 'no secret on stderr');
  return fast;
}

/** A snapshot of the data folder, to run the entry and the full command line on the same state. */
function snapshot(): () => void {
  const files = new Map(fs.readdirSync(dataDir).filter((n) => fs.statSync(path.join(dataDir, n)).isFile()).map((n) => [n, fs.readFileSync(path.join(dataDir, n))]));
  return () => {
    for (const n of fs.readdirSync(dataDir)) if (!files.has(n)) fs.rmSync(path.join(dataDir, n), { recursive: true, force: true });
    for (const [n, bytes] of files) fs.writeFileSync(path.join(dataDir, n), bytes, { mode: 0o600 });
  };
}

/** The fast path hands argv over with nothing printed or recorded; the entry then answers as the
 * full command line does on the same state. Returns that answer. */
async function handsOver(argv: string[], setUp: () => void | Promise<void>): Promise<Outcome> {
  const clean = snapshot();
  await setUp();
  const state = snapshot();
  const fast = await run(runFast, argv);
  assert.deepEqual(fast, { code: null, out: '', err: '', log: [], child: null }, `the fast path hands "${argv.join(' ')}" over untouched`);
  const viaEntry = await run(runEntry, argv);
  state();
  const full = await run(runFull, argv);
  clean();
  assert.deepEqual(digest(viaEntry), digest(full), `"${argv.join(' ')}": the entry answers as the full command line`);
  return full;
}

const CHILD = ['--', 'sh', '-c', 'printf "%s %s" "$SYNAPSE_AUTH_TOKEN$SYNAP_TOKEN$SYNCANO_API_KEY$MY_KEY" "$SYNAPSE_PROFILE" > "$CHILD_SAW"'];

test('on a clean vault: list (table, JSON, by service), read and exec give the same output, exit code and log', async () => {
  const table = await agree(['list']);
  assert.equal(table.code, 0);
  assert.match(table.out, /Größe — ✓/);
  assert.equal(table.log.length, 0, 'listing records nothing');
  const json = await agree(['list', '--json']);
  assert.equal((JSON.parse(json.out) as unknown[]).length, 4);
  await agree(['list', '--service', 'syncano', '--json']);
  assert.equal((await agree(['list', '--service', 'gitlab'])).code, 2);

  const read = await agree(['read', 'syncano/shared']);
  assert.equal(read.code, 0);
  assert.equal(sha(read.out), sha(CANARIES.syncanoApiKey));
  assert.deepEqual(read.log, [{ action: 'revealed', source: 'cli', tokenId: read.log.length ? (read.log[0] as { tokenId: string }).tokenId : '', label: 'shared', service: 'syncano' }]);

  const exec = await agree(['exec', 'synap/shared', ...CHILD]);
  assert.equal(exec.code, 0);
  assert.equal(sha(exec.child!), sha(`${CANARIES.synap} `));
  assert.deepEqual(exec.log.map((e) => (e as { action: string; detail: string }).action + ' ' + (e as { detail: string }).detail), ['handed-to-command in SYNAP_TOKEN']);
  const own = await agree(['exec', 'Größe — ✓', '--env', 'MY_KEY', ...CHILD]);
  assert.equal(sha(own.child!), sha(`${CANARIES.syncanoAccountKey} `));
  assert.equal((await agree(['exec', 'syncano/shared', '--env', '1BAD', ...CHILD])).code, 2);
  assert.equal((await agree(['exec', 'syncano/shared', '--', 'no-such-command-here'])).code, 127);
});

test('a name not found, or one that matches two tokens, is the same usage error on both paths', async () => {
  const unknown = await agree(['read', 'nope']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /No token is named "nope"/);
  const ambiguous = await agree(['exec', 'shared', ...CHILD]);
  assert.equal(ambiguous.code, 2);
  assert.match(ambiguous.err, /"shared" matches 2 tokens/);
  assert.equal(ambiguous.child, null);
  assert.equal((await agree(['read'])).code, 2);
  assert.equal((await agree(['exec', 'shared'])).code, 2);
  assert.equal((await agree(['exec', 'shared', '--env'])).code, 2);
});

test('read refuses a terminal (and --reveal prints there) the same way on both paths', async () => {
  const refused = await agree(['read', 'syncano/shared'], { tty: true });
  assert.equal(refused.code, 1);
  assert.match(refused.err, /Refusing to print "shared" to a terminal/);
  assert.equal(refused.out, '');
  assert.deepEqual(refused.log, []);
  const revealed = await agree(['read', 'syncano/shared', '--reveal'], { tty: true });
  assert.equal(sha(revealed.out), sha(`${CANARIES.syncanoApiKey}\n`));
});

test("exec of a Synapse token checks ~/.synapseConfig on both paths: refused (exit 3, nothing run) when the profile in force supplies a token", async () => {
  try {
    fs.writeFileSync(cfg, `[authentication]\nusername = bob\nauthtoken = ${OTHER}\n\n[profile clean]\nusername = ada\n`, { mode: 0o600 });
    const refused = await agree(['exec', 'analysis', ...CHILD]);
    assert.equal(refused.code, 3);
    assert.equal(refused.child, null, 'nothing ran');
    assert.deepEqual(refused.log, [], 'the keychain was not read');
    assert.ok(refused.err.includes(`[authentication] of ${cfg} holds a token for profile "default"`), refused.err);
    assert.ok(!refused.err.includes(OTHER));
    // Another profile runs, with the note about the default one, said once.
    const named = await agree(['exec', 'analysis', '--profile', 'clean', ...CHILD]);
    assert.equal(named.code, 0);
    assert.ok(named.child?.endsWith(' clean'));
    assert.equal(named.err.match(/note: \[authentication\]/g)?.length, 1, named.err);
    assert.equal((await agree(['exec', 'analysis', '--profile', 'lab', ...CHILD])).code, 3);
    assert.equal((await agree(['exec', 'analysis', '--ignore-config', ...CHILD])).code, 0);
    fs.writeFileSync(cfg, '[authentication\n', { mode: 0o600 });
    const unparseable = await agree(['exec', 'analysis', ...CHILD]);
    assert.equal(unparseable.code, 3);
    assert.match(unparseable.err, /cannot be parsed the way synapseclient reads it/);
  } finally {
    fs.rmSync(cfg, { force: true });
  }
  assert.equal((await agree(['exec', 'analysis', ...CHILD])).code, 0, 'no file: runs');
});

test('a pending journal is the full path’s: the fast path hands over and the entry finishes the change as the full command line does', async () => {
  const listed = await handsOver(['list'], () => {
    // An add that stopped after the keychain write: the secret is there, the catalog lacks it.
    const file = path.join(dataDir, 'catalog.json');
    const catalog = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: number; tokens: Array<{ label: string }> };
    const record = catalog.tokens.find((t) => t.label === 'analysis')!;
    fs.writeFileSync(file, JSON.stringify({ ...catalog, tokens: catalog.tokens.filter((t) => t !== record) }));
    fs.writeFileSync(path.join(dataDir, 'pending.json'), JSON.stringify({ op: 'add', record }));
  });
  assert.equal(listed.code, 0);
  assert.match(listed.out, /analysis/, 'the interrupted add was finished');
  // A temp file a crash left is the full path's too.
  await handsOver(['read', 'syncano/shared'], () => fs.writeFileSync(path.join(dataDir, '.catalog.json.0123456789ab.tmp'), '{'));
});

test('a corrupt catalog, or one damaged record, is rebuilt by the full path; the fast path hands over', async () => {
  const rebuilt = await handsOver(['list'], () => fs.writeFileSync(path.join(dataDir, 'catalog.json'), '{"version": 1, "tokens": [ {"id": tru'));
  assert.equal(rebuilt.code, 0);
  assert.match(rebuilt.out, /analysis/);
  await handsOver(['exec', 'syncano/shared', ...CHILD], () => {
    const file = path.join(dataDir, 'catalog.json');
    const catalog = JSON.parse(fs.readFileSync(file, 'utf8')) as { tokens: Array<Record<string, unknown>> };
    catalog.tokens[0]!.service = 'gitlab';
    fs.writeFileSync(file, JSON.stringify(catalog));
  });
  await handsOver(['list'], () => fs.rmSync(path.join(dataDir, 'catalog.json')));
});

test('a secret the keychain does not hold, or no D-Bus session, is worded by the full path (exit 1, exit 3)', async () => {
  const catalog = JSON.parse(fs.readFileSync(path.join(dataDir, 'catalog.json'), 'utf8')) as { tokens: CatalogRecord[] };
  const synap = { keychainAccount: keychainAccountOf(catalog.tokens.find((t) => t.service === 'synap')!) };
  const kc = keytarKeychain(service);
  const gone = await handsOver(['read', 'synap/shared'], async () => {
    await kc.delete(synap.keychainAccount);
  });
  await kc.set(synap.keychainAccount, CANARIES.synap);
  assert.equal(gone.code, 1);
  assert.match(gone.err, /holds no secret for "shared"/);

  const bus = process.env.DBUS_SESSION_BUS_ADDRESS;
  try {
    const noBus = await handsOver(['exec', 'synap/shared', ...CHILD], () => {
      delete process.env.DBUS_SESSION_BUS_ADDRESS;
    });
    assert.equal(noBus.code, 3);
    assert.match(noBus.err, /No usable Secret Service keychain on the session D-Bus \(no D-Bus session\)/);
    assert.equal(noBus.child, null);
  } finally {
    process.env.DBUS_SESSION_BUS_ADDRESS = bus;
  }
});

test('a temp file a crash left beside ~/.synapseConfig (it holds a token) goes at the start on both paths', async () => {
  for (const how of [runFast, runFull]) {
    const temps = ['..synapseConfig.0123456789ab.tmp', '..synapseConfig.backup2.0123456789ab.tmp'].map((n) => path.join(home, n));
    for (const t of temps) fs.writeFileSync(t, `[authentication]\nauthtoken = ${OTHER}\n`, { mode: 0o600 });
    const listed = await run(how, ['list']);
    assert.equal(listed.code, 0);
    for (const t of temps) assert.equal(fs.existsSync(t), false, `${path.basename(t)} is gone after ${how === runFast ? 'the fast path' : 'the full path'}`);
  }
});

test('--help and every other command go to the full command line', async () => {
  for (const argv of [['list', '--help'], ['read', '-h'], ['add', 'syncano'], ['remove', 'x'], ['--help'], []]) {
    assert.equal(await runFast(argv, { stdin: new PassThrough(), stdout: new PassThrough(), stderr: new PassThrough(), env }), null, argv.join(' '));
  }
});

test('on a real terminal (a pty from util-linux script), the built entry refuses read as the built full command line does; --reveal prints', (t) => {
  if (spawnSync('sh', ['-c', 'command -v script']).status !== 0) return t.skip('util-linux script is not installed: no pty to test with');
  const entry = cliPath();
  const full = path.join(path.dirname(entry), 'cli-full.js');
  const onTerminal = (cli: string, extra: string[]) => {
    const r = spawnSync('script', ['-qec', [process.execPath, cli, 'read', 'syncano/shared', ...extra].join(' ') + '; echo "exit=$?"', '/dev/null'], { env, encoding: 'utf8' });
    return r.stdout.split(CANARIES.syncanoApiKey).join('<the secret>');
  };
  const refused = onTerminal(entry, []);
  assert.match(refused, /Refusing to print "shared" to a terminal[^]*exit=1/);
  assert.equal(refused, onTerminal(full, []));
  const revealed = onTerminal(entry, ['--reveal']);
  assert.match(revealed, /^<the secret>\r?\nexit=0/);
  assert.equal(revealed, onTerminal(full, ['--reveal']));
});

test('the built entry is small, loads no zod, and answers as the built full command line', () => {
  const entry = cliPath();
  const full = path.join(path.dirname(entry), 'cli-full.js');
  const size = fs.statSync(entry).size;
  assert.ok(size < 80_000, `dist/cli.js is ${size} bytes; the fast entry must stay small`);
  assert.doesNotMatch(fs.readFileSync(entry, 'utf8'), /ZodObject|\$ZodType/);
  for (const argv of [['list', '--json'], ['read', 'syncano/shared'], ['read', 'shared'], ['exec', 'synap/shared', ...CHILD]]) {
    const a = spawnSync(process.execPath, [entry, ...argv], { env, encoding: 'utf8' });
    const b = spawnSync(process.execPath, [full, ...argv], { env, encoding: 'utf8' });
    assert.deepEqual([a.status, sha(a.stdout), a.stderr], [b.status, sha(b.stdout), b.stderr], argv.join(' '));
  }
  // Megabytes through a pipe, all of them: the entry writes to the descriptor itself, where
  // process.stdout's write to a pipe the reader has not emptied yet is cut off by the exit.
  const big = path.join(dir, 'big');
  fs.mkdirSync(big);
  const records = Array.from({ length: 5000 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    service: 'syncano' as const,
    kind: 'syncano-api-key' as const,
    label: `token ${i} — ✓`,
    preview: 'abcd…wxyz',
    addedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    keychainAccount: `synvault1:${i}:e30`,
  }));
  new Catalog(big).save(records);
  const bigEnv = { ...env, SYNVAULT_DATA_DIR: big };
  const listed = spawnSync(process.execPath, [entry, 'list', '--json'], { env: bigEnv, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  assert.equal(listed.status, 0, listed.stderr);
  assert.ok(listed.stdout.length > 1_000_000, `${listed.stdout.length} characters`);
  assert.equal(listed.stdout, JSON.stringify(records.map(({ keychainAccount: _k, ...summary }) => summary), null, 2) + '\n');
});

test('the built entry loads no Node built-in its command does not use (each is start-up time)', () => {
  const entry = cliPath();
  // Which of Node's own modules the run loaded, read just before it would exit.
  const probe = path.join(dir, 'loaded-builtins.js');
  fs.writeFileSync(
    probe,
    `const cli = require(process.argv[2]);
cli.runCli(process.argv.slice(3), cli.processIo).then((code) => {
  const loaded = process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13));
  require('node:fs').writeSync(2, JSON.stringify({ code, loaded }));
});
`,
  );
  // node:module (createRequire) and node:os (homedir) included: Node has not loaded them at start.
  const unused = ['module', 'os', 'crypto', 'child_process', 'net', 'tty', 'stream', 'vm'];
  const homeFromEnv: NodeJS.ProcessEnv = { ...env, HOME: home };
  delete homeFromEnv.SYNVAULT_HOME;
  for (const [argv, runEnv] of [
    [['list'], env],
    [['list', '--json'], homeFromEnv],
    [['read', 'syncano/shared'], env],
    [['read', 'syncano/shared'], homeFromEnv],
  ] as const) {
    const r = spawnSync(process.execPath, [probe, entry, ...argv], { env: runEnv, encoding: 'utf8' });
    const { code, loaded } = JSON.parse(r.stderr) as { code: number; loaded: string[] };
    assert.equal(code, 0, argv.join(' '));
    assert.deepEqual(loaded.filter((m) => unused.includes(m)), [], `${argv.join(' ')} loads only what it uses`);
  }
  // $HOME stands in for os.homedir(), which reads it first.
  if (process.platform !== 'win32') assert.equal(vaultLocation({}).home, os.homedir());
});
