// @process: test
// The synvault command against the real test-session keychain, run as a person or a script
// would run it: a separate process, secrets on stdin, results on stdout and exit codes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { synvaultSync } from '../helpers/processes';
import { createHash, randomBytes } from 'node:crypto';
import { runCli } from '../../electron/cli/cli';
import { keytarKeychain } from '../../electron/core/keychain';
import { CANARIES } from '../helpers/core';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-cli-'));
const service = `SynvaultCliTest-${randomBytes(3).toString('hex')}`;
const env = { ...process.env, SYNVAULT_DATA_DIR: dir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: dir };
after(async () => {
  for (const e of await keytarKeychain(service).findAll()) await keytarKeychain(service).delete(e.account);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The CLI in its own process, as a person or a script runs it, with this file's environment. */
const synvault = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) => synvaultSync(args, { ...env, ...opts.env }, opts.input);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

test('add reads the secret from stdin, refuses it as an argument, and checks it like the window', () => {
  const ok = synvault(['add', 'synapse', '--label', 'analysis', '--username', 'ada'], { input: `${CANARIES.synapse}\n` });
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /Added Synapse Personal access token "analysis"/);
  const asArg = synvault(['add', 'syncano', '--label', 'x', CANARIES.syncanoApiKey]);
  assert.equal(asArg.code, 2);
  assert.match(asArg.err, /never taken as an argument/);
  const bad = synvault(['add', 'syncano', '--label', 'x'], { input: 'abc\n' });
  assert.equal(bad.code, 1);
  assert.match(bad.err, /exactly 40 hexadecimal characters; this one has 3/);
  const synap = synvault(['add', 'synap', '--label', 'shared', '--portal', 'Acme', '--subject-user', 'u-17'], { input: CANARIES.synap });
  assert.equal(synap.code, 0, synap.err);
  const key = synvault(['add', 'syncano', '--label', 'shared', '--instance', 'demo-inst'], { input: CANARIES.syncanoApiKey });
  assert.equal(key.code, 0, key.err);
});

test('list shows every token masked, filters by service, and speaks JSON', () => {
  const all = synvault(['list']);
  assert.equal(all.code, 0);
  assert.match(all.out, /analysis/);
  assert.match(all.out, /demo-inst/);
  for (const c of Object.values(CANARIES)) assert.ok(!all.out.includes(c), 'no secret in the list');
  const only = synvault(['list', '--service', 'syncano', '--json']);
  const rows = JSON.parse(only.out) as Array<{ service: string; label: string; preview: string }>;
  assert.deepEqual(rows.map((r) => `${r.service}/${r.label}`), ['syncano/shared']);
  assert.equal(rows[0]!.preview, `${CANARIES.syncanoApiKey.slice(0, 4)}…${CANARIES.syncanoApiKey.slice(-4)}`);
  assert.equal(synvault(['list', '--service', 'gitlab']).code, 2);
});

test('exec hands the token to a real consumer in its variable and returns its exit code', () => {
  // python3 reads SYNAPSE_AUTH_TOKEN the way the Synapse client does; it prints only the length and a hash.
  const py = "import os,sys,hashlib; v=os.environ.get('SYNAPSE_AUTH_TOKEN'); print('set' if v else 'unset', len(v or ''), hashlib.sha256((v or '').encode()).hexdigest(), os.environ.get('SYNAPSE_PROFILE')); sys.exit(7)";
  // Profile "lab" must exist for the client to get as far as the variable (a section with a key and no token).
  const cfg = path.join(dir, '.synapseConfig');
  fs.writeFileSync(cfg, '[profile lab]\nusername = ada\n');
  const r = synvault(['exec', 'analysis', '--', 'python3', '-c', py], { env: { SYNAPSE_PROFILE: 'lab' } });
  fs.rmSync(cfg);
  assert.equal(r.code, 7, r.err);
  assert.equal(r.out.trim(), `set ${CANARIES.synapse.length} ${sha(CANARIES.synapse)} lab`);
  const own = synvault(['exec', 'syncano/shared', '--env', 'MY_KEY', '--', 'sh', '-c', 'echo "${MY_KEY:+set} ${#MY_KEY} ${SYNCANO_API_KEY:-none}"']);
  assert.equal(own.code, 0);
  assert.equal(own.out.trim(), 'set 40 none');
  const synap = synvault(['exec', 'synap/shared', '--', 'sh', '-c', 'echo ${#SYNAP_TOKEN}']);
  assert.equal(synap.out.trim(), String(CANARIES.synap.length));
  const missing = synvault(['exec', 'analysis', '--', 'no-such-command-here']);
  assert.equal(missing.code, 127);
  assert.match(missing.err, /Command not found/);
});

test('exec passes a signal through: the command killed by SIGTERM ends synvault the same way', () => {
  const r = synvault(['exec', 'analysis', '--', 'sh', '-c', 'kill -TERM $$']);
  assert.ok(r.signal === 'SIGTERM' || r.code === 143, `ended by ${r.signal ?? r.code}`);
});

test('read prints to a pipe, refuses a terminal unless --reveal', async () => {
  const piped = synvault(['read', 'syncano/shared']);
  assert.equal(piped.code, 0);
  assert.equal(sha(piped.out), sha(CANARIES.syncanoApiKey));

  const io = () => {
    const stdout = Object.assign(new PassThrough(), { isTTY: true });
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    stderr.on('data', (d) => (err += d));
    return { io: { stdin: new PassThrough(), stdout, stderr, env }, text: () => ({ out, err }) };
  };
  const tty = io();
  assert.equal(await runCli(['read', 'syncano/shared'], tty.io), 1);
  assert.match(tty.text().err, /Refusing to print "shared" to a terminal/);
  assert.equal(tty.text().out, '');
  const revealed = io();
  assert.equal(await runCli(['read', 'syncano/shared', '--reveal'], revealed.io), 0);
  assert.equal(sha(revealed.text().out.trim()), sha(CANARIES.syncanoApiKey));
});

test('an ambiguous or unknown name lists the candidates and exits 2', () => {
  const amb = synvault(['read', 'shared']);
  assert.equal(amb.code, 2);
  assert.match(amb.err, /"shared" matches 2 tokens/);
  assert.match(amb.err, /synap\/shared/);
  assert.match(amb.err, /syncano\/shared/);
  const unknown = synvault(['exec', 'analysys', '--', 'true']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /No token is named "analysys"/);
  for (const c of Object.values(CANARIES)) assert.ok(!amb.err.includes(c) && !unknown.err.includes(c));
});

test('every command has --help, and the actions land in the activity log as from the command line', () => {
  for (const cmd of ['add', 'list', 'exec', 'read', 'synapse-config']) {
    const h = synvault([cmd, '--help']);
    assert.equal(h.code, 0);
    assert.match(h.out, new RegExp(`synvault ${cmd}`));
  }
  const log = fs.readFileSync(path.join(dir, 'activity.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(log.length >= 5);
  assert.ok(log.every((e) => e.source === 'cli'));
  assert.ok(log.some((e) => e.action === 'handed-to-command' && e.label === 'analysis' && e.detail === 'in SYNAPSE_AUTH_TOKEN'));
  for (const c of Object.values(CANARIES)) assert.ok(!JSON.stringify(log).includes(c));
});

test('synapse-config export then import round-trips with the Synapse rules, as configparser reads it', async () => {
  const { pyRead } = await import('../synapse/py-configparser');
  const cfg = path.join(dir, 'lab.synapseConfig');
  // A file with someone else's sections and a stale username in [authentication].
  fs.writeFileSync(cfg, '# my settings\n[authentication]\nusername = someone-else\n\n[endpoints]\nrepoEndpoint = https://repo-staging.prod.sagebase.org/repo/v1\n', { mode: 0o600 });
  const before = fs.readFileSync(cfg, 'utf8');
  const refused = synvault(['synapse-config', 'export', 'analysis', '--file', cfg]);
  assert.equal(refused.code, 1);
  // Added with --username ada, never verified: that name is only a hint, so Synvault cannot tell
  // whether someone-else is the owner (tests/cli/verify.test.ts verifies, then writes the name).
  assert.match(refused.err, /\[authentication\] holds the credentials of someone-else .*this token's owner is not known \(verify the token to learn it\).*Nothing was changed.*--replace-other-user/s);
  assert.equal(fs.readFileSync(cfg, 'utf8'), before, 'a refused export changed the file');
  const out = synvault(['synapse-config', 'export', 'analysis', '--file', cfg, '--replace-other-user']);
  assert.equal(out.code, 0, out.err);
  // Every key it changes, masked, before it writes.
  assert.match(out.out, /^\[authentication\] username: someone-else → \(removed\)$/m);
  assert.match(out.err, /owner is not known \(verify it first to learn it\), so username is left out/);
  assert.match(out.out, new RegExp(`^\\[authentication\\] authtoken: \\(none\\) → ${CANARIES.synapse.slice(0, 4)}…${CANARIES.synapse.slice(-4)}$`, 'm'));
  assert.match(out.out, /Wrote "analysis" to .*lab\.synapseConfig \(\[authentication\]\); profile "default" reads it back/);
  assert.match(out.out, /kept as .*lab\.synapseConfig\.backup/);
  const text = fs.readFileSync(cfg, 'utf8');
  assert.ok(text.startsWith('# my settings\n[authentication]\nauthtoken = '), 'the other user\'s name is gone, the token in its place');
  assert.doesNotMatch(text, /username/, 'no unconfirmed name is written');
  assert.match(text, /\[endpoints\]\nrepoEndpoint = https:\/\/repo-staging/);
  const py = pyRead(cfg, 'default');
  assert.equal(py.modern?.section, 'authentication');
  assert.equal(py.modern?.authtoken?.sha, sha(CANARIES.synapse));

  const named = synvault(['synapse-config', 'export', 'analysis', '--file', cfg, '--profile', 'lab']);
  assert.equal(named.code, 0, named.err);
  assert.match(named.out, /synapseclient 4\.9/);
  assert.equal(pyRead(cfg, 'lab').modern?.section, 'profile lab');
  assert.equal(pyRead(cfg, 'lab').modern?.authtoken?.sha, sha(CANARIES.synapse));

  // A Syncano key has no place in .synapseConfig.
  assert.equal(synvault(['synapse-config', 'export', 'syncano/shared', '--file', cfg]).code, 2);

  // The original vault sees its token already there.
  const again = synvault(['synapse-config', 'import', '--file', cfg]);
  assert.match(again.out, /already in the vault as "analysis"/);
  assert.match(again.out, /Nothing to import/);

  // Import into a fresh vault: both sections carry the token; it is imported once, then emptied in the file.
  const other = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-cli-import-'));
  const otherService = `${service}-import`;
  const imp = synvault(['synapse-config', 'import', '--file', cfg, '--remove'], { env: { SYNVAULT_DATA_DIR: other, SYNVAULT_KEYCHAIN_SERVICE: otherService } });
  assert.equal(imp.code, 0, imp.err);
  assert.match(imp.out, /not in the vault/);
  assert.match(imp.out, /Imported "/);
  assert.match(imp.out, /Removed the token from \[authentication\], \[profile lab\]; the keychain keeps it\./);
  assert.match(imp.out, /Profile "default" now finds no token in the file \(\[authentication\]\), so synapseclient uses SYNAPSE_AUTH_TOKEN/);
  // [profile lab] held only the token (no confirmed owner name was written): emptied, the client
  // would call the profile missing, and the person is told how to keep it.
  assert.match(imp.err, /warning: \[profile lab\] is now empty, and synapseclient treats an empty profile as missing.*Add a line "username = <your Synapse user name>" under \[profile lab\]/);
  const listed = JSON.parse(synvault(['list', '--json'], { env: { SYNVAULT_DATA_DIR: other, SYNVAULT_KEYCHAIN_SERVICE: otherService } }).out) as Array<{ recordId: string; userId: string }>;
  assert.equal(listed.length, 1);
  assert.equal(listed[0]!.recordId, '7001');
  assert.equal(listed[0]!.userId, '3450001');
  assert.ok(!fs.readFileSync(cfg, 'utf8').includes(CANARIES.synapse), 'the plaintext token is gone from the file');
  for (const e of await keytarKeychain(otherService).findAll()) await keytarKeychain(otherService).delete(e.account);
  fs.rmSync(other, { recursive: true, force: true });
});
