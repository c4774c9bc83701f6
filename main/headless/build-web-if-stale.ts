/**
 * `npm run start:web`'s first step: runs `npm run build:web` only when the renderer's sources
 * (renderer/, preload/, vite.web.config.ts, package-lock.json) changed since the last build.
 * Honours KAMIFAX_WEB_OUT as the build does.
 */
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
