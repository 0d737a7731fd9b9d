// @process: test
// Where used: an export records the place on the token (never the value), a second token written
// there takes the place over, import --remove clears it, and the check reads each place by
// fingerprint and tells every state apart — this token, another (named when in the vault), no
// token, no section, no file, unreadable. No secret in the catalog.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CANARIES, makeSynapsePat, makeTestVault, readTree, type TestVault } from '../helpers/core';

async function withVault(fn: (tv: TestVault, file: string) => Promise<void>) {
  const tv = makeTestVault();
  try {
    await fn(tv, path.join(tv.config.home, '.synapseConfig'));
  } finally {
    await tv.cleanup();
  }
}

const add = (tv: TestVault, label: string, secret: string) => tv.call('addToken', { service: 'synapse', label, secret, username: 'ada' });

async function exportTo(tv: TestVault, id: string, profile: string, file: string) {
  const p = await tv.call('synapseExportPreview', { id, profile, path: file, replaceOtherUser: true });
  await tv.call('synapseExport', { planId: p.planId });
}

const places = async (tv: TestVault, id: string) => ((await tv.core.parts.tokens.get(id)).usedIn ?? []).map((u) => `${path.basename(u.path)} [${u.section}]`);
const check = async (tv: TestVault, id: string) => (await tv.call('checkUsedIn', { id })).map((c) => `[${c.section}] ${c.state}${c.other ? ` ${c.other.label}` : ''}`);

test('export records where it wrote (path and section, when), a later export there moves the place, import --remove clears it; never the value', async () => {
  await withVault(async (tv, file) => {
    const a = await add(tv, 'canary', CANARIES.synapse);
    const b = await add(tv, 'other', makeSynapsePat({ sub: '3450001', jti: '7002' }));
    await exportTo(tv, a.id, 'default', file);
    await exportTo(tv, a.id, 'lab', file);
    assert.deepEqual(await places(tv, a.id), ['.synapseConfig [authentication]', '.synapseConfig [profile lab]']);
    const u = (await tv.core.parts.tokens.get(a.id)).usedIn![0]!;
    assert.deepEqual(Object.keys(u).sort(), ['at', 'kind', 'path', 'section']);
    assert.equal(u.kind, 'synapseConfig');
    assert.equal(u.path, file);
    assert.equal(u.at, new Date(tv.clock.now()).toISOString());
    // The same place written again with another token: the place is that token's now.
    await exportTo(tv, b.id, 'lab', file);
    assert.deepEqual(await places(tv, a.id), ['.synapseConfig [authentication]']);
    assert.deepEqual(await places(tv, b.id), ['.synapseConfig [profile lab]']);
    // The vault's catalog names places, never a value.
    for (const { file: f, text } of readTree(tv.dir)) if (!f.startsWith(tv.config.home)) assert.ok(!text.includes(CANARIES.synapse), `${f} holds the token`);
    assert.match(fs.readFileSync(path.join(tv.dir, 'catalog.json'), 'utf8'), /"section":\s*"authentication"/);
    // import --remove takes the tokens out of the file, and the places off the tokens.
    const scan = await tv.call('synapseImportScan', { path: file });
    await tv.call('synapseImport', { path: file, sections: scan.candidates.map((c) => c.sections[0]!), removeFromFile: true, version: scan.version });
    assert.deepEqual(await places(tv, a.id), []);
    assert.deepEqual(await places(tv, b.id), []);
    assert.equal((await tv.core.parts.tokens.get(a.id)).usedIn, undefined, 'an empty list is not kept');
  });
});

test('the check reads each place by fingerprint: this token, another (named), no token, no section, no file, unreadable', async () => {
  await withVault(async (tv, file) => {
    const a = await add(tv, 'canary', CANARIES.synapse);
    const other = makeSynapsePat({ sub: '3450001', jti: '7003' });
    const b = await add(tv, 'colleague', other);
    const second = path.join(tv.config.home, 'second.cfg');
    const third = path.join(tv.config.home, 'third.cfg');
    await exportTo(tv, a.id, 'default', file); // [authentication]
    for (const p of ['p1', 'p2', 'p3', 'p4']) await exportTo(tv, a.id, p, file);
    await exportTo(tv, a.id, 'default', second);
    await exportTo(tv, a.id, 'default', third);
    assert.deepEqual(await check(tv, a.id), [
      '[authentication] holds-this',
      '[profile p1] holds-this',
      '[profile p2] holds-this',
      '[profile p3] holds-this',
      '[profile p4] holds-this',
      '[authentication] holds-this',
      '[authentication] holds-this',
    ]);
    // By hand: another vault token in p1, an unknown one in p2, p3's token line deleted, p4 gone,
    // the second file deleted, the third made unreadable for configparser.
    let text = fs.readFileSync(file, 'utf8');
    const line = (section: string) => new RegExp(`(\\[${section}\\]\\n(?:username = .*\\n)?)authtoken = \\S+\\n`);
    text = text.replace(line('profile p1'), `$1authtoken = ${other}\n`);
    text = text.replace(line('profile p2'), `$1authtoken = ${makeSynapsePat({ jti: '7004' })}\n`);
    text = text.replace(line('profile p3'), '$1');
    text = text.replace(/\[profile p4\]\n(?:.*\n)*?(?=\[|$)/, '');
    fs.writeFileSync(file, text);
    fs.rmSync(second);
    fs.writeFileSync(third, '[authentication]\nauthtoken = x\nauthtoken = y\n');
    const now = await tv.call('checkUsedIn', { id: a.id });
    assert.deepEqual(
      now.map((c) => `${path.basename(c.path)} [${c.section}] ${c.state}${c.other ? ` “${c.other.label}”` : ''}`),
      [
        '.synapseConfig [authentication] holds-this',
        '.synapseConfig [profile p1] holds-other “colleague”',
        '.synapseConfig [profile p2] holds-other',
        '.synapseConfig [profile p3] no-token',
        '.synapseConfig [profile p4] section-gone',
        'second.cfg [authentication] file-gone',
        'third.cfg [authentication] unreadable',
      ],
    );
    assert.equal(now[1]!.other?.id, b.id);
    assert.match(now[6]!.detail!, /third\.cfg — line 3/);
    // The check writes nothing: the places stay on the token until something rewrites them.
    assert.equal((await places(tv, a.id)).length, 7);
    assert.ok(!JSON.stringify(now).includes(CANARIES.synapse) && !JSON.stringify(now).includes(other), 'no value in the answer');
  });
});

test('a usedIn or rotation mark this version cannot read is dropped on reading, never a reason to call the catalog damaged', async () => {
  await withVault(async (tv) => {
    const a = await add(tv, 'canary', CANARIES.synapse);
    const file = path.join(tv.dir, 'catalog.json');
    const cat = JSON.parse(fs.readFileSync(file, 'utf8')) as { tokens: Array<Record<string, unknown>> };
    cat.tokens[0]!.usedIn = 'not a list';
    cat.tokens[0]!.rotation = { stage: 'halfway' };
    fs.writeFileSync(file, JSON.stringify(cat));
    const again = tv.reopen();
    const [t] = await again.call('listTokens', {});
    assert.equal(t?.id, a.id);
    assert.equal(t?.label, 'canary');
    assert.equal(t?.usedIn, undefined);
    assert.equal(t?.rotation, undefined);
    assert.deepEqual((await again.call('getStatus', {})).notices, [], 'no rebuild');
  });
});
