/**
 * Renders the app mark (`renderer/src/assets/app-mark.svg`, the same mark the UI shows) to the
 * PNGs the installers and the tray use, in real Chromium. Run it after changing the mark:
 * `npx tsx main/electron/icons/make-icons.ts`; the PNGs are committed, so packaging needs
 * no browser.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../../test/helpers/browser';

const here = dirname(fileURLToPath(import.meta.url));
const svg = readFileSync(resolve(here, '../../../renderer/src/assets/app-mark.svg'), 'utf8');
/** Every size the Linux icon theme, Windows' .ico and macOS' .icns are made from. */
const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const browser = await launchChromium();
try {
  const page = await browser.newPage();
  for (const size of [...sizes, 'tray'] as const) {
    const px = size === 'tray' ? 32 : size;
    await page.setViewportSize({ width: px, height: px });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${px}px;height:${px}px}</style>${svg}`,
    );
    const png = await page.screenshot({ omitBackground: true, type: 'png' });
    const name = size === 'tray' ? 'tray.png' : `${size}x${size}.png`;
    writeFileSync(join(here, name), png);
    console.log(`${name}: ${png.length} bytes`);
  }
} finally {
  await browser.close();
}
