// @process: renderer
// The first list, asked for as soon as the page runs: before React, the views and the services'
// rules are loaded and run — most of a cold start — so the answer is waiting when the store first
// wants it (docs/architecture.md, "Start-up"). A change the vault announces meanwhile makes the
// store ask again, as the early answer may not have seen it.
import { call } from '../api';

let early: { answer: ReturnType<typeof call<'listTokens'>>; changed: boolean; off: () => void } | null = null;

export function askForFirstList(): void {
  if (early || !window.synvault) return;
  const state = { answer: undefined as unknown as ReturnType<typeof call<'listTokens'>>, changed: false, off: () => {} };
  // Subscribed before asking, as the store itself does (listen, then load).
  state.off = window.synvault.on('vaultChanged', () => {
    state.changed = true;
  });
  state.answer = call('listTokens', {});
  early = state;
}

/** The early answer, once, if nothing changed since it was asked for; otherwise null. */
export function takeFirstList(): ReturnType<typeof call<'listTokens'>> | null {
  const taken = early;
  early = null;
  if (!taken) return null;
  taken.off();
  return taken.changed ? null : taken.answer;
}
