// @process: cli
// `synvault rotate <token>`: the window's rotation (docs/rotate.md), step by step on stdout as each
// step happens, then which token is live where. Secrets come from a hidden prompt on a terminal,
// or from stdin — the Synapse password on the first line and a two-factor code (if the account
// asks for one) on the second; a new Synap PAT alone — never from an argument.
import type { Core } from '../core/app-core';
import type { RotateRequest } from '../core/rotate';
import { contract, type Input, type Method, type Output } from '../shared/contract';
import type { RotationReport, RotationStep } from '../shared/contract/rotate';
import type { TwoFactorChallenge } from '../shared/contract/synapse';
import { VaultError } from '../shared/errors';
import { SERVICE_NAMES } from '../shared/services';
import { resolveToken, type ParsedArgs } from './args';
import { EXIT_KEYCHAIN, type CliIo } from './io';
import { readLine, readSecret } from './prompt';

async function call<M extends Method>(core: Core, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await core.dispatch(method, input);
  if (!r.ok) throw new VaultError(r.error.code, r.error.message);
  return r.value as Output<M>;
}

const usage = (message: string) => Object.assign(new Error(message), { usage: true });

const MARK: Record<RotationStep['state'], string> = { done: 'done', failed: 'FAILED', skipped: 'skipped', waiting: 'your step', 'not-run': 'not run' };

/** One step as a line: "[done] Create a successor … — detail". */
const stepLine = (s: RotationStep) => `[${MARK[s.state]}] ${s.title}${s.detail ? ` — ${s.detail}` : ''}\n`;

/** What stdin says, line by line, when it is not a terminal (read once, to its end). */
async function pipedLines(io: CliIo): Promise<string[]> {
  return (await readSecret(io, '')).split(/\r?\n/);
}

export async function rotateCommand(core: Core, a: ParsedArgs, io: CliIo): Promise<number> {
  const name = a.positional[0];
  if (!name || a.positional.length > 1) throw usage('Usage: synvault rotate <token> [--username U] [--account-key <token>] [--allow-evict-oldest] [--recovery-code] | synvault rotate <token> --revoked');
  const list = await call(core, 'listTokens', {});
  const token = resolveToken(list, name);
  const tty = !!io.stdin.isTTY;

  if (a.flag('revoked')) {
    // Synap's last step: the person revoked the old token in the Portal.
    if (token.service !== 'synap' || token.rotation?.stage !== 'rotated-out') throw usage(`--revoked confirms that a rotated-out Synap token was revoked in the Portal; "${token.label}" is not one.`);
    await call(core, 'synapConfirmRevoked', { id: token.id, reason: 'revoke', confirmed: true });
    io.stdout.write(`Removed "${token.label}" from the vault (revoked in the Portal).\n`);
    return 0;
  }

  let request: RotateRequest;
  let codeLine: string | undefined;
  if (token.service === 'synapse') {
    const username = a.one('username') ?? token.account;
    if (!username) throw usage(`Whose token is "${token.label}"? Give the Synapse user name or e-mail with --username.`);
    let password: string;
    if (tty) password = await readSecret(io, `Synapse password for ${username} (hidden): `);
    else [password = '', codeLine] = await pipedLines(io);
    request = { service: 'synapse', id: token.id, username, password, allowEvictOldest: a.flag('allow-evict-oldest') };
  } else if (token.service === 'syncano') {
    const account = a.one('account-key');
    request = { service: 'syncano', id: token.id, ...(account ? { accountId: resolveToken(list, account).id } : {}) };
  } else {
    const secret = tty ? await readSecret(io, 'New Synap personal access token from the Portal (hidden): ') : (await pipedLines(io))[0] ?? '';
    request = { service: 'synap', id: token.id, secret: secret.trim() };
  }
  // The window's rules: the same schema checks the same fields.
  const parsed = contract.rotateToken.input.safeParse(request);
  if (!parsed.success) throw new VaultError('invalid-input', parsed.error.issues[0]?.message ?? 'The request was not valid.');

  io.stdout.write(`Rotating ${SERVICE_NAMES[token.service]} "${token.label}" (${token.preview}):\n`);
  const told = new Set<RotationStep>();
  const onStep = (s: RotationStep) => {
    if (s.state === 'not-run' && !s.detail) return;
    told.add(s);
    io.stdout.write(stepLine(s));
  };
  /** The second half of a two-factor sign-in; the rotation runs in it. */
  const finish = async (challenge: TwoFactorChallenge): Promise<RotationReport> => {
    if (tty) io.stderr.write('Two-factor code (or a recovery code, with --recovery-code): ');
    const code = tty ? await readLine(io) : codeLine;
    if (!code?.trim()) throw new VaultError('invalid-input', 'This Synapse account asks for a two-factor code: type it at the prompt, or give it on the second line of stdin. Nothing was done.');
    const r = await core.dispatch('synapseTwoFactor', { challenge: challenge.challenge, code: code.trim(), codeType: a.flag('recovery-code') ? 'RECOVERY_CODE' : 'TOTP' });
    if (!r.ok) throw new VaultError(r.error.code, r.error.message, r.error.rescueSecret !== undefined ? { rescueSecret: r.error.rescueSecret } : {});
    const done = r.value as Output<'synapseTwoFactor'>;
    if (done.action !== 'rotate') throw new VaultError('internal', 'Synapse finished another sign-in than this rotation. Nothing was done.');
    return done.rotated;
  };
  let result: RotationReport;
  try {
    const first = await core.rotation.rotate(parsed.data, { onStep });
    result = 'needsTwoFactor' in first ? await finish(first) : first;
  } catch (err) {
    // The service issued a successor the keychain refused: it exists nowhere else, so it is
    // printed once — alone on stdout, where a script can catch it — and the words on stderr.
    const rescued = err instanceof VaultError ? err.rescueSecret : undefined;
    if (rescued === undefined) throw err;
    io.stderr.write(`synvault: ${(err as VaultError).message}\n`);
    io.stdout.write(`${rescued}\n`);
    return EXIT_KEYCHAIN;
  }
  // Steps never told (none should be) still show, so the list is whole.
  for (const s of result.steps) if (!told.has(s)) io.stdout.write(stepLine(s));
  for (const line of result.live) io.stdout.write(`${line}\n`);
  for (const w of result.warnings) io.stderr.write(`note: ${w}\n`);
  if (result.outcome === 'waiting' && token.service === 'synap') {
    io.stdout.write(`Once you revoked the old token in the Portal: synvault rotate ${result.oldId} --revoked\n`);
  }
  if (result.outcome === 'failed') {
    io.stderr.write(`synvault: the rotation stopped${result.error ? `: ${result.error.message}` : '.'}\n`);
    return 1;
  }
  return 0;
}
