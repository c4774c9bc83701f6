import { appOrigin } from './app-protocol';

const devHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The page to load: electron-vite's dev server (`ELECTRON_RENDERER_URL`) only in a run from
 * a checkout and only on this machine; a packaged build always loads its own `app://` page,
 * whatever the environment says (an environment variable must not swap the UI).
 */
export function rendererUrl(
  env: NodeJS.ProcessEnv,
  isPackaged: boolean,
): {
  url: string;
  devOrigin: string | null;
} {
  const fallback = { url: `${appOrigin}/index.html`, devOrigin: null };
  const dev = env.ELECTRON_RENDERER_URL;
  if (isPackaged || !dev) return fallback;
  try {
    const url = new URL(dev);
    if (url.protocol !== 'http:' || !devHosts.has(url.hostname)) return fallback;
    return { url: url.href, devOrigin: url.origin };
  } catch {
    return fallback;
  }
}
