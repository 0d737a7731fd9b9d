// @process: renderer
// The window's shared state: what the list shows, the vault's status and the settings. Never
// a secret — a revealed value lives only in the row that shows it.
import { create } from 'zustand';
import type { TokenSummary, VaultStatus } from '../../../electron/shared/model';
import type { Settings } from '../../../electron/shared/settings';
import { call, type ErrorInfo } from '../api';

export interface VaultState {
  tokens: TokenSummary[];
  /** True once the first listTokens answered (successfully or not). */
  loaded: boolean;
  /** Why the list could not be loaded, if it could not. */
  loadError: ErrorInfo | null;
  status: VaultStatus | null;
  settings: Settings | null;
  /** Reloads the token list and the vault status. Call it after any action that changes tokens. */
  refresh(): Promise<void>;
  /** Reloads settings from the vault. */
  refreshSettings(): Promise<void>;
  /** Stores settings the vault returned (e.g. after updateSettings). */
  setSettings(settings: Settings): void;
}

let refreshSeq = 0;

export const useVaultStore = create<VaultState>()((set) => ({
  tokens: [],
  loaded: false,
  loadError: null,
  status: null,
  settings: null,
  async refresh() {
    // Only the newest refresh may write, so a slow early answer never overwrites a fresh one.
    const seq = ++refreshSeq;
    const [list, status] = await Promise.all([call('listTokens', {}), call('getStatus', {})]);
    if (seq !== refreshSeq) return;
    set({
      tokens: list.ok ? list.value : [],
      loadError: list.ok ? null : list.error,
      loaded: true,
      ...(status.ok ? { status: status.value } : {}),
    });
  },
  async refreshSettings() {
    const r = await call('getSettings', {});
    if (r.ok) set({ settings: r.value });
  },
  setSettings(settings) {
    set({ settings });
  },
}));
