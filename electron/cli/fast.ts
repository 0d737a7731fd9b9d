// @process: cli
// The fast path of `synvault list`, `read` and `exec`, which scripts run in loops: the same
// commands (token-commands.ts) over the catalog file and one keychain read, without building the
// core — whose contract schemas and service code cost more to load than Node itself
// (docs/architecture.md, "Start-up"). It takes only the clean case: no journal
// and no crash leftovers, a catalog that reads and checks, a keychain that answers with the
// secret. Anything else — and --help, and every other command — is handed to the full command
// line before anything is printed or recorded, which then runs from the start as if the fast path
// had not been there: recovery, a rebuild, a locked keychain's words and exit code are all its own.
import * as path from 'node:path';
import { ActivityLog } from '../core/activity-log';
import { Catalog, keychainAccountOf, toSummary, type CatalogRecord } from '../core/catalog';
import { Journal } from '../core/journal';
import { keytarLookup } from '../core/keychain';
import { cleanConfigTemps } from '../core/services/synapse/config/file';
import { CONFIG_FILE_NAME } from '../core/services/synapse/config/profiles';
import { hasLockedTemps } from '../core/leftovers';
import { vaultLocation } from '../core/vault-location';
import type { TokenSummary } from '../shared/model';
import { TOKEN_ID } from '../shared/token-id';
import { parseArgs, type ParsedArgs } from './args';
import { reportCliFailure, reportFailure, type CliIo } from './io';
import { cmdExec, cmdList, cmdRead, type TokenSource } from './token-commands';

/** Thrown where the fast path stops taking the case; nothing has been printed or recorded yet. */
class HandOver extends Error {}

const COMMANDS: Record<string, (tokens: TokenSource, a: ParsedArgs, io: CliIo) => Promise<number | void>> = {
  list: cmdList,
  read: cmdRead,
  exec: cmdExec,
};

/** The tokens from the data folder and the keychain directly. `committed` turns true once the
 * activity log has an entry: from then on the run is this path's to finish, never handed over. */
function fileTokens(env: NodeJS.ProcessEnv): TokenSource & { committed: boolean } {
  const { dataDir, keychainService, home } = vaultLocation(env);
  // As the full path's start does (SynapseActions): a temp file a crash left beside
  // ~/.synapseConfig holds a token and goes now, whatever the command.
  try {
    cleanConfigTemps(path.join(home, CONFIG_FILE_NAME));
  } catch {
    /* a folder we cannot read must not stop the command */
  }
  const lookup = keytarLookup(keychainService);
  const activity = new ActivityLog(dataDir, { clock: { now: () => Date.now() }, source: 'cli' });
  const records = new Map<string, CatalogRecord>();
  const secret = async (token: TokenSummary): Promise<string> => {
    const rec = records.get(token.id);
    // null is a missing entry or a locked keychain: the full path probes and says which.
    const value = rec ? await lookup(keychainAccountOf(rec)).catch(() => null) : null;
    if (value === null) throw new HandOver();
    return value;
  };
  const source = {
    home,
    committed: false,
    async list() {
      // A crashed change to finish, or a catalog to rebuild: the full path's recovery does it.
      if (new Journal(dataDir).exists() || hasLockedTemps(dataDir)) throw new HandOver();
      const loaded = new Catalog(dataDir).load();
      if (loaded.state !== 'ok') throw new HandOver();
      for (const r of loaded.records) records.set(r.id, r);
      return loaded.records.map(toSummary);
    },
    async reveal(token: TokenSummary) {
      // revealToken's own input check; the full path refuses any other id in its words.
      if (!TOKEN_ID.test(token.id)) throw new HandOver();
      const value = await secret(token);
      source.record('revealed', token);
      return value;
    },
    secret,
    record(action: Parameters<TokenSource['record']>[0], token: TokenSummary, detail?: string) {
      activity.record(action, token, detail);
      source.committed = true;
    },
  };
  return source;
}

/** Runs `argv` when the fast path takes it and returns the exit code, or null to hand it to the
 * full command line (nothing printed or recorded). */
export async function runFast(argv: string[], io: CliIo): Promise<number | null> {
  const [command, ...rest] = argv;
  const run = command !== undefined && Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) return null;
  let tokens: ReturnType<typeof fileTokens> | undefined;
  try {
    const a = parseArgs(rest);
    if (a.flag('help') || a.flag('h')) return null;
    tokens = fileTokens(io.env);
    return (await run(tokens, a, io)) ?? 0;
  } catch (err) {
    if (tokens?.committed) return reportFailure(err, io);
    if (err instanceof HandOver) return null;
    // A name not found, a bad option: the same words as the full path (the same code says them).
    // Anything else is the full path's to word.
    return reportCliFailure(err, io);
  }
}
