// @process: renderer
// The first list, asked for as soon as the page runs: before React, the views and the services'
// rules are loaded and run — most of a cold start — so the answer is waiting when the window first
// renders, and its first render already holds the rows (docs/architecture.md, "Start-up"). A change
// the vault announces meanwhile makes the store ask again, as the early answer may not have seen it.
import { call } from '../api';

/** What listTokens answers: the list, or why it could not be read. */
export type ListAnswer = Awaited<ReturnType<typeof call<'listTokens'>>>;

interface Early {
  answer: Promise<ListAnswer>;
  /** The answer once it has come. */
  settled: ListAnswer | null;
  /** The vault announced a change after the question was asked. */
  changed: boolean;
  off: () => void;
}

let early: Early | null = null;

export function askForFirstList(): void {
  if (early || !window.synvault) return;
  const state: Early = { answer: undefined as unknown as Promise<ListAnswer>, settled: null, changed: false, off: () => {} };
  // Subscribed before asking, as the store itself does (listen, then load).
  state.off = window.synvault.on('vaultChanged', () => {
    state.changed = true;
  });
  state.answer = call('listTokens', {});
  void state.answer.then((a) => (state.settled = a));
  early = state;
}

/** The early answer if it has already come and nothing changed since: what the window's first
 * render can show. It stays to be taken (takeFirstList), which keeps watching for changes until
 * the store has subscribed to them itself. */
export function firstListIfAnswered(): ListAnswer | null {
  return early && !early.changed ? early.settled : null;
}

/** The early answer, once, if nothing changed since it was asked for; otherwise null. */
export function takeFirstList(): Promise<ListAnswer> | null {
  const taken = early;
  early = null;
  if (!taken) return null;
  taken.off();
  return taken.changed ? null : taken.answer;
}
