// @process: test
// After a full scenario with canary secrets, they exist in the keychain and nowhere else the
// vault writes: not the catalog, not the activity log, not settings, not error messages.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestVault, readTree, CANARIES } from '../helpers/core';
import { keytarKeychain } from '../../electron/core/keychain';

const v = makeTestVault();
after(() => v.cleanup());

test('canary secrets appear only in the keychain (and the clipboard while copied)', async () => {
  const seen: string[] = [];
  const keep = <T>(x: T) => {
    seen.push(JSON.stringify(x));
    return x;
  };
  const a = keep(await v.call('addToken', { service: 'synapse', label: 'canary synapse', secret: CANARIES.synapse }));
  const b = keep(await v.call('addToken', { service: 'synap', label: 'canary synap', portal: 'Canary Org', secret: CANARIES.synap }));
  const c = keep(await v.call('addToken', { service: 'syncano', label: 'canary api', instance: 'canary', secret: CANARIES.syncanoApiKey }));
  const d = keep(await v.call('addToken', { service: 'syncano', label: 'canary account', secret: CANARIES.syncanoAccountKey }));
  // Failures that involve a canary: a duplicate, and a canary with a wrong service.
  keep(await v.raw('addToken', { service: 'syncano', label: 'dup', secret: CANARIES.syncanoApiKey }));
  keep(await v.raw('addToken', { service: 'synap', label: 'wrong', portal: 'x', secret: CANARIES.syncanoApiKey }));
  keep(await v.raw('addToken', { service: 'syncano', label: 'wrong', secret: CANARIES.synap }));
  for (const t of [a, b, c, d]) {
    keep(await v.call('copyToken', { id: t.id }));
    await v.clock.advance(30_000);
  }
  await v.call('revealToken', { id: a.id }); // returns the secret on purpose; not kept
  keep(await v.call('listTokens', {}));
  keep(await v.call('listActivity', { limit: 100 }));
  keep(await v.call('getStatus', {}));
  await v.call('removeToken', { id: d.id });
  keep(await v.call('listTokens', {}));

  const canaries = Object.values(CANARIES);
  const everything = seen.join('\n');
  for (const c of canaries) assert.ok(!everything.includes(c), 'no canary in any response other than reveal');
  for (const { file, text } of readTree(v.dir)) {
    for (const c of canaries) assert.ok(!text.includes(c), `${file} holds no canary`);
  }
  assert.equal(v.clipboard.peek(), '', 'the clipboard was cleared after each copy');
  const inKeychain = (await keytarKeychain(v.config.keychainService).findAll()).map((e) => e.secret);
  assert.equal(inKeychain.length, 3);
  for (const c of [CANARIES.synapse, CANARIES.synap, CANARIES.syncanoApiKey]) assert.ok(inKeychain.includes(c), 'the canary is in the keychain');
});
