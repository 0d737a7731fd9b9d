// @process: test
// `synvault exec` of a Synapse token checks ~/.synapseConfig the way synapseclient reads it: a
// profile that would supply its own token (or an empty one, or that does not exist) keeps the
// client from SYNAPSE_AUTH_TOKEN, so exec refuses (exit 3) and runs nothing; --ignore-config runs
// anyway. client_chain.py (the client's credential chain) confirms each verdict. The command
// runs in its own process against the test-session keychain, as a person would run it.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synvaultSync } from '../helpers/processes';
import { randomBytes } from 'node:crypto';
import { keytarKeychain } from '../../electron/core/keychain';
import { makeSynapsePat } from '../helpers/core';
import { clientChain, sha256, verdict } from '../synapse/client-chain';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-exec-'));
const home = path.join(dir, 'home');
const cfg = path.join(home, '.synapseConfig');
const marker = path.join(dir, 'ran');
const service = `SynvaultExecTest-${randomBytes(3).toString('hex')}`;
const env: NodeJS.ProcessEnv = { ...process.env, SYNVAULT_DATA_DIR: dir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: home };
delete env.SYNAPSE_PROFILE;
delete env.SYNAPSE_AUTH_TOKEN;

/** The vault's token (ada's) and another person's, found in the file. */
const VAULT = makeSynapsePat({ sub: '3400001', jti: '8201' }, ['view']);
const OTHER = makeSynapsePat({ sub: '3400002', jti: '8202' }, ['view']);
const OWNERS = [
  { token: VAULT, userName: 'ada' },
  { token: OTHER, userName: 'bob' },
];
const NAMES = { [sha256(VAULT)]: 'the vault token', [sha256(OTHER)]: "the file's token" };

/** The CLI in its own process, as a person or a script runs it, with this file's environment. */
const synvault = (args: string[], opts: { input?: string; env?: Record<string, string> } = {}) => synvaultSync(args, { ...env, ...opts.env }, opts.input);

/** A command that records that it ran, and what it was given (a digest, never the token). */
const CHILD = ['--', 'sh', '-c', `touch '${marker}'; printf '%s' "$SYNAPSE_AUTH_TOKEN" | sha256sum | cut -c1-64; echo "profile=$SYNAPSE_PROFILE"`];

function exec(extra: string[] = [], profileEnv?: string) {
  fs.rmSync(marker, { force: true });
  const r = synvault(['exec', 'mine', ...extra, ...CHILD], profileEnv === undefined ? {} : { env: { SYNAPSE_PROFILE: profileEnv } });
  return { ...r, ran: fs.existsSync(marker) };
}

/** What synapseclient (the `synapse` command line, SYNAPSE_PROFILE honoured) would log in with,
 * given what the child saw. */
function clientSees(profile: string | undefined, envToken: string | undefined = VAULT): string {
  const e: Record<string, string> = {};
  if (profile) e.SYNAPSE_PROFILE = profile;
  if (envToken) e.SYNAPSE_AUTH_TOKEN = envToken;
  return verdict(clientChain({ file: cfg, loginProfile: null, env: e, owners: OWNERS }), NAMES);
}

const write = (text: string) => fs.writeFileSync(cfg, text.split('<OTHER>').join(OTHER).split('<VAULT>').join(VAULT), { mode: 0o600 });

before(() => {
  fs.mkdirSync(home);
  const add = synvault(['add', 'synapse', '--label', 'mine', '--username', 'ada'], { input: VAULT });
  assert.equal(add.code, 0, add.err);
});
after(async () => {
  for (const e of await keytarKeychain(service).findAll()) await keytarKeychain(service).delete(e.account);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('exec refuses when the profile in force supplies a token, naming the file, the section and the fixes; nothing runs', () => {
  write('[authentication]\nusername = bob\nauthtoken = <OTHER>\n');
  // The client would indeed log in with the file's token, not the one exec hands over.
  assert.equal(clientSees(undefined), "file [authentication]: the file's token");
  const r = exec();
  assert.equal(r.code, 3);
  assert.equal(r.ran, false, 'the command ran');
  assert.equal(r.out, '');
  assert.ok(r.err.includes(`[authentication] of ${cfg} holds a token for profile "default"`), r.err);
  assert.match(r.err, /synapseclient reads the file before SYNAPSE_AUTH_TOKEN: the command would act as that token's owner, not with "mine"/);
  assert.match(r.err, /synvault synapse-config import --remove/);
  assert.match(r.err, /synvault exec mine --profile P -- … \(sets SYNAPSE_PROFILE=P\)/);
  assert.match(r.err, /--ignore-config/);
  assert.ok(!r.err.includes(OTHER) && !r.err.includes(VAULT));
  // The keychain was not read: no hand-over in the activity log.
  const log = fs.existsSync(path.join(dir, 'activity.jsonl')) ? fs.readFileSync(path.join(dir, 'activity.jsonl'), 'utf8') : '';
  assert.ok(!log.includes('handed-to-command'));
});

test('exec --ignore-config runs anyway, with the token in SYNAPSE_AUTH_TOKEN', () => {
  write('[authentication]\nusername = bob\nauthtoken = <OTHER>\n');
  const r = exec(['--ignore-config']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.ran, true);
  assert.equal(r.out.split('\n')[0], sha256(VAULT));
});

test('exec runs when the file holds no token for the profile (or there is no file), and the client then uses the vault token', () => {
  for (const text of [null, '[authentication]\nusername = ada\n\n[endpoints]\nrepoEndpoint = https://repo-prod.prod.sagebase.org/repo/v1\n', '[default]\nusername = ada\n\n[authentication]\nauthtoken = <OTHER>\n']) {
    if (text === null) fs.rmSync(cfg, { force: true });
    else write(text);
    const r = exec();
    assert.equal(r.code, 0, r.err);
    assert.equal(r.ran, true);
    assert.equal(r.out.split('\n')[0], sha256(VAULT));
    assert.equal(clientSees(undefined), 'env: the vault token');
  }
});

test('exec refuses a named profile that does not exist (the client raises); --profile with a profile holding no token runs', () => {
  write('[authentication]\nauthtoken = <OTHER>\n\n[profile clean]\nusername = ada\n');
  assert.equal(clientSees('lab'), "error: Profile 'lab' does not exist in the configuration file.");
  const missing = exec([], 'lab');
  assert.equal(missing.code, 3);
  assert.equal(missing.ran, false);
  assert.match(missing.err, /synapseclient would raise "Profile 'lab' does not exist in the configuration file\."/);
  assert.ok(missing.err.includes(`${cfg} has no [profile lab], or one with no setting, and the client does not fall back to SYNAPSE_AUTH_TOKEN for a named profile`), missing.err);
  assert.match(missing.err, /add \[profile lab\] with a setting such as "username = <your Synapse user name>"/);

  const ok = exec(['--profile', 'clean']);
  assert.equal(ok.code, 0, ok.err);
  assert.equal(ok.ran, true);
  const [digest, profileLine] = ok.out.trim().split('\n');
  assert.equal(digest, sha256(VAULT));
  assert.equal(profileLine, 'profile=clean');
  assert.equal(clientSees('clean'), 'env: the vault token');
  // A Python script calling login() without profile= would read "default" instead: said on stderr.
  assert.match(ok.err, /note: \[authentication\] of .* holds a token for profile "default"/);
  assert.equal(verdict(clientChain({ file: cfg, loginProfile: 'default', env: { SYNAPSE_PROFILE: 'clean', SYNAPSE_AUTH_TOKEN: VAULT }, owners: OWNERS }), NAMES), "file [authentication]: the file's token");

  // --profile naming a profile that holds a token is refused like the default one.
  write('[profile work]\nauthtoken = <OTHER>\n');
  const work = exec(['--profile', 'work']);
  assert.equal(work.code, 3);
  assert.ok(work.err.includes(`[profile work] of ${cfg} holds a token for profile "work" (SYNAPSE_PROFILE=work)`), work.err);
});

test('an empty authtoken left by an earlier "blank" is refused too; import --remove deletes it and exec then runs', () => {
  write('[authentication]\nusername = ada\nauthtoken =\n');
  assert.match(clientSees(undefined), /username does not match token profile/);
  const r = exec();
  assert.equal(r.code, 3);
  assert.match(r.err, /has an empty authtoken for profile "default": synapseclient then sends no token at all and never reads SYNAPSE_AUTH_TOKEN/);
  const fix = synvault(['synapse-config', 'import', '--blank']);
  assert.equal(fix.code, 0, fix.err);
  assert.match(fix.out, /\[authentication\] authtoken is empty/);
  assert.match(fix.out, /Removed the token from \[authentication\]/);
  assert.equal(fs.readFileSync(cfg, 'utf8'), '[authentication]\n');
  assert.equal(clientSees(undefined), 'env: the vault token');
  assert.equal(exec().code, 0);
});

test('the fix the refusal names works: import --remove moves the file\'s token into the vault, then exec runs as the vault token', () => {
  write('[authentication]\nusername = bob\nauthtoken = <OTHER>\n');
  assert.equal(exec().code, 3);
  const fix = synvault(['synapse-config', 'import', '--remove']);
  assert.equal(fix.code, 0, fix.err);
  assert.match(fix.out, /Imported "bob — \.synapseConfig \[authentication\]"/);
  assert.ok(!fs.readFileSync(cfg, 'utf8').includes(OTHER));
  const r = exec();
  assert.equal(r.code, 0, r.err);
  assert.equal(clientSees(undefined), 'env: the vault token');
});

test('a file configparser cannot parse is refused, saying why; --ignore-config runs', () => {
  write('authtoken = <OTHER>\n[authentication]\n');
  assert.equal(clientChain({ file: cfg, loginProfile: null, env: { SYNAPSE_AUTH_TOKEN: VAULT } }).error, 'ValueError');
  const r = exec();
  assert.equal(r.code, 3);
  assert.equal(r.ran, false);
  assert.ok(r.err.includes(`${cfg} cannot be parsed the way synapseclient reads it (line 1: a setting comes before any [section] header`), r.err);
  assert.ok(!r.err.includes(OTHER));
  assert.equal(exec(['--ignore-config']).code, 0);
  fs.rmSync(cfg);
});

test('exec --help documents the check, --profile and --ignore-config; --profile is refused for other services', () => {
  const h = synvault(['exec', '--help']);
  assert.match(h.out, /--ignore-config/);
  assert.match(h.out, /--profile P sets SYNAPSE_PROFILE=P/);
  assert.match(h.out, /exits with 3/);
  const add = synvault(['add', 'syncano', '--label', 'k'], { input: 'a'.repeat(40) });
  assert.equal(add.code, 0, add.err);
  const r = synvault(['exec', 'k', '--profile', 'x', '--', 'true']);
  assert.equal(r.code, 2);
  assert.match(r.err, /--profile is for Synapse tokens/);
});
