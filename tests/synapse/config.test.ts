// @process: test
// ~/.synapseConfig on a corpus of real-world shapes. Each export is checked three ways: the exact
// bytes we expect (so every untouched line is proven byte-identical), what the REAL Python
// configparser resolves the profile to (length + sha256 of the token, never the token), and that
// our parser reads every section exactly as configparser does. Refusals leave the file untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeSynapsePat } from '../helpers/core';
import {
  exportToken,
  findTokens,
  getValue,
  parseConfig,
  planExport,
  scanFile,
  type ExportRequest,
} from '../../electron/core/services/synapse/config';
import { VaultError } from '../../electron/shared/errors';
import { digest, pyRead, type PyResult } from './py-configparser';

const TOKEN = makeSynapsePat({ sub: '3400001', jti: '7001' }, ['view', 'download']);
const OLD = makeSynapsePat({ sub: '3400001', jti: '6001' }, ['view']);

function tmpHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-cfg-'));
}

/** Text with the two test tokens replaced by placeholders: safe to compare and to print. */
const masked = (s: string) => s.split(TOKEN).join('<TOKEN>').split(OLD).join('<OLD>');
const withTokens = (s: string) => s.split('<TOKEN>').join(TOKEN).split('<OLD>').join(OLD);

function sortDeep(o: unknown): unknown {
  if (o && typeof o === 'object' && !Array.isArray(o)) {
    return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortDeep((o as Record<string, unknown>)[k])]));
  }
  return o;
}

/** Our parser's view of every section, in the same digested shape as py-configparser's dump. */
function ourDump(text: string) {
  const doc = parseConfig(text);
  const dump: Record<string, Record<string, unknown>> = {};
  for (const s of doc.sections) {
    const keys = new Set([...s.options.keys(), ...doc.defaults.keys()]);
    dump[s.name] = Object.fromEntries([...keys].map((k) => [k, digest(getValue(doc, s.name, k)!)]));
  }
  return dump;
}

function assertSameParse(file: string, py: PyResult) {
  assert.equal(py.error, undefined, `configparser rejected ${path.basename(file)}: ${py.error}`);
  assert.deepEqual(sortDeep(ourDump(fs.readFileSync(file, 'utf8'))), sortDeep(py.dump), 'our parser and configparser disagree');
}

function assertResolvesTo(file: string, profile: string, token: string, username: string | null) {
  const py = pyRead(file, profile);
  assertSameParse(file, py);
  assert.deepEqual(py.modern?.authtoken, digest(token), `profile ${profile} does not resolve to the token`);
  assert.equal(py.modern?.username ?? null, username);
  if (profile === 'default') {
    assert.deepEqual(py.legacy?.authtoken, digest(token), 'an old client ([authentication] only) does not get the token');
    assert.equal(py.legacy?.username ?? null, username);
  }
  return py;
}

interface Case {
  name: string;
  before: string | null;
  profile?: string;
  owner?: string;
  removePlaintext?: boolean;
  replaceOtherUser?: boolean;
  after: string;
  sections: string[];
  warn?: RegExp;
  /** The backup when it is not the old file byte for byte (removePlaintext leaves the keys out of it too). */
  backup?: string;
}

const CASES: Case[] = [
  {
    name: 'no file',
    before: null,
    owner: 'alice',
    after: '[authentication]\nusername = alice\nauthtoken = <TOKEN>\n',
    sections: ['authentication'],
  },
  {
    name: 'an empty file',
    before: '',
    owner: 'alice',
    after: '[authentication]\nusername = alice\nauthtoken = <TOKEN>\n',
    sections: ['authentication'],
  },
  {
    name: 'only [authentication] of the same owner with an old token, updated in place',
    before: '[authentication]\nusername = alice\nauthtoken = <OLD>\n',
    owner: 'alice',
    after: '[authentication]\nusername = alice\nauthtoken = <TOKEN>\n',
    sections: ['authentication'],
  },
  {
    name: 'the owner spelt another way (as Synapse sign-in accepts) is the same account: username becomes the exact userName',
    before: '[authentication]\nusername = Alice.\nauthtoken = <OLD>\n',
    owner: 'alice',
    after: '[authentication]\nusername = alice\nauthtoken = <TOKEN>\n',
    sections: ['authentication'],
  },
  {
    name: 'another user\'s [authentication], replaced when chosen: username and their password go',
    before: '[authentication]\nusername = bob\npassword = hunter2\nauthtoken = <OLD>\n',
    owner: 'alice',
    replaceOtherUser: true,
    after: '[authentication]\nusername = alice\nauthtoken = <TOKEN>\n',
    sections: ['authentication'],
    backup: '[authentication]\nusername = bob\nauthtoken = <OLD>\n',
  },
  {
    name: '[default] plus [profile x]: default writes [default] and adds [authentication]',
    before: '[default]\nauthtoken = <OLD>\n\n[profile x]\nusername = carol\nauthtoken = <OLD>\n',
    owner: 'alice',
    after: '[default]\nauthtoken = <TOKEN>\nusername = alice\n\n[profile x]\nusername = carol\nauthtoken = <OLD>\n\n[authentication]\nusername = alice\nauthtoken = <TOKEN>\n',
    sections: ['authentication', 'default'],
  },
  {
    name: 'a named profile writes [profile x] only',
    before: '[default]\nauthtoken = <OLD>\n\n[profile x]\nusername = carol\nauthtoken = <OLD>\n',
    profile: 'x',
    owner: 'alice',
    replaceOtherUser: true,
    after: '[default]\nauthtoken = <OLD>\n\n[profile x]\nusername = alice\nauthtoken = <TOKEN>\n',
    sections: ['profile x'],
    warn: /4\.9/,
  },
  {
    name: 'a new named profile is appended',
    before: '[authentication]\nauthtoken = <OLD>\n',
    profile: 'work-2',
    owner: 'alice',
    after: '[authentication]\nauthtoken = <OLD>\n\n[profile work-2]\nusername = alice\nauthtoken = <TOKEN>\n',
    sections: ['profile work-2'],
  },
  {
    name: '[DEFAULT] (upper case) is left alone and never confused with [default]',
    before: '[DEFAULT]\nauthtoken = <OLD>\ncache = x\n\n[authentication]\n',
    owner: 'alice',
    after: '[DEFAULT]\nauthtoken = <OLD>\ncache = x\n\n[authentication]\nusername = alice\nauthtoken = <TOKEN>\n',
    sections: ['authentication'],
  },
  {
    name: 'key: value style keeps its colon',
    before: '[authentication]\nusername: bob\nauthtoken: <OLD>\n',
    owner: 'alice',
    replaceOtherUser: true,
    after: '[authentication]\nusername: alice\nauthtoken: <TOKEN>\n',
    sections: ['authentication'],
  },
  {
    name: 'authToken spelling is the same key: updated, never duplicated',
    before: '[authentication]\nauthToken=<OLD>\nUserName =bob\n',
    owner: 'alice',
    replaceOtherUser: true,
    after: '[authentication]\nauthToken=<TOKEN>\nUserName = alice\n',
    sections: ['authentication'],
  },
  {
    name: 'comments, blank lines and an inline "comment" (which configparser keeps in the value)',
    before:
      '# my synapse config\n; written by hand\n\n[authentication]\n# authtoken = not-this-one\nauthtoken = <OLD> # the old one\n\n\n; trailing comment\n\n',
    owner: 'alice',
    after:
      '# my synapse config\n; written by hand\n\n[authentication]\n# authtoken = not-this-one\nauthtoken = <TOKEN>\nusername = alice\n\n\n; trailing comment\n\n',
    sections: ['authentication'],
  },
  {
    name: '[endpoints], [cache], [sftp://…] and an S3 section survive',
    before:
      '[endpoints]\nrepoEndpoint = https://repo-staging.prod.sagebase.org/repo/v1\nauthEndpoint = https://auth-staging.prod.sagebase.org/auth/v1\n\n[cache]\nlocation = ~/.synapseCache\n\n[sftp://sftp.example.org]\nusername = ftpuser\npassword = ftppass\n\n[https://s3.amazonaws.com/bucket]\nprofile_name = lab\n',
    owner: 'alice',
    after:
      '[endpoints]\nrepoEndpoint = https://repo-staging.prod.sagebase.org/repo/v1\nauthEndpoint = https://auth-staging.prod.sagebase.org/auth/v1\n\n[cache]\nlocation = ~/.synapseCache\n\n[sftp://sftp.example.org]\nusername = ftpuser\npassword = ftppass\n\n[https://s3.amazonaws.com/bucket]\nprofile_name = lab\n\n[authentication]\nusername = alice\nauthtoken = <TOKEN>\n',
    sections: ['authentication'],
  },
  {
    name: 'CRLF line endings stay CRLF, added lines included',
    before: '[authentication]\r\nauthtoken = <OLD>\r\n\r\n[cache]\r\nlocation = x\r\n',
    owner: 'alice',
    after: '[authentication]\r\nauthtoken = <TOKEN>\r\nusername = alice\r\n\r\n[cache]\r\nlocation = x\r\n',
    sections: ['authentication'],
  },
  {
    name: 'no newline at the end of the file',
    before: '[authentication]\nauthtoken = <OLD>',
    owner: 'alice',
    after: '[authentication]\nauthtoken = <TOKEN>\nusername = alice\n',
    sections: ['authentication'],
  },
  {
    name: 'a value continued on indented lines is replaced whole',
    before: '[authentication]\nauthtoken = <OLD>\n  continued\nusername = bob\n',
    owner: 'alice',
    replaceOtherUser: true,
    after: '[authentication]\nauthtoken = <TOKEN>\nusername = alice\n',
    sections: ['authentication'],
  },
  {
    name: 'owner unknown and a username in the file: written only when chosen, and username is removed, not left stale',
    before: '[authentication]\nusername = bob\nauthtoken = <OLD>\n',
    replaceOtherUser: true,
    after: '[authentication]\nauthtoken = <TOKEN>\n',
    sections: ['authentication'],
    warn: /owner is not known/,
  },
  {
    name: 'password and apikey are reported, and kept unless removal is chosen',
    before: '[authentication]\nusername = alice\npassword = hunter2\napikey = abc\n',
    owner: 'alice',
    after: '[authentication]\nusername = alice\npassword = hunter2\napikey = abc\nauthtoken = <TOKEN>\n',
    sections: ['authentication'],
    warn: /password and apikey in plain text/,
  },
  {
    name: 'password and apikey removed on request',
    before: '[authentication]\nusername = alice\npassword = hunter2\napikey = abc\n',
    owner: 'alice',
    removePlaintext: true,
    after: '[authentication]\nusername = alice\nauthtoken = <TOKEN>\n',
    sections: ['authentication'],
    backup: '[authentication]\nusername = alice\n',
  },
];

for (const c of CASES) {
  test(`export: ${c.name}`, () => {
    const home = tmpHome();
    try {
      const file = path.join(home, '.synapseConfig');
      if (c.before !== null) fs.writeFileSync(file, withTokens(c.before));
      const req: ExportRequest = { file, token: TOKEN, profile: c.profile ?? 'default' };
      if (c.owner) req.owner = c.owner;
      if (c.removePlaintext) req.removePlaintext = true;
      if (c.replaceOtherUser) {
        // Refused without the choice, the file untouched.
        assert.throws(() => planExport(req), (err: unknown) => err instanceof VaultError && /holds the credentials of/.test(err.message) && /Nothing was changed/.test(err.message));
        req.replaceOtherUser = true;
      }
      const plan = planExport(req);
      assert.deepEqual(plan.sections.map((s) => s.name).sort(), [...c.sections].sort());
      // The preview masks the token and never holds it.
      assert.ok(!JSON.stringify(plan).includes(TOKEN), 'the preview holds the token');
      assert.ok(plan.sections.some((s) => s.preview.some((l) => /authtoken\s*[=:]\s*\S+…\S+/i.test(l))));
      if (c.warn) assert.ok(plan.warnings.some((w) => c.warn!.test(w)), `expected a warning matching ${c.warn}; got ${JSON.stringify(plan.warnings)}`);
      const result = exportToken(req);
      assert.equal(result.verified, true);
      const after = fs.readFileSync(file, 'utf8');
      assert.equal(masked(after), c.after);
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
      assertResolvesTo(file, c.profile ?? 'default', TOKEN, c.owner ?? null);
      if (c.before === null) {
        assert.equal(result.backupPath, null);
      } else {
        assert.equal(result.backupPath, `${file}.backup`);
        assert.equal(masked(fs.readFileSync(`${file}.backup`, 'utf8')), c.backup ?? c.before, 'the backup is the old file');
        assert.equal(fs.statSync(`${file}.backup`).mode & 0o777, 0o600);
      }
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
}

test('export: backups are named like the Synapse client names them (.backup, .backup2, .backup3; no .backup1)', () => {
  const home = tmpHome();
  try {
    const file = path.join(home, '.synapseConfig');
    fs.writeFileSync(file, '[authentication]\n');
    for (let i = 0; i < 3; i++) exportToken({ file, token: TOKEN, profile: 'default', owner: 'alice' });
    assert.deepEqual(fs.readdirSync(home).sort(), ['.synapseConfig', '.synapseConfig.backup', '.synapseConfig.backup2', '.synapseConfig.backup3']);
    assert.equal(fs.readFileSync(`${file}.backup`, 'utf8'), '[authentication]\n');
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

/** Files configparser (or we) refuse: the export throws a clear message and the bytes stay. */
const REFUSALS: Array<{ name: string; bytes: Buffer; setup?: (file: string) => void; message: RegExp; py?: string }> = [
  { name: 'a file that is not UTF-8 (Latin-1)', bytes: Buffer.from('[authentication]\n# caf\xe9\nauthtoken = x\n', 'latin1'), message: /not UTF-8/ },
  { name: 'a UTF-8 file with a byte-order mark', bytes: Buffer.from('\ufeff[authentication]\nauthtoken = x\n', 'utf8'), message: /byte-order mark/, py: 'MissingSectionHeaderError' },
  {
    name: 'the seed page\'s example (settings before any section)',
    bytes: Buffer.from('# either authtoken OR username and password\nauthtoken = <authtoken>\n\nusername = <username>\npassword = <password>\n'),
    message: /Line 2|line 2.*before any \[section\]/i,
    py: 'MissingSectionHeaderError',
  },
  { name: 'a duplicate key in two spellings', bytes: Buffer.from('[authentication]\nauthtoken = a\nauthToken = b\n'), message: /line 3.*second time/i, py: 'DuplicateOptionError' },
  { name: 'a duplicate section', bytes: Buffer.from('[authentication]\nauthtoken = a\n[authentication]\n'), message: /line 3.*section appears a second time/i, py: 'DuplicateSectionError' },
  { name: 'a line that is no setting', bytes: Buffer.from('[authentication]\njust some words\n'), message: /line 2.*neither/i, py: 'ParsingError' },
  {
    name: 'a read-only file',
    bytes: Buffer.from('[authentication]\nauthtoken = a\n'),
    setup: (file) => fs.chmodSync(file, 0o444),
    message: /read-only/,
  },
];

for (const r of REFUSALS) {
  test(`export refuses ${r.name}, leaving it untouched`, () => {
    const home = tmpHome();
    try {
      const file = path.join(home, '.synapseConfig');
      fs.writeFileSync(file, r.bytes);
      r.setup?.(file);
      const mode = fs.statSync(file).mode;
      if (r.py) assert.equal(pyRead(file).error, r.py, 'configparser should reject this file too');
      assert.throws(
        () => exportToken({ file, token: TOKEN, profile: 'default', owner: 'alice' }),
        (err: unknown) => err instanceof VaultError && r.message.test(err.message) && /Nothing was changed/.test(err.message),
      );
      assert.ok(fs.readFileSync(file).equals(r.bytes), 'the file was changed');
      assert.equal(fs.statSync(file).mode, mode);
      assert.deepEqual(fs.readdirSync(home), ['.synapseConfig'], 'no backup or temp file is left');
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
}

test('export through a symlink writes the target and keeps the link', () => {
  const home = tmpHome();
  try {
    const dotfiles = path.join(home, 'dotfiles');
    fs.mkdirSync(dotfiles);
    const target = path.join(dotfiles, 'synapseConfig');
    const link = path.join(home, '.synapseConfig');
    fs.writeFileSync(target, withTokens('[authentication]\nauthtoken = <OLD>\n\n[cache]\nlocation = /data\n'));
    fs.symlinkSync(target, link);
    const plan = planExport({ file: link, token: TOKEN, profile: 'default', owner: 'alice' });
    assert.equal(plan.symlink, true);
    assert.equal(plan.realPath, fs.realpathSync(target));
    const result = exportToken({ file: link, token: TOKEN, profile: 'default', owner: 'alice' });
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link was replaced by a file');
    assert.equal(masked(fs.readFileSync(target, 'utf8')), '[authentication]\nauthtoken = <TOKEN>\nusername = alice\n\n[cache]\nlocation = /data\n');
    assert.equal(result.backupPath, `${link}.backup`);
    assertResolvesTo(link, 'default', TOKEN, 'alice');
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('export refuses a dangling symlink', () => {
  const home = tmpHome();
  try {
    const link = path.join(home, '.synapseConfig');
    fs.symlinkSync(path.join(home, 'nowhere'), link);
    assert.throws(() => exportToken({ file: link, token: TOKEN, profile: 'default' }), /symbolic link to a file that does not exist/);
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.ok(!fs.existsSync(path.join(home, 'nowhere')));
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('export refuses a token without the view scope and an odd profile name', () => {
  const home = tmpHome();
  try {
    const file = path.join(home, '.synapseConfig');
    const noView = makeSynapsePat({}, ['download']);
    assert.throws(() => planExport({ file, token: noView, profile: 'default' }), /lacks the "view" scope/);
    assert.throws(() => planExport({ file, token: TOKEN, profile: 'a]b' }), /profile name/);
    assert.ok(!fs.existsSync(file));
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('export refuses when the file changed after the preview', () => {
  const home = tmpHome();
  try {
    const file = path.join(home, '.synapseConfig');
    fs.writeFileSync(file, '[authentication]\n');
    const plan = planExport({ file, token: TOKEN, profile: 'default' });
    fs.appendFileSync(file, '[cache]\nlocation = x\n');
    assert.throws(() => exportToken({ file, token: TOKEN, profile: 'default' }, { expectVersion: plan.version }), /changed since the preview/);
    assert.equal(fs.readFileSync(file, 'utf8'), '[authentication]\n[cache]\nlocation = x\n');
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

/** Tricky shapes where configparser's rules are easy to get wrong: our parser must agree. */
const PARSE_CORPUS = [
  '[a]\nx = 1\n  [b]\ny=2\n',
  '[a]\nx = 1\n\n  cont\n\n\ny : 2 = 3\n',
  '[a]b]\nk=v\n',
  '[DEFAULT]\nu = d\n[s]\nk=v\n[DEFAULT]\nv = 2\n',
  '[s]\n  k = 1\n  j = 2\n    jj\n',
  '[s]\nk = a # not a comment\n# c\n  ; c2\n  more\n',
  '[s]\r\nk = 1\r\n\r\n[t]\rk=2\r',
  '[s]\nk\u00a0= v\u00a0\n',
  '[authentication]\nAuthToken : x:y=z\n',
  '[default]\n[DEFAULT]\nauthtoken = d\n[profile p]\n',
];

test('our parser reads tricky files exactly as configparser does', () => {
  const home = tmpHome();
  try {
    const file = path.join(home, 'c.cfg');
    for (const text of PARSE_CORPUS) {
      fs.writeFileSync(file, text);
      assertSameParse(file, pyRead(file));
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('import: finds tokens in [authentication], [default] and [profile *], through [DEFAULT] too', () => {
  const home = tmpHome();
  try {
    const file = path.join(home, '.synapseConfig');
    const third = makeSynapsePat({ jti: '9001' });
    fs.writeFileSync(
      file,
      withTokens(`[authentication]\nusername = alice\nauthtoken = <TOKEN>\n\n[default]\nauthtoken = <TOKEN>\n\n[profile lab]\nauthToken: <OLD>\n\n[sftp://x]\nauthtoken = not-read\n`) +
        `\n[profile leak]\n\n[DEFAULT]\nauthtoken = ${third}\n`,
    );
    const { tokens } = scanFile(file);
    assert.equal(tokens.length, 3);
    assert.deepEqual(tokens[0]!.sections, ['authentication', 'default']);
    assert.equal(tokens[0]!.username, 'alice');
    assert.ok(tokens[0]!.token === TOKEN);
    assert.deepEqual(tokens[1]!.sections, ['profile lab']);
    assert.ok(tokens[1]!.token === OLD);
    assert.deepEqual(tokens[2]!.sections, ['profile leak']);
    assert.equal(tokens[2]!.fromDefaults, true);
    assert.equal(findTokens(parseConfig('')).length, 0);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('python3 is available for the configparser cross-checks', () => {
  const r = spawnSync('python3', ['-c', 'import configparser; print("ok")'], { encoding: 'utf8' });
  assert.equal(r.stdout.trim(), 'ok');
});
