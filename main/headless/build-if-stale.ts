/**
 * `npm run start:web`'s first step: builds what the host runs, each part only when its sources
 * changed since its last build — the renderer with Vite (`npm run build:web`, ~2 s; sources
 * renderer/, preload/, vite.web.config.ts, package-lock.json; honours KAMIFAX_WEB_OUT as the
 * build does) and the host itself with esbuild (`out/headless`, ~0.3 s; host-build.ts).
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHostIfStale } from './host-build';
import { isWebBuildStale, newestMtime, writeWebBuildStamp } from './web-build-stamp';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = process.env.KAMIFAX_WEB_OUT ?? join(projectRoot, 'out/web');
const sources = ['renderer', 'preload', 'vite.web.config.ts', 'package-lock.json'].map((path) =>
  join(projectRoot, path),
);

if (await isWebBuildStale(outDir, sources)) {
  // Taken before building: an edit made while Vite runs makes the next start rebuild.
  const sourcesTime = await newestMtime(sources);
  const code = await new Promise<number | null>((done, fail) => {
    const child = spawn('npm', ['run', 'build:web'], { cwd: projectRoot, stdio: 'inherit' });
    child.on('error', fail);
    child.on('exit', done);
  });
  if (code !== 0) {
    console.error(`The web build failed (exit code ${code}); fix the error above and start again.`);
    process.exit(code ?? 1);
  }
  await writeWebBuildStamp(outDir, sourcesTime);
} else {
  console.log(`The web build in ${outDir} is up to date with its sources; not rebuilding.`);
}

const hostOut = join(projectRoot, 'out/headless');
try {
  if ((await buildHostIfStale({ projectRoot, outDir: hostOut })) === 'fresh')
    console.log(`The host build in ${hostOut} is up to date with its sources; not rebuilding.`);
} catch (error) {
  console.error(`The host build failed (${String(error)}); fix the error above and start again.`);
  process.exit(1);
}
