// @process: test
// Scan on a planted home folder: every planted token found at its place, no decoy reported,
// nothing skipped read; what the scan hands out holds no secret; the actions on a finding (add,
// remove from .synapseConfig, verify, open folder) do what they say and nothing else.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeTestVault } from '../helpers/core';
import { plantHome } from './plant';
import { runScan } from '../../electron/core/scan/scan';
import { Scanner, type FindingVerifier } from '../../electron/core/scan/scanner';
import { maskedPreview } from '../../electron/shared/services';
import type { ScanFinding } from '../../electron/shared/contract/scan';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-scan-'));
const planted = plantHome(base);
const tv = makeTestVault({ env: { SYNVAULT_HOME: planted.home } });
after(async () => {
  await tv.cleanup();
  fs.rmSync(base, { recursive: true, force: true });
});

const rel = (p: string) => path.relative(planted.home, p);
const place = (f: { path: string; line: number; service: string; kind: string; where?: string }) =>
  `${rel(f.path)}:${f.line} ${f.service} ${f.kind}${f.where ? ` (${f.where})` : ''}`;

test('every planted token is found at its file and line, and nothing else is', async () => {
  const run = await runScan([planted.home]);
  const got = run.found.map(place).sort();
  const want = planted.expected.map((e) => `${e.path}:${e.line} ${e.service} ${e.kind}${e.where ? ` (${e.where})` : ''}`).sort();
  assert.deepEqual(got, want);
  assert.equal(run.stopped, null);
});

test('what the walk skipped is counted by reason', async () => {
  const run = await runScan([planted.home]);
  // node_modules, .git, .cache, __pycache__, .venv by name; env3 (pyvenv.cfg) and miniconda3 (conda-meta)
  assert.equal(run.skipped.folders, 7);
  assert.equal(run.skipped.tooDeep, 1);
  assert.equal(run.skipped.tooLarge, 1);
  assert.equal(run.skipped.binary, 1);
  // outside.env, outside-folder, projects/loop, a.env and b.env (a loop), gone.env
  assert.equal(run.skipped.links, 6);
});

test('a folder of its own, given by path, is scanned alone; a file is read whatever its name', async () => {
  const only = await runScan([path.join(planted.home, 'projects')]);
  assert.deepEqual([...new Set(only.found.map((f) => rel(f.path).split('/')[1]))], ['lab']);
  const notes = path.join(base, 'notes.txt');
  fs.writeFileSync(notes, `token: ${planted.tokens.synap}\n`);
  const file = await runScan([notes]);
  assert.deepEqual(file.found.map((f) => [f.service, f.line]), [['synap', 1]]);
});

test('the report holds places and masked previews only: no planted value, anywhere in it', async () => {
  const scanner = new Scanner(tv.core.parts);
  const report = await scanner.scan();
  assert.equal(report.found, planted.expected.length);
  const json = JSON.stringify(report);
  for (const s of planted.secrets) assert.ok(!json.includes(s), 'a planted value is in the report');
  const renviron = report.findings.find((f) => rel(f.path) === '.Renviron' && f.service === 'synap')!;
  assert.equal(renviron.preview, maskedPreview(planted.tokens.synap));
  // Finding ids are opaque: nothing of the value in them.
  for (const f of report.findings) assert.match(f.id, /^[0-9a-f-]{36}$/);
});

async function scanFresh(deps: ConstructorParameters<typeof Scanner>[1] = {}) {
  const scanner = new Scanner(tv.core.parts, deps);
  const report = await scanner.scan();
  const find = (p: string, service?: string): ScanFinding => {
    const f = report.findings.find((x) => rel(x.path) === p && (!service || x.service === service));
    assert.ok(f, `no finding in ${p}`);
    return f;
  };
  return { scanner, report, find };
}

test('add puts a found token in the vault with what it decodes to; the next scan says the vault holds it', async () => {
  const { scanner, find } = await scanFresh();
  const f = find('.Renviron', 'synapse');
  assert.equal(f.inVault, null);
  const added = await scanner.add(f.id);
  assert.equal(added.service, 'synapse');
  assert.equal(added.recordId, '9102');
  assert.deepEqual(added.scopes, ['view', 'download', 'modify']);
  assert.equal(added.label, 'Synapse token from .Renviron:2');
  assert.equal(added.preview, f.preview);
  assert.equal(await tv.core.parts.tokens.secret(added.id), planted.tokens.renvironPat);
  await assert.rejects(scanner.add(f.id), /already in the vault/);
  const activity = tv.core.vault.activity(5);
  assert.equal(activity[0]!.detail, `found by Scan in ${f.path} line 2`);

  const again = await scanFresh();
  assert.deepEqual(again.find('.Renviron', 'synapse').inVault, { id: added.id, label: added.label });
  // The same token elsewhere is recognised as held too; others are not.
  assert.equal(again.find('.Renviron', 'synap').inVault, null);
});

test('a Synap token needs its Portal to be added, as in the add form', async () => {
  const { scanner, find } = await scanFresh();
  const f = find('.Renviron', 'synap');
  await assert.rejects(scanner.add(f.id), (err: Error & { fields?: Record<string, string> }) => /Portal/.test(err.message));
  const added = await scanner.add(f.id, { label: 'Lab Synap', account: 'Acme School' });
  assert.equal(added.account, 'Acme School');
  assert.equal(added.label, 'Lab Synap');
});

test('remove from .synapseConfig: refused until the vault holds the token, then the authtoken line goes as import --remove takes it', async () => {
  const cfg = path.join(planted.home, '.synapseConfig');
  const before = fs.readFileSync(cfg, 'utf8');
  const { scanner, find } = await scanFresh();
  const f = find('.synapseConfig');
  assert.deepEqual(f.configSections, ['default']);
  await assert.rejects(scanner.removeFromConfig(f.id), /Add this token to the vault first/);
  assert.equal(fs.readFileSync(cfg, 'utf8'), before, 'nothing was changed');
  await scanner.add(f.id);
  const done = await scanner.removeFromConfig(f.id);
  assert.deepEqual(done.removed, ['default']);
  const after = fs.readFileSync(cfg, 'utf8');
  assert.ok(!after.includes(planted.tokens.configPat));
  // [default] keeps its username (its last key), so the profile still exists for the client.
  assert.match(after, /^\[default\]\nusername = ada\n/);
  assert.match(after, /\[endpoints\]\nrepoEndpoint = /);
  assert.match(done.note, /Removed the token from \[default\]/);
  await assert.rejects(scanner.removeFromConfig(f.id), /Already removed/);
});

test('remove refuses any file that is not a .synapseConfig, and leaves it alone', async () => {
  const { scanner, find } = await scanFresh();
  const nb = find('projects/lab/download.ipynb');
  const file = path.join(planted.home, 'projects', 'lab', 'download.ipynb');
  const before = fs.readFileSync(file);
  await scanner.add(nb.id);
  await assert.rejects(scanner.removeFromConfig(nb.id), /is not a \.synapseConfig: Synvault does not change it/);
  assert.deepEqual(fs.readFileSync(file), before);
});

test('a scan writes nothing: every file under the home folder is as it was', async () => {
  const snapshot = () => {
    const out: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) {
          const st = fs.statSync(p);
          out.push(`${p} ${st.size} ${st.mtimeMs}`);
        }
      }
    };
    walk(planted.home);
    return out.sort();
  };
  const before = snapshot();
  await new Scanner(tv.core.parts).scan();
  assert.deepEqual(snapshot(), before);
});

test('verify asks through the service verify, by vault id when the vault holds the token, else by value', async () => {
  const calls: Array<Parameters<FindingVerifier>[0]> = [];
  const verify: FindingVerifier = async (t) => {
    calls.push(t);
    return { state: 'invalid', detail: 'revoked' };
  };
  const { scanner, find } = await scanFresh({ verify });
  const held = find('.Renviron', 'synapse');
  const loose = find('projects/lab/.env', 'syncano');
  assert.deepEqual(await scanner.verify(loose.id), { state: 'invalid', detail: 'revoked' });
  await scanner.verify(held.id);
  assert.equal(calls[0]!.vaultId, null);
  assert.equal(calls[0]!.service, 'syncano');
  assert.equal(calls[0]!.kind, 'syncano-api-key');
  assert.equal(calls[1]!.vaultId, held.inVault!.id);
});

test('open folder shows the file in the file manager and answers its place', async () => {
  const opened: string[] = [];
  const { scanner, find } = await scanFresh({ openFolder: async (p) => void opened.push(p) });
  const f = find('projects/lab/sync.py');
  assert.deepEqual(await scanner.openFolder(f.id), { path: f.path, line: 4, opened: true });
  assert.deepEqual(opened, [f.path]);
  const none = await scanFresh();
  assert.deepEqual(await none.scanner.openFolder(none.find('projects/lab/sync.py').id), { path: f.path, line: 4, opened: false });
});

test('findings are kept for the last scan only', async () => {
  const first = await scanFresh();
  const id = first.find('.Renviron', 'synap').id;
  await first.scanner.scan();
  await assert.rejects(first.scanner.add(id, { account: 'x' }), /no longer open/);
});
