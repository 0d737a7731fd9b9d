// @process: cli
// `synvault`: the vault's tokens for scripts, without plaintext files. Same core, keychain,
// catalog and activity log as the window (entries marked source "cli"). A secret is read from
// stdin or a hidden prompt — never from an argument, where `ps` and shell history would see it.
import { spawn } from 'node:child_process';
import { createCore, type Core } from '../core/app-core';
import { loadConfig } from '../core/config';
import { memoryClipboard } from '../core/clipboard';
import { toErrorInfo, VaultError } from '../shared/errors';
import type { Input, Method, Output } from '../shared/contract';
import type { TokenSummary } from '../shared/model';
import { KIND_NAMES, REGISTRY, SERVICES, SERVICE_NAMES, serviceFacts, type Service } from '../shared/services';
import * as path from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_PROFILE, checkHandOver, type HandOverCheck } from '../core/services/synapse/config';
import { PROFILE_NAME } from '../shared/services/synapse';
import { synapseConfigCommand } from './synapse-config';
import { rotateCommand } from './rotate';
import { NameError, resolveToken, parseArgs, type ParsedArgs } from './args';

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

/** The variable each service's token is handed to a child process in (its module says which). */
export const EXEC_ENV = Object.fromEntries(REGISTRY.map((s) => [s.id, s.execEnv])) as Record<Service, string>;

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

export async function readSecret(io: CliIo, prompt: string): Promise<string> {
  const stdin = io.stdin;
  if (stdin.isTTY && stdin.setRawMode) {
    io.stderr.write(prompt);
    stdin.setRawMode(true);
    return new Promise((resolve, reject) => {
      let value = '';
      const onData = (buf: Buffer) => {
        for (const ch of buf.toString('utf8')) {
          if (ch === '\r' || ch === '\n') {
            done();
            return resolve(value);
          }
          if (ch === '\u0003') {
            done();
            return reject(new CliExit(130, 'Cancelled.'));
          }
          if (ch === '\u007f') value = value.slice(0, -1);
          else value += ch;
        }
      };
      const done = () => {
        stdin.setRawMode!(false);
        stdin.removeListener('data', onData);
        (stdin as NodeJS.ReadStream).pause?.();
        io.stderr.write('\n');
      };
      stdin.on('data', onData);
      (stdin as NodeJS.ReadStream).resume?.();
    });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function table(tokens: TokenSummary[]): string {
  const rows = tokens.map((t) => [t.id, SERVICE_NAMES[t.service], KIND_NAMES[t.kind], t.label, t.account ?? '', t.preview, t.addedAt.slice(0, 10)]);
  const head = ['ID', 'SERVICE', 'KIND', 'LABEL', 'ACCOUNT', 'PREVIEW', 'ADDED'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
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

async function cmdList(core: Core, a: ParsedArgs, io: CliIo) {
  const service = a.one('service');
  if (service && !(SERVICES as readonly string[]).includes(service)) throw new CliExit(2, `--service must be one of ${SERVICES.join(', ')}.`);
  const tokens = (await call(core, 'listTokens', {})).filter((t) => !service || t.service === service);
  if (a.flag('json')) io.stdout.write(JSON.stringify(tokens, null, 2) + '\n');
  else io.stdout.write(tokens.length ? table(tokens) : 'The vault is empty.\n');
}

async function cmdExec(core: Core, a: ParsedArgs, io: CliIo): Promise<number> {
  const name = a.positional[0];
  if (!name) throw new CliExit(2, 'Usage: synvault exec <token> [--env NAME] -- <command> [args...]');
  if (a.rest.length === 0) throw new CliExit(2, 'Give the command to run after --, e.g. synvault exec my-token -- python3 script.py');
  const token = resolveToken(await call(core, 'listTokens', {}), name);
  const envName = a.one('env') ?? EXEC_ENV[token.service];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName)) throw new CliExit(2, `"${envName}" is not a valid environment variable name.`);
  const profileFlag = a.one('profile');
  if (profileFlag !== undefined && token.service !== 'synapse') throw new CliExit(2, '--profile is for Synapse tokens (it sets SYNAPSE_PROFILE).');
  if (profileFlag !== undefined && profileFlag !== DEFAULT_PROFILE && !PROFILE_NAME.test(profileFlag)) {
    throw new CliExit(2, 'A profile is "default" or 1-64 letters, digits, ".", "-" or "_".');
  }
  const extraEnv: Record<string, string> = profileFlag !== undefined ? { SYNAPSE_PROFILE: profileFlag } : {};
  if (token.service === 'synapse' && envName === EXEC_ENV.synapse && !a.flag('ignore-config')) {
    // Before any secret is read: the client would prefer the file's token to the variable's.
    checkSynapseConfig(core, token, name, profileFlag ?? io.env.SYNAPSE_PROFILE, io);
  }
  const secret = await core.parts.tokens.secret(token.id);
  core.parts.activity.record('handed-to-command', token, `in ${envName}`);
  const [cmd, ...args] = a.rest;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd!, args, { stdio: 'inherit', env: { ...io.env, ...extraEnv, [envName]: secret } });
    const forward = (sig: NodeJS.Signals) => () => child.kill(sig);
    const handlers = (['SIGINT', 'SIGTERM', 'SIGHUP'] as const).map((s) => [s, forward(s)] as const);
    for (const [s, h] of handlers) process.on(s, h);
    child.on('error', (err: NodeJS.ErrnoException) => {
      reject(new CliExit(127, err.code === 'ENOENT' ? `Command not found: ${cmd}` : `Could not run ${cmd} (${err.code ?? 'error'}).`));
    });
    child.on('exit', (code, signal) => {
      for (const [s, h] of handlers) process.removeListener(s, h);
      if (signal) {
        // Die of the same signal so our caller sees what the command saw.
        process.kill(process.pid, signal);
        resolve(128 + (({ SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGKILL: 9 }) as Record<string, number>)[signal]!);
      } else resolve(code ?? 1);
    });
  });
}

/** Refuses (exit 3) when ~/.synapseConfig would keep synapseclient from SYNAPSE_AUTH_TOKEN for the
 * profile in force; an empty SYNAPSE_PROFILE counts as unset, as the client counts it. */
function checkSynapseConfig(core: Core, token: TokenSummary, name: string, profileEnv: string | undefined, io: CliIo): void {
  const file = path.join(core.parts.config.home, CONFIG_FILE_NAME);
  const profile = profileEnv || DEFAULT_PROFILE;
  const check = checkHandOver(file, profile);
  if (!check.ok) throw new CliExit(EXIT_KEYCHAIN, handOverRefusal(check, token, name));
  if (profile !== DEFAULT_PROFILE) {
    // synapseclient.login() in Python defaults to profile="default" and then ignores SYNAPSE_PROFILE.
    const dflt = checkHandOver(file, DEFAULT_PROFILE);
    if (!dflt.ok && 'outcome' in dflt && dflt.outcome.kind !== 'missing') {
      io.stderr.write(
        `synvault: note: [${dflt.outcome.section}] of ${file} holds ${dflt.outcome.kind === 'empty' ? 'an empty authtoken' : 'a token'} for profile "default". The synapse command line follows SYNAPSE_PROFILE=${profile}, but a Python script that calls synapseclient.login() without profile= reads profile "default" and would not use "${token.label}".\n`,
      );
    }
  }
}

function handOverRefusal(check: Exclude<HandOverCheck, { ok: true }>, token: TokenSummary, name: string): string {
  const run = `synvault exec ${name}`;
  const anyway = `Or run anyway with: ${run} --ignore-config -- …`;
  const profileFix = `use a profile whose section holds no token: ${run} --profile P -- … (sets SYNAPSE_PROFILE=P)`;
  if ('unreadable' in check) {
    return `${check.file} cannot be parsed the way synapseclient reads it (${check.unreadable}); the client would fail on it too, so "${token.label}" was not handed over and nothing was run. Fix the file. ${anyway}`;
  }
  const o = check.outcome;
  const where = `[${o.section}] of ${check.file}`;
  const forProfile = `profile "${check.profile}"${check.profile === DEFAULT_PROFILE ? '' : ` (SYNAPSE_PROFILE=${check.profile})`}`;
  if (o.kind === 'missing') {
    return (
      `synapseclient would raise "Profile '${check.profile}' does not exist in the configuration file.": ${check.exists ? `${check.file} has no [${o.section}], or one with no setting` : `there is no ${check.file}`}, and the client does not fall back to SYNAPSE_AUTH_TOKEN for a named profile. Nothing was run.\n` +
      `Fix it with one of:\n  - add [${o.section}] with a setting such as "username = <your Synapse user name>" to ${check.file}\n  - ${profileFix}, or leave SYNAPSE_PROFILE unset for the default profile\n${anyway}`
    );
  }
  const what =
    o.kind === 'empty'
      ? `${where} has an empty authtoken${o.fromDefaults ? ' (inherited from [DEFAULT])' : ''} for ${forProfile}: synapseclient then sends no token at all and never reads SYNAPSE_AUTH_TOKEN, so the command would run anonymously, not as "${token.label}".`
      : `${where} holds a token for ${forProfile}${o.fromDefaults ? ' (inherited from [DEFAULT], which configparser applies to every section)' : ''}${o.kind === 'file' && o.username ? ` (username ${o.username})` : ''}, and synapseclient reads the file before SYNAPSE_AUTH_TOKEN: the command would act as that token's owner, not with "${token.label}".`;
  const removeFix = o.fromDefaults
    ? `delete the authtoken line under [DEFAULT] in ${check.file}`
    : `synvault synapse-config import --remove  (the file's token moves into the vault and its line is deleted)`;
  return `${what} Nothing was run.\nFix it with one of:\n  - ${removeFix}\n  - ${profileFix}\n${anyway}`;
}

async function cmdRead(core: Core, a: ParsedArgs, io: CliIo) {
  const name = a.positional[0];
  if (!name) throw new CliExit(2, 'Usage: synvault read <token> [--reveal]');
  const token = resolveToken(await call(core, 'listTokens', {}), name);
  if (io.stdout.isTTY && !a.flag('reveal')) {
    throw new CliExit(1, `Refusing to print "${token.label}" to a terminal, where it would stay in the scrollback. Pipe it (synvault read ${name} | your-command), use "synvault exec", or add --reveal.`);
  }
  const r = await call(core, 'revealToken', { id: token.id });
  io.stdout.write(r.secret + (io.stdout.isTTY ? '\n' : ''));
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
  let state: string;
  let detail: string;
  if (token.service === 'synapse') {
    const r = await call(core, 'synapseVerifyToken', { id: token.id });
    [state, detail] = [r.state, r.detail];
  } else if (token.service === 'syncano') {
    const r = await call(core, 'syncanoVerify', { id: token.id });
    [state, detail] = [r.verification?.state ?? 'valid', r.verification?.detail ?? ''];
  } else {
    const r = await call(core, 'synapVerify', { id: token.id });
    [state, detail] = [r.state, r.detail ?? r.title ?? `status ${r.status}`];
  }
  io.stdout.write(`${SERVICE_NAMES[token.service]} "${token.label}": ${state}${detail ? ` — ${detail}` : ''}\n`);
  return state === 'valid' ? 0 : 1;
}

/** One line typed at the terminal (visible: it is an answer, not a secret). */
export function readLine(io: CliIo): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (buf: Buffer) => {
      text += buf.toString('utf8');
      const nl = text.indexOf('\n');
      if (nl >= 0) {
        io.stdin.removeListener('data', onData);
        (io.stdin as NodeJS.ReadStream).pause?.();
        resolve(text.slice(0, nl));
      }
    };
    io.stdin.on('data', onData);
    (io.stdin as NodeJS.ReadStream).resume?.();
  });
}

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
    const commands: Record<string, SubCommand> = { add: cmdAdd, list: cmdList, exec: cmdExec, read: cmdRead, remove: cmdRemove, verify: cmdVerify, 'synapse-config': synapseConfigCommand, rotate: rotateCommand };
    const run = commands[command];
    if (!run) throw new CliExit(2, `Unknown command "${command}". Run synvault --help.`);
    const core = makeCore ? makeCore() : createCore({ config: loadConfig(io.env), clipboard: memoryClipboard(), source: 'cli' });
    const code = await run(core, a, io);
    return code ?? 0;
  } catch (err) {
    if (err instanceof CliExit || err instanceof NameError || (err as { usage?: boolean } | null)?.usage) {
      const code = err instanceof CliExit ? err.code : 2;
      io.stderr.write(`synvault: ${(err as Error).message}\n`);
      return code;
    }
    const info = toErrorInfo(err);
    io.stderr.write(`synvault: ${info.message}\n`);
    return info.code === 'keychain-locked' || info.code === 'keychain-unavailable' ? EXIT_KEYCHAIN : 1;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
    (code) => process.exit(code),
  );
}
