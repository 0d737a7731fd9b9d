// @process: test
// Run inside a keyring session by tests/core/locked-keychain.test.ts: seeds a vault, or tries
// every action on it, each CLI command in its own process (a crash shows as a signal), and prints
// what a person would have seen as JSON. Secrets are compared by hash and never printed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { createCore } from '../../electron/core/app-core';
import { memoryClipboard } from '../../electron/core/clipboard';
import { loadConfig } from '../../electron/core/config';
import { runCliProcess } from './processes';

const [mode, secretsFile] = process.argv.slice(2);
const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const labels = ['lab-synapse', 'lab-synap', 'lab-syncano'];

async function main() {
  const env = process.env;
  const out: Record<string, unknown> = {};
  if (mode === 'seed') {
    const secrets = JSON.parse(fs.readFileSync(secretsFile!, 'utf8')) as string[];
    const args = [['add', 'synapse', '--label', labels[0]!], ['add', 'synap', '--label', labels[1]!, '--portal', 'Acme'], ['add', 'syncano', '--label', labels[2]!]];
    out.adds = await Promise.all(args.map(async (a, i) => (await runCliProcess(a, { env, input: secrets[i] })).code));
  } else if (mode === 'locked') {
    const cli = async (args: string[]) => {
      const r = await runCliProcess(args, { env });
      return { code: r.code, signal: r.signal, err: r.err, out: r.out };
    };
    out.list = await cli(['list', '--json']);
    out.read = await cli(['read', labels[2]!]);
    out.export = await cli(['synapse-config', 'export', labels[0]!]);
    out.remove = await cli(['remove', labels[1]!, '--yes']);
    const core = createCore({ config: loadConfig(env), clipboard: memoryClipboard(), source: 'app' });
    const list = await core.dispatch('listTokens', {});
    const first = list.ok ? (list.value as Array<{ id: string }>)[0] : undefined;
    out.copy = first ? await core.dispatch('copyToken', { id: first.id }) : { skipped: 'no list' };
    out.status = await core.dispatch('getStatus', {});
    out.configWritten = fs.existsSync(path.join(env.SYNVAULT_HOME!, '.synapseConfig'));
  } else if (mode === 'check') {
    const r = await runCliProcess(['list', '--json'], { env });
    out.list = r.code === 0 ? (JSON.parse(r.out) as Array<{ label: string }>).map((t) => t.label).sort() : r.err;
    out.readHashes = await Promise.all(labels.map(async (l) => {
      const x = await runCliProcess(['read', l], { env });
      return x.code === 0 ? sha(x.out) : `exit ${x.code}`;
    }));
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((err) => {
  process.stdout.write(JSON.stringify({ crashed: String(err?.code ?? 'error') }));
});
