// @process: core
// The main → window events of the contract (shared/contract/events.ts), raised by the core for a
// process that has a window: the Electron app and the browser harness, never the CLI (which has
// no one to tell, and must not keep a watcher open). The shell sends them with
// webContents.send, the harness as Server-Sent Events; the window reloads only what changed
// instead of re-fetching after each of its own calls (docs/architecture.md, "Events").
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChangedBy, ContractEvent, EventName, EventPayloads } from '../shared/contract';
import type { VaultStatus } from '../shared/model';
import type { Core } from './app-core';
import { CATALOG_FILE } from './catalog';
import type { Dispatch } from './handlers';

export type EventListener = (event: ContractEvent) => void;

export interface LiveUpdates {
  /** The core's dispatcher, watched: bind this one (ipc.ts, the harness), not core.dispatch. */
  dispatch: Dispatch;
  /** Subscribes to every event; returns the unsubscribe. */
  on(listener: EventListener): () => void;
  /** Stops the folder watcher and the poll. */
  close(): void;
}

export interface LiveOptions {
  /** fs.watch reports one write as several events (temp file, rename): they are checked once. */
  debounceMs?: number;
  /** A stat of catalog.json this often as well, where fs.watch says nothing (some network and
   * container file systems); 0 turns it off. */
  pollMs?: number;
}

/** The file's identity: inode, mtime and size, as the token store compares it. */
function stampOf(file: string): string | null {
  try {
    const st = fs.statSync(file);
    return `${st.ino}:${st.mtimeMs}:${st.size}`;
  } catch {
    return null;
  }
}

const KEYCHAIN_ERRORS = new Set(['keychain-locked', 'keychain-unavailable']);

export function startLiveUpdates(core: Core, opts: LiveOptions = {}): LiveUpdates {
  const { parts } = core;
  const dataDir = parts.config.dataDir;
  const catalogFile = path.join(dataDir, CATALOG_FILE);
  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(name: E, payload: EventPayloads[E]) => {
    const event = { name, payload } as ContractEvent;
    for (const l of [...listeners]) {
      try {
        l(event);
      } catch {
        /* one listener's failure (a closed window) is not the others' */
      }
    }
  };

  // --- vaultChanged ---------------------------------------------------------------------------
  // The token store tells us after every change it makes and after a read that finds another
  // process's change; who made it is this app when one of our calls is running, else whoever
  // the activity log names last (the CLI records its changes with source 'cli').
  let ours = 0;
  let checkingOutside = false;
  const outsider = (): ChangedBy => (parts.activity.list(1)[0]?.source === 'cli' ? 'cli' : 'other window');
  const offTokens = parts.tokens.onChange(() => {
    emit('vaultChanged', { by: !checkingOutside && ours > 0 ? 'app' : outsider() });
  });

  let seen = stampOf(catalogFile);
  let timer: NodeJS.Timeout | null = null;
  let closed = false;
  /** A changed catalog.json is read through the token store, which tells its listeners. Skipped
   * while one of our calls runs: that call's own read or write does the same. */
  const check = async () => {
    timer = null;
    if (closed) return;
    const now = stampOf(catalogFile);
    if (now === seen) return;
    if (ours > 0) return schedule();
    seen = now;
    checkingOutside = true;
    try {
      await parts.tokens.list();
    } catch {
      /* a locked keychain or a damaged file: the window's next call reports it */
    } finally {
      checkingOutside = false;
    }
  };
  const debounceMs = opts.debounceMs ?? 75;
  const schedule = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void check(), debounceMs);
    timer.unref();
  };

  let watcher: fs.FSWatcher | null = null;
  try {
    // The folder, not the file: the catalog is replaced by a rename on every write, and a watch
    // on the file would follow the old inode.
    watcher = fs.watch(dataDir, { persistent: false }, (_event, name) => {
      if (!name || name === CATALOG_FILE || name.startsWith(`.${CATALOG_FILE}.`)) schedule();
    });
    watcher.on('error', () => {
      /* the folder went away; the poll still checks */
    });
  } catch {
    /* no watcher here (e.g. inotify limit): the poll still checks */
  }
  const pollMs = opts.pollMs ?? 2000;
  const poll = pollMs > 0 ? setInterval(() => void check(), pollMs) : null;
  poll?.unref();

  // --- clipboardCleared -----------------------------------------------------------------------
  const offClipboard = parts.clipboard.onCleared(() => emit('clipboardCleared', { at: new Date(parts.clock.now()).toISOString() }));

  // --- keychainStateChanged -------------------------------------------------------------------
  // Every getStatus probes the keychain; an answer unlike the one before is an event. A call
  // that failed on the keychain, or any call while it was last seen unusable, probes once more,
  // so the window's banner follows without re-fetching the status after its own calls.
  let lastKeychain: string | null = null;
  const sawStatus = (status: VaultStatus) => {
    const now = JSON.stringify(status.keychain);
    const before = lastKeychain;
    lastKeychain = now;
    if (before !== null && before !== now) emit('keychainStateChanged', { keychain: status.keychain });
  };
  const keychainBad = () => lastKeychain !== null && !(JSON.parse(lastKeychain) as VaultStatus['keychain']).ok;

  const dispatch: Dispatch = async (method, payload) => {
    ours++;
    let result;
    try {
      result = await core.dispatch(method, payload);
    } finally {
      ours--;
    }
    if (method === 'getStatus') {
      if (result.ok) sawStatus(result.value as VaultStatus);
    } else if ((!result.ok && KEYCHAIN_ERRORS.has(result.error.code)) || keychainBad()) {
      const status = await core.dispatch('getStatus', {});
      if (status.ok) sawStatus(status.value as VaultStatus);
    }
    return result;
  };

  return {
    dispatch,
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      watcher?.close();
      offTokens();
      offClipboard();
      listeners.clear();
    },
  };
}
