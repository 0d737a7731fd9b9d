// @process: test
// A .synapseConfig section as a place a token lives: what it holds (by fingerprint), every section
// holding a token ([DEFAULT] included), and the rotation's rewrite — only the matching values, each
// in its own line with its spelling, indent and delimiter, every other byte kept; read back with
// Python's configparser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readSection, replaceToken, sectionsHolding } from '../../electron/core/services/synapse/config';
import { fingerprint } from '../../electron/core/token-store';
import { makeSynapsePat } from '../helpers/core';
import { digest, pyRead } from '../synapse/py-configparser';

function tmpFile(text: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-place-'));
  const file = path.join(dir, '.synapseConfig');
  fs.writeFileSync(file, text, { mode: 0o600 });
  return file;
}

test('sections holding a token are found by fingerprint, [DEFAULT] included; the rewrite keeps every other byte', () => {
  const old = makeSynapsePat({ jti: '8001' });
  const other = makeSynapsePat({ jti: '8002' });
  const next = makeSynapsePat({ jti: '8003' });
  const text = [
    '# keep me\r',
    '[DEFAULT]\r',
    `authtoken=${old}\r`,
    '[authentication]\r',
    'username = alice\r',
    `authToken :   ${old}\r`,
    '[profile ci]\r',
    `authtoken = ${other}\r`,
    '[profile lab]\r',
    'username = alice\r',
    '[cache]\r',
    'location = /data\r',
    '',
  ].join('\n');
  const file = tmpFile(text);
  try {
    const fp = fingerprint(old);
    assert.deepEqual(sectionsHolding(file, fp), ['DEFAULT', 'authentication']);
    assert.deepEqual(readSection(file, 'profile ci'), { state: 'token', fingerprint: fingerprint(other) });
    assert.deepEqual(readSection(file, 'profile lab'), { state: 'no-token' }, 'a value from [DEFAULT] is not the section\'s own');
    assert.deepEqual(readSection(file, 'profile gone'), { state: 'section-gone' });
    assert.deepEqual(readSection(path.join(path.dirname(file), 'nope'), 'authentication'), { state: 'file-gone' });

    const r = replaceToken(file, ['DEFAULT', 'authentication', 'profile ci', 'profile lab', 'profile gone'], fp, next);
    assert.deepEqual(r.replaced, ['DEFAULT', 'authentication']);
    assert.deepEqual(
      r.left.map((l) => `${l.section} ${l.read.state}`),
      ['profile ci holds-other', 'profile lab no-token', 'profile gone section-gone'],
    );
    const after = fs.readFileSync(file, 'utf8');
    assert.ok(after === text.split(old).join(next), 'only the two values changed, byte for byte');
    const py = pyRead(file);
    assert.deepEqual(py.legacy?.authtoken, digest(next));
    assert.deepEqual(py.defaults?.authtoken, digest(next));
    assert.deepEqual(py.dump?.['profile ci']?.authtoken, digest(other));
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});

test('a read-only file is refused untouched; a file configparser rejects is unreadable, not guessed at', () => {
  const old = makeSynapsePat({ jti: '8004' });
  const file = tmpFile(`[authentication]\nauthtoken = ${old}\n`);
  try {
    fs.chmodSync(file, 0o400);
    assert.throws(() => replaceToken(file, ['authentication'], fingerprint(old), makeSynapsePat()), /is read-only \(mode 400\)/);
    assert.ok(fs.readFileSync(file, 'utf8').includes(old));
    fs.chmodSync(file, 0o600);
    fs.writeFileSync(file, `[authentication]\nauthtoken = ${old}\n[authentication]\n`);
    const read = readSection(file, 'authentication');
    assert.equal(read.state, 'unreadable');
    assert.deepEqual(sectionsHolding(file, fingerprint(old)), []);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});
