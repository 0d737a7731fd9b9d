// @process: cli
// `synvault`: the vault's tokens for scripts, without plaintext files. Same core, keychain,
// catalog and activity log as the window (entries marked source "cli"). A secret is read from
// stdin or a hidden prompt — never from an argument, where `ps` and shell history would see it.
import { createCore, type Core } from '../core/app-core';
import { loadConfig } from '../core/config';
import { memoryClipboard } from '../core/clipboard';
import { VaultError } from '../shared/errors';
import type { Input, Method, Output } from '../shared/contract';
import { KIND_NAMES, REGISTRY, SERVICES, SERVICE_NAMES, serviceFacts, type Service } from '../shared/services';
import { synapseConfigCommand } from './synapse-config';
import { scanCommand } from './scan';
import { verifyWith } from '../core/verify';
import { MAX_FILE_BYTES } from '../core/scan/rules';
import { rotateCommand } from './rotate';
import { resolveToken, parseArgs, type ParsedArgs } from './args';
import { CliExit, processIo, reportFailure, type CliIo } from './io';
import { readLine, readSecret } from './prompt';
import { cmdExec, cmdList, cmdRead, type TokenSource } from './token-commands';

export { CliExit, EXIT_KEYCHAIN, processIo, type CliIo } from './io';

/** `synvault add`'s options per service, as --help lists them. */
const ADD_HELP = REGISTRY.map((s) => `  ${`${s.id}:`.padEnd(9)}--label, ${s.addOptions.map((o) => o.help).join(', ')}`).join('\n');
const ADD_FLAGS = [...new Set(REGISTRY.flatMap((s) => s.addOptions.map((o) => `[--${o.flag} …]`)))].join(' ');

export const HELP: Record<string, string> = {
  main: `synvault — the Synvault keychain vault from the command line

Usage:
  synvault add <service> --label L [options]                 add a token (secret from stdin)
  synvault list [--service S] [--json]                        list tokens (masked; reads no secret)
  synvault exec <token> [--env NAME] [--profile P] [--ignore-config] -- <command> [args...]
                                                              run a command with the token in its environment
  synvault read <token> [--reveal]                            print a secret to a pipe
  synvault remove <token> [--yes]                             remove a token from the vault (not at the service)
  synvault verify <token>                                     ask the token's service whether it works
  synvault synapse-config export <token> [--profile P] [--file F] [--replace-other-user]
  synvault synapse-config import [--file F] [--remove]
  synvault scan [PATH...] [--json]                            find plaintext tokens in files (home folder by default)
  synvault rotate <token> [--username U] [--account-key K]     replace a token everywhere the vault wrote it, then retire the old one

<service> is one of ${SERVICES.join(', ')}. <token> is an id, a unique label, or service/label.
Run "synvault <command> --help" for details.

The installed app: on Linux the deb puts this command on the PATH as "synvault" (it needs no
display; from the AppImage run "Synvault.AppImage --ozone-platform=headless --cli <command>").
On Windows run "Synvault.exe --cli <command>": a windowed program there gets no stdin, so "add"
cannot read a secret — add tokens in the window.`,
  add: `synvault add <${SERVICES.join('|')}> --label L ${ADD_FLAGS}

Adds a token with the same checks as the window. The secret is read from stdin, or asked for
with a hidden prompt on a terminal — never from an argument.
${ADD_HELP}`,
  list: `synvault list [--service ${SERVICES.join('|')}] [--json]

Lists the vault's tokens with a masked preview. Reads no secret from the keychain.`,
  exec: `synvault exec <token> [--env NAME] [--profile P] [--ignore-config] -- <command> [args...]

Runs <command> with the token in its environment, written nowhere else:
  ${REGISTRY.map((s) => `${s.name} tokens in ${s.execEnv}`).join(', ')}.
--env NAME chooses another variable. The exit code is the command's own; signals pass through.

Synapse: synapseclient (4.0 and later) reads ~/.synapseConfig before SYNAPSE_AUTH_TOKEN. So exec
first reads that file as the client would for the profile in force (SYNAPSE_PROFILE, or
"default"). If that profile's section supplies a token (an empty "authtoken =" included), if
the profile does not exist, or if the file cannot be parsed, the command would not run as this
token's owner: exec refuses, runs nothing and exits with 3. Fix it with
"synvault synapse-config import --remove" (the file's token moves into the vault), or pick a
profile whose section holds no token with --profile P, or run anyway with --ignore-config.
--profile P sets SYNAPSE_PROFILE=P for the command (the synapse command line honours it; in
Python, synapseclient.login() reads profile "default" unless called with profile=...).`,
  verify: `synvault verify <token>

Asks the token's own service whether it still works (Synapse: /userProfile, which also stores the
owner's user name that exports write into .synapseConfig; Syncano: the key's account or
instance; Synap: the documented verify resource). Prints valid, invalid or forbidden with the
service's words. Exit code 0 when valid, 1 otherwise.`,
  remove: `synvault remove <token> [--yes]

Removes a token from the vault and the keychain — not at its service, where it keeps working
until you revoke it there. Asks for confirmation on a terminal; a script must pass --yes.
If the keychain is locked or refuses the delete, the token stays listed (exit code 3).`,
  read: `synvault read <token> [--reveal]

Prints the secret to stdout only when stdout is not a terminal (a pipe or a file), or with
--reveal. On a terminal it refuses, so a secret does not land in scrollback by accident.`,
  scan: `synvault scan [PATH...] [--json]

Looks for plaintext Synapse, Synap and Syncano tokens in the files where people paste them —
.synapseConfig and its backups, .Renviron, .Rprofile, shell and R histories, .env files, .netrc,
notebooks (cells and outputs), scripts (.py, .R, .Rmd, .qmd, .sh) and config files (.json,
.yaml, .toml, .cfg, .ini, .conf) — in the home folder, or in the folders and files given. It
skips node_modules, .git, caches, virtual environments, binary files, files over ${MAX_FILE_BYTES / 2 ** 20} MiB and links
that lead out of the tree. It only reads: nothing is changed.
A 40-hex value counts as a Syncano key only near a Syncano word (syncano, X-API-KEY, api_key),
so a git commit id is not reported.
One line per finding: path:line, service, kind, masked preview, and whether the vault holds it.
--json prints one JSON object per line: service, kind, path, line, inVault, preview (and where,
the cell of a notebook). Progress is shown on a terminal only; the summary goes to stderr.
Exit code 0 when nothing is found, 1 when something is, 2 on a usage error (or a path that does
not exist), 130 when cancelled with Ctrl-C (what was found so far is printed).`,
  rotate: `synvault rotate <token> [--username U] [--allow-evict-oldest] [--recovery-code]   (Synapse)
synvault rotate <token> [--account-key K]                                     (Syncano)
synvault rotate <token>            then, once revoked in the Portal: --revoked    (Synap)

Replaces a token with a new one and retires the old one, printing each step as it happens and
then which token is live where (docs/rotate.md). The same steps as the window's Rotate:
  Synapse: signs in (the password from a hidden prompt, or the first line of stdin; a two-factor
    code at a prompt, or the second line of stdin), creates a successor with the same scopes,
    stores it under the same label (the old one becomes "<label> (rotated out)"), rewrites every
    .synapseConfig section that holds the old token, and only then revokes the old one. If a step
    fails the old token is not revoked; run the command again on it to finish.
  Syncano: reset_key at Syncano (the old key stops at once); the vault keeps the new key. An API
    key is reset with the vault's account key (--account-key K when it holds more than one).
  Synap: create the new token in the Portal and paste it (hidden prompt or stdin); it takes the
    label and the Subject-Users. Revoke the old one in the Portal, then run with --revoked.
Exit code 0 when every step is done (or only your Portal step is left), 1 when a step failed,
2 on a usage error, 3 when the keychain is locked or refused a new token (printed once on stdout).`,
  'synapse-config': `synvault synapse-config export <token> [--profile P] [--file F] [--remove-plaintext] [--replace-other-user]
synvault synapse-config import [--file F] [--section S]... [--remove]

export writes a Synapse token into ~/.synapseConfig (or F) for the Synapse Python/R clients, with
the same rules as the window: profile "default" fills [authentication] (and [default] if present),
another profile fills [profile NAME] (synapseclient 4.9+); username follows the token's owner;
the old file is kept as .synapseConfig.backup; the result is read back before it is reported.
It prints every key it changes (old -> new, secrets masked) and refuses a section whose username
names someone else unless --replace-other-user (their username, password and apikey then go).
import adds the tokens such a file holds that the vault lacks (--section to choose). --remove
(old name --blank) then deletes those tokens' authtoken lines — and tokens the vault already
holds, and empty "authtoken =" lines — so the client goes on to SYNAPSE_AUTH_TOKEN; it says, per
profile, whether the client now really does.`,
};

async function call<M extends Method>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new VaultError(r.error.code, r.error.message);
  return r.value as Output<M>;
}

/** The tokens as the core gives them, for list, read and exec (token-commands.ts). */
function coreTokens(core: Core): TokenSource {
  return {
    home: core.parts.config.home,
    list: () => call(core, 'listTokens', {}),
    reveal: async (token) => (await call(core, 'revealToken', { id: token.id })).secret,
    secret: (token) => core.parts.tokens.secret(token.id),
    record: (action, token, detail) => core.parts.activity.record(action, token, detail),
  };
}

async function cmdAdd(core: Core, a: ParsedArgs, io: CliIo) {
  const service = a.positional[0];
  if (!service || !(SERVICES as readonly string[]).includes(service)) throw new CliExit(2, `Name the service: synvault add <${SERVICES.join('|')}> --label L`);
  if (a.positional.length > 1) throw new CliExit(2, 'The secret is never taken as an argument: pipe it on stdin, or type it at the hidden prompt.');
  const label = a.one('label');
  if (!label) throw new CliExit(2, 'Give the token a label with --label.');
  // Each service's module names its options; the payload is checked by the same schema as the window's.
  const fields: Record<string, unknown> = {};
  for (const o of serviceFacts(service as Service).addOptions) {
    const values = o.many ? a.many(o.flag) : [a.one(o.flag)].filter((v): v is string => v !== undefined);
    if (!values.length && o.required) throw new CliExit(2, o.required);
    if (values.length) fields[o.field] = o.toValue ? o.toValue(values) : values[0];
  }
  const secret = await readSecret(io, `${SERVICE_NAMES[service as Service]} token (hidden): `);
  const added = await call(core, 'addToken', { ...fields, service, label, secret } as Input<'addToken'>);
  io.stdout.write(`Added ${SERVICE_NAMES[added.service]} ${KIND_NAMES[added.kind]} "${added.label}" (${added.preview}), id ${added.id}\n`);
}

async function cmdRemove(core: Core, a: ParsedArgs, io: CliIo) {
  const name = a.positional[0];
  if (!name) throw new CliExit(2, 'Usage: synvault remove <token> [--yes]');
  const token = resolveToken(await call(core, 'listTokens', {}), name);
  const what = `${SERVICE_NAMES[token.service]} ${KIND_NAMES[token.kind]} "${token.label}" (${token.preview})`;
  if (!a.flag('yes')) {
    if (!io.stdin.isTTY) throw new CliExit(2, `Removing ${what} needs confirmation: run it on a terminal, or add --yes.`);
    io.stderr.write(`Remove ${what} from the vault and the keychain? It keeps working at ${SERVICE_NAMES[token.service]} until revoked there. [y/N] `);
    const answer = await readLine(io);
    if (!/^y(es)?$/i.test(answer.trim())) throw new CliExit(1, 'Nothing was removed.');
  }
  await call(core, 'removeToken', { id: token.id });
  io.stdout.write(`Removed ${what} from the vault.\n`);
}

async function cmdVerify(core: Core, a: ParsedArgs, io: CliIo): Promise<number> {
  const name = a.positional[0];
  if (!name) throw new CliExit(2, 'Usage: synvault verify <token>');
  const token = resolveToken(await call(core, 'listTokens', {}), name);
  const { state, detail } = await verifyWith(core.handlers, token.service, token.id);
  io.stdout.write(`${SERVICE_NAMES[token.service]} "${token.label}": ${state}${detail ? ` — ${detail}` : ''}\n`);
  return state === 'valid' ? 0 : 1;
}

/** One line typed at the terminal (visible: it is an answer, not a secret). */
export type SubCommand = (core: Core, a: ParsedArgs, io: CliIo) => Promise<number | void>;

export async function runCli(argv: string[], io: CliIo, makeCore?: () => Core): Promise<number> {
  const [command, ...restArgs] = argv;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(HELP.main + '\n');
      return command ? 0 : 2;
    }
    const a = parseArgs(restArgs);
    if (a.flag('help') || a.flag('h')) {
      const text = HELP[command];
      if (!text) throw new CliExit(2, `Unknown command "${command}". Run synvault --help.`);
      io.stdout.write(text + '\n');
      return 0;
    }
    const commands: Record<string, SubCommand> = {
      add: cmdAdd,
      list: (core, args, cio) => cmdList(coreTokens(core), args, cio),
      exec: (core, args, cio) => cmdExec(coreTokens(core), args, cio),
      read: (core, args, cio) => cmdRead(coreTokens(core), args, cio),
      remove: cmdRemove,
      verify: cmdVerify,
      'synapse-config': synapseConfigCommand,
      scan: scanCommand,
      rotate: rotateCommand,
    };
    const run = commands[command];
    if (!run) throw new CliExit(2, `Unknown command "${command}". Run synvault --help.`);
    const core = makeCore ? makeCore() : createCore({ config: loadConfig(io.env), clipboard: memoryClipboard(), source: 'cli' });
    const code = await run(core, a, io);
    return code ?? 0;
  } catch (err) {
    return reportFailure(err, io);
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), processIo).then((code) => process.exit(code));
}
