// @process: test
// Every secret the window takes — a pasted token or key, a sign-in's password — goes through one
// component (renderer/src/ui/secret-field.tsx): uncontrolled, so the value never enters React
// state; no autocomplete for a token; its error tied to the input. A password <input> written
// anywhere else would skip all three, so the lint refuses one. Read with the TypeScript parser:
// a comment or a string saying type="password" does not count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');
const RENDERER = path.join(root, 'renderer', 'src');
const THE_COMPONENT = 'renderer/src/ui/secret-field.tsx';

/** Lines (1-based) of JSX <input> elements with type="password" in a source file. */
export function passwordInputs(file: string, source: string): number[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lines: number[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) && node.tagName.getText(sf) === 'input') {
      for (const attr of node.attributes.properties) {
        if (!ts.isJsxAttribute(attr) || attr.name.getText(sf) !== 'type' || !attr.initializer) continue;
        const init = attr.initializer;
        const value = ts.isStringLiteral(init) ? init.text : ts.isJsxExpression(init) && init.expression && ts.isStringLiteralLike(init.expression) ? init.expression.text : null;
        if (value === 'password') lines.push(sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return lines;
}

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

test('lint: a password input is written only in the SecretField component', () => {
  const found: string[] = [];
  let inComponent = 0;
  for (const file of walk(RENDERER)) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const lines = passwordInputs(rel, fs.readFileSync(file, 'utf8'));
    if (rel === THE_COMPONENT) inComponent = lines.length;
    else found.push(...lines.map((l) => `${rel}:${l}`));
  }
  assert.deepEqual(found, [], 'use <SecretField> from renderer/src/ui instead');
  assert.equal(inComponent, 1, 'the component itself holds the one password input');
});

test('lint: the check finds a password input however it is written, and nothing else', () => {
  const src = [
    'export const A = () => <input type="password" />;',
    "export const B = () => <input type={'password'} name=\"x\"></input>;",
    '// <input type="password" /> in a comment',
    'export const C = () => <input type="text" data-note=\'type="password"\' />;',
    'export const D = () => <Other type="password" />;',
  ].join('\n');
  assert.deepEqual(passwordInputs('made-up.tsx', src), [1, 2]);
});
