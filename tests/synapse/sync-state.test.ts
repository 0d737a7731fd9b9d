// @process: test
// Synapse's last sync survives a restart and follows every later change without a new sync: each
// vault token's state is on its catalog record, the tokens outside the vault are in
// synapse-sync.json, and synapseSyncState builds the same report from them — with counts that
// are what Synapse's 100-token cap counts. No token value reaches either file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeSynapse, type FakeSynapse } from '../../e2e/fakes/synapse';
import { makeTestVault, readTree, type TestVault } from '../helpers/core';
import type { RevokeResult, SyncReport, TwoFactorChallenge } from '../../electron/shared/contract/synapse';
import { serverStateOf } from '../../electron/shared/model';
import { keytarKeychain, KeychainUnavailable } from '../../electron/core/keychain';
import { randomBytes } from 'node:crypto';

const PW = 'correct horse battery';

/** The real keychain, whose deletes can be made to fail (a keychain locked meanwhile). */
function lockableKeychain(service: string) {
  const real = keytarKeychain(service);
  const k = {
    failDelete: false,
    get: (a: string) => real.get(a),
    set: (a: string, v: string) => real.set(a, v),
    findAll: () => real.findAll(),
    probe: () => real.probe(),
    delete: async (a: string) => {
      if (k.failDelete) throw new KeychainUnavailable({ state: 'locked', message: 'The keychain is locked (test).', fix: 'Unlock it.' });
      return real.delete(a);
    },
  };
  return k;
}

async function setup(fn: (tv: TestVault, f: FakeSynapse, keychain: ReturnType<typeof lockableKeychain>) => Promise<void>) {
  let tv: TestVault | undefined;
  const f = await startFakeSynapse({ clock: { now: () => tv!.clock.now() } });
  const service = `SynvaultTest-${randomBytes(4).toString('hex')}`;
  const keychain = lockableKeychain(service);
  tv = makeTestVault({ env: { SYNVAULT_SYNAPSE_AUTH_ENDPOINT: f.authEndpoint, SYNVAULT_SYNAPSE_REPO_ENDPOINT: f.repoEndpoint }, service, keychain });
  f.addUser({ userName: 'alice', password: PW, ownerId: '3400001' });
  try {
    await fn(tv, f, keychain);
  } finally {
    await f.close();
    await tv.cleanup();
  }
}

/** The same vault after a restart, on the same clock. */
function restart(tv: TestVault): TestVault {
  const again = tv.reopen();
  again.clock.t = tv.clock.t;
  return again;
}

const revoked = (r: RevokeResult | TwoFactorChallenge) => {
  assert.ok(!('needsTwoFactor' in r));
  return r as RevokeResult;
};
const state = async (tv: TestVault): Promise<SyncReport> => {
  const r = await tv.call('synapseSyncState', {});
  assert.ok(r, 'no sync is kept');
  return r;
};
const listCalls = (f: FakeSynapse) => f.requests.filter((r) => r.method === 'GET' && r.path === '/auth/v1/personalAccessToken').length;

test('before any sync there is none; a sync is kept and a restarted vault shows the same report, with no token in any file', async () => {
  await setup(async (tv, f) => {
    assert.equal(await tv.call('synapseSyncState', {}), null);
    const mine = f.issuePat('alice', 'mine');
    const gone = f.issuePat('alice', 'revoked elsewhere');
    for (let i = 0; i < 11; i++) f.issuePat('alice', `web-${i}`);
    const a = await tv.call('addToken', { service: 'synapse', label: 'Mine', username: 'alice', secret: mine });
    const b = await tv.call('addToken', { service: 'synapse', label: 'Gone', secret: gone });
    f.pats.splice(f.pats.findIndex((p) => p.name === 'revoked elsewhere'), 1);

    const report = await tv.call('synapseSync', {});
    const u = report.users[0]!;
    // The figures agree: 12 tokens at Synapse (the cap counts them), shown as 12 rows not gone;
    // the vault's token Synapse no longer has is a row of its own, not counted.
    assert.equal(f.pats.filter((p) => p.userId === '3400001').length, 12);
    assert.equal(u.total, 12);
    assert.equal(u.rows.filter((r) => r.state !== 'gone').length, 12);
    assert.equal(u.rows.length, 13);
    assert.equal(u.rows.find((r) => r.tokenId === b.id)!.state, 'gone');
    assert.equal(u.rows.find((r) => r.tokenId === a.id)!.state, 'ACTIVE');

    // Each vault token's state is on its record, with the sync's time.
    const tokens = await tv.call('listTokens', {});
    assert.deepEqual(serverStateOf(tokens.find((t) => t.id === a.id)!, 'synapse')?.state, 'ACTIVE');
    assert.equal(tokens.find((t) => t.id === a.id)!.server?.at, report.at);
    assert.equal(serverStateOf(tokens.find((t) => t.id === b.id)!, 'synapse')?.state, 'gone');

    const calls = listCalls(f);
    const again = restart(tv);
    assert.deepEqual(await state(again), report);
    assert.equal(listCalls(f), calls, 'the kept sync asked Synapse');

    const files = readTree(tv.dir);
    assert.ok(files.some((x) => x.file.endsWith('synapse-sync.json') && x.text.includes('web-10')), 'the tokens outside the vault are kept');
    for (const { file, text } of files) for (const p of f.pats) assert.ok(!text.includes(p.token), `${file} holds a token`);
    for (const { file, text } of files) assert.ok(!text.includes(mine) && !text.includes(gone), `${file} holds a vault token`);
  });
});

test('a revoke from the token list, of a token outside the vault, and one that finds it gone change the kept sync at once, with no new sync', async () => {
  await setup(async (tv, f) => {
    const laptop = f.issuePat('alice', 'laptop');
    const desk = f.issuePat('alice', 'desk');
    f.issuePat('alice', 'made on synapse.org');
    const l = await tv.call('addToken', { service: 'synapse', label: 'Laptop', username: 'alice', secret: laptop });
    const d = await tv.call('addToken', { service: 'synapse', label: 'Desk', username: 'alice', secret: desk });
    await tv.call('synapseSync', {});
    assert.equal((await state(tv)).users[0]!.total, 3);
    const calls = listCalls(f);

    // Revoked from the Tokens tab: it leaves the vault, the report and its count.
    assert.equal(revoked(await tv.call('synapseRevoke', { id: l.id, username: 'alice', password: PW })).removedId, l.id);
    let u = (await state(tv)).users[0]!;
    assert.equal(u.total, 2);
    assert.deepEqual(u.rows.map((r) => r.name).sort(), ['desk', 'made on synapse.org']);

    // Revoked from the sync table (not in the vault): gone from the kept list too.
    const web = f.pats.find((p) => p.name === 'made on synapse.org')!;
    revoked(await tv.call('synapseRevoke', { recordId: web.id, username: 'alice', password: PW }));
    u = (await restart(tv).call('synapseSyncState', {}))!.users[0]!;
    assert.equal(u.total, 1);
    assert.deepEqual(u.rows.map((r) => r.name), ['desk']);

    // Revoked on synapse.org: a revoke from here finds it gone (404) and the token keeps saying
    // so until a sync says otherwise.
    f.pats.splice(f.pats.findIndex((p) => p.name === 'desk'), 1);
    const e = await tv.raw('synapseRevoke', { id: d.id, username: 'alice', password: PW });
    assert.equal(e.error?.code, 'not-found');
    u = (await restart(tv).call('synapseSyncState', {}))!.users[0]!;
    assert.deepEqual(u.rows.map((r) => [r.tokenId, r.state]), [[d.id, 'gone']]);
    assert.equal(u.total, 0);
    assert.equal(listCalls(f), calls, 'a change needed a new sync to show');
  });
});

test('a revoke Synapse confirmed but the keychain would not let go of: the token stays, marked gone', async () => {
  await setup(async (tv, f, keychain) => {
    const t = await tv.call('addToken', { service: 'synapse', label: 'Laptop', username: 'alice', secret: f.issuePat('alice', 'laptop') });
    await tv.call('synapseSync', {});
    keychain.failDelete = true;
    const r = await tv.raw('synapseRevoke', { id: t.id, username: 'alice', password: PW });
    assert.equal(r.error?.code, 'keychain-locked');
    assert.equal(f.pats.length, 0, 'Synapse did not revoke it');
    const kept = (await restart(tv).call('listTokens', {})).find((x) => x.id === t.id)!;
    assert.equal(serverStateOf(kept, 'synapse')?.state, 'gone');
    assert.ok(tv.core.vault.activity(5).some((e) => e.action === 'revoked' && e.tokenId === t.id));
  });
});

test('verify writes the token’s own record: state, name and last use', async () => {
  await setup(async (tv, f) => {
    const secret = f.issuePat('alice', 'pasted');
    const added = await tv.call('addToken', { service: 'synapse', label: 'Pasted', secret });
    await tv.clock.advance(3 * 86_400_000);
    const v = await tv.call('synapseVerifyToken', { id: added.id });
    const s = serverStateOf(v.token, 'synapse');
    assert.equal(s?.state, 'ACTIVE');
    assert.equal(s?.name, 'pasted');
    assert.equal(s?.at, new Date(tv.clock.now()).toISOString());
    // Verify itself used the token: Synapse's last use is now.
    assert.equal(s?.lastUsed, new Date(tv.clock.now()).toISOString());
    const kept = (await restart(tv).call('listTokens', {}))[0]!;
    assert.deepEqual(kept.server, v.token.server);
  });
});

test('a sync file this version cannot read counts as no sync, and the next sync writes it again', async () => {
  await setup(async (tv, f) => {
    await tv.call('addToken', { service: 'synapse', label: 'Mine', secret: f.issuePat('alice', 'mine') });
    await tv.call('synapseSync', {});
    fs.writeFileSync(path.join(tv.dir, 'synapse-sync.json'), '{"version": 99}');
    assert.equal(await tv.call('synapseSyncState', {}), null);
    const report = await tv.call('synapseSync', {});
    assert.deepEqual(await state(tv), report);
  });
});
