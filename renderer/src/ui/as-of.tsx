// @process: renderer
// "as of 5 min ago": how old a fact the window shows is (what a service last said about a
// token). One timer for the whole window re-renders every age once a minute, so an open window
// never shows "just now" for an hour-old state; the exact time is in the title.
import { useSyncExternalStore } from 'react';
import { formatDateTime } from './format';
import { plural } from '../../../electron/shared/plural';

const MINUTE = 60_000;
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) now = Date.now();
  timer ??= setInterval(() => {
    now = Date.now();
    for (const l of listeners) l();
  }, MINUTE);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** Re-renders the caller once a minute; answers the time of the last tick. */
export function useMinuteTick(): number {
  return useSyncExternalStore(subscribe, () => now);
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAge(iso: string, at: number): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const minutes = Math.floor(Math.max(0, at - t) / MINUTE);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${plural(Math.floor(hours / 24), 'day')} ago`;
}

/** `as of 5 min ago`, with the exact time as its title and machine-readable value. */
export function AsOf({ at }: { at: string }) {
  useMinuteTick();
  return (
    <time dateTime={at} title={formatDateTime(at)} className="as-of">
      as of {formatAge(at, Date.now())}
    </time>
  );
}
