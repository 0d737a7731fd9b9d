// @process: test
// Which process a file runs in decides what it may import. Every source file says so in its
// first line (`// @process: <name>`), and these rules keep the boundaries DESIGN.md draws:
// - electron/core/** imports nothing from 'electron' and nothing outside electron/core;
// - renderer/src/** imports no 'electron', no Node builtin, and from electron/** only types from
//   electron/core — or, at runtime, modules of electron/core marked `@process: shared`;
// - a `shared` module is safe in both processes: at runtime it imports only other shared modules
//   and npm packages, never Node builtins or 'electron';
// - the preload imports only 'electron' and the contract (electron/core/contract*).
// Imports are read with the TypeScript parser, so comments and strings cannot fool it.
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
const PRELOAD = 'electron/preload.ts';

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
      const inType = ts.isTypeReferenceNode(p) || ts.isQualifiedName(p) || ts.isTypeQueryNode(p);
      if (!isMemberName && !inType) out.push({ name: node.text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

export function checkFile(rel: string, text: string, headers: (rel: string) => string | null): string[] {
  const problems: string[] = [];
  const first = text.split('\n', 1)[0] ?? '';
  if (!HEADER.test(first)) problems.push(`${rel}:1: first line must be "// @process: <${PROCESSES.join('|')}>"`);
  const process = HEADER.exec(first)?.[1];

  if (process === 'shared') {
    for (const use of nodeGlobalUses(rel, text)) problems.push(`${rel}:${use.line}: uses ${use.name} — a shared module runs in the renderer too, where Node globals do not exist`);
  }

  for (const imp of readImports(rel, text)) {
    const at = `${rel}:${imp.line}: import '${imp.specifier}'`;
    const to = target(rel, imp.specifier);

    if (under(rel, 'electron/core')) {
      if (isElectron(imp.specifier)) problems.push(`${at} — electron/core must not import electron`);
      if (to && !under(to, 'electron/core')) problems.push(`${at} — electron/core must not import from outside electron/core`);
    }

    if (process === 'shared' && !imp.typeOnly) {
      if (isElectron(imp.specifier) || isBuiltin(imp.specifier)) problems.push(`${at} — a shared module runs in the renderer too: no electron, no Node builtins`);
      if (to && headerOf(to, headers) !== 'shared') problems.push(`${at} — a shared module may import at runtime only other shared modules (or use import type)`);
    }

    if (under(rel, 'renderer/src')) {
      if (isElectron(imp.specifier)) problems.push(`${at} — the renderer must not import electron (use window.synvault)`);
      else if (isBuiltin(imp.specifier)) problems.push(`${at} — the renderer must not import Node builtins`);
      if (to && under(to, 'electron')) {
        if (!under(to, 'electron/core')) problems.push(`${at} — the renderer may import only from electron/core`);
        else if (!imp.typeOnly && headerOf(to, headers) !== 'shared') problems.push(`${at} — the renderer may import only types from electron/core, or modules marked @process: shared`);
      }
    }

    if (rel === PRELOAD) {
      const contract = to === 'electron/core/contract' || to === 'electron/core/contract.ts' || under(to, 'electron/core/contract');
      if (imp.specifier !== 'electron' && !contract) problems.push(`${at} — the preload may import only 'electron' and electron/core/contract`);
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
const fakeTree: Record<string, string> = {
  'electron/core/contract.ts': 'shared',
  'electron/core/model.ts': 'core',
  'electron/core/vault.ts': 'core',
  'electron/core/csp.ts': 'shared',
  'electron/window.ts': 'main',
};
const fakeHeaders = (rel: string) => fakeTree[rel] ?? null;
const check = (rel: string, body: string, header = '// @process: test') => checkFile(rel, `${header}\n${body}\n`, fakeHeaders);

test('lint: a missing or unknown header is reported on line 1', () => {
  assert.match(checkFile('tests/x.test.ts', "import * as fs from 'node:fs';\n", fakeHeaders).join(), /tests\/x\.test\.ts:1: first line/);
  assert.equal(check('tests/x.test.ts', '', '// @process: browser').length, 1);
  assert.deepEqual(check('tests/x.test.ts', "import * as fs from 'node:fs';"), []);
});

test('lint: electron/core may not import electron or reach outside itself', () => {
  const h = '// @process: core';
  assert.match(check('electron/core/a.ts', "import { app } from 'electron';", h).join(), /electron\/core\/a\.ts:2: .*must not import electron/);
  assert.match(check('electron/core/a.ts', "import type { BrowserWindow } from 'electron';", h).join(), /must not import electron/);
  assert.match(check('electron/core/a.ts', "const e = require('electron');", h).join(), /must not import electron/);
  assert.match(check('electron/core/a.ts', "\n\nimport { x } from '../window';", h).join(), /a\.ts:4: .*outside electron\/core/);
  assert.deepEqual(check('electron/core/services/a.ts', "import * as fs from 'node:fs';\nimport { z } from 'zod';\nimport { Vault } from '../vault';", h), []);
  // A comment or string that looks like an import is not one.
  assert.deepEqual(check('electron/core/a.ts', "// import { app } from 'electron';\nconst s = \"import x from 'electron'\";", h), []);
});

test('lint: the renderer imports no electron, no Node, and only types (or shared modules) from the core', () => {
  const h = '// @process: renderer';
  const r = 'renderer/src/app/A.tsx';
  assert.match(check(r, "import { ipcRenderer } from 'electron';", h).join(), /must not import electron/);
  assert.match(check(r, "import * as fs from 'fs';", h).join(), /Node builtins/);
  assert.match(check(r, "import { readFile } from 'node:fs/promises';", h).join(), /Node builtins/);
  assert.match(check(r, "import { Vault } from '../../../electron/core/vault';", h).join(), /only types/);
  assert.match(check(r, "import { createMainWindow } from '../../../electron/window';", h).join(), /only from electron\/core/);
  assert.match(check(r, "import type { X } from '../../../electron/window';", h).join(), /only from electron\/core/);
  assert.match(check(r, "import { type TokenSummary, maskedPreview } from '../../../electron/core/model';", h).join(), /only types/);
  assert.deepEqual(check(r, "import type { TokenSummary } from '../../../electron/core/model';", h), []);
  assert.deepEqual(check(r, "import { type TokenSummary } from '../../../electron/core/model';", h), []);
  assert.deepEqual(check(r, "import { CONTENT_SECURITY_POLICY } from '../../../electron/core/csp';", h), []);
  assert.deepEqual(check(r, "import { create } from 'zustand';\nimport { useState } from 'react';", h), []);
});

test('lint: a shared module stays runnable in the renderer', () => {
  const h = '// @process: shared';
  assert.match(check('electron/core/b.ts', "import * as crypto from 'node:crypto';", h).join(), /no Node builtins/);
  assert.match(check('electron/core/b.ts', "import { Vault } from './vault';", h).join(), /only other shared modules/);
  assert.match(check('electron/core/b.ts', "export const decode = (s: string) => Buffer.from(s, 'base64url');", h).join(), /b\.ts:2: uses Buffer/);
  assert.deepEqual(check('electron/core/b.ts', "const o = { process: 1 };\nexport const p = o.process;", h), []);
  assert.deepEqual(check('electron/core/b.ts', "import type { Vault } from './vault';\nimport { contract } from './contract';\nimport { z } from 'zod';", h), []);
});

test('lint: the preload imports only electron and the contract', () => {
  const h = '// @process: preload';
  assert.deepEqual(check(PRELOAD, "import { contextBridge, ipcRenderer } from 'electron';\nimport { METHODS } from './core/contract';\nimport type { X } from './core/contract/vault';", h), []);
  assert.match(check(PRELOAD, "import { Vault } from './core/vault';", h).join(), /only 'electron' and electron\/core\/contract/);
  assert.match(check(PRELOAD, "import * as fs from 'node:fs';", h).join(), /only 'electron' and electron\/core\/contract/);
});
