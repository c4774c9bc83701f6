import { build } from 'vite';
import { fileURLToPath } from 'node:url';

/** Vitest global setup of the e2e project: builds the renderer once into `out/web`. */
export default async function setup(): Promise<void> {
  await build({
    configFile: fileURLToPath(new URL('../../vite.web.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
}
