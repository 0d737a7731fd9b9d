// @process: test
// The window loads the list beside the first status, not after it (renderer/src/ui/store.ts): the
// list answers from the catalog at once, while the first status compares the catalog with the
// whole keychain. When that comparison finds a secret gone, the vault must say the list changed
// (the token store's listeners, which become vaultChanged), so the window shows the mark.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { makeTestVault, hexKey, type TestVault } from '../helpers/core';

const vaults: TestVault[] = [];
after(async () => {
  for (const v of vaults) await v.cleanup();
});

test('a secret found gone by the first status tells the listeners once; the list then shows the mark', async () => {
  const v = makeTestVault();
  vaults.push(v);
  await v.call('addToken', { service: 'syncano', label: 'kept', instance: 'demo-inst', secret: hexKey('odd') });
  const gone = await v.call('addToken', { service: 'syncano', label: 'gone', instance: 'demo-inst', secret: hexKey('odd') });
  const account = (await v.keychain.findAll()).find((e) => e.account.includes(gone.id))!.account;
  await v.keychain.delete(account);

  const started = v.reopen();
  vaults.push(started);
  let told = 0;
  started.core.parts.tokens.onChange(() => told++);
  const first = await started.call('listTokens', {});
  assert.deepEqual(first.map((t) => [t.label, t.secretMissing ?? false]), [['kept', false], ['gone', false]], 'the list answers before the comparison');
  assert.equal(told, 0);
  await started.call('getStatus', {});
  assert.equal(told, 1, 'the comparison that marked a secret missing said the list changed');
  const marked = await started.call('listTokens', {});
  assert.deepEqual(marked.map((t) => [t.label, t.secretMissing ?? false]), [['kept', false], ['gone', true]]);
});
