// @process: core
// Copy with auto-clear. The main process writes the clipboard and clears it later only if it
// still holds what we put there — remembered as a hash, so the secret is not kept in memory for
// the countdown.
import { createHash } from 'node:crypto';

export interface ClipboardPort {
  writeText(text: string): void;
  readText(): string;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return () => clearTimeout(t);
  },
};

const digest = (s: string) => createHash('sha256').update(s).digest('hex');

export class ClipboardGuard {
  private pending: { hash: string; cancel: () => void } | null = null;
  constructor(
    private readonly port: ClipboardPort,
    private readonly clock: Clock,
  ) {}

  /** Writes text and schedules the clear; returns the clear time (ms epoch) or null for never. */
  copy(text: string, clearAfterSeconds: number | null): number | null {
    this.pending?.cancel();
    this.pending = null;
    this.port.writeText(text);
    const hash = digest(text);
    if (clearAfterSeconds === null) {
      // Still remembered so quitting clears it.
      this.pending = { hash, cancel: () => {} };
      return null;
    }
    const cancel = this.clock.setTimeout(() => this.clearIfOurs(), clearAfterSeconds * 1000);
    this.pending = { hash, cancel };
    return this.clock.now() + clearAfterSeconds * 1000;
  }

  /** Clears the clipboard if it still holds what we copied. Called by the timer and on quit. */
  clearIfOurs(): boolean {
    const p = this.pending;
    if (!p) return false;
    p.cancel();
    this.pending = null;
    if (digest(this.port.readText()) === p.hash) {
      this.port.writeText('');
      return true;
    }
    return false;
  }
}

export function memoryClipboard(): ClipboardPort & { peek(): string } {
  let value = '';
  return {
    writeText: (t) => {
      value = t;
    },
    readText: () => value,
    peek: () => value,
  };
}
