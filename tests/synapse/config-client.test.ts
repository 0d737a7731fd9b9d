// @process: test
// What synapseclient really does with the .synapseConfig Synvault reads and writes, judged by
// client_chain.py (the client's credential chain over the real configparser): the chain's own
// facts, our profile rules against it on a corpus, import with removal, export to default and
// named profiles, and export over another user's section. Tokens go to Python on stdin; only
// digests come back, and assertions name tokens by role ("vault", "file"), never by value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeSynapsePat, makeTestVault } from '../helpers/core';
import { VaultError } from '../../electron/shared/errors';
import { daysLeft } from '../../electron/core/services/synapse/actions';
import { exportToken, parseConfig, planExport, profileOutcome, removeTokens, resolveProfile } from '../../electron/core/services/synapse/config';
import { clientChain, sha256, verdict, type ChainRequest } from './client-chain';

const ADA = makeSynapsePat({ sub: '3400001', jti: '8101' }, ['view', 'download']);
const BOB = makeSynapsePat({ sub: '3400002', jti: '8102' }, ['view']);
const LEAK = makeSynapsePat({ sub: '3400003', jti: '8103' }, ['view']);
const OWNERS = [
  { token: ADA, userName: 'ada', emails: ['ada@example.org'] },
  { token: BOB, userName: 'bob', emails: ['bob@example.org'] },
  { token: LEAK, userName: 'carol', emails: [] },
];
const NAMES = { [sha256(ADA)]: 'ada', [sha256(BOB)]: 'bob', [sha256(LEAK)]: 'carol' };
const fill = (s: string) => s.split('<ADA>').join(ADA).split('<BOB>').join(BOB).split('<LEAK>').join(LEAK);

function tmp(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-client-'));
}

function withFile<T>(text: string | null, fn: (file: string, home: string) => T): T {
  const home = tmp();
  try {
    const file = path.join(home, '.synapseConfig');
    if (text !== null) fs.writeFileSync(file, fill(text));
    return fn(file, home);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** What the client logs in with: the `synapse` command line with SYNAPSE_PROFILE (loginProfile
 * null), or login(profile=...). SYNAPSE_AUTH_TOKEN holds ada's token unless told otherwise. */
function client(file: string, opts: Partial<ChainRequest> & { profileEnv?: string; envToken?: string | null } = {}): string {
  const env: ChainRequest['env'] = {};
  if (opts.profileEnv !== undefined) env.SYNAPSE_PROFILE = opts.profileEnv;
  if (opts.envToken !== null) env.SYNAPSE_AUTH_TOKEN = opts.envToken ?? ADA;
  return verdict(clientChain({ file, loginProfile: opts.loginProfile === undefined ? null : opts.loginProfile, env, owners: OWNERS, legacy: !!opts.legacy }), NAMES);
}

// --- the chain itself, fact by fact (reference: "Which section supplies credentials", "Credential sources")

test('client chain: a token in the file wins over SYNAPSE_AUTH_TOKEN; no token in the file hands over to it', () => {
  withFile('[authentication]\nauthtoken = <BOB>\n', (f) => assert.equal(client(f), 'file [authentication]: bob'));
  withFile('[authentication]\nusername = bob\n', (f) => assert.equal(client(f), 'env: ada'));
  withFile(null, (f) => assert.equal(client(f), 'env: ada'));
  withFile(null, (f) => assert.equal(client(f, { envToken: null }), 'error: No valid authentication credentials provided.'));
});

test('client chain: profile default reads [default] when it has a key, else [authentication]', () => {
  withFile('[default]\n\n[authentication]\nauthtoken = <BOB>\n', (f) => assert.equal(client(f), 'file [authentication]: bob'));
  withFile('[default]\nusername = ada\n\n[authentication]\nauthtoken = <BOB>\n', (f) => assert.equal(client(f), 'env: ada'));
  withFile('[default]\nauthtoken = <ADA>\n\n[authentication]\nauthtoken = <BOB>\n', (f) => {
    assert.equal(client(f), 'file [default]: ada');
    assert.equal(client(f, { legacy: true }), 'file [authentication]: bob', 'clients before 4.9 read [authentication] only');
  });
});

test('client chain: a named profile that is missing or empty raises, with no fallback — even with no file at all', () => {
  const missing = "error: Profile 'x' does not exist in the configuration file.";
  withFile('[authentication]\nauthtoken = <BOB>\n', (f) => assert.equal(client(f, { profileEnv: 'x' }), missing));
  withFile('[authentication]\nauthtoken = <BOB>\n\n[profile x]\n', (f) => assert.equal(client(f, { profileEnv: 'x' }), missing));
  withFile(null, (f) => assert.equal(client(f, { profileEnv: 'x' }), missing));
  withFile('[profile x]\nusername = ada\n', (f) => assert.equal(client(f, { profileEnv: 'x' }), 'env: ada'));
  // The Python API's login() defaults to profile="default" and then ignores SYNAPSE_PROFILE.
  withFile('[authentication]\nauthtoken = <BOB>\n', (f) => assert.equal(client(f, { profileEnv: 'x', loginProfile: 'default' }), 'file [authentication]: bob'));
});

test('client chain: an empty authtoken sends no token and never reaches SYNAPSE_AUTH_TOKEN; with a username it fails the check', () => {
  withFile('[authentication]\nauthtoken =\n', (f) => assert.equal(client(f), 'none (empty token from file [authentication])'));
  withFile('[authentication]\nusername = ada\nauthtoken =\n', (f) => assert.match(client(f), /username does not match token profile/));
});

test('client chain: [DEFAULT] leaks into every section, so an otherwise empty [profile x] exists and gets its token', () => {
  withFile('[DEFAULT]\nauthtoken = <LEAK>\n\n[profile x]\n', (f) => assert.equal(client(f, { profileEnv: 'x' }), 'file [profile x]: carol'));
  withFile('[DEFAULT]\ncache = 1\n\n[profile x]\n', (f) => assert.equal(client(f, { profileEnv: 'x' }), 'env: ada'));
});

test('client chain: username must equal the owner\'s userName or an e-mail, exactly', () => {
  withFile('[authentication]\nusername = bob\nauthtoken = <BOB>\n', (f) => assert.equal(client(f), 'file [authentication]: bob'));
  withFile('[authentication]\nusername = bob@example.org\nauthtoken = <BOB>\n', (f) => assert.equal(client(f), 'file [authentication]: bob'));
  withFile('[authentication]\nusername = Bob\nauthtoken = <BOB>\n', (f) => assert.match(client(f), /username does not match/));
  withFile('[authentication]\nusername = ada\nauthtoken = <BOB>\n', (f) => assert.match(client(f), /username does not match/));
});

// --- our reading of the file against the client's, on a corpus (item: every config reading follows the client)

const CORPUS = [
  '',
  '[authentication]\nauthtoken = <BOB>\n',
  '[default]\n\n[authentication]\nauthtoken = <BOB>\n',
  '[default]\nusername = ada\n\n[authentication]\nauthtoken = <BOB>\n',
  '[default]\nauthtoken = <ADA>\n[authentication]\nauthtoken = <BOB>\n[profile x]\nauthtoken = <LEAK>\n',
  '[profile x]\n\n[authentication]\nauthtoken = <BOB>\n',
  '[profile x]\nusername = ada\n',
  '[DEFAULT]\nauthtoken = <LEAK>\n\n[profile x]\n\n[default]\n',
  '[DEFAULT]\nusername = carol\n\n[profile x]\nauthtoken = <ADA>\n',
  '[authentication]\nauthtoken =\n\n[profile x]\nauthToken: <BOB>\n',
  '[profile x]\nsection_name = y\nauthtoken = <BOB>\n',
  '[profile authentication]\n\n[authentication]\nauthtoken = <BOB>\n',
];

test('resolveProfile and profileOutcome agree with the client on every corpus file and profile', () => {
  for (const text of CORPUS) {
    withFile(text, (f) => {
      const doc = parseConfig(fs.readFileSync(f, 'utf8'));
      for (const profile of ['default', 'x', 'authentication']) {
        for (const legacy of profile === 'default' ? [false, true] : [false]) {
          const py = clientChain({ file: f, loginProfile: profile, env: { SYNAPSE_AUTH_TOKEN: ADA }, legacy });
          const ours = resolveProfile(doc, profile, legacy);
          const o = profileOutcome(doc, profile, legacy);
          const where = `${JSON.stringify(text.replace(/<[A-Z]+>/g, 'T'))} profile ${profile}${legacy ? ' (legacy)' : ''}`;
          if (py.error) {
            assert.match(py.message!, /does not exist/, where);
            assert.equal(ours.missingProfile, true, where);
            assert.equal(o.kind, 'missing', where);
          } else if (py.source === 'env') {
            assert.equal(o.kind, 'env', where);
          } else {
            assert.equal(py.section, ours.section, where);
            assert.equal(py.token_sha256 ?? null, ours.authtoken ? sha256(ours.authtoken) : null, where);
            assert.equal(o.kind, py.uses === 'none' ? 'empty' : 'file', where);
          }
        }
      }
    });
  }
});

// --- import with removal

interface RemovalCase {
  name: string;
  before: string;
  sections: string[];
  after: string;
  /** profile → what the client does afterwards with SYNAPSE_AUTH_TOKEN = ada's token. */
  expect: Record<string, string>;
  warn?: RegExp;
  kept?: string[];
}

const REMOVALS: RemovalCase[] = [
  {
    name: '[authentication] with username: both lines go, the section stays',
    before: '# mine\n[authentication]\nusername = ada\nauthtoken = <ADA>\n\n[cache]\nlocation = /x\n',
    sections: ['authentication'],
    after: '# mine\n[authentication]\n\n[cache]\nlocation = /x\n',
    expect: { default: 'env: ada', 'default (legacy)': 'env: ada' },
  },
  {
    name: 'an empty authtoken line left by an earlier "blank" goes too',
    before: '[authentication]\nauthtoken =\n\n[profile x]\nusername = ada\nauthtoken = <ADA>\ncolor = blue\n',
    sections: ['profile x'],
    after: '[authentication]\n\n[profile x]\ncolor = blue\n',
    expect: { default: 'env: ada', x: 'env: ada' },
  },
  {
    name: '[default] and [authentication] holding one token: both emptied, [default] keeps its username so it stays the section read',
    before: '[default]\nusername = ada\nauthtoken = <ADA>\n\n[authentication]\nusername = ada\nauthtoken = <ADA>\n',
    sections: ['default', 'authentication'],
    after: '[default]\nusername = ada\n\n[authentication]\n',
    expect: { default: 'env: ada', 'default (legacy)': 'env: ada' },
    kept: ['default'],
  },
  {
    name: '[profile x] whose last keys were the token and username keeps the username, so profile x still exists',
    before: '[authentication]\nauthtoken = <BOB>\n\n[profile x]\nusername = ada\nauthtoken = <ADA>\n',
    sections: ['profile x'],
    after: '[authentication]\nauthtoken = <BOB>\n\n[profile x]\nusername = ada\n',
    expect: { x: 'env: ada', default: 'file [authentication]: bob' },
    kept: ['profile x'],
  },
  {
    name: '[profile x] with only a token becomes empty: the client would raise, and the result says so',
    before: '[profile x]\nauthtoken = <ADA>\n',
    sections: ['profile x'],
    after: '[profile x]\n',
    expect: { x: "error: Profile 'x' does not exist in the configuration file.", default: 'env: ada' },
    warn: /\[profile x\] is now empty.*Profile 'x' does not exist/,
  },
  {
    name: '[default] emptied falls back to [authentication], which holds another token: warned',
    before: '[default]\nauthtoken = <ADA>\n\n[authentication]\nauthtoken = <BOB>\n',
    sections: ['default'],
    after: '[default]\n\n[authentication]\nauthtoken = <BOB>\n',
    expect: { default: 'file [authentication]: bob' },
    warn: /Profile "default" still gets a token from the file.*\[authentication\] still holds a token/,
  },
  {
    name: 'a [DEFAULT] token under the section is not deleted (it serves every section): warned',
    before: '[DEFAULT]\nauthtoken = <LEAK>\n\n[profile x]\nusername = ada\nauthtoken = <ADA>\n',
    sections: ['profile x'],
    after: '[DEFAULT]\nauthtoken = <LEAK>\n\n[profile x]\n',
    expect: { x: 'file [profile x]: carol' },
    warn: /inherits an authtoken from \[DEFAULT\]/,
  },
];

for (const c of REMOVALS) {
  test(`import --remove: ${c.name}`, () => {
    withFile(c.before, (file, home) => {
      const r = removeTokens(file, c.sections, { alsoEmpty: true });
      const text = fs.readFileSync(file, 'utf8');
      assert.equal(text.split(ADA).join('<ADA>').split(BOB).join('<BOB>').split(LEAK).join('<LEAK>'), c.after);
      assert.ok(!text.includes(ADA), "ada's token is still in the file");
      assert.deepEqual(r.keptUsername, c.kept ?? []);
      for (const [p, want] of Object.entries(c.expect)) {
        const legacy = p.endsWith('(legacy)');
        const profile = p.replace(' (legacy)', '');
        assert.equal(client(file, profile === 'default' ? { loginProfile: 'default', legacy } : { profileEnv: profile }), want, `profile ${p}`);
      }
      // The outcome we report is the client's.
      for (const o of r.outcomes) {
        const py = client(file, o.profile === 'default' ? { loginProfile: 'default', legacy: o.legacy } : { profileEnv: o.profile });
        const kind = py.startsWith('env') ? 'env' : py.startsWith('error') ? 'missing' : py.startsWith('none') ? 'empty' : 'file';
        assert.equal(o.outcome.kind, kind, `reported outcome for ${o.profile}`);
      }
      if (c.warn) {
        const { describeRemoval } = require('../../electron/core/services/synapse/config') as typeof import('../../electron/core/services/synapse/config');
        const d = describeRemoval(r);
        assert.ok(d.warnings.some((w) => c.warn!.test(w)), `expected a warning like ${c.warn}; got ${JSON.stringify(d.warnings)}`);
        assert.ok(!/SYNAPSE_AUTH_TOKEN — synvault exec/.test(d.note) || Object.values(c.expect).some((v) => v.startsWith('env')));
      }
      assert.deepEqual(fs.readdirSync(home), ['.synapseConfig'], 'no backup: it would be a plaintext copy');
    });
  });
}

test('import with removeFromFile through the channels: the note says SYNAPSE_AUTH_TOKEN supplies the token only where it will', async () => {
  const tv = makeTestVault();
  try {
    fs.mkdirSync(tv.config.home, { recursive: true });
    const file = path.join(tv.config.home, '.synapseConfig');
    fs.writeFileSync(file, fill('[authentication]\nusername = ada\nauthtoken = <ADA>\n\n[profile lab]\nauthtoken = <BOB>\n'));
    const scan = await tv.call('synapseImportScan', {});
    assert.deepEqual(scan.candidates.map((c) => c.sections), [['authentication'], ['profile lab']]);
    const done = await tv.call('synapseImport', { sections: ['authentication', 'profile lab'], removeFromFile: true, version: scan.version });
    assert.equal(done.imported.length, 2);
    assert.deepEqual(done.removed.sort(), ['authentication', 'profile lab']);
    assert.match(done.note!, /Profile "default" now finds no token in the file.*SYNAPSE_AUTH_TOKEN/);
    assert.equal(done.warnings.length, 1);
    assert.match(done.warnings[0]!, /\[profile lab\] is now empty/);
    assert.doesNotMatch(done.note!, /Profile "lab".*uses SYNAPSE_AUTH_TOKEN/);
    assert.equal(client(file, { loginProfile: 'default' }), 'env: ada');
    assert.match(client(file, { profileEnv: 'lab', envToken: BOB }), /Profile 'lab' does not exist/);
    for (const t of [ADA, BOB]) assert.ok(!JSON.stringify(done).includes(t) && !fs.readFileSync(file, 'utf8').includes(t));

    // Tokens the vault already holds leave the file on removal too; an `authtoken =` line goes.
    fs.writeFileSync(file, fill('[default]\nusername = ada\nauthtoken = <ADA>\n\n[authentication]\nauthtoken =\n'));
    const again = await tv.call('synapseImportScan', {});
    assert.equal(again.candidates[0]!.inVault !== null, true);
    assert.deepEqual(again.emptyTokens, ['authentication']);
    const moved = await tv.call('synapseImport', { sections: ['default'], removeFromFile: true, version: again.version });
    assert.equal(moved.imported.length, 0);
    assert.deepEqual(moved.removed.sort(), ['authentication', 'default']);
    assert.equal(client(file, { loginProfile: 'default' }), 'env: ada');
    assert.equal(client(file, { loginProfile: 'default', legacy: true }), 'env: ada');
  } finally {
    await tv.cleanup();
  }
});

// --- export to default and named profiles, and over another user's section

interface ExportCase {
  name: string;
  before: string | null;
  profile: string;
  replace?: boolean;
  expect: Record<string, string>;
}

const EXPORTS: ExportCase[] = [
  { name: 'no file, default', before: null, profile: 'default', expect: { default: 'file [authentication]: ada', 'default (legacy)': 'file [authentication]: ada' } },
  {
    name: 'a file with an empty [default] and [authentication]: both are written, the client reads [default]',
    before: '[default]\n\n[authentication]\nusername = ada\nauthtoken = <BOB>\n',
    profile: 'default',
    expect: { default: 'file [default]: ada', 'default (legacy)': 'file [authentication]: ada' },
  },
  {
    name: 'a [DEFAULT] username of someone else is shadowed by the section\'s own',
    before: '[DEFAULT]\nusername = carol\n\n[authentication]\n',
    profile: 'default',
    expect: { default: 'file [authentication]: ada' },
  },
  {
    name: 'a new named profile beside another user\'s [authentication]',
    before: '[authentication]\nusername = bob\nauthtoken = <BOB>\n',
    profile: 'lab',
    expect: { lab: 'file [profile lab]: ada', default: 'file [authentication]: bob' },
  },
  {
    name: 'another user\'s [profile lab], replaced when chosen',
    before: '[profile lab]\nusername = bob\npassword = hunter2\nauthtoken = <BOB>\n',
    profile: 'lab',
    replace: true,
    expect: { lab: 'file [profile lab]: ada' },
  },
];

for (const c of EXPORTS) {
  test(`export: ${c.name} — the client logs in as the owner`, () => {
    withFile(c.before, (file) => {
      const req = { file, token: ADA, profile: c.profile, owner: 'ada', ownerEmails: ['ada@example.org'], replaceOtherUser: !!c.replace };
      exportToken(req);
      for (const [p, want] of Object.entries(c.expect)) {
        const legacy = p.endsWith('(legacy)');
        const profile = p.replace(' (legacy)', '');
        assert.equal(client(file, profile === 'default' ? { loginProfile: 'default', legacy, envToken: null } : { profileEnv: profile, envToken: null }), want, `profile ${p}`);
      }
    });
  });
}

test('export over another user\'s section is refused without the choice (file untouched); the preview lists every change, masked', () => {
  withFile('[authentication]\nusername = bob\npassword = hunter2\napikey = k3y\nauthtoken = <BOB>\n', (file) => {
    const before = fs.readFileSync(file);
    const req = { file, token: ADA, profile: 'default', owner: 'ada' };
    assert.throws(
      () => planExport(req),
      (err: unknown) =>
        err instanceof VaultError &&
        /\[authentication\] holds the credentials of bob \(username = bob, with password and apikey\), and this token belongs to ada/.test(err.message) &&
        /Nothing was changed/.test(err.message) &&
        !err.message.includes('hunter2'),
    );
    assert.ok(fs.readFileSync(file).equals(before));
    // An e-mail of the owner is the owner.
    fs.writeFileSync(file, fill('[authentication]\nusername = ada@example.org\nauthtoken = <BOB>\n'));
    assert.doesNotThrow(() => planExport({ ...req, ownerEmails: ['ada@example.org'] }));
    fs.writeFileSync(file, before);

    const plan = planExport({ ...req, replaceOtherUser: true });
    const changes = plan.sections[0]!.changes.map((c) => `${c.key}: ${c.before ?? '(none)'} → ${c.after ?? '(removed)'}`);
    const mask = (t: string) => `${t.slice(0, 4)}…${t.slice(-4)}`;
    assert.deepEqual(changes.sort(), [`apikey: •••• → (removed)`, `authtoken: ${mask(BOB)} → ${mask(ADA)}`, 'password: •••• → (removed)', 'username: bob → ada'].sort());
    assert.equal(plan.sections[0]!.otherUser, 'bob');
    assert.ok(!JSON.stringify(plan).includes(ADA) && !JSON.stringify(plan).includes('hunter2'));
    const created = planExport({ ...req, profile: 'lab' }).sections[0]!.changes.map((c) => `${c.key}: ${c.before ?? '(none)'} → ${c.after}`);
    assert.deepEqual(created, ['username: (none) → ada', `authtoken: (none) → ${mask(ADA)}`]);
  });
});

test('days left never exceed 180, even when lastUsed is a little ahead of this clock', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const rec = (lastUsed: string) => ({ id: '1', userId: '2', scopes: ['view'], userInfoClaims: {}, name: 'n', createdOn: lastUsed, lastUsed, state: 'ACTIVE' as const });
  assert.equal(daysLeft(rec('2026-03-01T12:00:00Z'), now), 180);
  assert.equal(daysLeft(rec('2026-03-01T12:00:30Z'), now), 180, 'a lastUsed 30 s in the future must not read 181');
  assert.equal(daysLeft(rec('2026-02-28T12:00:00Z'), now), 179);
  assert.equal(daysLeft(rec('2025-08-01T12:00:00Z'), now), 0);
});
