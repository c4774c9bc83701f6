/**
 * Runs every `bench/*.bench.ts` in its own Node process, one after another, so that one
 * benchmark's heap never colours another's figures. Pass names to run a subset:
 * `npm run bench -- service-sync`.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((name) => name.endsWith('.bench.ts'))
  .filter((name) => wanted.length === 0 || wanted.some((w) => name.includes(w)))
  .sort();

let failed = 0;
for (const file of files) {
  console.log(`\n=== ${file}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', join(here, file)], {
    stdio: 'inherit',
    // The root tsconfig.json names no files, so tsx would compile the renderer's TSX with the
    // classic JSX runtime; benches that run the host from source paint its first screen with
    // the renderer's components (main/core/first-paint.ts), compiled as the renderer's config says.
    // NODE_ENV=production: what the installed app runs (React's production build in that first
    // screen; the built host has it fixed, main/headless/host-build.ts).
    env: {
      NODE_ENV: 'production',
      TSX_TSCONFIG_PATH: join(here, '../tsconfig.web.json'),
      ...process.env,
    },
  });
  if (run.status !== 0) failed += 1;
}
if (failed > 0) {
  console.error(`${failed} benchmark(s) failed`);
  process.exit(1);
}
