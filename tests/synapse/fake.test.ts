// @process: test
// The fake Synapse behaves as docs/services/synapse.md says the real one does, and the HTTP client
// reads it correctly: the tests of the app rest on this.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeSynapse, type FakeSynapse } from '../../e2e/fakes/synapse';
import { FakeClock } from '../helpers/core';
import * as api from '../../electron/core/services/synapse/client';
import { checkSynapsePat } from '../../electron/shared/services/synapse';
import { VaultError } from '../../electron/shared/errors';
import { daysLeft } from '../../electron/core/services/synapse/actions';

const DAY = 86_400_000;

async function withFake(fn: (f: FakeSynapse, ep: api.SynapseEndpoints, clock: FakeClock) => Promise<void>, pageSize?: number) {
  const clock = new FakeClock();
  const f = await startFakeSynapse(pageSize ? { clock, pageSize } : { clock });
  f.addUser({ userName: 'alice', password: 'correct horse', ownerId: '3400001' });
  try {
    await fn(f, { auth: f.authEndpoint, repo: f.repoEndpoint }, clock);
  } finally {
    await f.close();
  }
}

const rejects = (p: Promise<unknown>, check: (e: VaultError) => boolean) =>
  assert.rejects(p, (e: unknown) => e instanceof VaultError && check(e));

const session = async (ep: api.SynapseEndpoints, user: string, pw: string) => {
  const r = await api.login2(ep, user, pw, 'create');
  assert.equal(r.kind, 'session');
  return (r as Extract<api.SignIn, { kind: 'session' }>).session;
};

test('login2: 201 with an access token and a receipt; a user name or any e-mail in any casing signs in', async () => {
  await withFake(async (f, ep) => {
    const s = await session(ep, 'alice', 'correct horse');
    assert.equal(s.acceptsTermsOfUse, true);
    assert.ok(s.accessToken.length > 10);
    assert.ok(s.authenticationReceipt);
    await session(ep, 'ALICE@Example.org', 'correct horse');
    await session(ep, 'a.l-i_ce', 'correct horse');
    assert.deepEqual(f.requests.map((r) => r.receipt), ['none', 'none', 'none']);
    await api.login2(ep, 'alice', 'correct horse', 'create', s.authenticationReceipt);
    assert.equal(f.requests.at(-1)!.receipt, 'invalid', 'a receipt is replaced at each sign-in');
  });
});

test('login2 refusals: each has its own status, body and message', async () => {
  await withFake(async (f, ep) => {
    const wrong = /user name\/e-mail or password is incorrect/;
    await rejects(api.login2(ep, 'alice', 'wrong', 'create'), (e) => e.code === 'unauthorized' && e.status === 401 && wrong.test(e.message));
    await rejects(api.login2(ep, 'nobody', 'x', 'create'), (e) => e.status === 401 && wrong.test(e.message));
    // The way round a password that cannot be used is the one for what the sign-in was for: a
    // revoke is not told to create a token.
    await rejects(api.login2(ep, 'alice', 'wrong', 'create'), (e) => /create the token on synapse\.org .* and paste it here/.test(e.message));
    await rejects(api.login2(ep, 'alice', 'wrong', 'revoke'), (e) => /delete the token on synapse\.org .*Remove/.test(e.message) && !/create/.test(e.message));
    await rejects(api.login2(ep, 'alice', 'wrong', 'rotate'), (e) => /create the new token on synapse\.org .* delete the old one there/.test(e.message));
    f.addUser({ userName: 'weak', password: 'pw', passwordReset: 'weak' });
    f.addUser({ userName: 'old', password: 'pw', passwordReset: 'expired' });
    for (const u of ['weak', 'old']) {
      await rejects(api.login2(ep, u, 'pw', 'create'), (e) => e.status === 401 && /reset it on synapse\.org/.test(e.message) && /retrying this password cannot help/.test(e.message));
    }
    f.lockOut('alice', 61_000);
    await rejects(api.login2(ep, 'alice', 'correct horse', 'create'), (e) => e.status === 423 && /Wait 2 minutes and try again/.test(e.message) && !/synapse\.org/.test(e.message));
    f.lockOut('alice', 4_200);
    await rejects(api.login2(ep, 'alice', 'correct horse', 'create'), (e) => /Wait 5 seconds/.test(e.message));
    f.addUser({ userName: 'tfa', password: 'pw', twoFactor: true });
    const r = await api.login2(ep, 'tfa', 'pw', 'create');
    assert.equal(r.kind, 'two-factor');
    f.addUser({ userName: 'newbie', password: 'pw', acceptsTermsOfUse: false });
    assert.equal((await session(ep, 'newbie', 'pw')).acceptsTermsOfUse, false);
  });
});

test('a valid receipt gets past the failed-attempt lockout', async () => {
  await withFake(async (f, ep) => {
    const s = await session(ep, 'alice', 'correct horse');
    f.lockOut('alice', 60_000);
    const r = await api.login2(ep, 'alice', 'correct horse', 'create', s.authenticationReceipt);
    assert.equal(r.kind, 'session');
    assert.equal(f.requests.at(-1)!.receipt, 'valid');
  });
});

test('2fa/token: a TOTP or a recovery code (once) finishes the sign-in; a bad code is 401 "The provided code is invalid."', async () => {
  await withFake(async (f, ep) => {
    const u = f.addUser({ userName: 'tfa', password: 'pw', twoFactor: true });
    const r = (await api.login2(ep, 'tfa', 'pw', 'create')) as Extract<api.SignIn, { kind: 'two-factor' }>;
    assert.equal(r.userId, u.ownerId);
    await rejects(api.login2fa(ep, { ...r, otpCode: '000000', otpType: 'TOTP' }), (e) => e.status === 401 && e.fields?.code === 'Code not accepted.' && /The provided code is invalid/.test(e.message));
    const s = await api.login2fa(ep, { ...r, otpCode: u.totp, otpType: 'TOTP' });
    assert.ok(s.accessToken && s.authenticationReceipt);
    await api.login2fa(ep, { ...r, otpCode: 'rc-0001-aaaa', otpType: 'RECOVERY_CODE' });
    await rejects(api.login2fa(ep, { ...r, otpCode: 'rc-0001-aaaa', otpType: 'RECOVERY_CODE' }), (e) => e.fields?.code === 'Recovery code not accepted.');
    await rejects(api.login2fa(ep, { ...r, twoFaToken: 'nope', otpCode: u.totp, otpType: 'TOTP' }), (e) => e.status === 401 && /Sign in again/.test(e.message) && !e.fields);
  });
});

test('terms of use not accepted: tokens can be made under /auth, but every /repo call is 403', async () => {
  await withFake(async (f, ep) => {
    f.addUser({ userName: 'newbie', password: 'pw', acceptsTermsOfUse: false });
    const s = await session(ep, 'newbie', 'pw');
    const t = await api.createPat(ep, s.accessToken, { name: 'x', scope: ['view'] });
    await rejects(api.userProfile(ep, t), (e) => e.status === 403 && /Terms of use have not been signed/.test(e.message));
  });
});

test('PAT create: authorize is stripped, empty scope means all, blank name becomes a UUID, duplicate names refused', async () => {
  await withFake(async (_f, ep) => {
    const s = (await session(ep, 'alice', 'correct horse')).accessToken;
    const t1 = await api.createPat(ep, s, { name: 'laptop', scope: ['view', 'authorize', 'modify'] });
    const d1 = checkSynapsePat(t1);
    assert.deepEqual(d1.scopes, ['view', 'modify']);
    assert.equal(d1.userId, '3400001');
    const t2 = await api.createPat(ep, s, { name: '', scope: [] });
    assert.ok(!checkSynapsePat(t2).scopes!.includes('authorize'));
    assert.ok(checkSynapsePat(t2).scopes!.includes('download'));
    const list = await api.listPats(ep, t1);
    assert.match(list.find((r) => r.id === checkSynapsePat(t2).recordId)!.name, /^[0-9a-f-]{36}$/);
    await rejects(api.createPat(ep, s, { name: 'laptop', scope: ['view'] }), (e) => e.code === 'conflict' && e.status === 400 && /already have a Synapse token named "laptop"/.test(e.message));
    // A PAT cannot carry authorize, so it cannot create another PAT.
    await rejects(api.createPat(ep, t1, { name: 'x', scope: ['view'] }), (e) => e.code === 'forbidden');
  });
});

test('PAT list: 50 a page, most recently used first; get; delete, after which the token is 401 and 404', async () => {
  await withFake(async (f, ep, clock) => {
    const tokens: string[] = [];
    for (let i = 0; i < 120; i++) {
      tokens.push(f.issuePat('alice', `t${i}`));
      clock.advance(1000);
    }
    await rejects(api.userProfile(ep, tokens[0]!), (e) => e.status === 401);
    const list = await api.listPats(ep, tokens[50]!);
    assert.equal(list.length, 100, 'past 100 the server deleted the least recently used (t0..t19)');
    // Listing used t50, so it is the most recently used now; then newest first (lastUsed = createdOn).
    assert.deepEqual(list.slice(0, 3).map((r) => r.name), ['t50', 't119', 't118']);
    assert.ok(!list.some((r) => r.name === 't0' || r.name === 't19'));
    const pages = f.requests.filter((r) => r.path.endsWith('/personalAccessToken') && r.method === 'GET').length;
    assert.equal(pages, 2, '100 tokens are two pages of 50');
    const id = checkSynapsePat(tokens[30]!).recordId!;
    clock.advance(61_000);
    const rec = await api.getPat(ep, tokens[40]!, id);
    assert.equal(rec?.name, 't30');
    assert.equal(rec?.state, 'ACTIVE');
    assert.equal(rec?.lastUsed, rec?.createdOn, 'at creation lastUsed = createdOn');
    const listed = await api.listPats(ep, tokens[40]!);
    assert.equal(listed[0]!.name, 't40', 'the token that just listed is the most recently used');
    const s = (await session(ep, 'alice', 'correct horse')).accessToken;
    // Revoking needs modify + authorize: a PAT is refused, a password session works.
    await rejects(api.deletePat(ep, tokens[40]!, id), (e) => e.code === 'forbidden');
    assert.equal(await api.deletePat(ep, s, id), true);
    assert.equal(await api.deletePat(ep, s, id), false, 'a second delete is a 404');
    assert.equal(await api.getPat(ep, tokens[40]!, id), null);
    assert.equal((await api.listPats(ep, tokens[40]!)).length, 99, 'revoked tokens are not listed');
    await rejects(api.userProfile(ep, tokens[30]!), (e) => e.code === 'unauthorized' && e.status === 401);
  });
});

test("another user's token: GET and DELETE are 403 with the server's words; an unknown id is 404", async () => {
  await withFake(async (f, ep) => {
    f.addUser({ userName: 'bob', password: 'pw' });
    const bobs = checkSynapsePat(f.issuePat('bob', 'b')).recordId!;
    const mine = f.issuePat('alice', 'a');
    await rejects(api.getPat(ep, mine, bobs), (e) => e.status === 403);
    const s = (await session(ep, 'alice', 'correct horse')).accessToken;
    await rejects(api.deletePat(ep, s, bobs), (e) => e.status === 403 && /"You do not have permission to revoke this token\."/.test(e.message) && !/already/.test(e.message));
    assert.equal(f.pats.length, 2);
    assert.equal(await api.deletePat(ep, s, '999999'), false);
  });
});

test('userProfile gives userName and ownerId; an unknown token is 401; no view scope is 403', async () => {
  await withFake(async (f, ep) => {
    const t = f.issuePat('alice', 'a');
    assert.deepEqual(await api.userProfile(ep, t), { ownerId: '3400001', userName: 'alice' });
    await rejects(api.userProfile(ep, t.slice(0, -4) + 'AAAA'), (e) => e.status === 401);
    const noView = f.issuePat('alice', 'b', ['download']);
    await rejects(api.userProfile(ep, noView), (e) => e.status === 403);
  });
});

test('lastUsed is stamped (at most once a minute) and a token unused for 180 days is EXPIRED and refused', async () => {
  await withFake(async (f, ep, clock) => {
    const used = f.issuePat('alice', 'used');
    const idle = f.issuePat('alice', 'idle');
    assert.equal(daysLeft((await api.listPats(ep, used)).find((r) => r.name === 'idle')!, clock.now()), 180, 'never more than 180');
    clock.advance(10 * DAY);
    await api.userProfile(ep, used);
    const first = (await api.listPats(ep, used)).find((r) => r.name === 'used')!.lastUsed;
    clock.advance(30_000);
    await api.userProfile(ep, used);
    assert.equal((await api.listPats(ep, used)).find((r) => r.name === 'used')!.lastUsed, first, 'lastUsed moved within a minute');
    const idleRec = (await api.listPats(ep, used)).find((r) => r.name === 'idle')!;
    assert.equal(idleRec.lastUsed, idleRec.createdOn, 'never used: lastUsed is its creation');
    assert.equal(daysLeft(idleRec, clock.now()), 170);
    clock.advance(171 * DAY);
    const usedRec = (await api.listPats(ep, used)).find((r) => r.name === 'used')!;
    assert.equal(usedRec.state, 'ACTIVE');
    const expired = (await api.listPats(ep, used)).find((r) => r.name === 'idle')!;
    assert.equal(expired.state, 'EXPIRED');
    assert.equal(daysLeft(expired, clock.now()), 0);
    await rejects(api.userProfile(ep, idle), (e) => e.status === 401);
    // An expired token can still be deleted.
    const s = (await session(ep, 'alice', 'correct horse')).accessToken;
    assert.equal(await api.deletePat(ep, s, expired.id), true);
  });
});

test('the 101st token makes the server delete the least recently used', async () => {
  await withFake(async (f, ep, clock) => {
    const first = f.issuePat('alice', 'oldest');
    clock.advance(1000);
    const keep = f.issuePat('alice', 'keeper');
    for (let i = 0; i < 98; i++) f.issuePat('alice', `n${i}`);
    clock.advance(1000);
    await api.userProfile(ep, keep);
    assert.equal((await api.listPats(ep, keep)).length, 100);
    f.issuePat('alice', 'one too many');
    const names = (await api.listPats(ep, keep)).map((r) => r.name);
    assert.equal(names.length, 100);
    assert.ok(!names.includes('oldest'));
    assert.ok(names.includes('keeper'));
    await rejects(api.userProfile(ep, first), (e) => e.status === 401);
  });
});

test('a refused connection is a network error naming Synapse, without the token', async () => {
  const token = 'x'.repeat(30);
  await rejects(api.userProfile({ auth: 'http://127.0.0.1:9', repo: 'http://127.0.0.1:9/repo/v1' }, token), (e) => e.code === 'network' && /Synapse/.test(e.message) && !e.message.includes(token));
});
