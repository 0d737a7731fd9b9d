// Typechecks every layer with its own tsconfig — shared (no Node, no DOM), core, cli, shell
// (Node), renderer (DOM, no Node) — then the tests, specs and scripts (tsconfig.json), so a wrong
// import fails to compile in the layer that made it. Exits non-zero if any fails.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const LAYER_CONFIGS = ['electron/shared', 'electron/core', 'electron/cli', 'electron/shell', 'renderer', '.'];
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
let failed = 0;
for (const p of LAYER_CONFIGS) {
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', p], { cwd: root, encoding: 'utf8' });
  const label = p === '.' ? 'tests, specs, scripts (tsconfig.json)' : `${p}/tsconfig.json`;
  if (r.status === 0) console.log(`typecheck ${label}: ok`);
  else {
    failed++;
    console.log(`typecheck ${label}: failed\n${r.stdout}${r.stderr}`);
  }
}
process.exit(failed ? 1 : 0);
