// @process: renderer
// The last sync with Synapse, so a token row can show its server state. Holds no secret.
import { create } from 'zustand';
import type { SyncReport, SyncRow } from '../../../../electron/shared/contract/synapse';

interface SyncState {
  report: SyncReport | null;
  /** Server state by vault token id. */
  byToken: Record<string, SyncRow>;
  setReport(report: SyncReport): void;
}

export const useSynapseSync = create<SyncState>()((set) => ({
  report: null,
  byToken: {},
  setReport(report) {
    const byToken: Record<string, SyncRow> = {};
    for (const u of report.users) for (const r of u.rows) if (r.tokenId) byToken[r.tokenId] = r;
    set({ report, byToken });
  },
}));
