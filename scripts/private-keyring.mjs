// Runs a script inside a private D-Bus session with its own unlocked gnome-keyring, so tests and
// benchmarks never touch the user's keychain. Used by test.mjs and bench.mjs.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** Returns true when already inside the private session (the caller then does its work). */
export function ensurePrivateKeyring(scriptPath, args) {
  if (process.env.SYNVAULT_PRIVATE_SESSION === '1') {
    startKeyring();
    return true;
  }
  const have = spawnSync('sh', ['-c', 'command -v dbus-run-session && command -v gnome-keyring-daemon'], { encoding: 'utf8' });
  if (have.status !== 0) {
    console.error('This needs dbus-run-session and gnome-keyring-daemon (Debian: apt-get install dbus gnome-keyring libsecret-1-dev).');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  // The keyring daemon writes its files under XDG_DATA_HOME: point it at a temp dir.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'synvault-session-'));
  for (const d of ['data', 'runtime', 'cache']) fs.mkdirSync(path.join(tmp, d), { mode: 0o700 });
  const child = spawn('dbus-run-session', ['--', process.execPath, ...process.execArgv, scriptPath, ...args], {
    stdio: 'inherit',
    env: {
      ...process.env,
      SYNVAULT_PRIVATE_SESSION: '1',
      SYNVAULT_SESSION_TMP: tmp,
      XDG_DATA_HOME: path.join(tmp, 'data'),
      XDG_RUNTIME_DIR: path.join(tmp, 'runtime'),
      XDG_CACHE_HOME: path.join(tmp, 'cache'),
    },
  });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    fs.rmSync(tmp, { recursive: true, force: true });
    process.exit(signal ? 1 : (code ?? 1));
  });
  return false;
}

function startKeyring() {
  const r = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { input: 'synvault-test\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gnome-keyring-daemon did not start: ${r.stderr}`);
  for (const line of r.stdout.split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (m) process.env[m[1]] = m[2];
  }
}
