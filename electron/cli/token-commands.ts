// @process: cli
// `synvault list`, `read` and `exec`, written once for both ways they run: the full command line
// over the core (cli.ts), and the fast path over the catalog file and the keychain alone
// (fast.ts). Same checks, same words, same exit codes — only where the tokens come from differs.
import * as path from 'node:path';
import type { ActivityAction, TokenSummary } from '../shared/model';
import { EXEC_ENV, KIND_NAMES, SERVICE_NAMES, SERVICES } from '../shared/services';
import { PROFILE_NAME } from '../shared/services/synapse';
import { CONFIG_FILE_NAME, DEFAULT_PROFILE, checkHandOver, type HandOverCheck } from '../core/services/synapse/config/profiles';
import { resolveToken, type ParsedArgs } from './args';
import { CliExit, EXIT_KEYCHAIN, type CliIo } from './io';

/** What the three commands need of the vault. */
export interface TokenSource {
  /** The home folder, where ~/.synapseConfig is. */
  home: string;
  /** Every token, as listTokens answers. */
  list(): Promise<TokenSummary[]>;
  /** The secret as revealToken gives it (which records "revealed"). */
  reveal(token: TokenSummary): Promise<string>;
  /** The secret, to hand on (the caller records what it did with it). */
  secret(token: TokenSummary): Promise<string>;
  record(action: ActivityAction, token: TokenSummary, detail: string): void;
}

function table(tokens: TokenSummary[]): string {
  const rows = tokens.map((t) => [t.id, SERVICE_NAMES[t.service], KIND_NAMES[t.kind], t.label, t.account ?? '', t.preview, t.addedAt.slice(0, 10)]);
  const head = ['ID', 'SERVICE', 'KIND', 'LABEL', 'ACCOUNT', 'PREVIEW', 'ADDED'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

export async function cmdList(vault: TokenSource, a: ParsedArgs, io: CliIo): Promise<void> {
  const service = a.one('service');
  if (service && !(SERVICES as readonly string[]).includes(service)) throw new CliExit(2, `--service must be one of ${SERVICES.join(', ')}.`);
  const tokens = (await vault.list()).filter((t) => !service || t.service === service);
  if (a.flag('json')) io.stdout.write(JSON.stringify(tokens, null, 2) + '\n');
  else io.stdout.write(tokens.length ? table(tokens) : 'The vault is empty.\n');
}

export async function cmdRead(vault: TokenSource, a: ParsedArgs, io: CliIo): Promise<void> {
  const name = a.positional[0];
  if (!name) throw new CliExit(2, 'Usage: synvault read <token> [--reveal]');
  const token = resolveToken(await vault.list(), name);
  if (io.stdout.isTTY && !a.flag('reveal')) {
    throw new CliExit(1, `Refusing to print "${token.label}" to a terminal, where it would stay in the scrollback. Pipe it (synvault read ${name} | your-command), use "synvault exec", or add --reveal.`);
  }
  const secret = await vault.reveal(token);
  io.stdout.write(secret + (io.stdout.isTTY ? '\n' : ''));
}

export async function cmdExec(vault: TokenSource, a: ParsedArgs, io: CliIo): Promise<number> {
  const name = a.positional[0];
  if (!name) throw new CliExit(2, 'Usage: synvault exec <token> [--env NAME] -- <command> [args...]');
  if (a.rest.length === 0) throw new CliExit(2, 'Give the command to run after --, e.g. synvault exec my-token -- python3 script.py');
  const token = resolveToken(await vault.list(), name);
  const envName = a.one('env') ?? EXEC_ENV[token.service];
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName)) throw new CliExit(2, `"${envName}" is not a valid environment variable name.`);
  const profileFlag = a.one('profile');
  if (profileFlag !== undefined && token.service !== 'synapse') throw new CliExit(2, '--profile is for Synapse tokens (it sets SYNAPSE_PROFILE).');
  if (profileFlag !== undefined && profileFlag !== DEFAULT_PROFILE && !PROFILE_NAME.test(profileFlag)) {
    throw new CliExit(2, 'A profile is "default" or 1-64 letters, digits, ".", "-" or "_".');
  }
  const extraEnv: Record<string, string> = profileFlag !== undefined ? { SYNAPSE_PROFILE: profileFlag } : {};
  let note: string | null = null;
  if (token.service === 'synapse' && envName === EXEC_ENV.synapse && !a.flag('ignore-config')) {
    // Before any secret is read: the client would prefer the file's token to the variable's.
    note = checkSynapseConfig(vault.home, token, name, profileFlag ?? io.env.SYNAPSE_PROFILE);
  }
  // The keychain answers from another thread: the command's module (child_process, 7 ms to load
  // here, and only exec needs it) loads meanwhile.
  const asked = vault.secret(token);
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const secret = await asked;
  vault.record('handed-to-command', token, `in ${envName}`);
  // Said once the command is sure to run (after the keychain answered), so the fast path, which
  // hands a keychain that does not answer to the full command line, never says it twice.
  if (note) io.stderr.write(note);
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
 * profile in force; an empty SYNAPSE_PROFILE counts as unset, as the client counts it. Returns a
 * note to print when the command runs, or null. */
function checkSynapseConfig(home: string, token: TokenSummary, name: string, profileEnv: string | undefined): string | null {
  const file = path.join(home, CONFIG_FILE_NAME);
  const profile = profileEnv || DEFAULT_PROFILE;
  const check = checkHandOver(file, profile);
  if (!check.ok) throw new CliExit(EXIT_KEYCHAIN, handOverRefusal(check, token, name));
  if (profile !== DEFAULT_PROFILE) {
    // synapseclient.login() in Python defaults to profile="default" and then ignores SYNAPSE_PROFILE.
    const dflt = checkHandOver(file, DEFAULT_PROFILE);
    if (!dflt.ok && 'outcome' in dflt && dflt.outcome.kind !== 'missing') {
      return (
        `synvault: note: [${dflt.outcome.section}] of ${file} holds ${dflt.outcome.kind === 'empty' ? 'an empty authtoken' : 'a token'} for profile "default". The synapse command line follows SYNAPSE_PROFILE=${profile}, but a Python script that calls synapseclient.login() without profile= reads profile "default" and would not use "${token.label}".\n`
      );
    }
  }
  return null;
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
