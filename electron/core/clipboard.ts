// @process: core
// Copy with auto-clear. The main process writes the clipboard and clears it later only if it
// still holds what we put there — remembered as a hash, so the secret is not kept in memory for
// the countdown.
import { createHash } from 'node:crypto';
import type { CopyReceipt } from '../shared/model';

/** Async because Electron's clipboard is (since Electron 44). */
export interface ClipboardPort {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
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
  // Copies and clears run one at a time: with an async clipboard, a clear that read our old copy
  // could otherwise resume after a newer copy was written and wipe that one.
  private queue: Promise<unknown> = Promise.resolve();
  /** Told after each clear of our copy (the window's "Clipboard cleared" comes from here). */
  private readonly cleared = new Set<() => void>();
  constructor(
    private readonly port: ClipboardPort,
    private readonly clock: Clock,
  ) {}

  private serially<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => {});
    return next;
  }

  /** Writes text and schedules the clear; returns the clear time (ms epoch) or null for never. */
  copy(text: string, clearAfterSeconds: number | null): Promise<number | null> {
    return this.serially(async () => {
      this.pending?.cancel();
      this.pending = null;
      await this.port.writeText(text);
      const hash = digest(text);
      if (clearAfterSeconds === null) {
        // Still remembered so quitting clears it.
        this.pending = { hash, cancel: () => {} };
        return null;
      }
      // A timer has no one to report a failure to; the copy stays pending, so quitting retries.
      // (The promise is returned for test clocks that wait for their timers.)
      const cancel = this.clock.setTimeout(() => this.clearIfOurs().catch(() => false), clearAfterSeconds * 1000);
      this.pending = { hash, cancel };
      return this.clock.now() + clearAfterSeconds * 1000;
    });
  }

  onCleared(listener: () => void): () => void {
    this.cleared.add(listener);
    return () => this.cleared.delete(listener);
  }

  /** Clears the clipboard if it still holds what we copied. Called by the timer and on quit. */
  clearIfOurs(): Promise<boolean> {
    return this.serially(async () => {
      const p = this.pending;
      if (!p) return false;
      p.cancel();
      if (digest(await this.port.readText()) !== p.hash) {
        this.pending = null;
        return false;
      }
      await this.port.writeText('');
      this.pending = null;
      for (const l of [...this.cleared]) {
        try {
          l();
        } catch {
          /* a listener's failure is its own; the clipboard is cleared */
        }
      }
      return true;
    });
  }
}

/** Copy as the use cases do it: the clear time is the current setting (read on every copy, so a
 * changed setting applies at once), and the receipt says when the clipboard clears. */
export class SecretClipboard {
  constructor(
    private readonly guard: ClipboardGuard,
    private readonly clearSeconds: () => number | null,
  ) {}

  /** Puts a secret, or text derived from one (e.g. a curl command), on the clipboard. */
  async copy(text: string): Promise<CopyReceipt> {
    const seconds = this.clearSeconds();
    const at = await this.guard.copy(text, seconds);
    return { clearsAt: at === null ? null : new Date(at).toISOString(), seconds };
  }

  clearIfOurs(): Promise<boolean> {
    return this.guard.clearIfOurs();
  }

  onCleared(listener: () => void): () => void {
    return this.guard.onCleared(listener);
  }
}

export function memoryClipboard(): ClipboardPort & { peek(): string } {
  let value = '';
  return {
    writeText: async (t) => {
      value = t;
    },
    readText: async () => value,
    peek: () => value,
  };
}
