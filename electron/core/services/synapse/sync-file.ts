// @process: core
// The name of the file that keeps Synapse's last sync (sync-state.ts), apart from the code that
// reads it: the crash-leftover check (leftovers.ts) needs only the name, and runs in the CLI's
// fast path, which must not load zod.
export const SYNC_FILE = 'synapse-sync.json';
