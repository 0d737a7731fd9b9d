// @process: cli
// `synvault synapse-config export|import`: the window's .synapseConfig flows, through the same
// contract channels, so the rules (profiles, username, backups, read-back check) are the same.
import * as path from 'node:path';
import type { Core } from './core/app-core';
import type { Input, Method, Output } from './core/contract';
import { VaultError } from './core/errors';
import { resolveToken, type ParsedArgs } from './cli-args';
import type { CliIo } from './cli';

async function call<M extends Method>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new VaultError(r.error.code, r.error.message);
  return r.value as Output<M>;
}

/** The contract wants an absolute path; a person on a command line types a relative one. */
const absolute = (file: string | undefined) => (file === undefined ? undefined : path.resolve(file));

export async function synapseConfigCommand(core: Core, a: ParsedArgs, io: CliIo): Promise<number> {
  const [sub, name] = a.positional;
  const file = absolute(a.one('file'));
  if (sub === 'export') {
    if (!name) throw Object.assign(new Error('Usage: synvault synapse-config export <token> [--profile P] [--file F]'), { usage: true });
    const token = resolveToken(await call(core, 'listTokens', {}), name);
    if (token.service !== 'synapse') throw Object.assign(new Error(`"${token.label}" is a ${token.service} token; only Synapse tokens go into .synapseConfig.`), { usage: true });
    const base = { id: token.id, profile: a.one('profile') ?? 'default', path: file, removePlaintext: a.flag('remove-plaintext') };
    const preview = await call(core, 'synapseExportPreview', base);
    for (const w of preview.warnings) io.stderr.write(`note: ${w}\n`);
    for (const s of preview.sections) if (s.plaintext.length && !base.removePlaintext) io.stderr.write(`note: [${s.name}] holds ${s.plaintext.join(', ')} — a plaintext secret no client reads since v4.0; add --remove-plaintext to delete it.\n`);
    const done = await call(core, 'synapseExport', { ...base, version: preview.version });
    io.stdout.write(`Wrote "${token.label}" to ${done.path} ([${done.sections.join('], [')}]); profile "${done.profile}" reads it back.\n`);
    // A backup holds the old token in plain text: say where it is, or that there is none.
    if (done.backupPath) io.stdout.write(`The previous file is kept as ${done.backupPath} (a plaintext copy with its token; at most ${done.backupLimit} kept).\n`);
    else if (preview.exists && done.backupLimit === 0) io.stdout.write('No backup of the previous file was kept (the synapseConfigBackups setting is 0).\n');
    for (const old of done.backupsRemoved) io.stdout.write(`Removed the older backup ${old}.\n`);
    if (preview.needsClient49) io.stdout.write('Named profiles need synapseclient 4.9 or later.\n');
    return 0;
  }
  if (sub === 'import') {
    const scan = await call(core, 'synapseImportScan', { path: file });
    if (!scan.exists) {
      io.stdout.write(`There is no ${scan.path}.\n`);
      return 0;
    }
    const wanted = a.many('section');
    const importable = scan.candidates.filter((c) => !c.inVault && !c.problem && (wanted.length === 0 || c.sections.some((s) => wanted.includes(s))));
    for (const c of scan.candidates) {
      const state = c.problem ? `cannot import: ${c.problem}` : c.inVault ? `already in the vault as "${c.inVault.label}"` : 'not in the vault';
      io.stdout.write(`[${c.sections.join('], [')}] ${c.preview}${c.username ? ` (${c.username})` : ''} — ${state}\n`);
    }
    if (importable.length === 0) {
      io.stdout.write('Nothing to import.\n');
      return 0;
    }
    const done = await call(core, 'synapseImport', {
      path: file,
      sections: importable.map((c) => c.sections[0]!),
      blankInFile: a.flag('blank'),
      version: scan.version,
    });
    for (const t of done.imported) io.stdout.write(`Imported "${t.label}" (${t.preview}).\n`);
    for (const s of done.skipped) io.stderr.write(`Skipped [${s.section}]: ${s.reason}\n`);
    if (done.blanked.length) io.stdout.write(`Emptied the plaintext token in [${done.blanked.join('], [')}].\n`);
    if (done.note) io.stdout.write(`${done.note}\n`);
    return 0;
  }
  throw Object.assign(new Error('Usage: synvault synapse-config export <token> [--profile P] [--file F] | import [--file F] [--section S]... [--blank]'), { usage: true });
}
