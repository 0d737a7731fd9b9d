// @process: core
// The composition root shared by the Electron shell, the browser harness and the CLI: one
// config, one keychain, one vault, one set of handlers.
import { ClipboardGuard, systemClock, type ClipboardPort, type Clock } from './clipboard';
import type { Config } from './config';
import type { Handlers } from '../shared/contract';
import { createDispatch, vaultHandlers, type Dispatch } from './handlers';
import { keytarKeychain, type KeychainPort } from './keychain';
import { Vault } from './vault';
import { synapHandlers } from './services/synap/actions';
import { syncanoHandlers } from './services/syncano/actions';
import { synapseHandlers } from './services/synapse/actions';

export interface CoreOptions {
  config: Config;
  clipboard: ClipboardPort;
  keychain?: KeychainPort;
  clock?: Clock;
  source?: 'app' | 'cli';
  /** Opens an https URL the core built in the person's browser (shell.openExternal in Electron). */
  openExternal?: (url: string) => Promise<void>;
}

export interface Core {
  vault: Vault;
  handlers: Handlers;
  dispatch: Dispatch;
}

export function createCore(opts: CoreOptions): Core {
  const clock = opts.clock ?? systemClock;
  const keychain = opts.keychain ?? keytarKeychain(opts.config.keychainService);
  const vault = new Vault({
    config: opts.config,
    keychain,
    clipboard: new ClipboardGuard(opts.clipboard, clock),
    clock,
    source: opts.source ?? 'app',
  });
  const handlers: Handlers = {
    ...vaultHandlers(vault),
    ...synapHandlers({ vault, clock, openExternal: opts.openExternal }),
    ...syncanoHandlers(vault, { clock }),
    // The keychain also keeps Synapse's sign-in receipt (an entry that is not a token record).
    ...synapseHandlers(vault, { clock, keychain, openExternal: opts.openExternal }),
  };
  return { vault, handlers, dispatch: createDispatch(handlers) };
}
