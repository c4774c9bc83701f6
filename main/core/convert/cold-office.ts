import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { killTree } from './kill-tree';

/** How a cold conversion ended. */
export type ColdResult =
  { ok: true } | { ok: false; kind: 'failed' | 'timeout' | 'cancelled'; detail: string };

/**
 * The fallback: one `soffice --convert-to pdf` per file (about 1 s each, against ~0.25 s
 * warm), used when no Python with `uno` is there. Its own profile, so a LibreOffice the user
 * has open is never disturbed; the PDF lands in `outDir` under the input's base name.
 */
export function coldConvert(options: {
  soffice: string;
  profileDir: string;
  input: string;
  outDir: string;
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<ColdResult> {
  const { soffice, profileDir, input, outDir, timeoutMs, signal } = options;
  return new Promise((resolve) => {
    const child = spawn(
      soffice,
      [
        '--headless',
        '--invisible',
        '--nologo',
        '--norestore',
        '--nolockcheck',
        `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        input,
      ],
      { detached: process.platform !== 'win32', stdio: 'ignore', windowsHide: true },
    );
    const finish = (result: ColdResult) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (!result.ok) killTree(child);
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, kind: 'timeout', detail: `over ${timeoutMs} ms` }),
      timeoutMs,
    );
    const onAbort = () => finish({ ok: false, kind: 'cancelled', detail: 'cancelled' });
    signal?.addEventListener('abort', onAbort, { once: true });
    child.on('error', (error) => finish({ ok: false, kind: 'failed', detail: error.message }));
    child.on('exit', (code) =>
      finish(
        code === 0 ? { ok: true } : { ok: false, kind: 'failed', detail: `soffice exited ${code}` },
      ),
    );
  });
}
