// @process: test
// Runs client_chain.py (the Synapse Python client's credential chain over the real configparser)
// and returns its verdict: which token the client would log in with, or the error it raises.
// The tokens go to Python on stdin; only sha256 digests come back.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as path from 'node:path';

const SCRIPT = path.join(__dirname, 'client_chain.py');

export interface ChainRequest {
  file: string;
  /** login(profile=...): "default" is the Python API's default (SYNAPSE_PROFILE ignored); null is
   * the `synapse` command line, which honours SYNAPSE_PROFILE. */
  loginProfile: string | null;
  env?: { SYNAPSE_PROFILE?: string; SYNAPSE_AUTH_TOKEN?: string };
  owners?: Array<{ token: string; userName: string; emails?: string[] }>;
  /** A client before 4.9, or synapser: [authentication] only. */
  legacy?: boolean;
}

export interface ChainResult {
  uses?: 'file' | 'env' | 'none';
  source?: 'file' | 'env';
  section?: string | null;
  profile?: string;
  token_sha256?: string | null;
  username_check?: string;
  error?: string;
  message?: string;
}

export function clientChain(req: ChainRequest): ChainResult {
  const input = JSON.stringify({ file: req.file, login_profile: req.loginProfile, env: req.env ?? {}, owners: req.owners ?? [], legacy: !!req.legacy });
  const r = spawnSync('python3', [SCRIPT], { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`client_chain.py failed (status ${r.status}): ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout) as ChainResult;
}

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The verdict in a short form tests can compare: "file <sha>" | "env <sha>" | "none" | "error: …". */
export function verdict(r: ChainResult, names: Record<string, string> = {}): string {
  if (r.error) return `error: ${r.message}`;
  const who = r.token_sha256 ? (names[r.token_sha256] ?? 'an unknown token') : '';
  if (r.uses === 'none') return `none (empty token from ${r.source}${r.section ? ` [${r.section}]` : ''})`;
  return `${r.uses}${r.section ? ` [${r.section}]` : ''}: ${who}`;
}
