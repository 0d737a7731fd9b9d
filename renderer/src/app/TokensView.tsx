// @process: renderer
// The list of every stored credential with filter, search and sort, and the add form. Filtering
// runs over a lower-case index and the list renders in pages, so typing stays quick with 10,000
// tokens; the index is built after the first paint (or by the first search), and the first page
// is a few screens, so opening the window renders only what it shows (docs/architecture.md,
// "Start-up"). The focus follows the work (docs/window.md): a new token's row is
// shown (past the rendered page or a filter), scrolled to and focused; a removed row hands the
// focus to the next one; Escape closes the add form, back to its button.
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { TokenSummary } from '../../../electron/shared/model';
import { KIND_NAMES, SERVICE_NAMES, type Service } from '../../../electron/shared/kinds';
import { ServiceOptions } from '../ui/service-options';
import { useVaultStore } from '../ui';
import { useEscape } from '../ui/escape';
import { FOCUSABLE, focusInView, focusLost, registerFocusRescuer, usePendingRowFocus } from '../ui/focus';
import { openDialogCount } from '../ui/modal';
import { AddTokenForm } from './AddTokenForm';
import { TokenRow } from './TokenRow';
import { SORT_NAMES, sortTokens, withoutValueNote, type Sort } from './sort-keys';

/** Rows rendered at first and added per page: two screens of ~100 px rows on a big display, so
 * the first paint renders about what the window shows; scrolling adds the next page when the end
 * of the rendered rows comes within a screen of sight, before the person reaches it. */
const PAGE = 25;

/** What the window asks of the list from elsewhere (its shortcuts): open the add form, or focus
 * the search. `n` tells one request from the next. */
export interface TokensRequest {
  what: 'add' | 'search';
  n: number;
}

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

const rowOf = (list: HTMLElement | null, id: string) => list?.querySelector<HTMLElement>(`[data-token-id="${CSS.escape(id)}"]`) ?? null;

export function TokensView({ request, onRequestHandled }: { request?: TokensRequest | null; onRequestHandled?: () => void }) {
  const tokens = useVaultStore((s) => s.tokens);
  const loaded = useVaultStore((s) => s.loaded);
  const [service, setService] = useState<Service | 'all'>('all');
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<Sort>('newest');
  const [adding, setAdding] = useState(false);
  const [limit, setLimit] = useState(PAGE);
  const deferredQuery = useDeferredValue(query);
  const listRef = useRef<HTMLUListElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const addBox = useRef<HTMLDivElement>(null);
  // Who asked for the add form's first field to take the focus: its button or Ctrl+N, or the
  // window opening on an empty vault.
  const [focusForm, setFocusForm] = useState<'open' | 'load' | null>(null);

  // The search index, built when first needed: by a search, or once the browser is idle after
  // the list is painted, so the first keystroke does not pay for it either.
  const indexed = useRef<{ of: TokenSummary[]; index: Map<string, string> } | null>(null);
  const searchIndex = useCallback(() => {
    if (indexed.current?.of !== tokens) indexed.current = { of: tokens, index: new Map(tokens.map((t) => [t.id, searchText(t)])) };
    return indexed.current.index;
  }, [tokens]);
  useEffect(() => {
    if (typeof requestIdleCallback === 'undefined') return;
    const id = requestIdleCallback(() => searchIndex());
    return () => cancelIdleCallback(id);
  }, [searchIndex]);
  const { sorted, withoutValue } = useMemo(() => sortTokens(tokens, sort), [tokens, sort]);
  const visible = useMemo(() => {
    const words = deferredQuery.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const index = words.length > 0 ? searchIndex() : null;
    return sorted.filter((t) => {
      if (service !== 'all' && t.service !== service) return false;
      if (!index) return true;
      const hay = index.get(t.id) ?? '';
      return words.every((w) => hay.includes(w));
    });
  }, [sorted, searchIndex, service, deferredQuery]);

  // A new filter starts again at the first page.
  useEffect(() => setLimit(PAGE), [service, deferredQuery, sort]);

  const shown = visible.slice(0, limit);
  const more = visible.length - shown.length;
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    // The scrolling content is the root, so the margin (one of its heights) is a screen ahead.
    const root = el.closest<HTMLElement>('.app-scroll');
    const io = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setLimit((l) => l + PAGE);
      },
      { root, rootMargin: '0px 0px 100% 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [more > 0, limit]);

  const showForm = adding || (loaded && tokens.length === 0);
  const filtered = service !== 'all' || deferredQuery.trim() !== '';
  const sortNote = withoutValueNote(sort, withoutValue, tokens.length);

  // The add form, opened by its button or Ctrl+N, takes the focus in its first field.
  const openForm = () => {
    setAdding(true);
    setFocusForm('open');
  };
  // With the commit, not after the paint: an Escape pressed as soon as the form shows must find
  // the focus in it already, or this would pull the focus into a form being closed.
  useLayoutEffect(() => {
    if (!focusForm || !showForm) return;
    // Opened by the load, the form takes the focus only if nobody has put it somewhere meanwhile.
    if (focusForm === 'open' || focusLost()) focusInView(addBox.current?.querySelector<HTMLElement>(FOCUSABLE));
    setFocusForm(null);
  }, [focusForm, showForm]);
  // The window opening on an empty vault: the form is all there is to do, so its paste field
  // takes the focus. Not when the list becomes empty later: a removal hands the focus to the
  // list's heading, as any removal does.
  const openedOnLoad = useRef(false);
  useEffect(() => {
    if (!loaded || openedOnLoad.current) return;
    openedOnLoad.current = true;
    if (tokens.length === 0 && focusLost()) setFocusForm('load');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [loaded]);
  useEscape(adding && tokens.length > 0, () => {
    setAdding(false);
    toggleRef.current?.focus();
  });

  // Ctrl+N and Ctrl+F from another view land here.
  useEffect(() => {
    if (!request) return;
    if (request.what === 'add') openForm();
    else {
      searchRef.current?.focus();
      searchRef.current?.select();
    }
    onRequestHandled?.();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);

  // A row someone asked to focus (the token just added): shown even past the rendered page or
  // outside the filter, then scrolled to and focused — once the list holds it.
  const pending = usePendingRowFocus((s) => s.id);
  useEffect(() => {
    if (!pending || !tokens.some((t) => t.id === pending)) return;
    const i = visible.findIndex((t) => t.id === pending);
    if (i < 0) {
      setService('all');
      setQuery('');
      return;
    }
    if (i >= limit) {
      setLimit(Math.ceil((i + 1) / PAGE) * PAGE);
      return;
    }
    if (focusInView(rowOf(listRef.current, pending))) usePendingRowFocus.setState({ id: null });
  }, [pending, tokens, visible, limit]);
  useEffect(() => () => usePendingRowFocus.setState({ id: null }), []);

  // The row the focus was last in, so that when it goes (removed here, by a revoke, by the
  // command line) the focus moves to the next row rather than to <body>.
  const lastRow = useRef<{ id: string; index: number } | null>(null);
  const visibleRef = useRef(visible);
  visibleRef.current = visible;
  useEffect(() => {
    const onFocusIn = (e: FocusEvent) => {
      const target = e.target as HTMLElement;
      const li = target.closest?.<HTMLElement>('[data-token-id]');
      if (li && listRef.current?.contains(li)) lastRow.current = { id: li.dataset.tokenId!, index: Array.prototype.indexOf.call(listRef.current.children, li) };
      else if (!target.closest?.('[role="dialog"], [role="alertdialog"]')) lastRow.current = null;
    };
    document.addEventListener('focusin', onFocusIn);
    const off = registerFocusRescuer(() => rescueRow());
    return () => {
      document.removeEventListener('focusin', onFocusIn);
      off();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const rescueRow = (): boolean => {
    const last = lastRow.current;
    if (!last) return false;
    const list = visibleRef.current;
    const still = rowOf(listRef.current, last.id);
    const next = still ? last.id : (list[Math.min(last.index, list.length - 1)]?.id ?? null);
    if (next && focusInView(rowOf(listRef.current, next))) return true;
    const heading = document.getElementById('tokens-title');
    heading?.focus();
    return !!heading;
  };
  useEffect(() => {
    if (focusLost() && openDialogCount() === 0) rescueRow();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [visible]);

  return (
    <section className="view" aria-labelledby="tokens-title">
      <div className="view-head">
        <h1 id="tokens-title" className="view-title" tabIndex={-1}>
          Tokens <span className="count">{tokens.length}</span>
        </h1>
        {loaded && tokens.length > 0 && (
          <button ref={toggleRef} type="button" className="button button-primary" aria-expanded={showForm} aria-keyshortcuts="Control+N Meta+N" onClick={() => (adding ? setAdding(false) : openForm())}>
            {showForm ? 'Close form' : 'Add a token'}
          </button>
        )}
      </div>

      {showForm && (
        <div ref={addBox}>
          <AddTokenForm onDone={() => setAdding(false)} />
        </div>
      )}

      <div className="toolbar" role="search">
        <div className="toolbar-field toolbar-search">
          <label htmlFor="token-search" className="visually-hidden">
            Search tokens
          </label>
          <input
            id="token-search"
            ref={searchRef}
            data-search
            aria-keyshortcuts="Control+F Meta+F"
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
            {(Object.keys(SORT_NAMES) as Sort[]).map((k) => (
              <option key={k} value={k}>
                {SORT_NAMES[k]}
              </option>
            ))}
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
        {loaded && sortNote && ` ${sortNote}`}
      </p>

      {shown.length > 0 && (
        <ul ref={listRef} className="token-list" aria-label="Tokens">
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
