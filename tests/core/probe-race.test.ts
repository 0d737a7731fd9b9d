// @process: test
// The keychain probe (a marker written and read back) is the only way to tell a locked keychain
// from an empty one. Two probes at once — the window's first status beside its first list on a
// fresh vault (the list rebuilds from the keychain, which probes first), or the window and the
// command line together — write the same marker entry. One reading back the other's marker has
// proved the keychain readable, not locked: before this was understood the window opened on a
// fresh vault now and then with the "keychain is locked" banner.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { keytarKeychain } from '../../electron/core/keychain';
import { testVaults } from '../helpers/vaults';
import { root } from '../helpers/processes';

const open = testVaults();

test('a fresh vault: the first status and the first list at once never report the keychain locked', async () => {
  const seen: string[] = [];
  for (let i = 0; i < 12; i++) {
    const v = open();
    const [status] = await Promise.all([v.call('getStatus', {}), v.call('listTokens', {}), v.call('getStatus', {})]);
    if (!status.keychain.ok) seen.push(status.keychain.state);
  }
  assert.deepEqual(seen, [], 'every status said the keychain is usable');
});

test('probes from several processes at once all pass', async () => {
  const v = open();
  const service = v.config.keychainService;
  // Each child probes 8 times in a row; 3 children and this process probe the same service together.
  const child = () =>
    new Promise<string>((resolve) => {
      const code = `const { keytarKeychain } = require('./electron/core/keychain'); const k = keytarKeychain(${JSON.stringify(service)}); (async () => { let bad = 0; for (let i = 0; i < 8; i++) await k.probe().catch(() => bad++); console.log(bad); })();`;
      const p = spawn(process.execPath, ['--import', 'tsx', '-e', code], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
      let out = '';
      p.stdout.on('data', (d: Buffer) => (out += d.toString()));
      p.on('exit', () => resolve(out.trim()));
    });
  const k = keytarKeychain(service);
  const here = (async () => {
    let bad = 0;
    for (let i = 0; i < 8; i++) await k.probe().catch(() => bad++);
    return String(bad);
  })();
  const failures = await Promise.all([child(), child(), child(), here]);
  assert.deepEqual(failures, ['0', '0', '0', '0'], 'no probe failed');
});
