// @process: cli
// `synvault`'s entry (built as dist/cli.js, which bin/synvault.js runs): the fast path for list,
// read and exec (fast.ts), and the full command line (cli.ts, built as dist/cli-full.js and loaded
// only when needed) for everything the fast path hands over. Kept this small on purpose: every
// module it imports is loaded on every run (docs/architecture.md, "Start-up").
import { processIo, type CliIo } from './io';
import { runFast } from './fast';

export { processIo } from './io';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const code = await runFast(argv, io);
  if (code !== null) return code;
  // Required only now: loading it is the cost the fast path saves.
  const full = require('./cli') as typeof import('./cli');
  return full.runCli(argv, io);
}

if (require.main === module) {
  runCli(process.argv.slice(2), processIo).then((code) => process.exit(code));
}
