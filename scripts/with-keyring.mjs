// Runs one command inside a private D-Bus session with its own unlocked gnome-keyring (the same
// session `npm test` uses), e.g. to run a single suite while working:
//   node scripts/with-keyring.mjs node --import tsx --test tests/core/vault.test.ts
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensurePrivateKeyring } from './private-keyring.mjs';

const args = process.argv.slice(2);
if (!args.length) {
  console.error('Usage: node scripts/with-keyring.mjs <command> [args...]');
  process.exit(2);
}
if (ensurePrivateKeyring(fileURLToPath(import.meta.url), args)) {
  const child = spawn(args[0], args.slice(1), { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
}
