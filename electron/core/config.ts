// @process: core
// Where things live and which service hosts to use, read once from the environment. The Electron
// shell, the harness and the CLI all build their vault from this, so SYNVAULT_* variables mean
// the same thing everywhere.
import { VaultError } from '../shared/errors';
import { addressProblem, refusedAddressMessage } from '../shared/settings';
import { ENDPOINT_BY_KEY, ENDPOINTS, type EndpointKey } from '../shared/services';
import { vaultLocation } from './vault-location';

export { defaultDataDir } from './vault-location';

export type { EndpointKey } from '../shared/services';

export interface Config {
  dataDir: string;
  keychainService: string;
  home: string;
  /** Defaults for endpoints that settings leave null. */
  endpoints: Record<EndpointKey, string>;
  /** Which of those came from a SYNVAULT_* variable (its name), so a refusal can say where to look. */
  endpointVariables: Partial<Record<EndpointKey, string>>;
  testClipboard: boolean;
}

const trimSlash = (u: string) => u.trim().replace(/\/+$/, '');

/** Reads the environment. An address that may not carry a token is kept as given, not replaced
 * by production (that would send a test token to the real service) and not refused here (that
 * would stop the whole app over one service): endpointFor refuses it when it is used. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, fallbackDataDir?: string): Config {
  const { dataDir, keychainService, home } = vaultLocation(env, fallbackDataDir);
  const endpoints = {} as Record<EndpointKey, string>;
  const endpointVariables: Partial<Record<EndpointKey, string>> = {};
  for (const { key, variable, production } of ENDPOINTS) {
    const fromEnv = env[variable]?.trim();
    endpoints[key] = trimSlash(fromEnv || production);
    if (fromEnv) endpointVariables[key] = variable;
  }
  return {
    dataDir,
    keychainService,
    home,
    endpoints,
    endpointVariables,
    testClipboard: env.SYNVAULT_TEST_CLIPBOARD === '1',
  };
}

export interface ChosenEndpoint {
  url: string;
  source: 'settings' | 'environment' | 'default';
  /** Where it came from, worded to follow the address ("in Settings → Syncano API"). */
  where: string;
  /** Why it may not be used, or undefined when it may. */
  refused?: string;
}

/** The address to use for a service: the setting when there is one, else the configured default
 * (a SYNVAULT_* variable or production), with the refusal worded for where it came from. */
export function chooseEndpoint(config: Config, key: EndpointKey, setting: string | null): ChosenEndpoint {
  const variable = config.endpointVariables[key];
  const chosen: ChosenEndpoint = setting
    ? { url: trimSlash(setting), source: 'settings', where: `in Settings → ${ENDPOINT_BY_KEY[key].label}` }
    : variable
      ? { url: config.endpoints[key], source: 'environment', where: `in the environment variable ${variable}` }
      : { url: config.endpoints[key], source: 'default', where: 'built into Synvault' };
  if (addressProblem(chosen.url)) {
    const fix = chosen.source === 'settings' ? 'Change it to https://, or empty the field for the default.' : chosen.source === 'environment' ? `Change it to https:// or unset ${variable}.` : 'Please report this.';
    chosen.refused = refusedAddressMessage(ENDPOINT_BY_KEY[key].name, chosen.url, chosen.where, fix);
  }
  return chosen;
}

/** The address a service call may use, or a typed refusal before any request is made. */
export function endpointFor(config: Config, key: EndpointKey, setting: string | null): string {
  const chosen = chooseEndpoint(config, key, setting);
  if (chosen.refused) throw new VaultError('invalid-input', chosen.refused);
  return chosen.url;
}
