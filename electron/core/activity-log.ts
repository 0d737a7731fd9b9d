// @process: core
// What was done, when, to which token (by label) — one JSON object per line. Entries are built
// only from typed fields, so a secret has no way in.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendPrivate } from './atomic-file';
import type { ActivityEntry } from '../shared/model';

export class ActivityLog {
  readonly file: string;
  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'activity.jsonl');
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
