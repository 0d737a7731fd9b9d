// @process: test
// What counts as a token in text: the Syncano context rule and its git exception, the `p:` length
// rule, a JWT that is not a PAT, and how a notebook's cells and outputs are placed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { hexKey, makeSynapsePat } from '../helpers/core';
import { findTokens, SYNAP_MIN_CHARS, SYNCANO_CONTEXT_LINES } from '../../electron/core/scan/candidates';
import { findInNotebook } from '../../electron/core/scan/notebook';

const lines = (text: string, opts?: Parameters<typeof findTokens>[1]) => findTokens(text, opts).map((f) => `${f.line} ${f.kind}`);
const pad = (n: number) => Array.from({ length: n }, (_, i) => `x${i} = ${i}`);

test('a 40-hex value is a Syncano key only with a Syncano word on its line or within SYNCANO_CONTEXT_LINES lines', () => {
  const key = hexKey('odd');
  assert.deepEqual(lines(`value = "${key}"\n`), []);
  assert.deepEqual(lines(`SYNCANO_API_KEY=${key}\n`), ['1 syncano-api-key']);
  assert.deepEqual(lines(`headers = {"X-API-KEY": "${key}"}\n`), ['1 syncano-api-key']);
  assert.deepEqual(lines(`url = "https://api.syncano.io/v1.1/instances/x/?api_key=${key}"\n`), ['1 syncano-api-key']);
  const near = ['import syncano', ...pad(SYNCANO_CONTEXT_LINES - 1), `k = "${key}"`].join('\n');
  assert.deepEqual(lines(near), [`${SYNCANO_CONTEXT_LINES + 1} syncano-api-key`]);
  const far = ['import syncano', ...pad(SYNCANO_CONTEXT_LINES), `k = "${key}"`].join('\n');
  assert.deepEqual(lines(far), []);
  const below = [`k = "${key}"`, ...pad(SYNCANO_CONTEXT_LINES - 1), 'syncano.connect(api_key=k)'].join('\n');
  assert.deepEqual(lines(below), ['1 syncano-api-key']);
  // The kind follows the last digit; an upper-case key is reported as the vault stores it.
  const upper = findTokens(`SYNCANO_KEY=${hexKey('even').toUpperCase()}`);
  assert.equal(upper[0]!.kind, 'syncano-account-key');
  assert.equal(upper[0]!.secret, upper[0]!.secret.toLowerCase());
});

test('a git SHA is not a key: a line about git takes no context from its neighbours, and a history line none at all', () => {
  const sha = randomBytes(20).toString('hex');
  assert.deepEqual(lines(`export SYNCANO_API_KEY=$(cat key)\ngit checkout ${sha}\n`), []);
  assert.deepEqual(lines(`import syncano\ncommit = "${sha}"\n`), []);
  assert.deepEqual(lines(`pip install syncano\nhead ${sha}\n`, { contextLines: 0 }), []);
  // Inside a hex run of another length, or glued to letters, it is not a 40-hex value.
  assert.deepEqual(lines(`SYNCANO ${sha}ab\nSYNCANO g${sha}\n`), []);
});

test('a p: value is a Synap PAT from SYNAP_MIN_CHARS characters on, at the start of a word', () => {
  const long = `p:${'a1'.repeat(SYNAP_MIN_CHARS / 2)}`;
  assert.deepEqual(lines(`SYNAP_TOKEN=${long}`), ['1 synap-pat']);
  assert.deepEqual(lines(`token: "${long.slice(0, -1)}"`), []);
  assert.deepEqual(lines('The effect holds (p:0.01), see p:fig2 and x[p:q].'), []);
  assert.deepEqual(lines(`http:${long.slice(2)} ftp:${long.slice(2)}`), []);
  // It ends where the string or argument ends.
  const found = findTokens(`curl -H "Authorization: Bearer ${long}" https://api.synap.ac/v3/portal-usage/`);
  assert.equal(found[0]!.secret, long);
});

test('a JWT is a Synapse PAT only when its payload says PERSONAL_ACCESS_TOKEN', () => {
  const pat = makeSynapsePat();
  assert.deepEqual(lines(`a\n${pat}\n`), ['2 synapse-pat']);
  assert.deepEqual(lines(makeSynapsePat({ token_type: 'OIDC_ID_TOKEN' })), []);
  assert.deepEqual(lines(`eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.x`), []);
  // The same token twice on a line is one finding; on two lines, two; \r\n counts once.
  assert.deepEqual(lines(`${pat} ${pat}\r\n${pat}\r\n`), ['1 synapse-pat', '2 synapse-pat']);
});

test('a notebook: a finding is placed by cell and by its line in the file; outputs take their cell as context; images are skipped', () => {
  const pat = makeSynapsePat();
  const key = hexKey('odd');
  const nb = {
    cells: [
      { cell_type: 'code', source: `import syncano\nconn = syncano.connect(api_key="${key}")`, outputs: [] },
      { cell_type: 'code', source: ['import syncano\n', 'print(key)'], outputs: [{ output_type: 'stream', name: 'stdout', text: [`${key}\n`] }] },
      { cell_type: 'code', source: ['print(token)'], outputs: [{ output_type: 'execute_result', data: { 'text/plain': [`'${pat}'`], 'image/png': `${pat}` } }] },
      { cell_type: 'code', source: ['print(sha)'], outputs: [{ output_type: 'stream', text: [`${hexKey('odd')}\n`] }] },
    ],
    metadata: {},
    nbformat: 4,
    nbformat_minor: 5,
  };
  const raw = JSON.stringify(nb, null, 1);
  const lineOf = (needle: string, from = 0) => raw.split('\n').findIndex((l, i) => i >= from && l.includes(needle)) + 1;
  const found = findInNotebook(raw, 100)!.map((f) => `${f.line} ${f.where} ${f.kind}`);
  const out = lineOf(key, lineOf('print(key)'));
  assert.deepEqual(found, [
    `${lineOf(key)} cell 1 syncano-api-key`,
    `${out} cell 2, output syncano-api-key`,
    `${lineOf(pat)} cell 3, output synapse-pat`,
  ]);
  // Not JSON: read as text by the caller.
  assert.equal(findInNotebook(`{"cells": [${pat}`, 100), null);
});
