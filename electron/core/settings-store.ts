// @process: core
// Settings on disk (settings.json in the data folder), shared by the window and the CLI.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic-file';
import { VaultError } from '../shared/errors';
import { DEFAULT_SETTINGS, type Settings } from '../shared/settings';
import { settingsSchema } from '../shared/settings-schema';
import type { WriteLock } from './write-lock';

/** An unreadable or invalid file falls back to defaults key by key. Changes run under the token
 * store's write lock, so a crash leftover of settings.json is removed by the next lock holder and
 * two processes never save over each other. */
export class SettingsStore {
  readonly file: string;
  private current: Settings;
  constructor(
    private readonly dataDir: string,
    private readonly lock?: WriteLock,
  ) {
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

  /** Saves a change on the file as it is now, under the write lock when there is one. */
  update(patch: Partial<Settings>): Promise<Settings> {
    const change = async () => {
      try {
        this.reload();
        const next = settingsSchema.parse({ ...this.current, ...patch });
        writeFileAtomic(this.file, JSON.stringify(next, null, 2) + '\n');
        this.current = next;
        return this.get();
      } catch (err) {
        if (err instanceof VaultError) throw err;
        throw new VaultError('io', `Could not save settings in ${this.dataDir}. Nothing was changed.`);
      }
    };
    return this.lock ? this.lock.run(change) : change();
  }
}
