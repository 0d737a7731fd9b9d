// @process: renderer
// The token list's orders, and the one place their keys come from. "Last used" and "days left"
// are what the service's server last said, as the catalog keeps it (`TokenSummary.server`, with
// its "as of" time): today only Synapse tells them, in a sync or a verify.
import type { TokenSummary } from '../../../electron/shared/model';
import { serverStateOf } from '../../../electron/shared/model';
import { daysLeft } from '../../../electron/shared/services/synapse';

export type Sort = 'newest' | 'oldest' | 'name' | 'lastUsed' | 'daysLeft';

export const SORT_NAMES: Record<Sort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  name: 'Name (A–Z)',
  lastUsed: 'Last used',
  daysLeft: 'Days left',
};

/** What a server said about a token, as far as the list's order needs it. */
export interface ServerFacts {
  /** ISO time of the last use the server saw; null: never used, or not known. */
  lastUsed: string | null;
  /** Days before the server expires it (0: expired); null: it does not expire, or not known. */
  daysLeft: number | null;
}

export function serverFacts(t: TokenSummary, now: number): ServerFacts {
  const st = serverStateOf(t, 'synapse');
  if (!st || st.state === 'gone') return { lastUsed: null, daysLeft: null };
  return { lastUsed: st.lastUsed ?? null, daysLeft: daysLeft(st, now) };
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const byName = (a: TokenSummary, b: TokenSummary) => collator.compare(a.label, b.label) || a.addedAt.localeCompare(b.addedAt);

/** The list in the chosen order, and how many tokens had no value for it (listed last, by name). */
export function sortTokens(tokens: readonly TokenSummary[], sort: Sort, now: number = Date.now()): { sorted: TokenSummary[]; withoutValue: number } {
  const copy = [...tokens];
  if (sort === 'name') return { sorted: copy.sort(byName), withoutValue: 0 };
  if (sort === 'newest') return { sorted: copy.sort((a, b) => b.addedAt.localeCompare(a.addedAt)), withoutValue: 0 };
  if (sort === 'oldest') return { sorted: copy.sort((a, b) => a.addedAt.localeCompare(b.addedAt)), withoutValue: 0 };
  const key = (t: TokenSummary) => {
    const f = serverFacts(t, now);
    return sort === 'lastUsed' ? f.lastUsed : f.daysLeft;
  };
  const have: { t: TokenSummary; k: string | number }[] = [];
  const without: TokenSummary[] = [];
  for (const t of copy) {
    const k = key(t);
    if (k === null) without.push(t);
    else have.push({ t, k });
  }
  // Last used: the most recent first. Days left: the fewest first (the most urgent).
  if (sort === 'lastUsed') have.sort((a, b) => (b.k as string).localeCompare(a.k as string) || byName(a.t, b.t));
  else have.sort((a, b) => (a.k as number) - (b.k as number) || byName(a.t, b.t));
  return { sorted: [...have.map((h) => h.t), ...without.sort(byName)], withoutValue: without.length };
}

/** What the list says under the toolbar about tokens the order could not place. */
export function withoutValueNote(sort: Sort, withoutValue: number, total: number): string | null {
  if (withoutValue === 0 || (sort !== 'lastUsed' && sort !== 'daysLeft')) return null;
  const what = sort === 'lastUsed' ? 'known last use' : 'known number of days left';
  const which =
    withoutValue === total
      ? `No token has a ${what}`
      : `${withoutValue} ${withoutValue === 1 ? 'token has' : 'tokens have'} no ${what} and ${withoutValue === 1 ? 'is' : 'are'} listed last, by name`;
  return `${which}. Synapse tells last use and days left in a sync (Synapse tab); the other services do not.`;
}
