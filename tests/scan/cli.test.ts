// @process: test
// `synvault scan` as a script runs it: one line (or JSON object) per finding, masked; exit 0 when
// nothing is found, 1 when something is, 2 on a usage error; no planted value on stdout or stderr.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { synvaultSync } from '../helpers/processes';
import { keytarKeychain } from '../../electron/core/keychain';
import { maskedPreview } from '../../electron/shared/services';
import { plantHome } from './plant';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-scan-cli-'));
const planted = plantHome(base);
const dataDir = path.join(base, 'data');
const service = `SynvaultScanCli-${randomBytes(3).toString('hex')}`;
const env = { ...process.env, SYNVAULT_DATA_DIR: dataDir, SYNVAULT_KEYCHAIN_SERVICE: service, SYNVAULT_HOME: planted.home };
after(async () => {
  for (const e of await keytarKeychain(service).findAll()) await keytarKeychain(service).delete(e.account);
  fs.rmSync(base, { recursive: true, force: true });
});
const synvault = (args: string[], input?: string) => synvaultSync(args, env, input);

const noSecret = (r: { out: string; err: string }) => {
  for (const s of planted.secrets) {
    assert.ok(!r.out.includes(s), 'a planted value is on stdout');
    assert.ok(!r.err.includes(s), 'a planted value is on stderr');
  }
};

test('--json: one object per finding with service, kind, path, line, inVault and a masked preview; exit 1', () => {
  const added = synvault(['add', 'synap', '--label', 'lab', '--portal', 'Acme'], planted.tokens.synap);
  assert.equal(added.code, 0, added.err);
  const r = synvault(['scan', '--json']);
  assert.equal(r.code, 1, r.err);
  noSecret(r);
  const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.deepEqual(
    rows.map((o) => `${path.relative(planted.home, o.path as string)}:${o.line} ${o.service} ${o.kind}`).sort(),
    planted.expected.map((e) => `${e.path}:${e.line} ${e.service} ${e.kind}`).sort(),
  );
  for (const o of rows) {
    assert.deepEqual(Object.keys(o).filter((k) => k !== 'where'), ['service', 'kind', 'path', 'line', 'inVault', 'preview']);
    assert.match(o.preview as string, /^.{4}….{4}$/);
  }
  const synap = rows.find((o) => o.service === 'synap' && String(o.path).endsWith('.Renviron'))!;
  assert.equal(synap.inVault, true);
  assert.equal(synap.preview, maskedPreview(planted.tokens.synap));
  assert.equal(rows.filter((o) => o.inVault).length, 1);
  assert.equal(rows.find((o) => String(o.path).endsWith('.ipynb'))!.where, 'cell 2, output');
  assert.match(r.err, new RegExp(`${planted.expected.length} tokens found`));
});

test('plain output: path:line, service, kind, preview and whether the vault holds it; the summary on stderr', () => {
  const r = synvault(['scan', path.join(planted.home, '.Renviron'), path.join(planted.home, 'projects')]);
  assert.equal(r.code, 1, r.err);
  noSecret(r);
  const out = r.out.trim().split('\n');
  assert.equal(out.length, 7);
  assert.ok(out.includes(`${path.join(planted.home, '.Renviron')}:3  Synap Personal access token  ${maskedPreview(planted.tokens.synap)}  in the vault as "lab"`), r.out);
  assert.ok(out.includes(`${path.join(planted.home, '.Renviron')}:4  Syncano Instance API key  ${maskedPreview(planted.tokens.apiKey)}  not in the vault`), r.out);
  // stderr is not a terminal here: no progress line, only the summary.
  assert.ok(!r.err.includes('scanning:'));
  assert.match(r.err, /files seen/);
  assert.match(r.err, /Skipped: .*binary/);
});

test('nothing found: exit 0 and nothing on stdout', () => {
  const empty = path.join(base, 'empty');
  fs.mkdirSync(empty);
  fs.writeFileSync(path.join(empty, 'notes.py'), `print("hello")\nREV = "${randomBytes(20).toString('hex')}"\n`);
  const r = synvault(['scan', empty]);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
  assert.match(r.err, /No token found/);
});

test('usage errors exit 2: an unknown option, a path that does not exist', () => {
  const unknown = synvault(['scan', '--fix', planted.home]);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /Unknown option --fix/);
  assert.equal(unknown.out, '');
  const missing = synvault(['scan', path.join(base, 'nope')]);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no such file or folder/);
  const help = synvault(['scan', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /synvault scan \[PATH\.\.\.\] \[--json\]/);
});
