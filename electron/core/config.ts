// @process: core
// Where things live and which service hosts to use, read once from the environment. The Electron
// shell, the harness and the CLI all build their vault from this, so SYNVAULT_* variables mean
// the same thing everywhere.
import * as os from 'node:os';
import * as path from 'node:path';

export const PRODUCTION_ENDPOINTS = {
  synapseAuth: 'https://auth-prod.prod.sagebase.org/auth/v1',
  synapseRepo: 'https://repo-prod.prod.sagebase.org/repo/v1',
  synapsePortal: 'https://www.synapse.org/',
  syncano: 'https://api.syncano.io',
  synap: 'https://api.synap.ac/v3',
} as const;

export interface Config {
  dataDir: string;
  keychainService: string;
  home: string;
  /** Defaults for endpoints that settings leave null. */
  endpoints: { synapseAuth: string; synapseRepo: string; syncano: string; synap: string };
  testClipboard: boolean;
}

export function defaultDataDir(platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Synvault');
  if (platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Synvault');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Synvault');
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

export function loadConfig(env: NodeJS.ProcessEnv = process.env, fallbackDataDir?: string): Config {
  const home = env.SYNVAULT_HOME || os.homedir();
  return {
    dataDir: env.SYNVAULT_DATA_DIR || fallbackDataDir || defaultDataDir(),
    keychainService: env.SYNVAULT_KEYCHAIN_SERVICE || 'Synvault',
    home,
    endpoints: {
      synapseAuth: trimSlash(env.SYNVAULT_SYNAPSE_AUTH_ENDPOINT || PRODUCTION_ENDPOINTS.synapseAuth),
      synapseRepo: trimSlash(env.SYNVAULT_SYNAPSE_REPO_ENDPOINT || PRODUCTION_ENDPOINTS.synapseRepo),
      syncano: trimSlash(env.SYNVAULT_SYNCANO_ENDPOINT || PRODUCTION_ENDPOINTS.syncano),
      synap: trimSlash(env.SYNVAULT_SYNAP_ENDPOINT || PRODUCTION_ENDPOINTS.synap),
    },
    testClipboard: env.SYNVAULT_TEST_CLIPBOARD === '1',
  };
}
