// @process: cli
// `synvault`'s entry (built as dist/cli.js, which bin/synvault.js runs): the fast path for list,
// read and exec (fast.ts), and the full command line (cli.ts, built as dist/cli-full.js and loaded
// only when needed) for everything the fast path hands over. Kept this small on purpose: every
// module it imports is loaded on every run (docs/architecture.md, "The command line's fast path").
import type { CliIo } from './io';
import { runFast } from './fast';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const code = await runFast(argv, io);
  if (code !== null) return code;
  // Required only now: loading it is the cost the fast path saves.
  const full = require('./cli') as typeof import('./cli');
  return full.runCli(argv, io);
}

/** The process's own streams, each made when a command first uses it: Node builds process.stdin,
 * stdout and stderr on first access, and for a pipe that loads its net module — all three took
 * 11 ms here, in a run of about 120, and `read` needs only stdout. */
export const processIo: CliIo = {
  get stdin() {
    return process.stdin;
  },
  get stdout() {
    return process.stdout;
  },
  get stderr() {
    return process.stderr;
  },
  env: process.env,
};

if (require.main === module) {
  runCli(process.argv.slice(2), processIo).then((code) => process.exit(code));
}
