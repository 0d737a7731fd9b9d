// @process: renderer
// The window's shared state: what the list shows, the vault's status and the settings. Never
// a secret — a revealed value lives only in the row that shows it. Kept current by the main
// process's events (listen()): actions do not re-fetch after themselves, the vault says when
// the list changed — after this window's call, a CLI command or another window alike.
import { create } from 'zustand';
import type { TokenSummary, VaultStatus } from '../../../electron/shared/model';
import type { Settings } from '../../../electron/shared/settings';
import { call, type ErrorInfo } from '../api';
import { clipboardCleared } from './clipboard';
import { firstListIfAnswered, takeFirstList, type ListAnswer } from './first-list';

export interface VaultState {
  tokens: TokenSummary[];
  /** True once the first listTokens answered (successfully or not). */
  loaded: boolean;
  /** Why the list could not be loaded, if it could not. */
  loadError: ErrorInfo | null;
  status: VaultStatus | null;
  settings: Settings | null;
  /** Loads the vault status (a keychain probe) and the list: the first load, and Retry. */
  refresh(): Promise<void>;
  /** Reloads the list alone (on vaultChanged). */
  reloadList(): Promise<void>;
  /** Reloads settings from the vault. */
  refreshSettings(): Promise<void>;
  /** Stores settings the vault returned (e.g. after updateSettings). */
  setSettings(settings: Settings): void;
}

/** A list load in flight, and whether another change came in meanwhile: a burst of events
 * (an import of ten tokens) costs at most two loads, not ten. */
let listing: Promise<void> | null = null;
let again = false;
/** The early answer the store started with (startWithFirstList), so taking it again in the first
 * load does not render the same list twice. */
let startedWith: ListAnswer | null = null;

/** What the store holds after a list answer, the early one or a later one. */
const fromList = (list: ListAnswer): Pick<VaultState, 'tokens' | 'loadError' | 'loaded'> => ({
  tokens: list.ok ? list.value : [],
  loadError: list.ok ? null : list.error,
  loaded: true,
});

/** Starts the store with the first list when its early answer has already come (first-list.ts):
 * the window's first render then holds the rows, rather than "Loading…" and a second render. */
export function startWithFirstList(): void {
  const list = firstListIfAnswered();
  if (!list) return;
  startedWith = list;
  useVaultStore.setState(fromList(list));
}

export const useVaultStore = create<VaultState>()((set, get) => ({
  tokens: [],
  loaded: false,
  loadError: null,
  status: null,
  settings: null,
  async refresh() {
    // Both at once: the list is read from the catalog alone and shows as soon as it answers,
    // while the status's probe — and at the first start its comparison with the keychain, seconds
    // on a big keyring — is still running. When that comparison finds secrets missing, the vault
    // says the list changed (vaultChanged) and the list is loaded again with the marks.
    const list = get().reloadList(); // asked first, so the main process answers it first
    const status = call('getStatus', {}).then((r) => {
      if (r.ok) set({ status: r.value });
    });
    await Promise.all([list, status]);
  },
  reloadList() {
    if (listing) {
      again = true;
      return listing;
    }
    listing = (async () => {
      do {
        again = false;
        // One load at a time, so a slow early answer never overwrites a fresh one. The first may
        // have been asked for before the window loaded (first-list.ts).
        const list = await (takeFirstList() ?? call('listTokens', {}));
        if (list !== startedWith) set(fromList(list));
        startedWith = null;
      } while (again);
    })().finally(() => {
      listing = null;
    });
    return listing;
  },
  async refreshSettings() {
    const r = await call('getSettings', {});
    if (r.ok) set({ settings: r.value });
  },
  setSettings(settings) {
    set({ settings });
  },
}));

/** Subscribes the window to the vault's events; returns the unsubscribe. */
export function listen(): () => void {
  const offs = [
    window.synvault.on('vaultChanged', () => void useVaultStore.getState().reloadList()),
    // The event carries the probe's answer: no getStatus needed to show or hide the banner.
    window.synvault.on('keychainStateChanged', ({ keychain }) => {
      const status = useVaultStore.getState().status;
      if (status) useVaultStore.setState({ status: { ...status, keychain } });
      else void useVaultStore.getState().refresh();
    }),
    window.synvault.on('clipboardCleared', () => clipboardCleared()),
  ];
  return () => offs.forEach((off) => off());
}
