// @process: test
// catalog.json as written and read without zod: 10,000 records (every field, non-ASCII labels,
// fields this version does not know) come back exactly; a file an older version wrote (indented,
// UTF-8) still reads; a damaged record is refused exactly where the zod schema that used to
// check the file refused it, and the vault then rebuilds from the keychain as before; and a file
// changed behind the vault's back is read again, whatever its stamp.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isAscii } from 'node:buffer';
import { z } from 'zod';
import { Catalog, CATALOG_VERSION, CATALOG_VERSIONS_READ, type CatalogRecord } from '../../electron/core/catalog';
import { isCatalogFile } from '../../electron/core/catalog-record';
import { SERVICES, TOKEN_KINDS } from '../../electron/shared/services';
import { makeTestVault, makeSynapsePat, hexKey, type TestVault } from '../helpers/core';

const dirs: string[] = [];
const vaults: TestVault[] = [];
after(async () => {
  for (const v of vaults) await v.cleanup();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-catalog-'));
  dirs.push(d);
  return d;
};

/** The zod schema catalog.ts used before this check replaced it, kept as the reference. */
const zodRecord = z
  .object({
    id: z.string(),
    service: z.enum(SERVICES),
    kind: z.enum(TOKEN_KINDS),
    label: z.string(),
    account: z.string().optional(),
    scopes: z.array(z.string()).optional(),
    flags: z.array(z.string()).optional(),
    recordId: z.string().optional(),
    userId: z.string().optional(),
    issuedBy: z.string().optional(),
    portalUrl: z.string().optional(),
    subjectUsers: z.array(z.object({ id: z.string(), note: z.string() })).optional(),
    preview: z.string(),
    addedAt: z.string(),
    verifiedAt: z.string().optional(),
    verification: z.object({ state: z.enum(['valid', 'invalid', 'forbidden']), detail: z.string(), at: z.string() }).optional(),
    keychainAccount: z.string().optional(),
  })
  .passthrough();
const zodFile = z.object({ version: z.literal(CATALOG_VERSION), tokens: z.array(zodRecord) });

/** A record with every field this version knows, and one it does not. */
function fullRecord(i: number): CatalogRecord & Record<string, unknown> {
  return {
    id: `0000${i}-aaaa-4bbb-8ccc-${String(i).padStart(12, '0')}`,
    service: (['synapse', 'synap', 'syncano'] as const)[i % 3]!,
    kind: (['synapse-pat', 'synap-pat', 'syncano-api-key'] as const)[i % 3]!,
    label: i % 7 === 0 ? `Größe ${i} — naïve ✓ 🔑` : `token ${i}`,
    account: `account-${i % 50}`,
    scopes: ['view', 'download'],
    flags: i % 2 ? ['ignore_acl'] : [],
    recordId: String(1000 + i),
    userId: String(i),
    issuedBy: 'admin@example.org',
    portalUrl: 'https://portal.example.org/',
    subjectUsers: [{ id: `u-${i}`, note: 'läuft' }],
    preview: 'abcd…wxyz',
    addedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
    verifiedAt: '2026-01-01T00:00:00.000Z',
    verification: { state: 'valid', detail: 'ok', at: '2026-01-01T00:00:00.000Z' },
    keychainAccount: `synvault1:${i}:eyJ9`,
    fingerprint: 'ffeeddccbbaa9988',
    server: { service: 'synapse', state: 'ACTIVE', at: '2026-02-02T00:00:00.000Z', lastUsed: '2026-02-01T00:00:00.000Z' },
    // A field a newer version wrote: kept, top level and nested.
    ...({ laterField: { asOf: '2026-02-02T00:00:00.000Z', extra: { deep: [1, 2] } } } as object),
  };
}

test('10,000 records round-trip exactly, as an ASCII file any JSON reader reads the same', () => {
  const catalog = new Catalog(tempDir());
  const records = Array.from({ length: 10_000 }, (_, i) => fullRecord(i));
  catalog.save(records);
  const bytes = fs.readFileSync(catalog.file);
  assert.ok(isAscii(bytes), 'the file is pure ASCII (\\u escapes)');
  assert.deepEqual(JSON.parse(bytes.toString('utf8')), { version: CATALOG_VERSION, tokens: records });
  // A fresh reader (another process), so nothing comes from memory.
  const loaded = new Catalog(catalog.dataDir).load();
  assert.equal(loaded.state, 'ok');
  assert.deepEqual(loaded.state === 'ok' && loaded.records, records);
  assert.equal(zodFile.safeParse(JSON.parse(bytes.toString('utf8'))).success, true, 'the old schema accepts it too');
});

test('a catalog an older version wrote (indented, UTF-8 past ASCII) reads the same', () => {
  const dir = tempDir();
  const records = [fullRecord(0), fullRecord(1)];
  fs.writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify({ version: 1, tokens: records }, null, 2) + '\n');
  const loaded = new Catalog(dir).load();
  assert.deepEqual(loaded.state === 'ok' && loaded.records, records);
});

test('a damaged record or file is refused exactly where the zod schema refused it', () => {
  const good = fullRecord(3);
  const damaged: Array<[string, unknown]> = [];
  const fields = Object.keys(good);
  for (const key of fields) {
    for (const [what, value] of [['missing', undefined], ['null', null], ['a number', 7], ['a list', ['x']], ['an object', { a: 1 }], ['empty', '']] as const) {
      const r: Record<string, unknown> = { ...good };
      if (value === undefined) delete r[key];
      else r[key] = value;
      damaged.push([`${key} ${what}`, r]);
    }
  }
  damaged.push(['unknown service', { ...good, service: 'gitlab' }]);
  damaged.push(['unknown kind', { ...good, kind: 'gitlab-pat' }]);
  damaged.push(['a scope not text', { ...good, scopes: ['view', 3] }]);
  damaged.push(['a subject user without note', { ...good, subjectUsers: [{ id: 'u' }] }]);
  damaged.push(['a subject user that is text', { ...good, subjectUsers: ['u'] }]);
  damaged.push(['verification state unknown', { ...good, verification: { state: 'expired', detail: '', at: '' } }]);
  damaged.push(['verification without at', { ...good, verification: { state: 'valid', detail: '' } }]);
  damaged.push(['verification with more', { ...good, verification: { state: 'valid', detail: '', at: '', by: 'x' } }]);
  damaged.push(['the record a list', [good]]);
  damaged.push(['the record text', 'x']);
  damaged.push(['the record null', null]);
  let refused = 0;
  for (const [name, record] of damaged) {
    const file = { version: CATALOG_VERSION, tokens: [fullRecord(1), record] };
    const expected = zodFile.safeParse(file).success;
    assert.equal(isCatalogFile(file, [CATALOG_VERSION]), expected, `${name}: ${expected ? 'accepted' : 'refused'} by zod`);
    if (!expected) refused++;
  }
  assert.ok(refused > 40, `the cases include refusals (${refused})`);
  const v = CATALOG_VERSION;
  for (const file of [null, [], 'x', {}, { version: v + 1, tokens: [] }, { version: String(v), tokens: [] }, { tokens: [] }, { version: v }, { version: v, tokens: {} }, { version: v, tokens: [], more: true }]) {
    assert.equal(isCatalogFile(file, [CATALOG_VERSION]), zodFile.safeParse(file).success, JSON.stringify(file));
  }
  // The versions this one reads: 1 (every record naming its keychain entry) and 2; no other.
  assert.deepEqual(
    [0, 1, 2, 3].map((version) => isCatalogFile({ version, tokens: [fullRecord(1)] }, CATALOG_VERSIONS_READ)),
    [false, true, true, false],
  );
  // Through the catalog: the same words as before, which the vault's rebuild reports.
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'catalog.json'), JSON.stringify({ version: 1, tokens: [{ ...good, service: 'gitlab' }] }));
  assert.deepEqual(new Catalog(dir).load(), { state: 'corrupt', reason: 'its contents do not match the catalog format' });
});

test('a vault whose catalog has one damaged record sets the file aside and rebuilds it from the keychain', async () => {
  const v = makeTestVault();
  vaults.push(v);
  await v.call('addToken', { service: 'synapse', label: 'Laptop PAT', username: 'ada', secret: makeSynapsePat({ jti: '77', sub: '12' }, ['view']) });
  await v.clock.advance(1000);
  await v.call('addToken', { service: 'syncano', label: 'Instance key', instance: 'demo-inst', secret: hexKey('odd') });
  const file = v.core.parts.tokens.catalogFile;
  const text = JSON.parse(fs.readFileSync(file, 'utf8')) as { version: number; tokens: Array<Record<string, unknown>> };
  text.tokens[1]!.kind = 'gitlab-pat';
  fs.writeFileSync(file, JSON.stringify(text));
  const again = v.reopen();
  assert.deepEqual((await again.call('listTokens', {})).map((t) => [t.label, t.kind]), [
    ['Laptop PAT', 'synapse-pat'],
    ['Instance key', 'syncano-api-key'],
  ]);
  assert.match((await again.call('getStatus', {})).notices.join('\n'), /catalog file was damaged \(its contents do not match the catalog format\); it was kept as .*catalog\.corrupt-/);
});

test('a file changed behind the vault is read again, even with the same size and stamp; an unchanged one is not parsed again', async () => {
  const v = makeTestVault();
  vaults.push(v);
  await v.call('addToken', { service: 'syncano', label: 'alpha', instance: 'demo-inst', secret: hexKey('odd') });
  const file = v.core.parts.tokens.catalogFile;
  const catalog = new Catalog(v.dir);
  const first = catalog.load();
  assert.ok(first.state === 'ok');
  assert.equal(catalog.load().state === 'ok' && (catalog.load() as { records: unknown }).records, first.records, 'the same bytes give the records already read');
  // Another process renames its label to one of the same length, and the file keeps its mtime.
  const st = fs.statSync(file);
  fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"alpha"', '"gamma"'));
  fs.utimesSync(file, st.atime, st.mtime);
  assert.deepEqual((catalog.load() as { records: CatalogRecord[] }).records.map((r) => r.label), ['gamma']);
  // The vault's next change, under the lock, starts from that file too.
  await v.call('addToken', { service: 'syncano', label: 'beta', instance: 'demo-inst', secret: hexKey('odd') });
  assert.deepEqual((await v.reopen().call('listTokens', {})).map((t) => t.label), ['gamma', 'beta']);
});
