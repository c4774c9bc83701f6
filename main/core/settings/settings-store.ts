import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { settingsSchema, type Settings } from '../../../preload/contract';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Logger } from '../log/logger';

/** The preferences a fresh install starts with. */
export const defaultSettings: Settings = {
  language: 'system',
  theme: 'system',
  notificationLevel: 'details',
  defaultCountry: 'auto',
  closeToTray: 'auto',
  startAtLogin: false,
};

/** Keeps the user's local preferences in `settings.json` in the data folder. */
export class SettingsStore {
  private cached: Settings | null = null;
  private writes: Promise<unknown> = Promise.resolve();
  private readonly path: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.path = join(dataDir, 'settings.json');
  }

  /** Reads the settings; a missing or damaged file falls back to the defaults, key by key. */
  async get(): Promise<Settings> {
    if (this.cached) return this.cached;
    let stored: unknown = {};
    try {
      stored = JSON.parse(await readFile(this.path, 'utf8'));
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        this.log.warn('settings unreadable, using defaults');
    }
    const merged = { ...defaultSettings };
    const partial = settingsSchema.partial().safeParse(stored);
    if (partial.success) Object.assign(merged, partial.data);
    this.cached = merged;
    return merged;
  }

  /**
   * Applies a partial update and persists it atomically. Updates run one after another,
   * each on the result of the one before, so two quick changes both survive.
   */
  update(patch: Partial<Settings>): Promise<Settings> {
    const next = this.writes.then(() => this.updateNow(patch));
    this.writes = next.catch(() => undefined);
    return next;
  }

  private async updateNow(patch: Partial<Settings>): Promise<Settings> {
    const next = settingsSchema.parse({ ...(await this.get()), ...patch });
    await writeFileAtomic(this.path, JSON.stringify(next, null, 2));
    this.cached = next;
    return next;
  }
}
