// @process: test
// The Synapse use cases through the contract's dispatcher, on the real (test-session) keychain
// and real files, against the fake Synapse: what a person clicking through the app would get.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startFakeSynapse, type FakeSynapse } from '../../e2e/fakes/synapse';
import { CANARIES, makeSynapsePat, makeTestVault, readTree, type TestVault } from '../helpers/core';
import { digest, pyRead } from './py-configparser';
import type { CreateResult, RevokeResult, SyncReport, TwoFactorChallenge } from '../../electron/shared/contract/synapse';
import { receiptAccount } from '../../electron/core/services/synapse/actions';

const DAY = 86_400_000;
const PW = 'correct horse battery';

async function setup(fn: (tv: TestVault, f: FakeSynapse) => Promise<void>, opts: { pageSize?: number } = {}) {
  // The fake follows the vault's clock, so "180 days later" is one advance().
  let tv: TestVault | undefined;
  const f = await startFakeSynapse({ clock: { now: () => tv!.clock.now() }, pageSize: opts.pageSize ?? 10 });
  tv = makeTestVault({ env: { SYNVAULT_SYNAPSE_AUTH_ENDPOINT: f.authEndpoint, SYNVAULT_SYNAPSE_REPO_ENDPOINT: f.repoEndpoint } });
  f.addUser({ userName: 'alice', password: PW, ownerId: '3400001' });
  try {
    await fn(tv, f);
  } finally {
    await f.close();
    await tv.cleanup();
  }
}

/** A create or revoke that finished (no second factor asked). */
function done<T extends CreateResult | RevokeResult>(r: T | TwoFactorChallenge): T {
  assert.ok(!('needsTwoFactor' in r), 'a second factor was asked for');
  return r as T;
}

const tokenEntries = async (tv: TestVault) => (await tv.keychain.findAll()).filter((e) => e.account.startsWith('synvault1:'));

async function fail(tv: TestVault, method: Parameters<TestVault['raw']>[0], input: unknown) {
  const r = await tv.raw(method, input as never);
  assert.equal(r.ok, false, `${method} should have failed`);
  return r.error!;
}

test('create via sign-in stores the token in the keychain with its scopes; the password and session token are kept nowhere', async () => {
  await setup(async (tv, f) => {
    const res = done(await tv.call('synapseCreateToken', { username: 'alice', password: PW, name: 'laptop', scopes: ['view', 'download'] }));
    assert.equal(res.token.service, 'synapse');
    assert.equal(res.token.account, 'alice');
    assert.equal(res.token.label, 'laptop');
    assert.deepEqual(res.token.scopes, ['view', 'download']);
    assert.equal(res.token.userId, '3400001');
    assert.equal(res.token.recordId, f.pats[0]!.id);
    const list = await tv.call('listTokens', {});
    assert.equal(list.length, 1);
    const stored = await tokenEntries(tv);
    assert.equal(stored.length, 1);
    assert.ok(stored[0]!.secret === f.pats[0]!.token, 'the keychain does not hold the created token');
    assert.deepEqual(f.requests.map((r) => `${r.method} ${r.path.replace(/^\/auth\/v1/, '')} ${r.auth}`), [
      'POST /login2 none',
      'GET /personalAccessToken session',
      'POST /personalAccessToken session',
      'GET /repo/v1/userProfile pat',
    ]);
    assert.equal(res.token.verification?.state, 'valid', 'the new token answered /userProfile');
    for (const { file, text } of readTree(tv.dir)) {
      assert.ok(!text.includes(PW), `${file} holds the password`);
      assert.ok(!text.includes('fake-session.'), `${file} holds the session token`);
      assert.ok(!text.includes(f.pats[0]!.token), `${file} holds the token`);
    }
    const activity = await tv.call('listActivity', {});
    assert.ok(activity.some((a) => a.action === 'created'));
  });
});

test('create: wrong password, reset-required, lockout, terms not accepted and a duplicate name each get their own message', async () => {
  await setup(async (tv, f) => {
    const e1 = await fail(tv, 'synapseCreateToken', { username: 'alice', password: 'nope', name: 'x' });
    assert.equal(e1.code, 'unauthorized');
    assert.match(e1.message, /^The user name\/e-mail or password is incorrect\./);
    assert.doesNotMatch(e1.message, /not the e-mail/);
    assert.equal(e1.fields?.password, 'Incorrect user name/e-mail or password.');
    f.addUser({ userName: 'weak', password: PW, passwordReset: 'weak' });
    const e2 = await fail(tv, 'synapseCreateToken', { username: 'weak', password: PW, name: 'x' });
    assert.match(e2.message, /reset it on synapse\.org \("Forgot password"\).*retrying this password cannot help/);
    assert.doesNotMatch(e2.message, /incorrect/);
    f.lockOut('alice', 150_000);
    const e3 = await fail(tv, 'synapseCreateToken', { username: 'alice', password: PW, name: 'x' });
    assert.match(e3.message, /holding back sign-in attempts.*Wait 3 minutes and try again; the account itself is fine\./);
    assert.doesNotMatch(e3.message, /synapse\.org|locked account/);
    f.lockOut('alice', 0);
    f.addUser({ userName: 'newbie', password: PW, acceptsTermsOfUse: false });
    const e4 = await fail(tv, 'synapseCreateToken', { username: 'newbie', password: PW, name: 'x' });
    assert.equal(e4.code, 'forbidden');
    assert.match(e4.message, /not accepted the Synapse Terms of Use.*none was created.*accept the Terms of Use, then try again/);
    f.issuePat('alice', 'laptop');
    const e5 = await fail(tv, 'synapseCreateToken', { username: 'alice', password: PW, name: 'laptop' });
    assert.equal(e5.code, 'conflict');
    assert.match(e5.message, /already have a Synapse token named "laptop"/);
    assert.equal(e5.fields?.name, 'Already used by another of your tokens.');
    const e6 = await fail(tv, 'synapseCreateToken', { username: 'alice', password: PW, name: 'y', scopes: ['download'] });
    assert.match(e6.message, /View/);
    const e7 = await fail(tv, 'synapseCreateToken', { username: ' ', password: PW, name: 'y' });
    assert.match(e7.message, /user name or e-mail/);
    assert.equal((await tv.call('listTokens', {})).length, 0);
    assert.equal(f.pats.length, 1, 'no token was made for the account without the Terms of Use');
  });
});

test('sign in with an e-mail in another casing: the stored account is the owner\'s userName', async () => {
  await setup(async (tv, f) => {
    f.users[0]!.emails.push('Alice.Smith@uni.example');
    const res = done(await tv.call('synapseCreateToken', { username: 'alice.smith@UNI.example', password: PW, name: 'by-mail' }));
    assert.equal(res.token.account, 'alice');
    const again = done(await tv.call('synapseCreateToken', { username: 'ALICE', password: PW, name: 'by-caps' }));
    assert.equal(again.token.account, 'alice');
  });
});

test('two-factor sign-in: a challenge, a bad code refused with its own message (challenge kept), a good code creates the token', async () => {
  await setup(async (tv, f) => {
    const u = f.addUser({ userName: 'tfa', password: PW, twoFactor: true, ownerId: '3400077' });
    const first = await tv.call('synapseCreateToken', { username: 'TFA@example.org', password: PW, name: 'two-step', scopes: ['view', 'modify'] });
    assert.ok('needsTwoFactor' in first && first.needsTwoFactor);
    const challenge = (first as TwoFactorChallenge).challenge;
    assert.equal(f.pats.length, 0, 'nothing is created before the code');
    const bad = await fail(tv, 'synapseTwoFactor', { challenge, code: '111111' });
    assert.equal(bad.code, 'unauthorized');
    assert.match(bad.message, /did not accept that code \(it changes every 30 seconds\)\. Check it and try again\. Synapse said: "The provided code is invalid\."/);
    assert.equal(bad.fields?.code, 'Code not accepted.');
    const ok = await tv.call('synapseTwoFactor', { challenge, code: u.totp, codeType: 'TOTP' });
    assert.equal(ok.action, 'create');
    const created = (ok as Extract<typeof ok, { action: 'create' }>).created;
    assert.equal(created.token.account, 'tfa');
    assert.deepEqual(created.token.scopes, ['view', 'modify']);
    assert.equal(f.pats.length, 1);
    assert.ok(f.requests.some((r) => r.path === '/auth/v1/2fa/token'));
    // The challenge is spent.
    assert.match((await fail(tv, 'synapseTwoFactor', { challenge, code: u.totp })).message, /no longer open.*Sign in again/);
    // A recovery code works too; a challenge left 10 minutes is gone.
    const second = (await tv.call('synapseCreateToken', { username: 'tfa', password: PW, name: 'by-recovery' })) as TwoFactorChallenge;
    const viaCode = await tv.call('synapseTwoFactor', { challenge: second.challenge, code: 'rc-0002-bbbb', codeType: 'RECOVERY_CODE' });
    assert.equal(viaCode.action, 'create');
    const third = (await tv.call('synapseCreateToken', { username: 'tfa', password: PW, name: 'too-late' })) as TwoFactorChallenge;
    await tv.clock.advance(11 * 60_000);
    assert.match((await fail(tv, 'synapseTwoFactor', { challenge: third.challenge, code: u.totp })).message, /no longer open/);
    for (const { file, text } of readTree(tv.dir)) assert.ok(!text.includes(PW), `${file} holds the password`);
  });
});

test('two-factor revoke: the code finishes the revoke without the password', async () => {
  await setup(async (tv, f) => {
    const u = f.addUser({ userName: 'tfa', password: PW, twoFactor: true });
    const t = await tv.call('addToken', { service: 'synapse', label: 'TFA', secret: f.issuePat('tfa', 'x') });
    const c = (await tv.call('synapseRevoke', { id: t.id, username: 'tfa', password: PW })) as TwoFactorChallenge;
    assert.equal(c.needsTwoFactor, true);
    assert.equal(f.pats.length, 1);
    const r = await tv.call('synapseTwoFactor', { challenge: c.challenge, code: u.totp });
    assert.equal(r.action, 'revoke');
    assert.equal((r as Extract<typeof r, { action: 'revoke' }>).revoked.removedId, t.id);
    assert.equal(f.pats.length, 0);
    assert.equal((await tv.call('listTokens', {})).length, 0);
  });
});

test('the sign-in receipt is kept in the keychain (no file), sent back with the next sign-in, and never listed as a token', async () => {
  await setup(async (tv, f) => {
    done(await tv.call('synapseCreateToken', { username: 'Alice', password: PW, name: 'one' }));
    const receipt = await tv.keychain.get(receiptAccount('alice'));
    assert.ok(receipt, 'no receipt in the keychain');
    assert.ok(!receiptAccount('alice').startsWith('synvault1:'));
    for (const { file, text } of readTree(tv.dir)) assert.ok(!text.includes(receipt), `${file} holds the receipt`);
    assert.deepEqual(f.requests.filter((r) => r.path.endsWith('/login2')).map((r) => r.receipt), ['none']);
    // Locked out after failed tries elsewhere: the receipt gets this machine through.
    f.lockOut('alice', 60_000);
    done(await tv.call('synapseCreateToken', { username: 'alice', password: PW, name: 'two' }));
    assert.deepEqual(f.requests.filter((r) => r.path.endsWith('/login2')).map((r) => r.receipt), ['none', 'valid']);
    assert.notEqual(await tv.keychain.get(receiptAccount('alice')), receipt, 'the new receipt replaces the old');
    // A restart adopts no stray from it.
    const again = tv.reopen();
    const status = await again.call('getStatus', {});
    assert.deepEqual(status.notices, []);
    assert.equal((await again.call('listTokens', {})).length, 2);
  });
});

test('create at the 100-token cap asks first, naming the token Synapse would delete', async () => {
  await setup(async (tv, f) => {
    f.issuePat('alice', 'dusty');
    tv.clock.advance(1000);
    for (let i = 0; i < 99; i++) f.issuePat('alice', `n${i}`);
    const e = await fail(tv, 'synapseCreateToken', { username: 'alice', password: PW, name: 'new' });
    assert.match(e.message, /100 tokens.*"dusty"/);
    assert.equal(f.pats.length, 100);
    const ok = done(await tv.call('synapseCreateToken', { username: 'alice', password: PW, name: 'new', allowEvictOldest: true }));
    assert.ok(ok.warnings.some((w) => /"dusty"/.test(w)));
    assert.ok(!f.pats.some((p) => p.name === 'dusty'));
  });
});

test('verify shows the owner and stamps verified-at; a token revoked elsewhere is marked invalid', async () => {
  await setup(async (tv, f) => {
    const secret = f.issuePat('alice', 'pasted');
    const added = await tv.call('addToken', { service: 'synapse', label: 'Pasted', secret });
    const v = await tv.call('synapseVerifyToken', { id: added.id });
    assert.equal(v.state, 'valid');
    assert.equal(v.userName, 'alice');
    assert.equal(v.ownerId, '3400001');
    assert.equal(v.token.account, 'alice');
    assert.equal(v.token.verifiedAt, new Date(tv.clock.now()).toISOString());
    f.pats.splice(0, 1);
    const v2 = await tv.call('synapseVerifyToken', { id: added.id });
    assert.equal(v2.state, 'invalid');
    const row = (await tv.call('listTokens', {}))[0]!;
    assert.equal(row.verification?.state, 'invalid');
    assert.match(row.verification!.detail, /401/);
  });
});

test('sync: all pages, server state, last used, days left before disuse expiry, gone, and tokens not in the vault', async () => {
  await setup(
    async (tv, f) => {
      const mine = f.issuePat('alice', 'mine');
      const other = f.issuePat('alice', 'gone soon');
      for (let i = 0; i < 23; i++) f.issuePat('alice', `web-${i}`);
      const a = await tv.call('addToken', { service: 'synapse', label: 'Mine', username: 'alice', secret: mine });
      const b = await tv.call('addToken', { service: 'synapse', label: 'Revoked elsewhere', secret: other });
      f.pats.splice(f.pats.findIndex((p) => p.name === 'gone soon'), 1);
      tv.clock.advance(100 * DAY);
      let report: SyncReport = await tv.call('synapseSync', {});
      assert.equal(report.users.length, 1);
      const u = report.users[0]!;
      assert.equal(u.total, 24);
      assert.equal(u.nearCap, false);
      const rowA = u.rows.find((r) => r.tokenId === a.id)!;
      assert.equal(rowA.state, 'ACTIVE');
      assert.equal(rowA.name, 'mine');
      // The sync itself used "mine" to list, so it was just used: 180 days left.
      assert.equal(rowA.daysLeft, 180);
      assert.equal(u.rows.find((r) => r.tokenId === b.id)!.state, 'gone');
      const outside = u.rows.filter((r) => !r.inVault);
      assert.equal(outside.length, 23);
      const web = outside.find((r) => r.name === 'web-0')!;
      assert.equal(web.daysLeft, 80);
      assert.equal(web.tokenId, undefined);
      tv.clock.advance(81 * DAY);
      report = await tv.call('synapseSync', {});
      assert.equal(report.users[0]!.rows.find((r) => r.name === 'web-0')!.state, 'EXPIRED');
      assert.equal(report.users[0]!.rows.find((r) => r.name === 'web-0')!.daysLeft, 0);
    },
    { pageSize: 7 },
  );
});

test('sync warns near the 100-token cap and falls back to another stored token of the user', async () => {
  await setup(async (tv, f) => {
    const dead = f.issuePat('alice', 'dead');
    const live = f.issuePat('alice', 'live');
    for (let i = 0; i < 93; i++) f.issuePat('alice', `n${i}`);
    await tv.call('addToken', { service: 'synapse', label: 'Dead', secret: dead });
    await tv.call('addToken', { service: 'synapse', label: 'Live', secret: live });
    f.pats.splice(f.pats.findIndex((p) => p.name === 'dead'), 1);
    const report = await tv.call('synapseSync', {});
    assert.equal(report.users[0]!.total, 94);
    assert.equal(report.users[0]!.nearCap, true);
    assert.match(report.warnings[0]!, /94 of at most 100/);
  });
});

test('revoke: signs in, deletes at Synapse, then removes from the vault; a refused revoke removes nothing; an already-gone token can be removed locally', async () => {
  await setup(async (tv, f) => {
    const created = done(await tv.call('synapseCreateToken', { username: 'alice', password: PW, name: 'laptop' })).token;
    f.failNext('DELETE', '/auth/v1/personalAccessToken/', 500, 'Internal error');
    const e1 = await fail(tv, 'synapseRevoke', { id: created.id, username: 'alice', password: PW });
    assert.equal(e1.code, 'service');
    assert.equal((await tv.call('listTokens', {})).length, 1, 'a failed revoke removed the token');
    const e2 = await fail(tv, 'synapseRevoke', { id: created.id, username: 'alice', password: 'wrong' });
    assert.equal(e2.code, 'unauthorized');
    assert.equal((await tv.call('listTokens', {})).length, 1);
    const r = done(await tv.call('synapseRevoke', { id: created.id, username: 'alice', password: PW }));
    assert.equal(r.removedId, created.id);
    assert.equal((await tv.call('listTokens', {})).length, 0);
    assert.equal(f.pats.length, 0);
    assert.equal((await tokenEntries(tv)).length, 0);
    assert.ok((await tv.call('listActivity', {})).some((a) => a.action === 'revoked'));

    const again = await tv.call('addToken', { service: 'synapse', label: 'Stale', secret: f.issuePat('alice', 'stale') });
    f.pats.length = 0;
    const e3 = await fail(tv, 'synapseRevoke', { id: again.id, username: 'alice', password: PW });
    assert.equal(e3.code, 'not-found');
    assert.match(e3.message, /already revoked.*remove it from the vault/);
    assert.equal((await tv.call('listTokens', {})).length, 1);
    await tv.call('removeToken', { id: again.id });
    assert.equal((await tv.call('listTokens', {})).length, 0);

    // A token only on the server ("not in vault") can be revoked by its id.
    const web = f.issuePat('alice', 'web');
    void web;
    const res = done(await tv.call('synapseRevoke', { recordId: f.pats[0]!.id, username: 'alice', password: PW }));
    assert.equal(res.removedId, undefined);
    assert.equal(f.pats.length, 0);
  });
});

test('export to ~/.synapseConfig and import back through the channels', async () => {
  await setup(async (tv, f) => {
    const secret = f.issuePat('alice', 'cfg', ['view', 'download']);
    const t = await tv.call('addToken', { service: 'synapse', label: 'Cfg', secret });
    await tv.call('synapseVerifyToken', { id: t.id });
    const file = path.join(tv.config.home, '.synapseConfig');
    fs.writeFileSync(file, '[default]\nusername = bob\npassword = old\n\n[endpoints]\nrepoEndpoint = ' + f.repoEndpoint + '\n');
    // [default] is bob's: refused unless the person chooses to replace bob's credentials.
    const refused = await tv.raw('synapseExportPreview', { id: t.id, profile: 'default' });
    assert.equal(refused.ok, false);
    assert.match(refused.error!.message, /\[default\] holds the credentials of bob .*this token belongs to alice/);
    const preview = await tv.call('synapseExportPreview', { id: t.id, profile: 'default', replaceOtherUser: true });
    assert.ok(!JSON.stringify(preview).includes(secret), 'the preview carries the token');
    assert.deepEqual(preview.sections.map((s) => s.name).sort(), ['authentication', 'default']);
    assert.deepEqual(preview.username, { action: 'set', value: 'alice' });
    assert.deepEqual(preview.sections.find((s) => s.name === 'default')!.plaintext, ['password']);
    assert.deepEqual(
      preview.sections.find((s) => s.name === 'default')!.changes.map((c) => `${c.key}: ${c.before} → ${c.after}`),
      [`username: bob → alice`, `authtoken: null → ${secret.slice(0, 4)}…${secret.slice(-4)}`, 'password: •••• → null'],
    );
    assert.equal(preview.backupPath, `${file}.backup`);
    const done = await tv.call('synapseExport', { planId: preview.planId });
    assert.equal(done.verified, true);
    const py = pyRead(file);
    assert.deepEqual(py.modern?.authtoken, digest(secret));
    assert.deepEqual(py.legacy?.authtoken, digest(secret));
    assert.equal(py.modern?.username, 'alice');
    assert.ok(!fs.readFileSync(file, 'utf8').includes('password'));

    // Import back into an empty vault.
    await tv.call('removeToken', { id: t.id });
    const scan = await tv.call('synapseImportScan', {});
    assert.equal(scan.candidates.length, 1);
    assert.deepEqual(scan.candidates[0]!.sections, ['default', 'authentication']);
    assert.equal(scan.candidates[0]!.inVault, null);
    assert.ok(!JSON.stringify(scan).includes(secret));
    const imp = await tv.call('synapseImport', { sections: ['default'], removeFromFile: true, version: scan.version });
    assert.equal(imp.imported.length, 1);
    assert.deepEqual(imp.imported[0]!.scopes, ['view', 'download']);
    assert.equal(imp.imported[0]!.account, 'alice');
    assert.deepEqual(imp.removed.sort(), ['authentication', 'default']);
    assert.match(imp.note!, /Profile "default" now finds no token in the file \(\[default\]\), so synapseclient uses SYNAPSE_AUTH_TOKEN/);
    assert.deepEqual(imp.warnings, []);
    assert.ok(!fs.readFileSync(file, 'utf8').includes(secret), 'the plaintext token is still in the file');
    // The line is gone, not emptied: the client finds no token and goes on to SYNAPSE_AUTH_TOKEN.
    assert.equal(pyRead(file).modern?.authtoken, null);
    assert.equal(pyRead(file).legacy?.authtoken, null);
    const rescan = await tv.call('synapseImportScan', {});
    assert.equal(rescan.candidates.length, 0);
    // Importing the same token twice is refused as already in the vault.
    fs.writeFileSync(file, `[authentication]\nauthtoken = ${secret}\n`);
    const scan2 = await tv.call('synapseImportScan', {});
    assert.equal(scan2.candidates[0]!.inVault?.id, imp.imported[0]!.id);
    const imp2 = await tv.call('synapseImport', { sections: ['authentication'] });
    assert.equal(imp2.imported.length, 0);
    assert.match(imp2.skipped[0]!.reason, /already in the vault/);
  });
});

test('endpoints: [endpoints] in ~/.synapseConfig wins over settings, which win over the defaults', async () => {
  await setup(async (tv, f) => {
    let ep = await tv.call('synapseEndpoints', {});
    assert.equal(ep.auth, f.authEndpoint);
    // setup() points SYNVAULT_SYNAPSE_*_ENDPOINT at the fake.
    assert.deepEqual(ep.source, { auth: 'environment', repo: 'environment' });
    assert.deepEqual(ep.refused, []);
    await tv.call('updateSettings', { synapseAuthEndpoint: 'https://auth-staging.prod.sagebase.org/auth/v1' });
    ep = await tv.call('synapseEndpoints', {});
    assert.equal(ep.auth, 'https://auth-staging.prod.sagebase.org/auth/v1');
    assert.equal(ep.source.auth, 'settings');
    fs.writeFileSync(path.join(tv.config.home, '.synapseConfig'), `[endpoints]\nauthEndpoint = ${f.authEndpoint}/\n`);
    ep = await tv.call('synapseEndpoints', {});
    assert.equal(ep.auth, f.authEndpoint);
    assert.equal(ep.source.auth, 'synapseConfig');
    assert.equal(ep.source.repo, 'environment');
    // And it is used: create goes to the file's endpoint.
    await tv.call('synapseCreateToken', { username: 'alice', password: PW, name: 'via-file' });
    assert.equal(f.pats.length, 1);
  });
});

test('channel inputs are checked with clear messages', async () => {
  await setup(async (tv) => {
    assert.match((await fail(tv, 'synapseCreateToken', { username: '', password: 'x', name: 'n' })).message, /user name or e-mail/);
    assert.match((await fail(tv, 'synapseCreateToken', { username: 'a', password: '', name: 'n' })).message, /password/);
    assert.match((await fail(tv, 'synapseRevoke', { username: 'a', password: 'b' })).message, /Choose one token/);
    assert.match((await fail(tv, 'synapseExportPreview', { id: 'abcdefgh-1', profile: 'a b' })).message, /profile/);
    assert.match((await fail(tv, 'synapseImportScan', { path: 'relative/file' })).message, /full path/);
  });
});

test('the canary Synapse token never appears in a response, an error, or a file the vault writes (other than the exported config)', async () => {
  await setup(async (tv, f) => {
    const canary = CANARIES.synapse;
    const seen: string[] = [];
    const keep = (x: unknown) => seen.push(JSON.stringify(x));
    const t = await tv.call('addToken', { service: 'synapse', label: 'canary', username: 'alice', secret: canary });
    keep(t);
    // The fake does not know it: 401 everywhere.
    keep(await tv.raw('synapseVerifyToken', { id: t.id }));
    keep(await tv.raw('synapseSync', {}));
    keep(await tv.raw('synapseRevoke', { id: t.id, username: 'alice', password: PW }));
    const planned = await tv.raw('synapseExportPreview', { id: t.id, profile: 'lab' });
    keep(planned);
    keep(await tv.raw('synapseExport', { planId: (planned.value as { planId: string }).planId }));
    keep(await tv.raw('synapseImportScan', {}));
    keep(await tv.raw('synapseImport', { sections: ['profile lab'] }));
    fs.writeFileSync(path.join(tv.config.home, 'broken'), `authtoken = ${canary}\n`);
    keep(await tv.raw('synapseExportPreview', { id: t.id, profile: 'default', path: path.join(tv.config.home, 'broken') }));
    keep(await tv.raw('synapseImportScan', { path: path.join(tv.config.home, 'broken') }));
    keep(await tv.call('listActivity', {}));
    keep(await tv.call('listTokens', {}));
    void f;
    const everything = seen.join('\n');
    assert.ok(!everything.includes(canary), 'the canary is in a response');
    for (const { file, text } of readTree(tv.dir)) {
      if (file.startsWith(tv.config.home)) continue;
      assert.ok(!text.includes(canary), `${path.relative(tv.dir, file)} holds the canary`);
    }
  });
});

test('revoke checks the owner by user id: an e-mail sign-in of the owner revokes; another user is refused before the delete', async () => {
  await setup(async (tv, f) => {
    f.addUser({ userName: 'bob', password: PW });
    const t = await tv.call('addToken', { service: 'synapse', label: 'Alice', secret: f.issuePat('alice', 'a') });
    await tv.call('synapseVerifyToken', { id: t.id });
    const e = await fail(tv, 'synapseRevoke', { id: t.id, username: 'bob', password: PW });
    assert.equal(e.code, 'forbidden');
    assert.match(e.message, /"Alice" belongs to alice, and you signed in as bob\. Only its owner can revoke it: sign in as alice\./);
    assert.ok(!f.requests.some((r) => r.method === 'DELETE'));
    assert.equal((await tv.call('listTokens', {})).length, 1);
    const r = done(await tv.call('synapseRevoke', { id: t.id, username: 'ALICE@example.org', password: PW }));
    assert.equal(r.removedId, t.id);
    assert.equal(f.pats.length, 0);
  });
});

test("another user's token, known only by its id: Synapse's 403 is shown in its words, not as already gone", async () => {
  await setup(async (tv, f) => {
    f.addUser({ userName: 'bob', password: PW });
    f.issuePat('bob', 'bobs');
    const e = await fail(tv, 'synapseRevoke', { recordId: f.pats[0]!.id, username: 'alice', password: PW });
    assert.equal(e.code, 'forbidden');
    assert.match(e.message, /Synapse refused \(403\): "You do not have permission to revoke this token\." The token belongs to another Synapse user/);
    assert.doesNotMatch(e.message, /already/);
    assert.equal(f.pats.length, 1);
  });
});

test('a user name typed at add is only a hint: verify replaces it with the owner\'s userName; an offline add still works', async () => {
  await setup(async (tv, f) => {
    const t = await tv.call('addToken', { service: 'synapse', label: 'Typed', username: 'Alice@Example.org', secret: f.issuePat('alice', 'p') });
    assert.equal(t.account, 'Alice@Example.org');
    const v = await tv.call('synapseVerifyToken', { id: t.id });
    assert.equal(v.token.account, 'alice');
    await f.close();
    const offline = await tv.call('addToken', { service: 'synapse', label: 'Offline', username: 'someone', secret: makeSynapsePat({ sub: '3400001', jti: '8812' }, ['view']) });
    assert.equal(offline.account, 'someone');
    assert.equal((await fail(tv, 'synapseVerifyToken', { id: offline.id })).code, 'network');
    assert.equal((await tv.call('listTokens', {})).find((x) => x.id === offline.id)!.account, 'someone');
  });
});
