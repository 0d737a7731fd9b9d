// @process: test
// A crash during export — the process killed after a new file is written but before it is
// renamed into place — leaves the old file whole and still readable by configparser. What it
// leaves besides is a temp file holding the whole config, token included: that must be gone by
// the next start and before the next write.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeSynapsePat, makeTestVault } from '../helpers/core';
import { cleanConfigTemps, exportToken, removeTokens } from '../../electron/core/services/synapse/config';
import { digest, pyRead } from './py-configparser';

const root = path.resolve(__dirname, '..', '..');
const TEMP = /^\.\.synapseConfig(\.backup\d*)?\.[0-9a-f]{12}\.tmp$/;
const tempsIn = (dir: string) => fs.readdirSync(dir).filter((n) => TEMP.test(n));

/** Runs an export in a child process that kills itself at the named hook. */
function crashExport(file: string, token: string, hook: 'beforeRename' | 'beforeBackupRename') {
  const script = `
    const { exportToken } = require(${JSON.stringify(path.join(root, 'electron/core/services/synapse/config/index.ts'))});
    exportToken(
      { file: process.env.CFG_FILE, token: process.env.CFG_TOKEN, profile: 'default', owner: 'alice' },
      { ${hook}: () => process.kill(process.pid, 'SIGKILL') },
    );
    process.stdout.write('rename happened');
  `;
  // The token goes through the environment, not argv, so it shows in no process listing.
  const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
    cwd: root,
    env: { ...process.env, CFG_FILE: file, CFG_TOKEN: token },
    encoding: 'utf8',
  });
  assert.equal(r.signal, 'SIGKILL', `the child was not killed at the hook (status ${r.status}): ${r.stderr.slice(0, 300)}`);
  assert.ok(!r.stdout.includes('rename happened'));
}

test('export killed between write and rename leaves the old file whole; the leftover temp is gone at the next start', async () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-crash-'));
  try {
    const file = path.join(home, '.synapseConfig');
    const oldToken = makeSynapsePat({ jti: '5001' }, ['view']);
    const newToken = makeSynapsePat({ jti: '5002' }, ['view']);
    const before = Buffer.from(`# mine\r\n[authentication]\r\nusername = alice\r\nauthtoken = ${oldToken}\r\n\r\n[cache]\r\nlocation = /x\r\n`);
    fs.writeFileSync(file, before);
    crashExport(file, newToken, 'beforeRename');
    assert.ok(fs.readFileSync(file).equals(before), 'the old file was changed');
    const py = pyRead(file);
    assert.deepEqual(py.legacy?.authtoken, digest(oldToken), 'configparser no longer reads the old token');
    // What is left besides: the backup (made first) and the orphaned temp file, both 0600.
    const [temp, ...more] = tempsIn(home);
    assert.ok(temp && more.length === 0, `expected one temp file, found ${tempsIn(home).length}`);
    assert.equal(fs.readFileSync(path.join(home, temp), 'utf8').includes(newToken), true, 'the temp file is not the interrupted write');
    for (const f of fs.readdirSync(home).filter((n) => n !== '.synapseConfig')) {
      assert.equal(fs.statSync(path.join(home, f)).mode & 0o777, 0o600, `${f} is not private`);
    }

    // Starting Synvault (window, harness or command line: they share one core) removes it.
    const tv = makeTestVault({ env: { SYNVAULT_HOME: home } });
    try {
      assert.deepEqual(tempsIn(home), []);
      assert.deepEqual(fs.readdirSync(home).sort(), ['.synapseConfig', '.synapseConfig.backup']);
      assert.ok(fs.readFileSync(file).equals(before), 'starting changed the file');
    } finally {
      await tv.cleanup();
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('a crash while writing the backup leaves a backup temp; the next export removes it before it writes', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-crash-'));
  try {
    const file = path.join(home, '.synapseConfig');
    const [t1, t2, t3] = ['5101', '5102', '5103'].map((jti) => makeSynapsePat({ jti }, ['view']));
    fs.writeFileSync(file, `[authentication]\nauthtoken = ${t1}\n`);
    fs.writeFileSync(`${file}.backup`, '[authentication]\n');
    crashExport(file, t2!, 'beforeBackupRename');
    assert.deepEqual(
      tempsIn(home).map((n) => n.replace(/[0-9a-f]{12}/, 'X')),
      ['..synapseConfig.backup2.X.tmp'],
    );
    assert.equal(pyRead(file).legacy?.authtoken?.sha, digest(t1!).sha, 'the file changed though its backup was never finished');

    const result = exportToken({ file, token: t3!, profile: 'default', owner: 'alice' });
    assert.deepEqual(tempsIn(home), []);
    assert.equal(result.backupPath, `${file}.backup2`);
    assert.deepEqual(pyRead(result.backupPath).legacy?.authtoken, digest(t1!));
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test('removing a token on import removes leftovers first; through a symlink the target folder is cleaned too; look-alikes stay', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-crash-'));
  try {
    const dotfiles = path.join(home, 'dotfiles');
    fs.mkdirSync(dotfiles);
    const real = path.join(dotfiles, 'synapseConfig');
    const link = path.join(home, '.synapseConfig');
    const token = makeSynapsePat({ jti: '5201' }, ['view']);
    fs.writeFileSync(real, `[authentication]\nauthtoken = ${token}\n`);
    fs.symlinkSync(real, link);
    crashExport(link, makeSynapsePat({ jti: '5202' }, ['view']), 'beforeRename');
    // The file is written through the link, so its temp sits next to the target.
    assert.equal(fs.readdirSync(dotfiles).filter((n) => /^\.synapseConfig\.[0-9a-f]{12}\.tmp$/.test(n)).length, 1);
    const lookAlikes = ['..synapseConfig.abc.tmp', '.synapseConfig.0123456789ab.tmp', '..synapseConfigX.0123456789ab.tmp', '..other.0123456789ab.tmp'];
    for (const n of lookAlikes) fs.writeFileSync(path.join(home, n), 'not ours');

    const { removed } = removeTokens(link, ['authentication']);
    assert.deepEqual(removed, ['authentication']);
    assert.equal(fs.readFileSync(real, 'utf8'), '[authentication]\n', 'the token line went, through the link');
    assert.deepEqual(fs.readdirSync(dotfiles), ['synapseConfig']);
    assert.deepEqual(tempsIn(home), []);
    for (const n of lookAlikes) assert.ok(fs.existsSync(path.join(home, n)), `${n} was removed`);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link was replaced');
    assert.deepEqual(cleanConfigTemps(link), [], 'nothing left to clean');
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
