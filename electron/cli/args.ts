// @process: cli
// Argument parsing and token-name resolution for the CLI, kept apart so they can be tested
// without a keychain.
import type { TokenSummary } from '../shared/model';
import { SERVICE_NAMES } from '../shared/services';

export interface ParsedArgs {
  positional: string[];
  /** Everything after a bare `--`. */
  rest: string[];
  one(name: string): string | undefined;
  many(name: string): string[];
  flag(name: string): boolean;
  /** The option names given (without dashes), for a command that refuses unknown ones. */
  names(): string[];
}

export function parseArgs(argv: string[]): ParsedArgs {
  const positional: string[] = [];
  const opts = new Map<string, string[]>();
  let rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      rest = argv.slice(i + 1);
      break;
    }
    const m = /^--?([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    if (!m) {
      positional.push(arg);
      continue;
    }
    const name = m[1]!;
    let value = m[2];
    const takesValue = !['json', 'reveal', 'help', 'h', 'blank', 'remove', 'remove-plaintext', 'replace-other-user', 'ignore-config', 'yes', 'revoked', 'allow-evict-oldest', 'recovery-code'].includes(name);
    if (value === undefined && takesValue) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw Object.assign(new Error(`--${name} needs a value.`), { usage: true });
      value = next;
      i++;
    }
    opts.set(name, [...(opts.get(name) ?? []), value ?? 'true']);
  }
  return {
    positional,
    rest,
    one: (n) => opts.get(n)?.at(-1),
    many: (n) => opts.get(n) ?? [],
    flag: (n) => opts.has(n),
    names: () => [...opts.keys()],
  };
}

export class NameError extends Error {
  readonly code = 2;
}

/** An id, a unique label, or service/label. Unknown or ambiguous names list the candidates. */
export function resolveToken(tokens: TokenSummary[], name: string): TokenSummary {
  const byId = tokens.find((t) => t.id === name);
  if (byId) return byId;
  let pool = tokens;
  let label = name;
  const slash = name.indexOf('/');
  if (slash > 0 && (SERVICE_NAMES as Record<string, string>)[name.slice(0, slash)]) {
    const service = name.slice(0, slash);
    pool = tokens.filter((t) => t.service === service);
    label = name.slice(slash + 1);
  }
  const matches = pool.filter((t) => t.label === label);
  if (matches.length === 1) return matches[0]!;
  const describe = (t: TokenSummary) => `  ${t.service}/${t.label}  (id ${t.id})`;
  if (matches.length > 1) {
    throw new NameError(`"${name}" matches ${matches.length} tokens; name one by id or service/label:\n${matches.map(describe).join('\n')}`);
  }
  const lower = label.toLowerCase();
  const near = pool.filter((t) => t.label.toLowerCase().includes(lower));
  const candidates = near.length ? near : pool;
  throw new NameError(
    `No token is named "${name}".` + (candidates.length ? ` ${near.length ? 'Did you mean' : 'Tokens in the vault'}:\n${candidates.slice(0, 20).map(describe).join('\n')}` : ' The vault is empty.'),
  );
}
