// @process: core
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../shared/settings';

/** Settings on disk; an unreadable or invalid file falls back to defaults key by key. */
export class SettingsStore {
  readonly file: string;
  private current: Settings;
  constructor(dataDir: string) {
    this.file = path.join(dataDir, 'settings.json');
    this.current = this.read();
  }

  private read(): Settings {
    let raw: Record<string, unknown> = {};
    try {
      raw = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, unknown>;
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    const shape = settingsSchema.shape as Record<string, { safeParse(v: unknown): { success: boolean; data?: unknown } }>;
    for (const [k, schema] of Object.entries(shape)) {
      if (!(k in raw)) continue;
      const r = schema.safeParse(raw[k]);
      if (r.success) out[k] = r.data;
    }
    return out as Settings;
  }

  get(): Settings {
    return { ...this.current };
  }

  /** Re-reads the file: another process (the CLI, a second window) may have changed it. */
  reload(): void {
    this.current = this.read();
  }

  update(patch: Partial<Settings>): Settings {
    const next = settingsSchema.parse({ ...this.current, ...patch });
    writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n');
    this.current = next;
    return this.get();
  }
}
