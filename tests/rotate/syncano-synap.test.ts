// @process: test
// Rotating a Syncano key against the fake Syncano (reset_key: the old key stops at once, the vault
// entry takes the new one; no place to rewrite, and the report says so) and a Synap PAT (guided:
// the pasted successor takes the label and the Subject-Users, the old one waits, rotated out, to be
// revoked in the Portal). Failures leave what the report says.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { CANARIES, makeTestVault, readTree, type TestVault } from '../helpers/core';
import { startFakeSyncano, type FakeAccount, type FakeSyncano } from '../../e2e/fakes/syncano';
import type { RotationReport } from '../../electron/shared/contract/rotate';

const PASSWORD = 'Deltoids-press-4410';
const states = (r: RotationReport) => r.steps.map((s) => `${s.kind}:${s.state}`);
const asReport = (r: unknown) => r as RotationReport;

describe('Syncano rotation', () => {
  let fake: FakeSyncano;
  let admin: FakeAccount;
  before(async () => {
    fake = await startFakeSyncano();
    admin = fake.addAccount({ email: 'rot@example.org', password: PASSWORD, first_name: 'Rot', last_name: 'Ator' });
    fake.addInstance(admin, 'shop-prod');
  });
  after(() => fake.close());

  async function withVault(fn: (tv: TestVault, accountId: string) => Promise<void>) {
    const tv = makeTestVault({ env: { SYNVAULT_SYNCANO_ENDPOINT: fake.url } });
    try {
      const { token } = await tv.call('syncanoSignIn', { email: admin.email, password: PASSWORD });
      await fn(tv, token.id);
    } finally {
      await tv.cleanup();
    }
  }

  it('the account key: reset at Syncano, the same entry holds the new key, the old one no longer works, nothing else to update', async () => {
    await withVault(async (tv, id) => {
      const oldKey = admin.account_key;
      const r = asReport(await tv.call('rotateToken', { service: 'syncano', id }));
      assert.equal(r.outcome, 'done');
      assert.deepEqual(states(r), ['reset:done', 'store:done', 'write:skipped']);
      assert.match(r.steps[2]!.detail!, /^None: Synvault writes Syncano keys nowhere/);
      assert.notEqual(admin.account_key, oldKey);
      assert.ok((await tv.core.parts.tokens.secret(id)) === admin.account_key, 'the vault holds the new key');
      const list = await tv.call('listTokens', {});
      assert.deepEqual(list.map((t) => [t.id, t.label, t.rotation]), [[id, 'Account key — Rot Ator', undefined]]);
      assert.match(r.live[0]!, /^The new key “Account key — Rot Ator” \(\S+…\S+\) is in the vault and works at Syncano; the old one \(\S+…\S+\) no longer works anywhere\.$/);
      // Syncano refuses the old key now, and takes the new one.
      const ask = (key: string) => fetch(`${fake.url}/v1.1/account/`, { headers: { 'X-API-KEY': key } }).then((res) => res.status);
      assert.equal(await ask(oldKey), 403);
      assert.equal(await ask(admin.account_key), 200);
      for (const { file, text } of readTree(tv.dir)) assert.ok(!text.includes(admin.account_key) && !text.includes(oldKey), `${file} holds a key`);
    });
  });

  it('an API key: reset with the vault\'s account key; a second account key in the vault must be named', async () => {
    await withVault(async (tv, accountId) => {
      const { token } = await tv.call('syncanoCreateApiKey', { accountId, instance: 'shop-prod', description: 'device' });
      const k = fake.apiKeys.find((x) => String(x.id) === token!.recordId)!;
      const before = k.api_key;
      const r = asReport(await tv.call('rotateToken', { service: 'syncano', id: token!.id }));
      assert.deepEqual(states(r), ['reset:done', 'store:done', 'write:skipped']);
      assert.notEqual(k.api_key, before);
      assert.ok((await tv.core.parts.tokens.secret(token!.id)) === k.api_key);
      assert.equal(r.steps[0]!.title, 'Reset API key #' + k.id + ' of instance shop-prod at Syncano (reset_key): the old key stops working at once');

      // A second account key: which one resets the API key must be said.
      await tv.call('addToken', { service: 'syncano', label: 'other account', secret: CANARIES.syncanoAccountKey });
      assert.equal((await tv.call('listTokens', {})).filter((t) => t.kind === 'syncano-account-key').length, 2);
      const e = await tv.raw('rotateToken', { service: 'syncano', id: token!.id });
      assert.equal(e.error?.code, 'invalid-input');
      assert.equal(e.error?.fields?.accountId, 'Choose the account key.');
      const ok = asReport(await tv.call('rotateToken', { service: 'syncano', id: token!.id, accountId }));
      assert.equal(ok.outcome, 'done');
    });
  });

  it('the reset fails (Syncano answers 429): nothing changed, and the report says the old key still works', async () => {
    await withVault(async (tv, id) => {
      const oldKey = admin.account_key;
      fake.throttle = 1;
      const r = asReport(await tv.call('rotateToken', { service: 'syncano', id }));
      assert.equal(r.outcome, 'failed');
      assert.deepEqual(states(r), ['reset:failed', 'store:not-run', 'write:not-run']);
      assert.match(r.error!.message, /429/);
      assert.match(r.live[0]!, /^Nothing changed: “Account key — Rot Ator” .* is still the key in the vault, and it still works at Syncano\.$/);
      assert.equal(admin.account_key, oldKey);
      assert.ok((await tv.core.parts.tokens.secret(id)) === oldKey);
      assert.equal((await tv.core.parts.tokens.get(id)).rotation, undefined, 'Syncano answered: no journal left');
    });
  });

  it('an API key Synvault knows no instance or id of is refused before anything is sent', async () => {
    await withVault(async (tv) => {
      const pasted = await tv.call('addToken', { service: 'syncano', label: 'pasted', secret: CANARIES.syncanoApiKey });
      const n = fake.requests.length;
      const e = await tv.raw('rotateToken', { service: 'syncano', id: pasted.id });
      assert.equal(e.error?.code, 'invalid-input');
      assert.match(e.error!.message, /Press Verify on it .* then rotate\. Nothing was done\./);
      assert.equal(fake.requests.length, n);
    });
  });
});

describe('Synap rotation', () => {
  const pat = () => `p:${randomBytes(24).toString('hex')}`;

  it('guided: the pasted successor takes the label, Portal, issuer and Subject-Users; the old one waits, rotated out, until confirmed revoked', async () => {
    const tv = makeTestVault();
    try {
      const old = await tv.call('addToken', {
        service: 'synap',
        label: 'Main Token',
        portal: 'Riverside Academy',
        portalUrl: 'https://riverside.synap.example',
        issuedBy: 'Ada Admin',
        subjectUsers: [{ id: 'u-17', note: 'teacher' }, { id: 'u-18', note: '' }],
        secret: CANARIES.synap,
      });
      // The old token pasted again, or not a Synap PAT: refused, nothing done.
      const same = await tv.raw('rotateToken', { service: 'synap', id: old.id, secret: CANARIES.synap });
      assert.equal(same.error?.code, 'conflict');
      assert.equal(same.error?.fields?.secret, 'This is the old token.');
      const wrong = await tv.raw('rotateToken', { service: 'synap', id: old.id, secret: 'x:nope-nope-nope' });
      assert.equal(wrong.error?.fields?.secret, 'Must start with "p:".');
      assert.equal((await tv.call('listTokens', {})).length, 1);

      const fresh = pat();
      const r = asReport(await tv.call('rotateToken', { service: 'synap', id: old.id, secret: fresh }));
      assert.equal(r.outcome, 'waiting');
      assert.deepEqual(states(r), ['paste:done', 'store:done', 'write:skipped', 'revoke:waiting']);
      assert.match(r.steps[3]!.detail!, /^Your step: open the Portal, go to Settings → Automations → API, revoke the old token, then confirm it here/);
      const list = await tv.call('listTokens', {});
      const successor = list.find((t) => t.id === r.newId)!;
      assert.equal(successor.label, 'Main Token');
      assert.equal(successor.account, 'Riverside Academy');
      assert.equal(successor.portalUrl, 'https://riverside.synap.example');
      assert.equal(successor.issuedBy, 'Ada Admin');
      assert.deepEqual(successor.subjectUsers, [{ id: 'u-17', note: 'teacher' }, { id: 'u-18', note: '' }]);
      assert.ok((await tv.core.parts.tokens.secret(successor.id)) === fresh);
      const rotatedOut = list.find((t) => t.id === old.id)!;
      assert.equal(rotatedOut.label, 'Main Token (rotated out)');
      assert.equal(rotatedOut.rotation?.stage, 'rotated-out');
      assert.equal(rotatedOut.rotation?.successorId, successor.id);
      assert.match(r.live[1]!, /^The old token “Main Token \(rotated out\)” .* still works until you revoke it in the Synap Portal\.$/);
      // Rotating it again is refused: only the Portal step is left.
      assert.match((await tv.raw('rotateToken', { service: 'synap', id: old.id, secret: pat() })).error!.message, /already rotated out: revoke it in the Portal/);
      // The person revoked it in the Portal: the existing confirmation removes it.
      await tv.call('synapConfirmRevoked', { id: old.id, reason: 'revoke', confirmed: true });
      assert.deepEqual((await tv.call('listTokens', {})).map((t) => t.label), ['Main Token']);
      for (const { file, text } of readTree(tv.dir)) assert.ok(!text.includes(fresh) && !text.includes(CANARIES.synap), `${file} holds a token`);
      const answers = JSON.stringify([same, wrong, r, list]);
      assert.ok(!answers.includes(fresh) && !answers.includes(CANARIES.synap), 'no token in any answer');
    } finally {
      await tv.cleanup();
    }
  });
});
