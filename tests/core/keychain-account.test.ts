// @process: test
// Catalog version 2 names a record's keychain entry only when it is not the usual one, the name
// encodeAccount makes from the record (electron/core/catalog.ts, keychainAccountOf). These tests
// hold what that must never cost: a secret the vault cannot find. A version-1 catalog (every
// record naming its entry) still reads and becomes version 2 on its first write; adds and renames
// write no names; a record whose entry has another name keeps it through every later write,
// including a replaced secret whose label changed without the entry moving, and a rename back to
// the label its entry is named for (no move: the one entry must not be deleted as the old name).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CATALOG_VERSION, keychainAccountOf, type CatalogRecord } from '../../electron/core/catalog';
import { encodeAccount } from '../../electron/core/keychain';
import { CANARIES, hexKey, type TestVault } from '../helpers/core';
import { testVaults } from '../helpers/vaults';

const open = testVaults();

type File = { version: number; tokens: CatalogRecord[] };
const onDisk = (v: TestVault): File => JSON.parse(fs.readFileSync(path.join(v.dir, 'catalog.json'), 'utf8')) as File;
const write = (v: TestVault, file: File) => fs.writeFileSync(path.join(v.dir, 'catalog.json'), JSON.stringify(file));
const reveal = async (v: TestVault, id: string) => (await v.call('revealToken', { id } as never)).secret;
const accounts = async (v: TestVault) => (await v.keychain.findAll()).map((e) => e.account).sort();

test('adds and renames write no entry names: the file holds none, and the keychain holds exactly the names the records make', async () => {
  const v = open();
  const a = await v.call('addToken', { service: 'synapse', label: 'laptop', secret: CANARIES.synapse } as never);
  await v.call('addToken', { service: 'synap', label: 'shared', portal: 'Acme', secret: CANARIES.synap } as never);
  await v.call('renameToken', { id: a.id, label: 'desk' } as never);

  const file = onDisk(v);
  assert.equal(file.version, CATALOG_VERSION);
  assert.deepEqual(
    file.tokens.map((r) => r.keychainAccount),
    [undefined, undefined],
    'no record names its entry',
  );
  assert.deepEqual(await accounts(v), file.tokens.map(keychainAccountOf).sort(), 'every entry is where its record says, and no other is left');
  // Through a fresh core (another process reading the file): the renamed token's secret reads.
  const reopened = v.reopen();
  assert.equal(await reveal(reopened, a.id), CANARIES.synapse);
});

test('a version-1 catalog, every record naming its entry, is listed and read, and its first write makes it version 2', async () => {
  const v = open();
  const added = await v.call('addToken', { service: 'synapse', label: 'laptop', secret: CANARIES.synapse } as never);
  const other = await v.call('addToken', { service: 'synap', label: 'shared', portal: 'Acme', secret: CANARIES.synap } as never);
  // The file as version 1 wrote it.
  const v2 = onDisk(v);
  write(v, { version: 1, tokens: v2.tokens.map((r) => ({ ...r, keychainAccount: keychainAccountOf(r) })) });

  const old = v.reopen();
  assert.deepEqual(
    (await old.call('listTokens', {})).map((t) => t.label),
    ['laptop', 'shared'],
  );
  assert.equal(await reveal(old, added.id), CANARIES.synapse);
  assert.equal(onDisk(old).version, 1, 'reading does not write');

  await old.call('renameToken', { id: other.id, label: 'team' } as never);
  const now = onDisk(old);
  assert.equal(now.version, CATALOG_VERSION);
  assert.deepEqual(
    now.tokens.map((r) => r.keychainAccount),
    [undefined, undefined],
    'the usual names are dropped on the first write',
  );
  const fresh = old.reopen();
  assert.equal(await reveal(fresh, added.id), CANARIES.synapse);
  assert.equal(await reveal(fresh, other.id), CANARIES.synap);
});

test('a record whose entry has another name keeps naming it through later writes, and its secret reads', async () => {
  const v = open();
  const t = await v.call('addToken', { service: 'synapse', label: 'laptop', secret: CANARIES.synapse } as never);
  // The entry under a name this version would not make (an older encoding, adopted by a rebuild).
  const unusual = encodeAccount({ id: t.id, service: 'synapse', label: 'laptop (older name)', addedAt: t.addedAt });
  const usual = keychainAccountOf(onDisk(v).tokens[0]!);
  await v.keychain.set(unusual, CANARIES.synapse);
  await v.keychain.delete(usual);
  const file = onDisk(v);
  file.tokens[0]!.keychainAccount = unusual;
  write(v, file);

  const w = v.reopen();
  await w.call('addToken', { service: 'synap', label: 'shared', portal: 'Acme', secret: CANARIES.synap } as never);
  assert.equal(onDisk(w).tokens.find((r) => r.id === t.id)!.keychainAccount, unusual, 'still named after another write');
  assert.equal(await reveal(w.reopen(), t.id), CANARIES.synapse);
});

test('a secret replaced with a new label, its entry not moved (a Syncano sign-in), stays reachable', async () => {
  const v = open();
  const key = hexKey('even');
  const t = await v.call('addToken', { service: 'syncano', label: 'account', secret: key } as never);
  const before = await accounts(v);
  const next = hexKey('even');
  // What SyncanoActions does when a sign-in returns a new key for a stored account.
  const { tokens } = (v.core as unknown as { parts: { tokens: { replaceIssued: (id: string, s: string, how: { issued: string }, patch: object) => Promise<unknown> } } }).parts;
  await tokens.replaceIssued(t.id, next, { issued: 'Syncano sent the account key' }, { label: 'renamed at sign-in' });

  assert.deepEqual(await accounts(v), before, 'the entry did not move');
  const rec = onDisk(v).tokens[0]!;
  assert.equal(rec.label, 'renamed at sign-in');
  assert.equal(rec.keychainAccount, before[0], 'the record names the entry, since its new label would make another name');
  assert.equal(await reveal(v.reopen(), t.id), next);

  // Renamed back to the label its entry is named for: no move, the one entry stays.
  await v.call('renameToken', { id: t.id, label: 'account' } as never);
  assert.deepEqual(await accounts(v), before, 'the entry is still there, not deleted as a move\'s old name');
  assert.equal(onDisk(v).tokens[0]!.keychainAccount, undefined, 'now the usual name again');
  assert.equal(await reveal(v.reopen(), t.id), next);
  // And a real rename after that moves it.
  await v.call('renameToken', { id: t.id, label: 'moved' } as never);
  assert.deepEqual(await accounts(v), onDisk(v).tokens.map(keychainAccountOf));
  assert.notDeepEqual(await accounts(v), before);
  assert.equal(await reveal(v.reopen(), t.id), next);
});
