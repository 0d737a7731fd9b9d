// @process: renderer
// The list of every stored credential with filter, search and sort, and the add form. Filtering
// is memoised over a precomputed lower-case index and the list renders in pages, so typing stays
// quick with 10,000 tokens.
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { TokenSummary } from '../../../electron/shared/model';
import { KIND_NAMES, SERVICE_NAMES, type Service } from '../../../electron/shared/kinds';
import { ServiceOptions } from '../ui/service-options';
import { useVaultStore } from '../ui';
import { AddTokenForm } from './AddTokenForm';
import { TokenRow } from './TokenRow';

type Sort = 'name' | 'newest' | 'oldest';
const PAGE = 150;

function searchText(t: TokenSummary): string {
  return [
    t.label,
    SERVICE_NAMES[t.service],
    KIND_NAMES[t.kind],
    t.account,
    t.preview,
    t.recordId,
    t.userId,
    t.issuedBy,
    ...(t.scopes ?? []),
    ...(t.flags ?? []),
    ...(t.subjectUsers ?? []).flatMap((u) => [u.id, u.note]),
  ]
    .filter(Boolean)
    .join('\n')
    .toLowerCase();
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

export function TokensView() {
  const tokens = useVaultStore((s) => s.tokens);
  const loaded = useVaultStore((s) => s.loaded);
  const [service, setService] = useState<Service | 'all'>('all');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('newest');
  const [adding, setAdding] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const deferredQuery = useDeferredValue(query);

  const index = useMemo(() => new Map(tokens.map((t) => [t.id, searchText(t)])), [tokens]);
  const sorted = useMemo(() => {
    const copy = [...tokens];
    if (sort === 'name') copy.sort((a, b) => collator.compare(a.label, b.label) || a.addedAt.localeCompare(b.addedAt));
    else if (sort === 'newest') copy.sort((a, b) => b.addedAt.localeCompare(a.addedAt));
    else copy.sort((a, b) => a.addedAt.localeCompare(b.addedAt));
    return copy;
  }, [tokens, sort]);
  const visible = useMemo(() => {
    const words = deferredQuery.trim().toLowerCase().split(/\s+/).filter(Boolean);
    return sorted.filter((t) => {
      if (service !== 'all' && t.service !== service) return false;
      if (words.length === 0) return true;
      const hay = index.get(t.id) ?? '';
      return words.every((w) => hay.includes(w));
    });
  }, [sorted, index, service, deferredQuery]);

  // A new filter starts again at the first page.
  useEffect(() => setLimit(PAGE), [service, deferredQuery, sort]);

  const shown = visible.slice(0, limit);
  const more = visible.length - shown.length;
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + PAGE);
    });
    io.observe(el);
    return () => io.disconnect();
  }, [more > 0, limit]);

  const showForm = adding || (loaded && tokens.length === 0);
  const filtered = service !== 'all' || deferredQuery.trim() !== '';

  return (
    <section className="view" aria-labelledby="tokens-title">
      <div className="view-head">
        <h1 id="tokens-title" className="view-title">
          Tokens <span className="count">{tokens.length}</span>
        </h1>
        {loaded && tokens.length > 0 && (
          <button type="button" className="button button-primary" aria-expanded={showForm} onClick={() => setAdding((a) => !a)}>
            {showForm ? 'Close form' : 'Add a token'}
          </button>
        )}
      </div>

      {showForm && <AddTokenForm onDone={() => setAdding(false)} />}

      <div className="toolbar" role="search">
        <div className="toolbar-field toolbar-search">
          <label htmlFor="token-search" className="visually-hidden">
            Search tokens
          </label>
          <input
            id="token-search"
            type="search"
            placeholder="Search label, account, scope…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <div className="toolbar-field">
          <label htmlFor="token-filter">Filter by service</label>
          <select id="token-filter" value={service} onChange={(e) => setService(e.target.value as Service | 'all')}>
            <option value="all">All services</option>
            <ServiceOptions />
          </select>
        </div>
        <div className="toolbar-field">
          <label htmlFor="token-sort">Sort by</label>
          <select id="token-sort" value={sort} onChange={(e) => setSort(e.target.value as Sort)}>
            <option value="newest">Newest first</option>
            <option value="oldest">Oldest first</option>
            <option value="name">Name (A–Z)</option>
          </select>
        </div>
      </div>

      <p className="list-summary" aria-live="polite">
        {!loaded
          ? 'Loading…'
          : tokens.length === 0
            ? 'The vault is empty. Add a token above.'
            : filtered
              ? `${visible.length} of ${tokens.length} tokens match.`
              : `${tokens.length} ${tokens.length === 1 ? 'token' : 'tokens'}.`}
      </p>

      {shown.length > 0 && (
        <ul className="token-list" aria-label="Tokens">
          {shown.map((t) => (
            <TokenRow key={t.id} token={t} />
          ))}
        </ul>
      )}
      {more > 0 && (
        <div ref={sentinel} className="list-more">
          <button type="button" className="button" onClick={() => setLimit((l) => l + PAGE)}>
            Show more ({more} not shown)
          </button>
        </div>
      )}
    </section>
  );
}
