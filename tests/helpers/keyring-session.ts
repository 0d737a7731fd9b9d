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

const PASSWORD = 'synvault-locked-test';
const START = {
  unlocked: `printf "%s\\n" ${PASSWORD} | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1`,
  locked: 'gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1',
};

/** The environment of a session over `home`: its own keyring files, no display for a prompter. */
export function keyringEnv(home: KeyringHome, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...env, XDG_DATA_HOME: path.join(home.dir, 'data'), XDG_RUNTIME_DIR: path.join(home.dir, 'run') };
  delete e.DBUS_SESSION_BUS_ADDRESS;
  delete e.DISPLAY;
  delete e.WAYLAND_DISPLAY;
  return e;
}

/** A command prefix that starts a session over `home` and runs the rest inside it. With
 * `printBus`, the session's bus address is printed first (stderr) as SYNVAULT_TEST_BUS=…, so a test
 * can unlock that very keyring later with unlockInSession. */
export function sessionPrefix(state: 'unlocked' | 'locked', printBus = false): string[] {
  const bus = printBus ? 'echo "SYNVAULT_TEST_BUS=$DBUS_SESSION_BUS_ADDRESS" >&2; ' : '';
  return ['dbus-run-session', '--', 'sh', '-c', `${START[state]}; ${bus}exec "$@"`, 'sh'];
}

export function inKeyringSession(home: KeyringHome, state: 'unlocked' | 'locked', argv: string[], env: NodeJS.ProcessEnv, timeoutMs = 180_000, input = '') {
  const [cmd, ...args] = [...sessionPrefix(state), ...argv];
  const r = spawnSync(cmd!, args, { env: keyringEnv(home, env), encoding: 'utf8', timeout: timeoutMs, input });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

/** Unlocks the keyring of a running session in place, as the person's login would: the same
 * daemon, so a process already connected to it (the window) sees it unlocked. Uses Debian's
 * python3 with python3-gi (tests/helpers/unlock-keyring.py). */
export function unlockInSession(home: KeyringHome, bus: string): void {
  const r = spawnSync('/usr/bin/python3', [path.join(__dirname, 'unlock-keyring.py')], {
    env: { ...keyringEnv(home), DBUS_SESSION_BUS_ADDRESS: bus },
    input: `${PASSWORD}\n`,
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (r.status !== 0) throw new Error(`unlocking the test keyring failed (exit ${r.status}): ${r.stderr}`);
}
