import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ protocol: {} }));
const { rendererUrl } = await import('../../../main/electron/renderer-source');

describe('where the window loads from', () => {
  const own = { url: 'app://kamifax/index.html', devOrigin: null };

  it('uses the dev server only from a checkout', () => {
    expect(rendererUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, false)).toEqual({
      url: 'http://localhost:5173/',
      devOrigin: 'http://localhost:5173',
    });
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged build', () => {
    expect(rendererUrl({ ELECTRON_RENDERER_URL: 'http://localhost:5173' }, true)).toEqual(own);
  });

  it.each(['https://evil.example/', 'http://192.168.1.5:5173', 'file:///tmp/x.html', 'not a url'])(
    'ignores a dev server that is not on this machine: %s',
    (url) => {
      expect(rendererUrl({ ELECTRON_RENDERER_URL: url }, false)).toEqual(own);
    },
  );

  it('loads our own page without the variable', () => {
    expect(rendererUrl({}, false)).toEqual(own);
  });
});
