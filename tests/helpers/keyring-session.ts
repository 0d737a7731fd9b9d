// @process: test
// Runs a command in a D-Bus session of its own with a gnome-keyring whose files live in a folder
// the test chooses — unlocked (created or opened with its password), or started without the
// password, which leaves the same keyring locked, as after a login where the unlock prompt was
// dismissed. Nothing can unlock it in that session: there is no display for the prompter.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

export interface KeyringHome {
  dir: string;
}

export function keyringHome(dir: string): KeyringHome {
  for (const d of ['data', 'run']) fs.mkdirSync(path.join(dir, d), { recursive: true, mode: 0o700 });
  return { dir };
}

export function inKeyringSession(home: KeyringHome, state: 'unlocked' | 'locked', argv: string[], env: NodeJS.ProcessEnv, timeoutMs = 180_000) {
  const start =
    state === 'unlocked'
      ? 'printf "%s\\n" synvault-locked-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1'
      : 'gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1';
  const e: NodeJS.ProcessEnv = { ...env, XDG_DATA_HOME: path.join(home.dir, 'data'), XDG_RUNTIME_DIR: path.join(home.dir, 'run') };
  delete e.DBUS_SESSION_BUS_ADDRESS;
  delete e.DISPLAY;
  delete e.WAYLAND_DISPLAY;
  const r = spawnSync('dbus-run-session', ['--', 'sh', '-c', `${start}; exec "$@"`, 'sh', ...argv], { env: e, encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}
