// @process: cli
// `synvault synapse-config export|import`: the window's .synapseConfig flows, through the same
// contract channels, so the rules (profiles, username, backups, read-back check) are the same.
import * as path from 'node:path';
import type { Core } from '../core/app-core';
import type { Input, Method, Output } from '../shared/contract';
import { VaultError } from '../shared/errors';
import { resolveToken, type ParsedArgs } from './args';
import type { CliIo } from './io';

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
    if (!name) throw Object.assign(new Error('Usage: synvault synapse-config export <token> [--profile P] [--file F] [--remove-plaintext] [--replace-other-user]'), { usage: true });
    const token = resolveToken(await call(core, 'listTokens', {}), name);
    if (token.service !== 'synapse') throw Object.assign(new Error(`"${token.label}" is a ${token.service} token; only Synapse tokens go into .synapseConfig.`), { usage: true });
    const base = { id: token.id, profile: a.one('profile') ?? 'default', path: file, removePlaintext: a.flag('remove-plaintext'), replaceOtherUser: a.flag('replace-other-user') };
    let preview;
    try {
      preview = await call(core, 'synapseExportPreview', base);
    } catch (err) {
      // The refusal names the window's choice; on the command line it is a flag.
      if (err instanceof VaultError && /holds the credentials of/.test(err.message)) throw new VaultError(err.code, `${err.message} (Add --replace-other-user to replace them.)`);
      throw err;
    }
    // Every key the write changes, secrets masked, before anything is written.
    for (const s of preview.sections) {
      for (const c of s.changes) io.stdout.write(`[${s.name}] ${c.key}: ${c.before ?? '(none)'} → ${c.after ?? '(removed)'}\n`);
    }
    for (const w of preview.warnings) io.stderr.write(`note: ${w}\n`);
    for (const s of preview.sections) if (s.plaintext.length && !base.removePlaintext) io.stderr.write(`note: [${s.name}] holds ${s.plaintext.join(', ')} — a plaintext secret no client reads since v4.0; add --remove-plaintext to delete it.\n`);
    // Writes exactly what was previewed (the plan the preview made), or refuses if the file changed.
    const done = await call(core, 'synapseExport', { planId: preview.planId });
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
    // --blank is the old name: it now removes the line too (an emptied `authtoken =` kept the
    // client from ever reading SYNAPSE_AUTH_TOKEN).
    const remove = a.flag('remove') || a.flag('blank');
    const chosen = (c: (typeof scan.candidates)[number]) => !c.problem && (wanted.length === 0 || c.sections.some((s) => wanted.includes(s)));
    const importable = scan.candidates.filter((c) => !c.inVault && chosen(c));
    // With --remove, tokens the vault already holds leave the file too: the keychain keeps them.
    const held = remove ? scan.candidates.filter((c) => c.inVault && chosen(c)) : [];
    for (const c of scan.candidates) {
      const state = c.problem ? `cannot import: ${c.problem}` : c.inVault ? `already in the vault as "${c.inVault.label}"` : 'not in the vault';
      io.stdout.write(`[${c.sections.join('], [')}] ${c.preview}${c.username ? ` (${c.username})` : ''} — ${state}\n`);
    }
    for (const s of scan.emptyTokens) io.stdout.write(`[${s}] authtoken is empty: synapseclient sends no token for it and never reads SYNAPSE_AUTH_TOKEN${remove ? '' : ' (--remove deletes the line)'}.\n`);
    if (importable.length === 0 && held.length === 0 && !(remove && scan.emptyTokens.length)) {
      io.stdout.write('Nothing to import.\n');
      return 0;
    }
    const done = await call(core, 'synapseImport', {
      path: file,
      sections: [...importable, ...held].map((c) => c.sections[0]!),
      removeFromFile: remove,
      version: scan.version,
    });
    const heldSections = new Set(held.map((c) => c.sections[0]!));
    for (const t of done.imported) io.stdout.write(`Imported "${t.label}" (${t.preview}).\n`);
    for (const s of done.skipped) if (!heldSections.has(s.section)) io.stderr.write(`Skipped [${s.section}]: ${s.reason}\n`);
    if (done.note) io.stdout.write(`${done.note}\n`);
    for (const w of done.warnings) io.stderr.write(`warning: ${w}\n`);
    return 0;
  }
  throw Object.assign(new Error('Usage: synvault synapse-config export <token> [--profile P] [--file F] [--remove-plaintext] [--replace-other-user] | import [--file F] [--section S]... [--remove]'), { usage: true });
}
