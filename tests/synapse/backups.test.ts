// @process: test
// Backups of ~/.synapseConfig are plaintext copies of a token, so they are bounded: at most the
// synapseConfigBackups setting (0-10, default 3), named as the Synapse client's own `synapse
// config` names them, the oldest removed first, and — when the person asked for the old
// password/apikey lines to go — without those lines. What is checked is what a person finds on
// disk and what the window and the command line tell them. Secrets are compared by digest.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { CANARIES, makeSynapsePat, makeTestVault } from '../helpers/core';
import { backupPathFor, exportToken, planExport, type ExportRequest } from '../../electron/core/services/synapse/config';
import { synapseConfigCommand } from '../../electron/cli/synapse-config';
import { parseArgs } from '../../electron/cli/args';
import type { CliIo } from '../../electron/cli/cli';
import { digest, pyRead } from './py-configparser';

const tmpHome = () => fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-backups-'));
const tokens = (n: number) => Array.from({ length: n }, (_, i) => makeSynapsePat({ sub: '3400001', jti: String(8100 + i) }, ['view']));
const backupsIn = (dir: string) =>
  fs
    .readdirSync(dir)
    .filter((n) => /^\.synapseConfig\.backup/.test(n))
    .sort();
/** Which of `list` the file's [authentication] authtoken is, by digest (-1 when none). */
const whichToken = (file: string, list: string[]) => {
  const got = pyRead(file).legacy?.authtoken;
  return list.findIndex((t) => JSON.stringify(digest(t)) === JSON.stringify(got));
};

test('backupPathFor: .backup, then .backup2, .backup3 — the Synapse client never uses .backup1', () => {
  const home = tmpHome();
  try {
    const file = path.join(home, '.synapseConfig');
    assert.equal(backupPathFor(file), `${file}.backup`);
    fs.writeFileSync(`${file}.backup`, 'x');
    assert.equal(backupPathFor(file), `${file}.backup2`);
    fs.writeFileSync(`${file}.backup2`, 'x');
    assert.equal(backupPathFor(file), `${file}.backup3`);
    // A gap is filled first, as the client's loop does; a dangling link counts as taken.
    fs.rmSync(`${file}.backup`);
    assert.equal(backupPathFor(file), `${file}.backup`);
    fs.symlinkSync(path.join(home, 'nowhere'), `${file}.backup`);
    assert.equal(backupPathFor(file), `${file}.backup3`);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('ten exports keep at most three backups, named the client\'s way, holding the three newest old files', () => {
  const home = tmpHome();
  try {
    const file = path.join(home, '.synapseConfig');
    const t = tokens(11);
    fs.writeFileSync(file, `# mine\n[authentication]\nusername = alice\nauthtoken = ${t[0]}\n`);
    for (let i = 1; i <= 10; i++) {
      const result = exportToken({ file, token: t[i]!, profile: 'default', owner: 'alice' });
      const present = backupsIn(home);
      assert.ok(present.length <= 3, `after export ${i} there are ${present.length} backups`);
      assert.equal(present.length, Math.min(i, 3));
      assert.ok(present.every((n) => ['.synapseConfig.backup', '.synapseConfig.backup2', '.synapseConfig.backup3'].includes(n)), `unexpected name among ${present.join(', ')}`);
      assert.ok(result.backupPath && present.includes(path.basename(result.backupPath)));
      assert.equal(whichToken(result.backupPath, t), i - 1, `export ${i}'s backup is not the file it replaced`);
      assert.equal(result.backupLimit, 3);
      assert.equal(result.backupsRemoved.length, i > 3 ? 1 : 0);
      // The oldest went first; its name may be reused at once for the new backup.
      for (const removed of result.backupsRemoved) assert.ok(!fs.existsSync(removed) || removed === result.backupPath, `${removed} is still there`);
    }
    // Left: the files replaced by exports 8, 9 and 10, newest last by modification time.
    const byAge = backupsIn(home)
      .map((n) => path.join(home, n))
      .sort((a, b) => fs.statSync(a).mtimeMs - fs.statSync(b).mtimeMs);
    assert.deepEqual(
      byAge.map((p) => whichToken(p, t)),
      [7, 8, 9],
    );
    for (const p of byAge) assert.equal(fs.statSync(p).mode & 0o777, 0o600);
    assert.equal(whichToken(file, t), 10);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('a limit of 0 keeps no backup and removes the ones already there; the preview says so first', () => {
  const home = tmpHome();
  try {
    const file = path.join(home, '.synapseConfig');
    const [a, b] = tokens(2);
    fs.writeFileSync(file, `[authentication]\nauthtoken = ${a}\n`);
    fs.writeFileSync(`${file}.backup`, `[authentication]\nauthtoken = ${a}\n`);
    fs.writeFileSync(`${file}.backup2`, `[authentication]\nauthtoken = ${a}\n`);
    const req: ExportRequest = { file, token: b!, profile: 'default', owner: 'alice', backups: 0 };
    const plan = planExport(req);
    assert.equal(plan.backupPath, null);
    assert.equal(plan.backupLimit, 0);
    assert.deepEqual([...plan.backupsRemoved].sort(), [`${file}.backup`, `${file}.backup2`]);
    assert.ok(plan.warnings.some((w) => /No backup of this file is kept \(the synapseConfigBackups setting is 0\), so writing removes the 2 already there/.test(w)), JSON.stringify(plan.warnings));
    assert.deepEqual(backupsIn(home), ['.synapseConfig.backup', '.synapseConfig.backup2'], 'a preview removed something');
    const result = exportToken(req);
    assert.equal(result.backupPath, null);
    assert.deepEqual(backupsIn(home), []);
    assert.deepEqual(fs.readdirSync(home), ['.synapseConfig']);
    assert.equal(whichToken(file, [a!, b!]), 1);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('seventy backups left by earlier versions (.backup1 … .backup69) come down to the limit, oldest first', () => {
  const home = tmpHome();
  try {
    const file = path.join(home, '.synapseConfig');
    const [a, b] = tokens(2);
    fs.writeFileSync(file, `[authentication]\nauthtoken = ${a}\n`);
    const names = ['.synapseConfig.backup', ...Array.from({ length: 69 }, (_, i) => `.synapseConfig.backup${i + 1}`)];
    const base = Date.parse('2025-01-01T00:00:00Z') / 1000;
    // Ages run opposite to the numbers, so "oldest" cannot be mistaken for "lowest number".
    names.forEach((n, i) => {
      fs.writeFileSync(path.join(home, n), `[authentication]\nauthtoken = ${a}\n`, { mode: 0o600 });
      fs.utimesSync(path.join(home, n), base + (70 - i) * 60, base + (70 - i) * 60);
    });
    // Someone else's link with a backup's name is not ours to remove.
    fs.symlinkSync(path.join(home, 'elsewhere'), path.join(home, '.synapseConfig.backup70'));
    const result = exportToken({ file, token: b!, profile: 'default', owner: 'alice', backups: 3 });
    assert.equal(result.backupsRemoved.length, 68);
    const left = backupsIn(home).filter((n) => n !== '.synapseConfig.backup70');
    assert.equal(left.length, 3);
    // The two newest old ones (.backup and .backup1) and the new one, which takes the first free
    // name in the client's sequence.
    assert.deepEqual(left, ['.synapseConfig.backup', '.synapseConfig.backup1', '.synapseConfig.backup2']);
    assert.equal(result.backupPath, `${file}.backup2`);
    assert.ok(fs.lstatSync(path.join(home, '.synapseConfig.backup70')).isSymbolicLink());
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('removing password/apikey: the backup made by that write lacks them too (continuation lines included); other secrets stay', () => {
  const home = tmpHome();
  try {
    const file = path.join(home, '.synapseConfig');
    const [old, next] = tokens(2);
    const before = [
      '# kept',
      '[authentication]',
      'username = alice',
      `authtoken = ${old}`,
      `password = ${CANARIES.synap}`,
      `  ${CANARIES.syncanoApiKey}`,
      `APIKey: ${CANARIES.syncanoAccountKey}`,
      '',
      '[sftp://files.example.org]',
      'username = alice',
      'password = sftp-secret-the-client-still-reads',
      '',
    ].join('\n');
    fs.writeFileSync(file, before);
    const result = exportToken({ file, token: next!, profile: 'default', owner: 'alice', removePlaintext: true });
    const backup = fs.readFileSync(result.backupPath!, 'utf8');
    for (const [name, secret] of Object.entries({ password: CANARIES.synap, continuation: CANARIES.syncanoApiKey, apikey: CANARIES.syncanoAccountKey })) {
      assert.equal(backup.includes(secret), false, `the backup still holds the ${name}`);
      assert.equal(fs.readFileSync(file, 'utf8').includes(secret), false, `the file still holds the ${name}`);
    }
    // Everything else of the old file is there, byte for byte, and configparser reads it.
    assert.equal(backup, before.replace(/password = p:.*\n {2}.*\nAPIKey: .*\n/, ''));
    const py = pyRead(result.backupPath!);
    assert.equal(py.error, undefined);
    assert.deepEqual(py.legacy?.authtoken, digest(old!), 'the backup lost the old token');
    assert.deepEqual(Object.keys(py.dump!['authentication']!).sort(), ['authtoken', 'username']);
    assert.ok(py.dump!['sftp://files.example.org']!.password, 'a password the client reads was removed');
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('without removePlaintext the backup is the old file byte for byte', () => {
  const home = tmpHome();
  try {
    const file = path.join(home, '.synapseConfig');
    const [old, next] = tokens(2);
    const before = Buffer.from(`[authentication]\r\nauthtoken = ${old}\r\npassword = ${CANARIES.synap}`);
    fs.writeFileSync(file, before);
    const result = exportToken({ file, token: next!, profile: 'default', owner: 'alice' });
    assert.ok(fs.readFileSync(result.backupPath!).equals(before));
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

/** A command-line run of `synvault synapse-config export`, its output collected. */
async function cliExport(tv: ReturnType<typeof makeTestVault>, label: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (d) => (out += String(d)));
  stderr.on('data', (d) => (err += String(d)));
  const io: CliIo = { stdin: new PassThrough(), stdout, stderr, env: {} };
  const code = await synapseConfigCommand(tv.core, parseArgs(['export', label]), io);
  return { code, out, err };
}

test('the setting drives exports through the channels and the command line, which say where the backup is or that there is none', async () => {
  const tv = makeTestVault();
  try {
    const file = path.join(tv.config.home, '.synapseConfig');
    fs.writeFileSync(file, '[cache]\nlocation = /data\n');
    const t = await tv.call('addToken', { service: 'synapse', label: 'laptop', username: 'alice', secret: CANARIES.synapse });
    assert.equal((await tv.call('getSettings', {})).synapseConfigBackups, 3);

    await tv.call('updateSettings', { synapseConfigBackups: 1 });
    const preview = await tv.call('synapseExportPreview', { id: t.id, profile: 'default' });
    assert.equal(preview.backupPath, `${file}.backup`);
    assert.equal(preview.backupLimit, 1);
    const done = await tv.call('synapseExport', { planId: preview.planId });
    assert.equal(done.backupPath, `${file}.backup`);

    // A second export with a limit of 1 replaces that backup with the newer one.
    const second = await cliExport(tv, 'laptop');
    assert.equal(second.code, 0);
    assert.match(second.out, new RegExp(`The previous file is kept as ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.backup2? \\(a plaintext copy with its token; at most 1 kept\\)\\.`));
    assert.match(second.out, /Removed the older backup .*\.synapseConfig\.backup\.?\n/);
    assert.match(second.err, /keeps at most 1 backup of this file/);
    assert.equal(backupsIn(tv.config.home).length, 1);

    await tv.call('updateSettings', { synapseConfigBackups: 0 });
    const none = await cliExport(tv, 'laptop');
    assert.equal(none.code, 0);
    assert.match(none.out, /No backup of the previous file was kept \(the synapseConfigBackups setting is 0\)\./);
    assert.deepEqual(backupsIn(tv.config.home), []);
    for (const o of [second, none]) assert.equal(`${o.out}${o.err}`.includes(CANARIES.synapse), false, 'the command line printed the token');
  } finally {
    await tv.cleanup();
  }
});

test('the setting is a whole number from 0 to 10, refused next to its field otherwise', async () => {
  const tv = makeTestVault();
  try {
    for (const [value, message] of [
      [11, 'At most 10.'],
      [-1, 'At least 0 (0 keeps no backup).'],
      [2.5, 'Enter a whole number.'],
    ] as const) {
      const r = await tv.raw('updateSettings', { synapseConfigBackups: value });
      assert.equal(r.ok, false, `${value} was accepted`);
      assert.equal(r.error?.fields?.synapseConfigBackups, message);
    }
    assert.equal((await tv.call('updateSettings', { synapseConfigBackups: 10 })).synapseConfigBackups, 10);
    assert.equal((await tv.call('updateSettings', { synapseConfigBackups: 0 })).synapseConfigBackups, 0);
    // Kept across a restart.
    assert.equal((await tv.reopen().call('getSettings', {})).synapseConfigBackups, 0);
  } finally {
    await tv.cleanup();
  }
});
