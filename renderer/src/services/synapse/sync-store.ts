// @process: renderer
// The Synapse sync as the vault keeps it (synapseSyncState): the window holds only the last
// answer, never its own copy of a token's state — token rows read `token.server` from the list,
// and the sync view asks again whenever the list changed (a revoke, remove or verify anywhere).
// Holds no secret.
import { create } from 'zustand';
import type { SyncReport } from '../../../../electron/shared/contract/synapse';
import { call } from '../../api';

interface SyncState {
  /** undefined until the first answer; null when there was never a sync. */
  report: SyncReport | null | undefined;
  /** Asks the vault for the sync as it stands (no call to Synapse). */
  load(): Promise<void>;
  /** Keeps the answer of a sync just made. */
  setReport(report: SyncReport): void;
}

/** Loads in flight: an older answer never overwrites a newer one. */
let asked = 0;

export const useSynapseSync = create<SyncState>()((set) => ({
  report: undefined,
  async load() {
    const mine = ++asked;
    const r = await call('synapseSyncState', {});
    if (r.ok && mine === asked) set({ report: r.value });
  },
  setReport(report) {
    asked++;
    set({ report });
  },
}));
