// @process: cli
// What every command is given (its streams and environment) and how it ends: an exit code, and a
// line on stderr for a failure the person can act on. Shared by the full command line (cli.ts)
// and its fast path (fast.ts), so both end the same way.
import { toErrorInfo } from '../shared/errors';
import { NameError } from './args';

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

/** Exit codes: 0 ok, 1 failure, 2 usage (unknown/ambiguous name, bad arguments), 3 the keychain
 * is locked or unusable (nothing was read or changed; unlock it and run the command again), or
 * exec refused because ~/.synapseConfig would take the token's place (nothing was run). */
export const EXIT_KEYCHAIN = 3;

export class CliExit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Says a command-line failure (a CliExit, an unknown or ambiguous name, a bad argument) on stderr
 * and returns its exit code; null for any other error, which the caller reports its own way. */
export function reportCliFailure(err: unknown, io: CliIo): number | null {
  if (err instanceof CliExit || err instanceof NameError || (err as { usage?: boolean } | null)?.usage) {
    io.stderr.write(`synvault: ${(err as Error).message}\n`);
    return err instanceof CliExit ? err.code : 2;
  }
  return null;
}

/** Says any failure and returns its exit code: a command-line failure as above; a keychain that is
 * locked or unusable exits 3; anything else 1, in words that cannot quote a secret. */
export function reportFailure(err: unknown, io: CliIo): number {
  const usage = reportCliFailure(err, io);
  if (usage !== null) return usage;
  const info = toErrorInfo(err);
  io.stderr.write(`synvault: ${info.message}\n`);
  return info.code === 'keychain-locked' || info.code === 'keychain-unavailable' ? EXIT_KEYCHAIN : 1;
}
