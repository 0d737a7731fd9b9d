// @process: test
// Synap PATs through the contract: the format checks of addToken, Subject-User edits,
// verification against a fake Synap for each of its answers — on the documented default path
// (/portal-usage/) and on a custom one, where a 404 may mean the path and not the token —
// "Copy as curl" with the Subject-User header setting off and on, the guided revocation and the
// rotation flag.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createDispatch } from '../../electron/core/handlers';
import { synapHandlers } from '../../electron/core/services/synap/actions';
import { keytarKeychain } from '../../electron/core/keychain';
import { startSynapFake, type SynapFake } from '../../e2e/fakes/synap';
import { makeTestVault, readTree, CANARIES, type TestVault } from '../helpers/core';

const synapPat = () => `p:${randomBytes(30).toString('base64url')}`;
const GOOD = synapPat();
const FORBIDDEN = synapPat();
const NOT_FOUND = synapPat();
const DAY = 86_400_000;
/** Where verify goes by default: Synap's documented GET /v3/portal-usage/. */
const verifyUrl = () => `${fake.url}/portal-usage/`;

let fake: SynapFake;
const vaults: TestVault[] = [];
function vault(): TestVault {
  const v = makeTestVault({ env: { SYNVAULT_SYNAP_ENDPOINT: fake.url } });
  vaults.push(v);
  return v;
}

before(async () => {
  fake = await startSynapFake({
    portal: { id: 'portal-42', name: 'Riverside Academy' },
    goodTokens: [GOOD, CANARIES.synap],
    forbiddenTokens: [FORBIDDEN],
    notFoundTokens: [NOT_FOUND],
  });
});
after(async () => {
  for (const v of vaults) await v.cleanup();
  await fake.close();
});

const add = (v: TestVault, secret: string, extra: Record<string, unknown> = {}) =>
  v.call('addToken', { service: 'synap', label: 'Main Token', portal: 'Riverside Academy', secret, ...extra });

describe('adding a Synap PAT checks its format', () => {
  test('a value without the p: prefix, with whitespace inside, or empty is refused with a reason', async () => {
    const v = vault();
    const cases: Array<[string, RegExp]> = [
      [randomBytes(30).toString('base64url'), /must start with "p:"/],
      [`p:${randomBytes(10).toString('hex')} ${randomBytes(10).toString('hex')}`, /spaces or line breaks/],
      [`p:${randomBytes(10).toString('hex')}\n${randomBytes(10).toString('hex')}`, /spaces or line breaks/],
      ['', /empty/],
      ['   ', /empty/],
    ];
    for (const [secret, reason] of cases) {
      const r = await v.raw('addToken', { service: 'synap', label: 'x', portal: 'Riverside', secret });
      assert.equal(r.ok, false);
      assert.equal(r.error?.code, 'invalid-input');
      assert.match(r.error!.message, reason);
      if (secret.trim()) assert.ok(!r.error!.message.includes(secret.trim()), 'the message does not quote the value');
      assert.ok(r.error?.fields?.secret, 'the form learns which field is wrong');
    }
    assert.deepEqual(await v.call('listTokens', {}), [], 'nothing was stored');
  });

  test('whitespace around a pasted value is trimmed and the token is stored with its Portal details', async () => {
    const v = vault();
    const secret = synapPat();
    const t = await add(v, `  ${secret}\n`, {
      portalUrl: 'https://riverside.example',
      issuedBy: 'Dave (admin)',
      subjectUsers: [{ id: 'u-1001', note: 'student account for picture sync' }],
    });
    assert.equal(t.kind, 'synap-pat');
    assert.equal(t.account, 'Riverside Academy');
    assert.equal(t.issuedBy, 'Dave (admin)');
    assert.deepEqual(t.subjectUsers, [{ id: 'u-1001', note: 'student account for picture sync' }]);
    assert.ok(!JSON.stringify(t).includes(secret), 'the summary holds no secret');
    const inKeychain = await keytarKeychain(v.config.keychainService).get((await keytarKeychain(v.config.keychainService).findAll())[0]!.account);
    assert.ok(inKeychain === secret, 'the keychain holds the trimmed value');
  });
});

describe('Subject-Users', () => {
  test('can be added, re-noted and removed, and survive a restart', async () => {
    const v = vault();
    const t = await add(v, synapPat(), { subjectUsers: [{ id: 'u-1', note: 'first' }] });
    let next = await v.call('synapEditToken', {
      id: t.id,
      subjectUsers: [
        { id: 'u-1', note: 'first, renamed' },
        { id: 'u-2', note: 'student account for picture sync' },
        { id: 'u-3' },
      ],
    });
    assert.deepEqual(next.subjectUsers, [
      { id: 'u-1', note: 'first, renamed' },
      { id: 'u-2', note: 'student account for picture sync' },
      { id: 'u-3', note: '' },
    ]);
    next = await v.call('synapEditToken', { id: t.id, subjectUsers: [{ id: 'u-2', note: 'student account for picture sync' }] });
    assert.deepEqual(next.subjectUsers, [{ id: 'u-2', note: 'student account for picture sync' }]);
    const again = v.reopen();
    vaults.push(again);
    const listed = (await again.call('listTokens', {})).find((x) => x.id === t.id);
    assert.deepEqual(listed?.subjectUsers, [{ id: 'u-2', note: 'student account for picture sync' }]);
    next = await again.call('synapEditToken', { id: t.id, subjectUsers: [] });
    assert.equal(next.subjectUsers, undefined);
    const log = await again.call('listActivity', { limit: 10 });
    assert.equal(log[0]?.action, 'updated');
    assert.match(log[0]?.detail ?? '', /Subject-Users \(0\)/);
  });

  test('a Subject-User ID is copied through the vault clipboard and cleared like any copy', async () => {
    const v = vault();
    const t = await add(v, synapPat(), { subjectUsers: [{ id: 'u-55', note: 'student' }] });
    const receipt = await v.call('synapCopySubjectUser', { id: t.id, subjectUserId: 'u-55' });
    assert.equal(receipt.seconds, 30);
    assert.equal(v.clipboard.peek(), 'u-55');
    await v.clock.advance(30_000);
    assert.equal(v.clipboard.peek(), '');
    const unknown = await v.raw('synapCopySubjectUser', { id: t.id, subjectUserId: 'u-56' });
    assert.equal(unknown.error?.code, 'not-found');
  });

  test('a duplicate ID, an ID with spaces or an empty ID is refused', async () => {
    const v = vault();
    const t = await add(v, synapPat());
    const dup = await v.raw('synapEditToken', { id: t.id, subjectUsers: [{ id: 'u-1' }, { id: 'u-1', note: 'again' }] });
    assert.equal(dup.error?.code, 'invalid-input');
    assert.match(dup.error!.message, /only once/);
    const spaced = await v.raw('synapEditToken', { id: t.id, subjectUsers: [{ id: 'u 1' }] });
    assert.match(spaced.error!.message, /no spaces/);
    const empty = await v.raw('synapEditToken', { id: t.id, subjectUsers: [{ id: '  ' }] });
    assert.match(empty.error!.message, /needs an ID/);
  });

  test('adding checks the Portal address and Subject-Users by the same rules as editing', async () => {
    const v = vault();
    const cases: Array<[{ portalUrl?: string; subjectUsers?: Array<{ id: string; note?: string }> }, RegExp]> = [
      [{ portalUrl: 'http://riverside.example' }, /https:\/\//],
      [{ subjectUsers: [{ id: 'u 1' }] }, /no spaces/],
      [{ subjectUsers: [{ id: 'u-1' }, { id: 'u-1', note: 'again' }] }, /only once/],
    ];
    for (const [extra, message] of cases) {
      const r = await v.raw('addToken', { service: 'synap', label: 'Main Token', portal: 'Riverside Academy', secret: synapPat(), ...extra });
      assert.equal(r.error?.code, 'invalid-input');
      assert.match(r.error!.message, message);
    }
    assert.deepEqual(await v.call('listTokens', {}), []);
  });

  test('the Portal address can only be changed to an https address', async () => {
    const v = vault();
    const t = await add(v, synapPat());
    const bad = await v.raw('synapEditToken', { id: t.id, portalUrl: 'http://riverside.example' });
    assert.equal(bad.error?.code, 'invalid-input');
    assert.match(bad.error!.message, /https:\/\//);
    const ok = await v.call('synapEditToken', { id: t.id, portalUrl: 'https://riverside.example/' });
    assert.equal(ok.portalUrl, 'https://riverside.example/');
    const cleared = await v.call('synapEditToken', { id: t.id, portalUrl: '' });
    assert.equal(cleared.portalUrl, undefined);
  });

  test('Synap channels refuse a token of another service', async () => {
    const v = vault();
    const other = await v.call('addToken', { service: 'syncano', label: 'Syncano key', secret: 'ab'.repeat(19) + 'c3' });
    const r = await v.raw('synapVerify', { id: other.id });
    assert.equal(r.error?.code, 'invalid-input');
    assert.match(r.error!.message, /not a Synap token/);
  });
});

describe('verify', () => {
  test('a good token: GET on the documented /portal-usage/ with Bearer and JSON:API Accept, answered with its Portal', async () => {
    const v = vault();
    const t = await add(v, GOOD);
    const before = fake.requests.length;
    const r = await v.call('synapVerify', { id: t.id });
    assert.equal(r.state, 'valid');
    assert.equal(r.status, 200);
    // The usage document names its Portal by id only (relationships.portal).
    assert.deepEqual(r.portal, { id: 'portal-42' });
    assert.equal(r.url, verifyUrl());
    const req = fake.requests[before]!;
    assert.equal(req.method, 'GET');
    assert.equal(req.path, '/v3/portal-usage/');
    assert.equal(req.accept, 'application/vnd.api+json');
    assert.ok(req.bearer, 'Authorization: Bearer was sent');
    const listed = (await v.call('listTokens', {}))[0]!;
    assert.equal(listed.verification?.state, 'valid');
    assert.equal(listed.verification?.detail, 'Portal portal-42');
    assert.equal(listed.verifiedAt, new Date(v.clock.now()).toISOString());
    assert.equal((await v.call('listActivity', { limit: 1 }))[0]?.action, 'verified');
    assert.ok(!JSON.stringify(r).includes(GOOD));
  });

  test('the bare API base is no resource: the fake answers it 404 even for a good token', async () => {
    const res = await fetch(fake.url, { headers: { Authorization: `Bearer ${GOOD}`, Accept: 'application/vnd.api+json' } });
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), { errors: [{ status: '404', title: 'Not Found', detail: 'The requested resource could not be found.' }] });
  });

  test('the verify path setting is used; empty (also the value saved by earlier versions) means the default', async () => {
    const v = vault();
    const t = await add(v, GOOD);
    await v.call('updateSettings', { synapVerifyPath: '/user-accounts/' });
    let before = fake.requests.length;
    const r = await v.call('synapVerify', { id: t.id });
    assert.equal(fake.requests[before]?.path, '/v3/user-accounts/');
    assert.equal(r.url, `${fake.url}/user-accounts/`);
    assert.equal(r.state, 'valid');
    assert.equal(r.token.verification?.detail, 'Synap accepted the token (HTTP 200).');
    await v.call('updateSettings', { synapVerifyPath: '' });
    before = fake.requests.length;
    assert.equal((await v.call('synapVerify', { id: t.id })).url, verifyUrl());
    assert.equal(fake.requests[before]?.path, '/v3/portal-usage/');
    const bad = await v.raw('updateSettings', { synapVerifyPath: 'portal-usage' });
    assert.equal(bad.error?.code, 'invalid-input');
    assert.equal(bad.error?.fields?.synapVerifyPath, 'A path that starts with /, such as /portal-usage/, or empty for the default.');
  });

  test('on a custom path a 404 says the path may not exist, judges no token and records nothing', async () => {
    const v = vault();
    for (const secret of [GOOD, NOT_FOUND]) {
      const t = await v.call('addToken', { service: 'synap', label: `custom ${secret.slice(-4)}`, portal: 'Riverside', secret });
      await v.call('updateSettings', { synapVerifyPath: '/portal' });
      const r = await v.raw('synapVerify', { id: t.id });
      assert.equal(r.ok, false);
      assert.equal(r.error?.code, 'service');
      assert.equal(
        r.error?.message,
        `Synap answered 404 (Not Found — The requested resource could not be found.) at ${fake.url}/portal: the verify path /portal may not exist, so the token was not judged. Leave the verify path empty in Settings to read Synap's documented /portal-usage/.`,
      );
      assert.doesNotMatch(r.error!.message, /invalid/i);
      const listed = (await v.call('listTokens', {})).find((x) => x.id === t.id)!;
      assert.equal(listed.verification, undefined, 'the token is not marked');
    }
    // A 401 is about the token wherever it comes from.
    const unknown = await add(v, synapPat());
    await v.call('updateSettings', { synapVerifyPath: '/user-accounts/' });
    assert.equal((await v.call('synapVerify', { id: unknown.id })).state, 'invalid');
  });

  test('on the documented default path, 401 and 404 error documents mark the token invalid and show their title and detail', async () => {
    const v = vault();
    const unknown = await add(v, synapPat());
    const r401 = await v.call('synapVerify', { id: unknown.id });
    assert.equal(r401.state, 'invalid');
    assert.equal(r401.status, 401);
    assert.equal(r401.title, 'Unauthorized');
    assert.equal(r401.detail, 'The Personal Access Token is invalid or has been revoked.');
    assert.equal(r401.token.verification?.state, 'invalid');
    assert.match(r401.token.verification?.detail ?? '', /invalid or has been revoked/);

    const nf = await v.call('addToken', { service: 'synap', label: 'Old', portal: 'Riverside', secret: NOT_FOUND });
    const r404 = await v.call('synapVerify', { id: nf.id });
    assert.equal(r404.state, 'invalid');
    assert.equal(r404.status, 404);
    assert.equal(r404.title, 'Not Found');
    assert.equal(r404.detail, 'No Portal matches this token.');
  });

  test('403 means valid but not allowed', async () => {
    const v = vault();
    const t = await add(v, FORBIDDEN);
    const r = await v.call('synapVerify', { id: t.id });
    assert.equal(r.state, 'forbidden');
    assert.equal(r.status, 403);
    assert.equal(r.title, 'Forbidden');
    assert.match(r.detail ?? '', /sufficient privileges/);
    assert.equal(r.token.verification?.state, 'forbidden');
  });

  test('no answer at all is a network error naming Synap and what to check, and records nothing', async () => {
    const gone = await startSynapFake();
    const url = gone.url;
    await gone.close();
    const v = makeTestVault({ env: { SYNVAULT_SYNAP_ENDPOINT: url } });
    vaults.push(v);
    const t = await add(v, GOOD);
    const r = await v.raw('synapVerify', { id: t.id });
    assert.equal(r.ok, false);
    assert.equal(r.error?.code, 'network');
    assert.match(r.error!.message, /Could not reach Synap at 127\.0\.0\.1:\d+ \(connection refused\)/);
    assert.match(r.error!.message, /Synap API address in Settings/);
    assert.equal((await v.call('listTokens', {}))[0]?.verification, undefined);
  });
});

describe('Copy as curl', () => {
  test('without a header name set, the command carries only the Authorization header', async () => {
    const v = vault();
    const t = await add(v, GOOD, { subjectUsers: [{ id: 'u-77', note: 'student' }] });
    const receipt = await v.call('synapCopyCurl', { id: t.id, subjectUserId: 'u-77' });
    assert.equal(receipt.subjectUserHeader, null);
    assert.equal(receipt.seconds, 30);
    assert.ok(!JSON.stringify(receipt).includes(GOOD), 'the command does not cross the contract');
    const copied = v.clipboard.peek();
    assert.ok(copied === `curl -H "Authorization: Bearer ${GOOD}" ${verifyUrl()}`, 'the clipboard holds the curl command');
    assert.ok(!copied.includes('u-77'));
    await v.clock.advance(30_000);
    assert.equal(v.clipboard.peek(), '', 'cleared like any copy');
  });

  test('with the header name set, the chosen Subject-User goes in that header', async () => {
    const v = vault();
    const t = await add(v, GOOD, { subjectUsers: [{ id: 'u-77', note: 'student' }, { id: 'u-78', note: 'teacher' }] });
    await v.call('updateSettings', { synapSubjectUserHeader: 'X-Subject-User', synapVerifyPath: '/user-accounts/' });
    const receipt = await v.call('synapCopyCurl', { id: t.id, subjectUserId: 'u-78' });
    assert.equal(receipt.subjectUserHeader, 'X-Subject-User');
    assert.equal(receipt.url, `${fake.url}/user-accounts/`);
    assert.ok(
      v.clipboard.peek() === `curl -H "Authorization: Bearer ${GOOD}" -H "X-Subject-User: u-78" ${fake.url}/user-accounts/`,
      'the command carries the Subject-User header',
    );
    // Without a chosen Subject-User, no header.
    const plain = await v.call('synapCopyCurl', { id: t.id });
    assert.equal(plain.subjectUserHeader, null);
    assert.ok(!v.clipboard.peek().includes('X-Subject-User'));
    // An ID not saved on the token is refused.
    const r = await v.raw('synapCopyCurl', { id: t.id, subjectUserId: 'u-99' });
    assert.equal(r.error?.code, 'not-found');
    const log = await v.call('listActivity', { limit: 5 });
    assert.ok(log.some((e) => e.action === 'copied' && e.detail === 'as curl, with a Subject-User'));
  });

  test('characters special to the shell are quoted', async () => {
    const v = vault();
    const odd = `p:${randomBytes(12).toString('hex')}$"'x`;
    const t = await add(v, odd);
    await v.call('synapCopyCurl', { id: t.id });
    const copied = v.clipboard.peek();
    const expected = `curl -H 'Authorization: Bearer ${odd.replace(/'/g, `'\\''`)}' ${verifyUrl()}`;
    assert.ok(copied === expected, 'the token is single-quoted when double quotes would expand it');
  });
});

describe('revoke in the Portal', () => {
  const withOpener = (v: TestVault) => {
    const opened: string[] = [];
    const dispatch = createDispatch({
      ...v.core.handlers,
      ...synapHandlers({ ...v.core.parts, clock: v.clock, openExternal: async (url) => void opened.push(url) }),
    });
    const call = async (method: string, input: unknown) => dispatch(method, input);
    return { opened, call };
  };

  test('opens the saved Portal address, and only a confirmation removes the token and logs it', async () => {
    const v = vault();
    const t = await add(v, GOOD, { portalUrl: 'https://riverside.example' });
    const { opened, call } = withOpener(v);
    const r = await call('synapOpenPortal', { id: t.id, reason: 'revoke' });
    assert.deepEqual(r, { ok: true, value: { url: 'https://riverside.example/', opened: true } });
    assert.deepEqual(opened, ['https://riverside.example/']);
    assert.equal((await v.call('listTokens', {})).length, 1, 'opening the Portal removes nothing');

    const unconfirmed = await call('synapConfirmRevoked', { id: t.id, reason: 'revoke', confirmed: false });
    assert.equal(unconfirmed.ok, false);
    assert.equal((await v.call('listTokens', {})).length, 1);

    const done = await call('synapConfirmRevoked', { id: t.id, reason: 'revoke', confirmed: true });
    assert.deepEqual(done, { ok: true, value: { id: t.id } });
    assert.deepEqual(await v.call('listTokens', {}), []);
    assert.deepEqual(await keytarKeychain(v.config.keychainService).findAll(), [], 'the keychain entry is gone');
    const last = (await v.call('listActivity', { limit: 1 }))[0]!;
    assert.equal(last.action, 'revoked');
    assert.equal(last.detail, 'revoked in Portal (confirmed by user)');
    assert.equal(last.label, 'Main Token');
  });

  test('a suspected leak follows the same path and says so in the log', async () => {
    const v = vault();
    const t = await add(v, GOOD, { portalUrl: 'https://riverside.example/home' });
    const { opened, call } = withOpener(v);
    await call('synapOpenPortal', { id: t.id, reason: 'leak' });
    assert.deepEqual(opened, ['https://riverside.example/home']);
    await call('synapConfirmRevoked', { id: t.id, reason: 'leak', confirmed: true });
    assert.equal((await v.call('listActivity', { limit: 1 }))[0]?.detail, 'revoked in Portal (confirmed by user); suspected leak');
  });

  test('an address that is not https, or none, is refused with a message and opens nothing', async () => {
    const v = vault();
    // Add and edit both refuse a plain-http address now (one validator); one saved before that
    // rule, as an older catalog may hold, is written straight into the store.
    const plain = await v.core.parts.tokens.update((await add(v, GOOD)).id, { portalUrl: 'http://riverside.example' });
    const none = await v.call('addToken', { service: 'synap', label: 'No address', portal: 'Riverside', secret: synapPat() });
    const { opened, call } = withOpener(v);
    const r1 = await call('synapOpenPortal', { id: plain.id, reason: 'revoke' });
    assert.equal(r1.ok, false);
    assert.match((r1 as { error: { message: string } }).error.message, /not an https:\/\/ address/);
    const r2 = await call('synapOpenPortal', { id: none.id, reason: 'revoke' });
    assert.match((r2 as { error: { message: string } }).error.message, /No Portal address is saved/);
    assert.deepEqual(opened, []);
  });

  test('without a browser port, the address is handed back for the person to open', async () => {
    const v = vault();
    const t = await add(v, GOOD, { portalUrl: 'https://riverside.example' });
    assert.deepEqual(await v.call('synapOpenPortal', { id: t.id, reason: 'revoke' }), { url: 'https://riverside.example/', opened: false });
  });
});

describe('long-lived tokens', () => {
  test('age is counted from addedAt on the vault clock and flagged past the rotation setting', async () => {
    const v = vault();
    const t = await add(v, GOOD);
    let info = await v.call('synapTokenInfo', { id: t.id });
    assert.deepEqual({ age: info.ageDays, due: info.rotationDue, days: info.rotationDays }, { age: 0, due: false, days: 90 });
    v.clock.advance(90 * DAY);
    info = await v.call('synapTokenInfo', { id: t.id });
    assert.deepEqual({ age: info.ageDays, due: info.rotationDue }, { age: 90, due: false });
    v.clock.advance(1);
    info = await v.call('synapTokenInfo', { id: t.id });
    assert.equal(info.rotationDue, true);
    await v.call('updateSettings', { synapRotationDays: 365 });
    info = await v.call('synapTokenInfo', { id: t.id });
    assert.deepEqual({ due: info.rotationDue, days: info.rotationDays }, { due: false, days: 365 });
    assert.equal(info.subjectUserHeader, null);
    assert.equal(info.verifyUrl, verifyUrl());
  });

  test('no Synap flow writes the token anywhere but the keychain', async () => {
    const v = vault();
    const t = await add(v, CANARIES.synap, { portalUrl: 'https://riverside.example', subjectUsers: [{ id: 'u-1', note: '' }] });
    const seen: string[] = [];
    seen.push(JSON.stringify(await v.call('synapVerify', { id: t.id })));
    await v.call('updateSettings', { synapSubjectUserHeader: 'X-Subject-User' });
    seen.push(JSON.stringify(await v.call('synapCopyCurl', { id: t.id, subjectUserId: 'u-1' })));
    await v.clock.advance(30_000);
    seen.push(JSON.stringify(await v.call('synapTokenInfo', { id: t.id })));
    seen.push(JSON.stringify(await v.call('synapEditToken', { id: t.id, subjectUsers: [] })));
    seen.push(JSON.stringify(await v.call('synapOpenPortal', { id: t.id, reason: 'leak' })));
    assert.ok(!seen.join('\n').includes(CANARIES.synap), 'no response carries the token');
    for (const { file, text } of readTree(v.dir)) assert.ok(!text.includes(CANARIES.synap), `${file} holds no token`);
    assert.equal(v.clipboard.peek(), '');
    await v.call('synapConfirmRevoked', { id: t.id, reason: 'leak', confirmed: true });
  });
});
