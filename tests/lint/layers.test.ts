// @process: test
// Each layer's tsconfig is a boundary the compiler keeps: made-up files (written to a temp
// folder, never into the source tree) compiled with a layer's own settings must fail where they
// cross it — a renderer file importing node:fs, a shared file using Buffer or the DOM — and a
// file that keeps to its layer must pass, so the check is no rubber stamp. (A shared file
// importing keytar compiles — keytar ships types — and is the lint's to refuse: see
// process-boundaries.test.ts.) Field errors are typed per method: a misspelt field key fails to
// compile, where an error is made and where a form reads it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

const root = path.resolve(__dirname, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-layers-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Compiles one file with a layer's tsconfig; returns tsc's exit code and what it printed. */
function compileAs(layer: 'renderer' | 'electron/shared', name: string, source: string) {
  const dir = fs.mkdtempSync(path.join(tmp, 'case-'));
  fs.writeFileSync(path.join(dir, name), source);
  const extras = layer === 'electron/shared' ? [path.join(root, 'electron/shared/types/universal-globals.d.ts')] : [];
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(root, layer, 'tsconfig.json'), include: [name, ...extras] }));
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', dir], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout + r.stderr };
}

test('the renderer’s tsconfig refuses a Node import and Node globals', () => {
  const fsImport = compileAs('renderer', 'reads-files.tsx', "import * as fs from 'node:fs';\nexport const read = () => fs.readFileSync('/etc/passwd', 'utf8');\n");
  assert.notEqual(fsImport.code, 0);
  assert.match(fsImport.out, /reads-files\.tsx\(1,21\): error TS2307: Cannot find module 'node:fs'/);
  const buffer = compileAs('renderer', 'buffer.ts', "export const b = Buffer.from('x');\n");
  assert.match(buffer.out, /buffer\.ts\(1,18\): error TS2591?: Cannot find name 'Buffer'/);
  const fine = compileAs('renderer', 'fine.ts', "export const title = () => document.title + new URL('https://example.org/').host;\n");
  assert.equal(fine.code, 0, fine.out);
});

test('the shared layer’s tsconfig refuses Node and the DOM, and allows what both have', () => {
  const node = compileAs('electron/shared', 'node.ts', "import { createHash } from 'node:crypto';\nexport const h = createHash('sha256');\n");
  assert.match(node.out, /node\.ts\(1,28\): error TS2307: Cannot find module 'node:crypto'/);
  const dom = compileAs('electron/shared', 'dom.ts', 'export const t = () => document.title;\n');
  assert.match(dom.out, /dom\.ts\(1,24\): error TS2584?: Cannot find name 'document'/);
  const buffer = compileAs('electron/shared', 'buffer.ts', "export const b = Buffer.from('x');\n");
  assert.match(buffer.out, /Cannot find name 'Buffer'/);
  const fine = compileAs('electron/shared', 'fine.ts', "export const host = (u: string) => new URL(u).host.toLowerCase();\n");
  assert.equal(fine.code, 0, fine.out);
});

test('a misspelt field key fails to compile, where an error is made and where a form reads it', () => {
  const errors = JSON.stringify(path.join(root, 'electron/shared/errors'));
  const make = compileAs(
    'electron/shared',
    'make.ts',
    `import { fieldError, VaultError } from ${errors};\n` +
      "export const one = fieldError('synapseCreateToken', 'conflict', 'Taken.', { nmae: 'Already used.' });\n" +
      "export const any = new VaultError('invalid-input', 'Bad.', { fields: { lable: 'Give it a label.' } });\n" +
      // A key of another method is no key of this one.
      "export const other = fieldError('synapseExport', 'conflict', 'No.', { secret: 'x' });\n",
  );
  assert.match(make.out, /make\.ts\(2,\d+\): error TS2353: .*'nmae' does not exist/);
  assert.match(make.out, /make\.ts\(3,\d+\): error TS2561: .*'lable' does not exist/);
  assert.match(make.out, /make\.ts\(4,\d+\): error TS2353: .*'secret' does not exist/);
  const read = compileAs(
    'renderer',
    'read.tsx',
    `import type { ErrorInfo } from ${errors};\n` +
      "export const show = (e: ErrorInfo<'addToken'>) => e.fields?.lable ?? e.fields?.label;\n",
  );
  assert.match(read.out, /read\.tsx\(2,\d+\): error TS2551: Property 'lable' does not exist/);
  const fine = compileAs(
    'electron/shared',
    'fine.ts',
    `import { fieldError, type ErrorInfo } from ${errors};\n` +
      "export const one = fieldError('synapseCreateToken', 'conflict', 'Taken.', { name: 'Already used.' });\n" +
      "export const nested = fieldError('synapEditToken', 'invalid-input', 'Bad.', { 'subjectUsers.0.id': 'Needs an ID.' });\n" +
      "export const show = (e: ErrorInfo<'addToken'>) => e.fields?.label;\n",
  );
  assert.equal(fine.code, 0, fine.out);
});
