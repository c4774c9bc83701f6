import { describe, expect, it } from 'vitest';
import { closesToTray, hideOnClose } from '../../../main/electron/close-to-tray';

describe('close to tray', () => {
  it('is on by default on Windows and macOS, off on Linux, and the user’s choice wins', () => {
    expect(closesToTray('auto', 'win32')).toBe(true);
    expect(closesToTray('auto', 'darwin')).toBe(true);
    expect(closesToTray('auto', 'linux')).toBe(false);
    expect(closesToTray(undefined, 'linux')).toBe(false);
    expect(closesToTray(true, 'linux')).toBe(true);
    expect(closesToTray(false, 'win32')).toBe(false);
  });

  function window() {
    let onClose: ((event: { preventDefault(): void }) => void) | null = null;
    const calls: string[] = [];
    return {
      calls,
      close: () => {
        let prevented = false;
        onClose!({ preventDefault: () => (prevented = true) });
        return prevented;
      },
      value: {
        on: (_event: string, handler: never) => (onClose = handler),
        hide: () => calls.push('hide'),
      },
    };
  }

  it('hides instead of closing while kept in the tray, but never blocks a quit', () => {
    let keep = true;
    let quitting = false;
    const w = window();
    hideOnClose(
      w.value as never,
      () => keep,
      () => quitting,
    );
    expect(w.close()).toBe(true);
    expect(w.calls).toEqual(['hide']);
    quitting = true;
    expect(w.close()).toBe(false);
    quitting = false;
    keep = false;
    expect(w.close()).toBe(false);
    expect(w.calls).toEqual(['hide']);
  });
});
