// @process: test
// Paste recognition (electron/shared/recognise.ts) and the add path's rules (paste.ts), pure: each
// service and kind recognised from the value alone with what it decodes; a value pasted for the
// wrong service refused with the name of the one it belongs to; nothing said ever quotes the value.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VaultError } from '../../electron/shared/errors';
import { checkPaste, prepareAdd, wrongService } from '../../electron/shared/paste';
import { facts, recognise, resembles, uniqueLabel } from '../../electron/shared/recognise';
import { SERVICES, type Service } from '../../electron/shared/services';
import { CANARIES, hexKey, makeSynapsePat } from '../helpers/core';

/** Runs fn and returns the VaultError it throws (failing when it throws none or another kind). */
function refusal(fn: () => unknown): VaultError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof VaultError, 'a VaultError');
    return err;
  }
  assert.fail('expected a refusal');
}

/** Every canary with the service and kind it is. */
const SAMPLES: Array<{ value: string; service: Service; kind: string; what: string }> = [
  { value: CANARIES.synapse, service: 'synapse', kind: 'synapse-pat', what: 'a Synapse personal access token' },
  { value: CANARIES.synap, service: 'synap', kind: 'synap-pat', what: 'a Synap personal access token' },
  { value: CANARIES.syncanoApiKey, service: 'syncano', kind: 'syncano-api-key', what: 'a Syncano instance API key' },
  { value: CANARIES.syncanoAccountKey, service: 'syncano', kind: 'syncano-account-key', what: 'a Syncano account key' },
];
const SECRET_PHRASE: Record<Service, string> = { synapse: 'a Synapse personal access token', synap: 'a Synap personal access token', syncano: 'a Syncano key' };

describe('recognise', () => {
  test('each service and kind is recognised from the value alone, and nothing else is', () => {
    for (const s of SAMPLES) {
      const found = recognise(`  ${s.value}\n`);
      assert.equal(found.length, 1, `${s.kind}: one recognition`);
      assert.equal(found[0]!.service, s.service);
      assert.equal(found[0]!.kind, s.kind);
      assert.equal(found[0]!.what, s.what);
      assert.ok(!JSON.stringify(found).includes(s.value), `${s.kind}: the recognition does not hold the value`);
    }
  });

  test('a Synapse PAT: user id, token id, scopes and the issue date are decoded, and a label is offered', () => {
    const [r] = recognise(CANARIES.synapse);
    assert.deepEqual(r!.decoded, { kind: 'synapse-pat', scopes: ['view', 'download'], recordId: '7001', userId: '3450001', issuedAt: '2025-11-13T02:13:20.000Z' });
    assert.equal(r!.label, 'Synapse personal access token #7001');
    assert.deepEqual(
      facts(r!).map((f) => [f.term, f.detail]),
      [
        ['User id', '3450001'],
        ['Token id', '7001'],
        ['Scopes', 'view, download'],
        ['Issued', '2025-11-13'],
      ],
    );
    assert.match(r!.note ?? '', /no expiry date: Synapse marks it EXPIRED after 180 days unused/);
    // An `exp` claim (a PAT has none) is shown when a token carries one.
    const [withExp] = recognise(makeSynapsePat({ exp: 1800000000 }));
    assert.equal(withExp!.decoded.expiresAt, '2027-01-15T08:00:00.000Z');
  });

  test('a Syncano key: its kind from the last digit, in either case, said in words', () => {
    const api = recognise(CANARIES.syncanoApiKey.toUpperCase())[0]!;
    assert.equal(api.kind, 'syncano-api-key');
    assert.match(api.note ?? '', /instance API key \(its last digit is odd\)/);
    assert.equal(api.label, 'Syncano instance API key');
    const account = recognise(CANARIES.syncanoAccountKey)[0]!;
    assert.match(account.note ?? '', /account key \(its last digit is even\)/);
    assert.deepEqual(facts(account), []);
  });

  test('values of no service are not recognised; the shape a near miss has is still told', () => {
    const oidc = makeSynapsePat({ token_type: 'OIDC_ACCESS_TOKEN' });
    for (const v of ['', '   ', 'hello world', 'p:', 'a'.repeat(39), `${CANARIES.syncanoApiKey}0`, oidc, 'x'.repeat(30_000)]) {
      assert.deepEqual(recognise(v), [], `not recognised: ${v.slice(0, 12)}…`);
    }
    assert.deepEqual(resembles(oidc), ['synapse']);
    assert.deepEqual(resembles('a'.repeat(39)), ['syncano']);
    assert.deepEqual(resembles('p:'), ['synap']);
    assert.deepEqual(resembles('hello world'), []);
  });

  test('a JWT whose user id or token id is not a number is no Synapse PAT, and says which claim', () => {
    const badSub = makeSynapsePat({ sub: '<img src=x onerror=alert(1)>' });
    const badJti = makeSynapsePat({ jti: 'B'.repeat(200) });
    const objectSub = makeSynapsePat({ sub: { id: 1 } });
    for (const v of [badSub, badJti, objectSub]) assert.deepEqual(recognise(v), []);
    assert.match(refusal(() => checkPaste('synapse', badSub)).message, /its user id \(sub\) is not a number/);
    assert.match(refusal(() => checkPaste('synapse', badJti)).message, /its token id \(jti\) is not a number/);
    assert.equal(recognise(makeSynapsePat({ sub: 3400001, jti: 7001 }))[0]?.decoded.userId, '3400001', 'a number claim is read as Synapse writes it');
  });

  test('an offered label that a token already has gets a number', () => {
    assert.equal(uniqueLabel('Synap personal access token', []), 'Synap personal access token');
    assert.equal(uniqueLabel('Synap personal access token', ['Synap personal access token', 'Synap personal access token (2)']), 'Synap personal access token (3)');
    assert.ok(uniqueLabel('x'.repeat(100), ['x'.repeat(100)]).length <= 100);
  });
});

describe('a paste for the wrong service', () => {
  test('is refused with the name of the service it belongs to, for every pair', () => {
    for (const s of SAMPLES) {
      for (const chosen of SERVICES.filter((x) => x !== s.service)) {
        const err = refusal(() => checkPaste(chosen, s.value));
        assert.equal(err.code, 'invalid-input');
        assert.equal(err.message, `This looks like ${s.what}, not ${SECRET_PHRASE[chosen]}.`);
        assert.equal(err.fields?.secret, `This is ${s.what}.`);
        assert.ok(!JSON.stringify({ m: err.message, f: err.fields }).includes(s.value), 'the refusal does not quote the value');
      }
    }
    assert.equal(refusal(() => checkPaste('syncano', CANARIES.synapse)).message, 'This looks like a Synapse personal access token, not a Syncano key.');
  });

  test("a value shaped like another service's but refused by it too says so, in that service's words", () => {
    const oidc = makeSynapsePat({ token_type: 'OIDC_ACCESS_TOKEN' });
    const err = refusal(() => checkPaste('syncano', oidc));
    assert.match(err.message, /^This looks like a Synapse value, not a Syncano key\. This is a "OIDC_ACCESS_TOKEN" token, not a Synapse personal access token/);
    assert.ok(!err.message.includes(oidc));
  });

  test("a value of the chosen service that is simply malformed gets its own service's words", () => {
    assert.match(refusal(() => checkPaste('syncano', 'a'.repeat(39))).message, /exactly 40 hexadecimal characters; this one has 39/);
    assert.match(refusal(() => checkPaste('synapse', 'not-a-jwt')).message, /three base64url parts/);
    assert.equal(wrongService('synap', 'p:short'), null);
    // And a value of the right service passes, normalised as stored.
    assert.equal(checkPaste('syncano', ` ${CANARIES.syncanoApiKey.toUpperCase()} `).secret, CANARIES.syncanoApiKey);
  });
});

describe("prepareAdd: what the service's fields become for the kind", () => {
  const req = (secret: string, details: Record<string, unknown>) => ({ service: 'syncano' as const, label: 'k', secret, details });

  test('a Syncano account key belongs to an e-mail, never to an instance', () => {
    const ok = prepareAdd(req(hexKey('even'), { email: 'ada@example.org' }));
    assert.equal(ok.meta.account, 'ada@example.org');
    assert.equal(ok.decoded.kind, 'syncano-account-key');
    const withInstance = refusal(() => prepareAdd(req(hexKey('even'), { instance: 'bars-instance' })));
    assert.equal(withInstance.code, 'invalid-input');
    assert.match(withInstance.message, /An account key belongs to a Syncano account, named by its e-mail, not to one instance/);
    assert.deepEqual(Object.keys(withInstance.fields ?? {}), ['instance']);
  });

  test('a Syncano instance API key belongs to an instance, never to an e-mail', () => {
    assert.equal(prepareAdd(req(hexKey('odd'), { instance: 'shop-prod' })).meta.account, 'shop-prod');
    const withEmail = refusal(() => prepareAdd(req(hexKey('odd'), { email: 'ada@example.org' })));
    assert.match(withEmail.message, /An instance API key belongs to one instance, not to an account/);
    assert.deepEqual(Object.keys(withEmail.fields ?? {}), ['email']);
  });

  test('the secret is judged first, and a wrong-service one names its service', () => {
    const err = refusal(() => prepareAdd(req(CANARIES.synap, { instance: 'shop-prod' })));
    assert.equal(err.message, 'This looks like a Synap personal access token, not a Syncano key.');
  });
});
