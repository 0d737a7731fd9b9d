// @process: test
// One plan from Preview to Write: the preview keeps its plan (token included) in the main process
// and answers with an id; Write takes only that id and writes exactly what was previewed, or
// refuses when the file changed in between, the plan was used, or it expired. Also the cost of
// one export: the calls, the reads of the config file and of the keychain.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
// The module object itself (a namespace import's properties are read-only getters).
import fsModule from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { makeSynapsePat, makeTestVault } from '../helpers/core';
import { countingKeychain, keytarKeychain } from '../../electron/core/keychain';
import { PLAN_MS } from '../../electron/core/services/synapse/actions';

const pat = () => makeSynapsePat({ sub: '3400001', jti: String(7000 + Math.floor(Math.random() * 999)) }, ['view']);

/** Counts fs.readFileSync calls on `file` while `fn` runs. */
async function countReads<T>(file: string, fn: () => Promise<T>): Promise<{ value: T; reads: number }> {
  const real = fsModule.readFileSync;
  let reads = 0;
  fsModule.readFileSync = ((p: fs.PathOrFileDescriptor, ...rest: unknown[]) => {
    if (typeof p === 'string' && path.resolve(p) === file) reads++;
    return (real as (...a: unknown[]) => unknown)(p, ...rest);
  }) as typeof fs.readFileSync;
  try {
    return { value: await fn(), reads };
  } finally {
    fsModule.readFileSync = real;
  }
}

test('one export is two calls, three reads of the file (preview; version check and read-back) and one keychain read', async () => {
  const service = `SynvaultTest-${randomBytes(4).toString('hex')}`;
  const keychain = countingKeychain(keytarKeychain(service));
  const tv = makeTestVault({ service, keychain });
  try {
    const file = path.join(tv.config.home, '.synapseConfig');
    fs.writeFileSync(file, '[cache]\nlocation = /data\n');
    const secret = pat();
    const t = await tv.call('addToken', { service: 'synapse', label: 'laptop', secret });
    const calls: string[] = [];
    const dispatch = tv.core.dispatch;
    const before = keychain.reads();
    const { reads } = await countReads(file, async () => {
      calls.push('synapseExportPreview');
      const preview = await dispatch('synapseExportPreview', { id: t.id, profile: 'default' });
      assert.ok(preview.ok);
      const planId = (preview.value as { planId: string }).planId;
      assert.match(planId, /^[0-9a-f-]{36}$/);
      assert.equal(JSON.stringify(preview.value).includes(secret), false, 'the preview carries no token');
      calls.push('synapseExport');
      const done = await dispatch('synapseExport', { planId });
      assert.ok(done.ok, JSON.stringify(done));
    });
    assert.deepEqual(calls, ['synapseExportPreview', 'synapseExport']);
    assert.equal(reads, 3);
    assert.equal(keychain.reads() - before, 1);
    assert.match(fs.readFileSync(file, 'utf8'), new RegExp(`authtoken = ${secret.replace(/[.]/g, '\\.')}`));
  } finally {
    await tv.cleanup();
  }
});

test('Write refuses when the file changed since the preview, and leaves the file as it is now', async () => {
  const tv = makeTestVault();
  try {
    const file = path.join(tv.config.home, '.synapseConfig');
    fs.writeFileSync(file, '[cache]\nlocation = /data\n');
    const t = await tv.call('addToken', { service: 'synapse', label: 'laptop', secret: pat() });
    const preview = await tv.call('synapseExportPreview', { id: t.id, profile: 'default' });
    fs.appendFileSync(file, '[endpoints]\nrepoEndpoint = https://repo-prod.prod.sagebase.org/repo/v1\n');
    const changed = fs.readFileSync(file, 'utf8');
    const r = await tv.raw('synapseExport', { planId: preview.planId });
    assert.equal(r.ok, false);
    assert.equal(r.error?.code, 'conflict');
    assert.match(r.error!.message, /changed since the preview was made\. Review the preview again\. Nothing was changed\./);
    assert.equal(fs.readFileSync(file, 'utf8'), changed);
    assert.deepEqual(fs.readdirSync(tv.config.home).filter((n) => n.includes('backup')), [], 'no backup was made');
  } finally {
    await tv.cleanup();
  }
});

test('a plan is written once, and not after it expired; an unknown id writes nothing', async () => {
  const tv = makeTestVault();
  try {
    const file = path.join(tv.config.home, '.synapseConfig');
    const t = await tv.call('addToken', { service: 'synapse', label: 'laptop', secret: pat() });
    const first = await tv.call('synapseExportPreview', { id: t.id, profile: 'lab' });
    await tv.call('synapseExport', { planId: first.planId });
    const written = fs.readFileSync(file, 'utf8');
    const again = await tv.raw('synapseExport', { planId: first.planId });
    assert.equal(again.ok, false);
    assert.match(again.error!.message, /no longer open .*Preview again\. Nothing was changed\./);

    const late = await tv.call('synapseExportPreview', { id: t.id, profile: 'other' });
    assert.equal(Date.parse(late.expiresAt) - tv.clock.now(), PLAN_MS);
    await tv.clock.advance(PLAN_MS + 1);
    const expired = await tv.raw('synapseExport', { planId: late.planId });
    assert.equal(expired.ok, false);
    assert.match(expired.error!.message, /no longer open/);

    const unknown = await tv.raw('synapseExport', { planId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(unknown.ok, false);
    assert.equal(fs.readFileSync(file, 'utf8'), written, 'nothing was written after the first');
  } finally {
    await tv.cleanup();
  }
});
