// @process: test
// A token or a sign-in password goes over https only (plain http only to this machine), whatever
// supplied the address: Settings, [endpoints] in ~/.synapseConfig, a SYNVAULT_* variable — and the
// HTTP port refuses on its own as the last line of defence. A refused address is named with where
// it came from, before any request is made.
//
// Every request this file's code makes passes a stand-in for fetch that records it and refuses
// any host but 127.0.0.1, so even a regression cannot send anything (not even a DNS lookup) off
// this machine; the .invalid hosts below could never resolve anyway.
import { after, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startFakeSynapse, type FakeSynapse } from '../../e2e/fakes/synapse';
import { CANARIES, makeTestVault, type TestVault } from '../helpers/core';
import { addressProblem, isLoopbackHost } from '../../electron/shared/settings';
import { InsecureAddressError, send } from '../../electron/core/http';
import { userProfile } from '../../electron/core/services/synapse/client';

const realFetch = globalThis.fetch;
const sent: string[] = [];
globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  sent.push(url.href);
  if (url.hostname !== '127.0.0.1') throw new Error(`test guard: refused to contact ${url.host}`);
  return realFetch(input, init);
}) as typeof fetch;
after(() => {
  globalThis.fetch = realFetch;
});
beforeEach(() => {
  sent.length = 0;
});

const PW = 'correct horse battery';
const NOT_HTTPS = 'is not https; Synvault only sends tokens over https (plain http only to this machine).';

async function withVault(env: Record<string, string>, fn: (tv: TestVault, f: FakeSynapse) => Promise<void>) {
  const f = await startFakeSynapse();
  f.addUser({ userName: 'alice', password: PW, ownerId: '3450001' });
  const tv = makeTestVault({ env: { SYNVAULT_SYNAPSE_AUTH_ENDPOINT: f.authEndpoint, SYNVAULT_SYNAPSE_REPO_ENDPOINT: f.repoEndpoint, ...env } });
  try {
    await fn(tv, f);
  } finally {
    await f.close();
    await tv.cleanup();
  }
}

async function refusal(tv: TestVault, method: Parameters<TestVault['raw']>[0], input: unknown): Promise<string> {
  const r = await tv.raw(method, input as never);
  assert.equal(r.ok, false, `${method} was not refused`);
  assert.equal(r.error!.code, 'invalid-input');
  for (const secret of [CANARIES.synapse, CANARIES.synap, CANARIES.syncanoApiKey, PW]) assert.equal(r.error!.message.includes(secret), false, `${method}'s refusal quotes a secret`);
  return r.error!.message;
}

test('the rule: https anywhere, plain http only to 127.0.0.0/8, localhost and [::1]', () => {
  const ok = ['https://repo-prod.prod.sagebase.org/repo/v1', 'http://127.0.0.1:8080/auth/v1', 'http://127.10.20.30', 'http://localhost:5178', 'http://LOCALHOST', 'http://[::1]:9000/x', 'http://2130706433/'];
  const notHttps = ['http://synapse.invalid/auth/v1', 'http://127.0.0.1.synapse.invalid/', 'http://localhost.synapse.invalid', 'http://[::2]/', 'http://10.0.0.1', 'http://128.0.0.1'];
  const notAddress = ['synapse.example.org/repo/v1', 'ftp://files.example.org', 'file:///etc/passwd', '', 'https://'];
  for (const u of ok) assert.equal(addressProblem(u), null, u);
  for (const u of notHttps) assert.equal(addressProblem(u), 'not-https', u);
  for (const u of notAddress) assert.equal(addressProblem(u), 'not-an-address', u);
  assert.equal(isLoopbackHost('127.0.0.1'), true);
  assert.equal(isLoopbackHost('127.0.0.1.evil'), false);
});

test('the HTTP port refuses a non-https, non-loopback URL without calling fetch, and never quotes credentials or the query', async () => {
  let calls = 0;
  const fetchImpl = (async () => {
    calls++;
    return new Response('{}', { status: 200 });
  }) as typeof fetch;
  const opts = { service: 'Synapse', hint: 'Check the Synapse endpoints.', fetchImpl };
  for (const url of ['http://synapse.invalid/auth/v1/login2', 'http://user:hunter2@synapse.invalid/x?access_token=abc123', 'ftp://synapse.invalid/x', 'not a url']) {
    await assert.rejects(
      send(url, { method: 'POST', body: JSON.stringify({ password: PW }) }, opts),
      (err: unknown) => {
        assert.ok(err instanceof InsecureAddressError, `${url}: ${String(err)}`);
        assert.equal(err.code, 'invalid-input');
        assert.match(err.message, /^Synvault did not contact Synapse/);
        assert.match(err.message, /Check the Synapse endpoints\.$/);
        assert.equal(/hunter2|abc123|user:/.test(err.message), false, err.message);
        return true;
      },
    );
  }
  assert.equal(calls, 0, 'fetch was called');
  const answer = await send('http://127.0.0.1:9/x', {}, opts);
  assert.equal(answer.status, 200);
  assert.equal(calls, 1, 'a loopback address was refused');
});

test('a redirect is not followed: a server on 127.0.0.1 pointing elsewhere gets one request and no second', async () => {
  const server = http.createServer((req, res) => {
    res.writeHead(307, { location: 'http://synapse.invalid/repo/v1/userProfile' });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const answer = await send(`${base}/x`, { method: 'POST', body: 'password' }, { service: 'Synapse', hint: '' });
    assert.equal(answer.status, 307);
    await assert.rejects(userProfile({ auth: `${base}/auth/v1`, repo: `${base}/repo/v1` }, CANARIES.synapse), /redirect \(307\).*does not follow redirects/);
    assert.deepEqual(
      sent.map((u) => new URL(u).hostname),
      ['127.0.0.1', '127.0.0.1'],
    );
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});

test('[endpoints] authEndpoint = http://synapse.invalid/…: create, verify, sync and revoke are refused naming the line, and nothing is sent', async () => {
  await withVault({}, async (tv, f) => {
    const t = await tv.call('addToken', { service: 'synapse', label: 'laptop', username: 'alice', secret: CANARIES.synapse });
    fs.writeFileSync(path.join(tv.config.home, '.synapseConfig'), '[endpoints]\nauthEndpoint = http://synapse.invalid/auth/v1\n\n[authentication]\nusername = alice\n');
    const expected = `The Synapse sign-in address http://synapse.invalid/auth/v1 in [endpoints] authEndpoint of ~/.synapseConfig ${NOT_HTTPS} Change it to https:// or remove the line.`;

    // The window can show it: the endpoints call reports, it does not fail.
    const ep = await tv.call('synapseEndpoints', {});
    assert.deepEqual(ep.refused, [expected]);
    assert.equal(ep.auth, 'http://synapse.invalid/auth/v1');
    assert.equal(ep.source.auth, 'synapseConfig');

    assert.equal(await refusal(tv, 'synapseCreateToken', { username: 'alice', password: PW, name: 'new' }), expected);
    assert.equal(await refusal(tv, 'synapseVerifyToken', { id: t.id }), expected);
    assert.equal(await refusal(tv, 'synapseSync', {}), expected);
    assert.equal(await refusal(tv, 'synapseRevoke', { id: t.id, username: 'alice', password: PW }), expected);

    assert.deepEqual(sent, [], 'a request was made');
    assert.equal(f.requests.length, 0);
    assert.equal((await tv.call('listTokens', {})).length, 1, 'the token left the vault');
  });
});

test('[endpoints] that are not addresses are reported with their line, never quoted, never skipped for another source', async () => {
  await withVault({}, async (tv, f) => {
    const t = await tv.call('addToken', { service: 'synapse', label: 'laptop', secret: CANARIES.synapse });
    fs.writeFileSync(path.join(tv.config.home, '.synapseConfig'), `[endpoints]\nrepoEndpoint = ${CANARIES.synap}\nauthEndpoint = ftp://synapse.invalid/auth\n`);
    const ep = await tv.call('synapseEndpoints', {});
    assert.deepEqual(ep.refused, [
      'The Synapse sign-in address in [endpoints] authEndpoint of ~/.synapseConfig is not a web address Synvault can use (it must start with https://). Change it to https:// or remove the line.',
      'The Synapse repository address in [endpoints] repoEndpoint of ~/.synapseConfig is not a web address Synvault can use (it must start with https://). Change it to https:// or remove the line.',
    ]);
    assert.equal(JSON.stringify(ep).includes(CANARIES.synap), false, 'the value was repeated back');
    const message = await refusal(tv, 'synapseVerifyToken', { id: t.id });
    assert.match(message, /repoEndpoint of ~\/\.synapseConfig is not a web address/);
    assert.deepEqual(sent, []);
    assert.equal(f.requests.length, 0);
  });
});

test('plain http to 127.0.0.1 still works from [endpoints] (the fake servers live there)', async () => {
  await withVault({}, async (tv, f) => {
    fs.writeFileSync(path.join(tv.config.home, '.synapseConfig'), `[endpoints]\nauthEndpoint = ${f.authEndpoint}\nrepoEndpoint = ${f.repoEndpoint}/\n`);
    const ep = await tv.call('synapseEndpoints', {});
    assert.deepEqual(ep.refused, []);
    assert.deepEqual(ep.source, { auth: 'synapseConfig', repo: 'synapseConfig' });
    const created = await tv.call('synapseCreateToken', { username: 'alice', password: PW, name: 'loopback' });
    assert.ok(!('needsTwoFactor' in created));
    const verified = await tv.call('synapseVerifyToken', { id: created.token.id });
    assert.equal(verified.state, 'valid');
    assert.ok(sent.length >= 4 && sent.every((u) => new URL(u).hostname === '127.0.0.1'));
  });
});

test('a SYNVAULT_* variable with a plain-http address elsewhere is refused naming the variable, for each service, before any request', async () => {
  const env = {
    SYNVAULT_SYNAPSE_REPO_ENDPOINT: 'http://synapse.invalid/repo/v1',
    SYNVAULT_SYNCANO_ENDPOINT: 'http://syncano.invalid',
    SYNVAULT_SYNAP_ENDPOINT: 'http://synap.invalid/v3',
  };
  await withVault(env, async (tv, f) => {
    const synapse = await tv.call('addToken', { service: 'synapse', label: 'laptop', secret: CANARIES.synapse });
    const syncano = await tv.call('addToken', { service: 'syncano', label: 'ci', secret: CANARIES.syncanoApiKey });
    const synap = await tv.call('addToken', { service: 'synap', label: 'main', portal: 'Riverside', secret: CANARIES.synap });
    assert.equal(
      await refusal(tv, 'synapseVerifyToken', { id: synapse.id }),
      `The Synapse repository address http://synapse.invalid/repo/v1 in the environment variable SYNVAULT_SYNAPSE_REPO_ENDPOINT ${NOT_HTTPS} Change it to https:// or unset SYNVAULT_SYNAPSE_REPO_ENDPOINT.`,
    );
    assert.equal(
      await refusal(tv, 'syncanoVerify', { id: syncano.id }),
      `The Syncano API address http://syncano.invalid in the environment variable SYNVAULT_SYNCANO_ENDPOINT ${NOT_HTTPS} Change it to https:// or unset SYNVAULT_SYNCANO_ENDPOINT.`,
    );
    assert.equal(
      await refusal(tv, 'synapVerify', { id: synap.id }),
      `The Synap API address http://synap.invalid/v3 in the environment variable SYNVAULT_SYNAP_ENDPOINT ${NOT_HTTPS} Change it to https:// or unset SYNVAULT_SYNAP_ENDPOINT.`,
    );
    const ep = await tv.call('synapseEndpoints', {});
    assert.deepEqual(ep.source, { auth: 'environment', repo: 'environment' });
    assert.equal(ep.refused.length, 1);
    assert.deepEqual(sent, [], 'a request was made');
    assert.equal(f.requests.length, 0);
  });
});

test('Settings refuse a plain-http address elsewhere next to its field, and accept loopback ones', async () => {
  const tv = makeTestVault();
  try {
    for (const key of ['synapseAuthEndpoint', 'synapseRepoEndpoint', 'syncanoEndpoint', 'synapEndpoint'] as const) {
      const r = await tv.raw('updateSettings', { [key]: 'http://synapse.invalid/auth/v1' });
      assert.equal(r.ok, false, `${key} accepted plain http`);
      assert.equal(r.error?.fields?.[key], 'Use an https:// address; Synvault only sends tokens over https (plain http only to this machine: 127.0.0.1, localhost or [::1]).');
    }
    for (const u of ['http://127.0.0.1:8080/auth/v1', 'http://localhost:5178', 'http://[::1]:9000', 'https://auth-staging.prod.sagebase.org/auth/v1']) {
      assert.equal((await tv.call('updateSettings', { synapseAuthEndpoint: u })).synapseAuthEndpoint, u);
    }
    assert.deepEqual(sent, []);
  } finally {
    await tv.cleanup();
  }
});
