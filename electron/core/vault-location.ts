// @process: core
// Where the vault is — its data folder, its keychain service name, the home folder — read from the
// environment alone. loadConfig builds on it; the CLI's fast path reads only this, so it loads
// none of the service addresses' rules (and none of zod, which they bring).
import * as path from 'node:path';

export interface VaultLocation {
  dataDir: string;
  keychainService: string;
  home: string;
}

/** os.homedir(): outside Windows that is $HOME whenever it is set (libuv reads it first), so
 * node:os — which Node has not loaded at start — is loaded only when it is not. */
function homeDir(): string {
  return (process.platform !== 'win32' && process.env.HOME) || (require('node:os') as typeof import('node:os')).homedir();
}

export function defaultDataDir(platform: NodeJS.Platform = process.platform, home = homeDir()): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Synvault');
  if (platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Synvault');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Synvault');
}

export function vaultLocation(env: NodeJS.ProcessEnv = process.env, fallbackDataDir?: string): VaultLocation {
  return {
    dataDir: env.SYNVAULT_DATA_DIR || fallbackDataDir || defaultDataDir(),
    keychainService: env.SYNVAULT_KEYCHAIN_SERVICE || 'Synvault',
    home: env.SYNVAULT_HOME || homeDir(),
  };
}
