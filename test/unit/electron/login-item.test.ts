import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { autostartEntry, setLinuxAutostart } from '../../../main/electron/login-item';

describe('start at login on Linux (XDG autostart)', () => {
  it('writes the entry under XDG_CONFIG_HOME and removes it again', async () => {
    const config = mkdtempSync(join(tmpdir(), 'kamifax-xdg-'));
    const path = await setLinuxAutostart(true, { XDG_CONFIG_HOME: config }, '/nowhere', [
      '/home/me/Apps/Kamifax 0.1.0.AppImage',
    ]);
    expect(path).toBe(join(config, 'autostart', 'org.kamifax.desktop.desktop'));
    const entry = readFileSync(path, 'utf8');
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=Kamifax\n');
    expect(entry).toContain('Exec="/home/me/Apps/Kamifax 0.1.0.AppImage" --hidden\n');
    await setLinuxAutostart(false, { XDG_CONFIG_HOME: config }, '/nowhere', ['x']);
    expect(existsSync(path)).toBe(false);
    // Turning it off twice is no error.
    await setLinuxAutostart(false, { XDG_CONFIG_HOME: config }, '/nowhere', ['x']);
  });

  it('falls back to ~/.config', async () => {
    const home = mkdtempSync(join(tmpdir(), 'kamifax-home-'));
    const path = await setLinuxAutostart(true, {}, home, ['/opt/Kamifax/kamifax']);
    expect(path).toBe(join(home, '.config', 'autostart', 'org.kamifax.desktop.desktop'));
  });

  it('quotes what the Desktop Entry spec says must be quoted', () => {
    expect(autostartEntry(['/opt/a$b/100%/kamifax'])).toContain(
      'Exec="/opt/a\\$b/100%%/kamifax" --hidden',
    );
    expect(autostartEntry(['/usr/bin/kamifax'])).toContain('Exec=/usr/bin/kamifax --hidden');
  });
});
