// @process: test
// Which process a file runs in decides what it may import. The boundary is a folder (and each
// folder has its own tsconfig, see tsconfig.*.json): every source file also says its process in
// its first line (`// @process: <name>`), and these rules keep the layers apart:
// - electron/shared/** (process "shared"): runs in the window too — no electron, no Node builtins
//   or globals; imports only electron/shared and NEUTRAL packages;
// - electron/core/** (core): Node, never electron; imports core and shared; NODE or NEUTRAL packages;
// - electron/cli/** (cli): like core, plus the core itself;
// - electron/shell/** (main, preload): Electron; the preload imports only 'electron' and the
//   contract's zod-free method list (electron/shared/methods);
// - renderer/src/** (renderer): no electron, no Node builtins or globals; from electron/** only
//   electron/shared; DOM or NEUTRAL packages.
// Every npm package a production layer imports must be in one of the lists below (as Signal
// Desktop sorts its dependencies), so a new dependency is placed on purpose. Imports are read
// with the TypeScript parser, so comments and strings cannot fool it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';
import ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');
const SCANNED = ['electron', 'renderer/src', 'e2e', 'tests', 'scripts'];
const PROCESSES = ['core', 'shared', 'main', 'preload', 'renderer', 'harness', 'harness-page', 'test', 'cli', 'build'];
const HEADER = new RegExp(`^// @process: (${PROCESSES.join('|')})\\s*$`);
const PRELOAD = 'electron/shell/preload.ts';

/** npm packages by where they can run. */
export const PACKAGES = {
  NODE: ['keytar', 'proper-lockfile'],
  DOM: ['react', 'react-dom'],
  NEUTRAL: ['zod', 'zustand'],
} as const;

/** The layers of production code: folder, the processes its files may declare, what they may
 * import relatively (folders), and which package lists they may use. */
const LAYERS = [
  { dir: 'electron/shared', processes: ['shared'], reach: ['electron/shared'], packages: ['NEUTRAL'] },
  { dir: 'electron/core', processes: ['core'], reach: ['electron/core', 'electron/shared'], packages: ['NODE', 'NEUTRAL'] },
  { dir: 'electron/cli', processes: ['cli'], reach: ['electron/cli', 'electron/core', 'electron/shared'], packages: ['NODE', 'NEUTRAL'] },
  { dir: 'electron/shell', processes: ['main', 'preload'], reach: ['electron/shell', 'electron/cli', 'electron/core', 'electron/shared'], packages: ['NODE', 'NEUTRAL'] },
  { dir: 'renderer/src', processes: ['renderer'], reach: ['renderer/src', 'electron/shared'], packages: ['DOM', 'NEUTRAL'] },
] as const;

interface ImportRef {
  specifier: string;
  line: number;
  typeOnly: boolean;
}

export function readImports(file: string, text: string): ImportRef[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: ImportRef[] = [];
  const lineOf = (node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      let typeOnly = false;
      if (clause) {
        const named = clause.namedBindings;
        typeOnly =
          clause.isTypeOnly ||
          (!clause.name && !!named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly));
      }
      out.push({ specifier: node.moduleSpecifier.text, line: lineOf(node), typeOnly });
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.exportClause;
      const typeOnly = node.isTypeOnly || (!!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
      out.push({ specifier: node.moduleSpecifier.text, line: lineOf(node), typeOnly });
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      out.push({ specifier: node.moduleReference.expression.text, line: lineOf(node), typeOnly: node.isTypeOnly });
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0]!)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) {
        out.push({ specifier: (node.arguments[0] as ts.StringLiteral).text, line: lineOf(node), typeOnly: false });
      }
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      out.push({ specifier: node.argument.literal.text, line: lineOf(node), typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const isBuiltin = (s: string) => s.startsWith('node:') || builtinModules.includes(s) || builtinModules.includes(s.split('/')[0]!);
const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');
const under = (rel: string, dir: string) => rel === dir || rel.startsWith(dir + '/');

/** The repository-relative target of a relative import ('' for a package). Extension-less, as written. */
function target(fromRel: string, specifier: string): string {
  if (!specifier.startsWith('.')) return '';
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), specifier));
}

/** The header of the file a relative import lands on, trying the extensions TypeScript would. */
function headerOf(targetRel: string, headers: (rel: string) => string | null): string | null {
  for (const candidate of [targetRel, `${targetRel}.ts`, `${targetRel}.tsx`, `${targetRel}/index.ts`]) {
    const h = headers(candidate);
    if (h !== null) return h;
  }
  return null;
}

const NODE_GLOBALS = new Set(['Buffer', 'process', 'require', '__dirname', '__filename', 'global']);

/** Uses of Node-only globals (Buffer, process, ...) — an import-free way to break in the renderer. */
export function nodeGlobalUses(file: string, text: string): Array<{ name: string; line: number }> {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Array<{ name: string; line: number }> = [];
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node) && NODE_GLOBALS.has(node.text)) {
      const p = node.parent;
      const isMemberName = (ts.isPropertyAccessExpression(p) && p.name === node) || ((ts.isPropertyAssignment(p) || ts.isPropertySignature(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p)) && p.name === node);
      const inType = ts.isTypeReferenceNode(p) || ts.isQualifiedName(p) || ts.isTypeQueryNode(p) || ts.isModuleDeclaration(p);
      if (!isMemberName && !inType) out.push({ name: node.text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** An npm package's name from a specifier ('@scope/name/sub' → '@scope/name'). */
const packageName = (s: string) => (s.startsWith('@') ? s.split('/').slice(0, 2).join('/') : s.split('/')[0]!);

export function checkFile(rel: string, text: string, headers: (rel: string) => string | null): string[] {
  const problems: string[] = [];
  const first = text.split('\n', 1)[0] ?? '';
  if (!HEADER.test(first)) problems.push(`${rel}:1: first line must be "// @process: <${PROCESSES.join('|')}>"`);
  const process = HEADER.exec(first)?.[1];
  const layer = LAYERS.find((l) => under(rel, l.dir));
  if (!layer) return problems;
  if (process && !(layer.processes as readonly string[]).includes(process)) {
    problems.push(`${rel}:1: a file in ${layer.dir} runs as ${layer.processes.join(' or ')}, not ${process}`);
  }
  const inWindow = layer.dir === 'electron/shared' || layer.dir === 'renderer/src';
  if (inWindow) {
    for (const use of nodeGlobalUses(rel, text)) problems.push(`${rel}:${use.line}: uses ${use.name} — ${layer.dir} runs in the window, where Node globals do not exist`);
  }

  for (const imp of readImports(rel, text)) {
    const at = `${rel}:${imp.line}: import '${imp.specifier}'`;
    const to = target(rel, imp.specifier);
    if (to) {
      if (!layer.reach.some((d) => under(to, d))) problems.push(`${at} — ${layer.dir} may import only from ${layer.reach.join(', ')}`);
    } else if (isElectron(imp.specifier)) {
      if (layer.dir !== 'electron/shell') problems.push(`${at} — only electron/shell may import electron (${layer.dir} ${inWindow ? 'uses window.synvault' : 'must run under plain Node'})`);
    } else if (isBuiltin(imp.specifier)) {
      if (inWindow) problems.push(`${at} — ${layer.dir} runs in the window: no Node builtins`);
    } else {
      const name = packageName(imp.specifier);
      const list = (Object.keys(PACKAGES) as Array<keyof typeof PACKAGES>).find((k) => (PACKAGES[k] as readonly string[]).includes(name));
      if (!list) problems.push(`${at} — ${name} is in no package list (NODE, DOM, NEUTRAL in tests/lint/process-boundaries.test.ts): say where it can run`);
      else if (!(layer.packages as readonly string[]).includes(list) && !imp.typeOnly) problems.push(`${at} — ${name} is a ${list} package; ${layer.dir} may use ${layer.packages.join(' and ')} packages`);
    }

    if (rel === PRELOAD) {
      const methods = to === 'electron/shared/methods' || to === 'electron/shared/methods.ts';
      if (imp.specifier !== 'electron' && !methods && !imp.typeOnly) problems.push(`${at} — the preload may import only 'electron' and electron/shared/methods (types from the contract)`);
    }
  }
  return problems;
}

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(path.join(root, dir))) return;
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== 'dist') walk(rel);
      } else if (/\.tsx?$/.test(e.name)) out.push(rel);
    }
  };
  for (const d of SCANNED) walk(d);
  return out.sort();
}

function treeHeaders(rel: string): string | null {
  const file = path.join(root, rel);
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
  const first = fs.readFileSync(file, 'utf8').split('\n', 1)[0] ?? '';
  return HEADER.exec(first)?.[1] ?? '';
}

test('every source file declares its process and keeps to its boundaries', () => {
  const files = sourceFiles();
  assert.ok(files.length > 10, 'the scan found the source tree');
  const problems = files.flatMap((rel) => checkFile(rel, fs.readFileSync(path.join(root, rel), 'utf8'), treeHeaders));
  if (problems.length) assert.fail(`${problems.length} process-boundary problem(s):\n${problems.join('\n')}`);
});

// The rules themselves, on made-up files, so a rule that silently stopped matching is noticed.
const fakeHeaders = () => null;
const check = (rel: string, body: string, header: string) => checkFile(rel, `${header}\n${body}\n`, fakeHeaders);

test('lint: a missing or unknown header is reported on line 1, and a header must fit its folder', () => {
  assert.match(checkFile('tests/x.test.ts', "import * as fs from 'node:fs';\n", fakeHeaders).join(), /tests\/x\.test\.ts:1: first line/);
  assert.equal(check('tests/x.test.ts', '', '// @process: browser').length, 1);
  assert.deepEqual(check('tests/x.test.ts', "import * as fs from 'node:fs';", '// @process: test'), []);
  assert.match(check('electron/core/a.ts', '', '// @process: shared').join(), /runs as core, not shared/);
});

test('lint: electron/core may not import electron or reach the shell, the CLI or the window', () => {
  const h = '// @process: core';
  assert.match(check('electron/core/a.ts', "import { app } from 'electron';", h).join(), /electron\/core\/a\.ts:2: .*only electron\/shell may import electron/);
  assert.match(check('electron/core/a.ts', "import type { BrowserWindow } from 'electron';", h).join(), /only electron\/shell/);
  assert.match(check('electron/core/a.ts', "const e = require('electron');", h).join(), /only electron\/shell/);
  assert.match(check('electron/core/a.ts', "\n\nimport { x } from '../shell/window';", h).join(), /a\.ts:4: .*may import only from electron\/core, electron\/shared/);
  assert.deepEqual(check('electron/core/services/a.ts', "import * as fs from 'node:fs';\nimport { z } from 'zod';\nimport { Vault } from '../vault';\nimport { contract } from '../../shared/contract';", h), []);
  // A comment or string that looks like an import is not one.
  assert.deepEqual(check('electron/core/a.ts', "// import { app } from 'electron';\nconst s = \"import x from 'electron'\";", h), []);
});

test('lint: the renderer imports no electron, no Node, and from electron/** only the shared layer', () => {
  const h = '// @process: renderer';
  const r = 'renderer/src/app/A.tsx';
  assert.match(check(r, "import { ipcRenderer } from 'electron';", h).join(), /only electron\/shell may import electron/);
  assert.match(check(r, "import * as fs from 'fs';", h).join(), /no Node builtins/);
  assert.match(check(r, "import { readFile } from 'node:fs/promises';", h).join(), /no Node builtins/);
  assert.match(check(r, "import { Vault } from '../../../electron/core/vault';", h).join(), /only from renderer\/src, electron\/shared/);
  assert.match(check(r, "import type { Vault } from '../../../electron/core/vault';", h).join(), /only from renderer\/src, electron\/shared/);
  assert.match(check(r, "const b = Buffer.from('x');", h).join(), /uses Buffer/);
  assert.match(check(r, "import keytar from 'keytar';", h).join(), /keytar is a NODE package/);
  assert.deepEqual(check(r, "import type { TokenSummary } from '../../../electron/shared/model';\nimport { CONTENT_SECURITY_POLICY } from '../../../electron/shared/csp';", h), []);
  assert.deepEqual(check(r, "import { create } from 'zustand';\nimport { useState } from 'react';\nimport { createRoot } from 'react-dom/client';", h), []);
});

test('lint: a shared module stays runnable in the window, and packages are sorted', () => {
  const h = '// @process: shared';
  assert.match(check('electron/shared/b.ts', "import * as crypto from 'node:crypto';", h).join(), /no Node builtins/);
  assert.match(check('electron/shared/b.ts', "import { Vault } from '../core/vault';", h).join(), /may import only from electron\/shared/);
  assert.match(check('electron/shared/b.ts', "export const decode = (s: string) => Buffer.from(s, 'base64url');", h).join(), /b\.ts:2: uses Buffer/);
  assert.match(check('electron/shared/b.ts', "import keytar from 'keytar';", h).join(), /keytar is a NODE package; electron\/shared may use NEUTRAL packages/);
  assert.match(check('electron/shared/b.ts', "import { useState } from 'react';", h).join(), /react is a DOM package/);
  assert.match(check('electron/core/b.ts', "import leftPad from 'left-pad';", '// @process: core').join(), /left-pad is in no package list/);
  assert.deepEqual(check('electron/shared/b.ts', "const o = { process: 1 };\nexport const p = o.process;", h), []);
  assert.deepEqual(check('electron/shared/b.ts', "import { contract } from './contract';\nimport { z } from 'zod';", h), []);
});

test('lint: the preload imports only electron and the method list', () => {
  const h = '// @process: preload';
  assert.deepEqual(check(PRELOAD, "import { contextBridge, ipcRenderer } from 'electron';\nimport { METHODS } from '../shared/methods';\nimport type { Api } from '../shared/contract';", h), []);
  assert.match(check(PRELOAD, "import { contract } from '../shared/contract';", h).join(), /only 'electron' and electron\/shared\/methods/);
  assert.match(check(PRELOAD, "import { Vault } from '../core/vault';", h).join(), /only 'electron' and electron\/shared\/methods/);
  assert.match(check(PRELOAD, "import * as fs from 'node:fs';", h).join(), /only 'electron' and electron\/shared\/methods/);
});
