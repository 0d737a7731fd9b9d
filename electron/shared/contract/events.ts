// @process: shared
// The events the main process sends to the window, declared beside the calls: a name and the
// type of its payload. ipc.ts (webContents.send), the preload's `on`, the harness's event
// stream and its bridge are all derived from this list; no other message goes main → window.
import type { VaultStatus } from '../model';

/** Who changed the vault: this app (a call from its window), the command line, or another app
 * process on the same data folder (a second window, the browser harness). */
export type ChangedBy = 'app' | 'cli' | 'other window';

export interface EventPayloads {
  /** The token list changed (catalog.json was written): the window reloads its list. */
  vaultChanged: { by: ChangedBy };
  /** The clipboard guard cleared a token this app copied (the timer ran out, or the app quit). */
  clipboardCleared: { at: string };
  /** A keychain probe answered differently from the one before (locked → unlocked, ...). */
  keychainStateChanged: { keychain: VaultStatus['keychain'] };
}

export type EventName = keyof EventPayloads;

/** One event as it travels: its name and payload, discriminated by name. */
export type ContractEvent = { [E in EventName]: { name: E; payload: EventPayloads[E] } }[EventName];

export type EventHandler<E extends EventName> = (payload: EventPayloads[E]) => void;
