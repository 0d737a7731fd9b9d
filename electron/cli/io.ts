// @process: cli
// What every command is given (its streams and environment) and how it ends: an exit code, and a
// line on stderr for a failure the person can act on. Shared by the full command line (cli.ts)
// and its fast path (fast.ts), so both end the same way.
import { fstatSync, writeSync } from 'node:fs';
import { toErrorInfo } from '../shared/errors';
import { NameError } from './args';

/** Where a command writes: text, and whether it is a terminal (read refuses one). process.stdout
 * is one; so is the entry's direct writer (entry.ts), which spares a pipe's stream. */
export interface CliOutput {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIo {
  stdin: NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: CliOutput;
  stderr: CliOutput;
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

/** Output straight to a file descriptor, as Node's own stream for a file does and as its stream
 * for a pipe first tries. It is all written before the command exits: process.stdout's write to a
 * pipe the reader has not emptied yet finishes later, and process.exit cut `list --json` of 5,000
 * tokens off after 400 KB. And it is quicker to start: making process.stdout for a pipe loads
 * Node's net module (3 ms here, in a run of about 110). If the descriptor does not take it all (a
 * non-blocking pipe that is full) or fails (a reader gone), the rest, and everything after it,
 * goes through the stream after all, which then behaves as it always did. */
function directOutput(fd: 1 | 2, stream: () => NodeJS.WriteStream): CliOutput {
  let through: NodeJS.WriteStream | null = null;
  return {
    get isTTY() {
      // A terminal is a character device: a pipe or a file is answered without node:tty, which
      // loads the net module too (5 ms here).
      try {
        if (!fstatSync(fd).isCharacterDevice()) return false;
      } catch {
        /* let node:tty answer */
      }
      return (require('node:tty') as typeof import('node:tty')).isatty(fd);
    },
    write(text: string) {
      if (through) return through.write(text);
      const bytes = Buffer.from(text, 'utf8');
      let done = 0;
      try {
        while (done < bytes.length) done += writeSync(fd, bytes, done);
        return true;
      } catch {
        through = stream();
        return through.write(bytes.subarray(done));
      }
    },
  };
}

/** The process's own input and output, each made when a command first uses it: Node builds
 * process.stdin, stdout and stderr on first access, and for a pipe that loads its net module —
 * all three took 11 ms here. */
export const processIo: CliIo = {
  get stdin() {
    return process.stdin;
  },
  stdout: directOutput(1, () => process.stdout),
  stderr: directOutput(2, () => process.stderr),
  env: process.env,
};
