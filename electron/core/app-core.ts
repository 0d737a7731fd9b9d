// @process: core
// The composition root shared by the Electron shell, the browser harness and the CLI: one
// config, one keychain, one write lock, and the parts built on them — token store, recovery,
// activity log, settings, clipboard — handed to each use case (docs/architecture.md).
import { ActivityLog } from './activity-log';
import { ensurePrivateDir } from './atomic-file';
import { Catalog } from './catalog';
import { ClipboardGuard, SecretClipboard, systemClock, type ClipboardPort, type Clock } from './clipboard';
import type { Config } from './config';
import type { Handlers } from '../shared/contract';
import { createDispatch, vaultHandlers, type Dispatch } from './handlers';
import { Journal } from './journal';
import { keytarKeychain, type KeychainPort } from './keychain';
import type { CoreParts } from './parts';
import { Recovery } from './recovery';
import { SettingsStore } from './settings-store';
import { TokenStore } from './token-store';
import { Vault } from './vault';
import { WriteLock } from './write-lock';
import { synapHandlers } from './services/synap/actions';
import { syncanoHandlers } from './services/syncano/actions';
import { SynapseActions, synapseHandlers } from './services/synapse/actions';
import { scanHandlers, Scanner } from './scan/scanner';
import { findingVerifier } from './scan/verify-finding';
import { Rotation, rotateHandlers } from './rotate';

export interface CoreOptions {
  config: Config;
  clipboard: ClipboardPort;
  keychain?: KeychainPort;
  clock?: Clock;
  source?: 'app' | 'cli';
  /** Opens an https URL the core built in the person's browser (shell.openExternal in Electron). */
  openExternal?: (url: string) => Promise<void>;
  /** Shows a file in the system's file manager (shell.showItemInFolder in Electron). */
  openFolder?: (file: string) => Promise<void>;
}

export interface Core {
  /** The parts, for the CLI's own use cases (exec) and for tests. */
  parts: CoreParts;
  vault: Vault;
  /** Scan's use cases (the CLI's scan waits on them with progress; the window polls). */
  scanner: Scanner;
  /** Rotation, for the CLI's step-by-step output (the window calls rotateToken). */
  rotation: Rotation;
  handlers: Handlers;
  dispatch: Dispatch;
}

export function createParts(opts: CoreOptions): CoreParts {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const keychain = opts.keychain ?? keytarKeychain(config.keychainService);
  ensurePrivateDir(config.dataDir);
  // One lock per data folder and process: token changes and settings share its queue.
  const lock = new WriteLock(config.dataDir);
  const catalog = new Catalog(config.dataDir);
  const journal = new Journal(config.dataDir);
  const activity = new ActivityLog(config.dataDir, { clock, source: opts.source ?? 'app' });
  const recovery = new Recovery({ catalog, keychain, journal, activity, clock });
  const tokens = new TokenStore({ dataDir: config.dataDir, catalog, keychain, lock, journal, clock, recovery });
  const settings = new SettingsStore(config.dataDir, lock);
  const clipboard = new SecretClipboard(new ClipboardGuard(opts.clipboard, clock), () => settings.get().clipboardClearSeconds);
  return { config, clock, keychain, tokens, recovery, lock, activity, settings, clipboard };
}

export function createCore(opts: CoreOptions): Core {
  const parts = createParts(opts);
  const vault = new Vault(parts);
  // One instance each: a rotation signs in through Synapse's (its two-factor challenges live
  // there) and resets through Syncano's.
  const synapse = new SynapseActions(parts, { openExternal: opts.openExternal });
  const syncano = syncanoHandlers(parts);
  const rotation = new Rotation({ ...parts, synapse, syncano });
  const services = {
    ...synapHandlers({ ...parts, openExternal: opts.openExternal }),
    ...syncano,
    ...synapseHandlers(parts, { openExternal: opts.openExternal }, synapse),
  };
  const scanner = new Scanner(parts, { verify: findingVerifier(parts, services), ...(opts.openFolder ? { openFolder: opts.openFolder } : {}) });
  const handlers: Handlers = {
    ...vaultHandlers(vault),
    ...services,
    ...scanHandlers(scanner),
    ...rotateHandlers(rotation),
  };
  return { parts, vault, scanner, rotation, handlers, dispatch: createDispatch(handlers) };
}
