// @process: test
// Reads a file with the REAL Python configparser (python3 -c), exactly as synapseclient does,
// and reports what it resolves — token lengths and sha256 digests only, never a token.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';

const SCRIPT = String.raw`
import configparser, hashlib, json, sys
path, profile = sys.argv[1], sys.argv[2]
c = configparser.RawConfigParser()
try:
    with open(path, encoding='utf-8') as f:
        c.read_file(f)
except Exception as e:
    print(json.dumps({"error": type(e).__name__}))
    sys.exit(0)
def digest(v):
    return None if v is None else {"len": len(v), "sha": hashlib.sha256(v.encode()).hexdigest()}
def resolve(legacy):
    # synapseclient >= 4.9 (get_config_authentication): the profile's own section when configparser
    # gives it at least one key ([DEFAULT]'s count), else [authentication]; a named profile that
    # falls back is an error (None here). Before 4.9: [authentication] only.
    own = 'default' if profile == 'default' else 'profile ' + profile
    sec = own if (not legacy and c.has_section(own) and len(c.items(own)) > 0) else ('authentication' if c.has_section('authentication') else None)
    if not legacy and profile != 'default' and sec != own:
        return None
    if sec is None:
        return None
    return {"section": sec, "authtoken": digest(c.get(sec, 'authtoken', fallback=None)), "username": c.get(sec, 'username', fallback=None)}
dump = {s: {k: digest(v) for k, v in c.items(s)} for s in c.sections()}
dump_defaults = {k: digest(v) for k, v in c.defaults().items()}
print(json.dumps({"modern": resolve(False), "legacy": resolve(True), "sections": c.sections(), "dump": dump, "defaults": dump_defaults}))
`;

export interface Digest {
  len: number;
  sha: string;
}
export interface PyResolved {
  section: string;
  authtoken: Digest | null;
  username: string | null;
}
export interface PyResult {
  error?: string;
  modern?: PyResolved | null;
  legacy?: PyResolved | null;
  sections?: string[];
  /** Every section's items (with [DEFAULT] leaked in, as configparser gives them), digested. */
  dump?: Record<string, Record<string, Digest>>;
  defaults?: Record<string, Digest>;
}

export function pyRead(file: string, profile = 'default'): PyResult {
  const r = spawnSync('python3', ['-c', SCRIPT, file, profile], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed (status ${r.status}): ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout) as PyResult;
}

export const digest = (v: string): Digest => ({ len: v.length, sha: createHash('sha256').update(v).digest('hex') });
