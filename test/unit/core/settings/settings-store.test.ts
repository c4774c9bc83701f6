import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../../main/core/log/logger';
import { defaultSettings, SettingsStore } from '../../../../main/core/settings/settings-store';

describe('SettingsStore', () => {
  let folder: string;
  let lines: string[];
  const store = () =>
    new SettingsStore(
      folder,
      createLogger((line) => lines.push(line), 'test'),
    );

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'kamifax-settings-'));
    lines = [];
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('keeps both of two updates made at once', async () => {
    const settings = store();
    await Promise.all([settings.update({ theme: 'dark' }), settings.update({ language: 'ja' })]);
    expect(await settings.get()).toMatchObject({ theme: 'dark', language: 'ja' });
    const onDisk = JSON.parse(await readFile(join(folder, 'settings.json'), 'utf8'));
    expect(onDisk).toMatchObject({ theme: 'dark', language: 'ja' });
    expect(await store().get()).toMatchObject({ theme: 'dark', language: 'ja' });
  });

  it('refuses an invalid update, keeps the earlier value, and still takes the next one', async () => {
    const settings = store();
    await settings.update({ theme: 'dark' });
    await expect(settings.update({ theme: 'purple' as 'dark' })).rejects.toThrow();
    await settings.update({ language: 'en' });
    expect(await settings.get()).toMatchObject({ theme: 'dark', language: 'en' });
  });

  it('falls back to the defaults, key by key, for a damaged file', async () => {
    await writeFile(join(folder, 'settings.json'), '{ not json');
    expect(await store().get()).toEqual(defaultSettings);
    expect(lines.join('\n')).toContain('settings unreadable');
    await writeFile(join(folder, 'settings.json'), JSON.stringify({ theme: 'dark', language: 7 }));
    expect(await store().get()).toEqual(defaultSettings);
  });

  it('starts from the defaults without a file', async () => {
    expect(await store().get()).toEqual(defaultSettings);
    expect(lines).toEqual([]);
  });
});
