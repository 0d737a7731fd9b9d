// `npm run bench`: prints figures, asserts nothing. Runs in a private keyring session.
import { fileURLToPath } from 'node:url';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { ensurePrivateKeyring } from './private-keyring.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
if (ensurePrivateKeyring(fileURLToPath(import.meta.url), process.argv.slice(2))) {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(root, 'scripts/bench.ts'), ...process.argv.slice(2)], { stdio: 'inherit', cwd: root });
  child.on('exit', (code) => process.exit(code ?? 1));
}
