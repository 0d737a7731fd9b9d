// @process: core
// What was done, when, to which token (by label) — one JSON object per line. Entries are built
// only from typed fields, so a secret has no way in. One log per data folder, shared by the
// window and the CLI (each entry says which).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendPrivate } from './atomic-file';
import type { Clock } from './clipboard';
import type { ActivityAction, ActivityEntry, TokenSummary } from '../shared/model';

export interface ActivityLogOptions {
  clock: Pick<Clock, 'now'>;
  source: 'app' | 'cli';
}

export class ActivityLog {
  readonly file: string;
  constructor(
    dataDir: string,
    private readonly opts: ActivityLogOptions = { clock: { now: () => Date.now() }, source: 'app' },
  ) {
    this.file = path.join(dataDir, 'activity.jsonl');
  }

  /** Records an action, optionally on a token (by id, label and service — never its secret). */
  record(action: ActivityAction, rec?: Pick<TokenSummary, 'id' | 'label' | 'service'>, detail?: string): void {
    const entry: ActivityEntry = { at: new Date(this.opts.clock.now()).toISOString(), action, source: this.opts.source };
    if (rec) {
      entry.tokenId = rec.id;
      entry.label = rec.label;
      entry.service = rec.service;
    }
    if (detail) entry.detail = detail;
    this.append(entry);
  }

  append(entry: ActivityEntry): void {
    appendPrivate(this.file, JSON.stringify(entry) + '\n');
  }

  /** Newest first. */
  list(limit: number): ActivityEntry[] {
    let text = '';
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return [];
    }
    const out: ActivityEntry[] = [];
    const lines = text.split('\n');
    for (let i = lines.length - 1; i >= 0 && out.length < limit; i--) {
      const line = lines[i];
      if (!line) continue;
      try {
        out.push(JSON.parse(line) as ActivityEntry);
      } catch {
        /* a torn last line from a crash is skipped, not fatal */
      }
    }
    return out;
  }
}
