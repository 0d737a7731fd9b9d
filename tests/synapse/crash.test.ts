// @process: test
// A crash during export — the process killed after the new file is written but before it is
// renamed over the old one — leaves the old file whole and still readable by configparser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeSynapsePat } from '../helpers/core';
import { digest, pyRead } from './py-configparser';

const root = path.resolve(__dirname, '..', '..');

test('export killed between write and rename leaves the old file whole', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-crash-'));
  try {
    const file = path.join(home, '.synapseConfig');
    const oldToken = makeSynapsePat({ jti: '5001' }, ['view']);
    const newToken = makeSynapsePat({ jti: '5002' }, ['view']);
    const before = Buffer.from(`# mine\r\n[authentication]\r\nusername = alice\r\nauthtoken = ${oldToken}\r\n\r\n[cache]\r\nlocation = /x\r\n`);
    fs.writeFileSync(file, before);
    const script = `
      const { exportToken } = require(${JSON.stringify(path.join(root, 'electron/core/synapse-config.ts'))});
      exportToken(
        { file: process.env.CFG_FILE, token: process.env.CFG_TOKEN, profile: 'default', owner: 'alice' },
        { beforeRename: () => process.kill(process.pid, 'SIGKILL') },
      );
      process.stdout.write('rename happened');
    `;
    // The token goes through the environment, not argv, so it shows in no process listing.
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], {
      cwd: root,
      env: { ...process.env, CFG_FILE: file, CFG_TOKEN: newToken },
      encoding: 'utf8',
    });
    assert.equal(r.signal, 'SIGKILL', `the child was not killed at the hook (status ${r.status}): ${r.stderr.slice(0, 300)}`);
    assert.ok(!r.stdout.includes('rename happened'));
    assert.ok(fs.readFileSync(file).equals(before), 'the old file was changed');
    const py = pyRead(file);
    assert.deepEqual(py.legacy?.authtoken, digest(oldToken), 'configparser no longer reads the old token');
    // What is left besides: the backup (made first) and the orphaned temp file, both 0600.
    for (const f of fs.readdirSync(home).filter((n) => n !== '.synapseConfig')) {
      assert.equal(fs.statSync(path.join(home, f)).mode & 0o777, 0o600, `${f} is not private`);
    }
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});
