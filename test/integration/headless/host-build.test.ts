import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHostIfStale, hostEntries } from '../../../main/headless/host-build';
import { bridgeMetaName } from '../../../main/headless/bridge-protocol';

const root = fileURLToPath(new URL('../../..', import.meta.url));

// `npm run start:web` runs the host built by esbuild (main/headless/host-build.ts), not tsx:
// built only when a source changed, and the bundle must really run on Node alone.
describe('the headless host built to JavaScript', () => {
  let work: string;
  let outDir: string;
  let source: string;
  // As start:web's: cli.js turns the compile cache on and loads cli-main.js, the host.
  const entries = {
    ...hostEntries,
    'service-child': 'main/headless/service-child.ts',
  };
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'kamifax-host-build-'));
    source = join(work, 'source.ts');
    await writeFile(source, 'export {};\n');
    await utimes(source, new Date(1_000_000), new Date(1_000_000));
    // Inside the project: the native modules left outside the bundle resolve from node_modules.
    await mkdir(join(root, 'out'), { recursive: true });
    outDir = await mkdtemp(join(root, 'out/test-host-build-'));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
    await rm(outDir, { recursive: true, force: true });
  });

  it(
    'builds without a stamp, not again while the sources are unchanged, again after an edit',
    { timeout: 180_000 },
    async () => {
      const options = { projectRoot: root, outDir, entries, sources: [source] };
      expect(await buildHostIfStale(options)).toBe('built');
      expect(existsSync(join(outDir, 'cli.js'))).toBe(true);
      expect(existsSync(join(outDir, 'service-process.js'))).toBe(true);
      expect(await buildHostIfStale(options)).toBe('fresh');
      await utimes(source, new Date(2_000_000), new Date(2_000_000));
      expect(await buildHostIfStale(options)).toBe('built');
      expect(await buildHostIfStale(options)).toBe('fresh');
    },
  );

  it('runs on Node alone: prints its link and serves the page with the bridge address', async () => {
    const webRoot = join(work, 'web');
    await mkdir(webRoot, { recursive: true });
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><html><head></head></html>');
    // A file where the compile cache's folder would go: the host starts without a cache.
    await mkdir(join(work, 'data'), { recursive: true });
    await writeFile(join(work, 'data', 'code-cache'), 'not a folder');
    const child = spawn(
      process.execPath,
      [join(outDir, 'cli.js'), '--data', join(work, 'data'), '--web', webRoot],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const errors: string[] = [];
    child.stderr.on('data', (chunk) => errors.push(String(chunk)));
    try {
      const link = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout }).on('line', (line) => {
          if (line.startsWith('http://')) resolve(line);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${errors.join('')}`)));
      });
      const redeemed = await fetch(link, { redirect: 'manual' });
      expect(redeemed.status).toBe(303);
      const cookie = redeemed.headers.get('set-cookie')!.split(';')[0]!;
      const page = await fetch(new URL('/', link), { headers: { cookie } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(`<meta name="${bridgeMetaName}"`);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('loads at start only what start-up needs: no pdf-lib, TIFF, vCard or CSV code, no zod locale but English', async () => {
    // The files a module loads before it runs: itself and the chunks it imports statically.
    const staticGraph = async (entry: string) => {
      const seen = new Set<string>();
      const texts: string[] = [];
      const visit = async (name: string) => {
        if (seen.has(name)) return;
        seen.add(name);
        const text = await readFile(join(outDir, name), 'utf8');
        texts.push(text);
        for (const [, chunk] of text.matchAll(
          /^(?:import|export)\b[^;]*?(?:from )?"\.\/([^"]+)";/gms,
        ))
          await visit(chunk!);
      };
      await visit(entry);
      return { seen, loaded: texts.join('\n') };
    };
    // cli.js loads the host by a name made at run time (after turning the cache on).
    expect(await readFile(join(outDir, 'cli.js'), 'utf8')).toContain('"cli-main.js"');
    // Before the host listens: cli.js, cli-main.js and their static chunks. The core, the
    // bridge and their packages load after it (main/headless/host.ts, headless-server.ts).
    const beforeListening =
      (await staticGraph('cli.js')).loaded + (await staticGraph('cli-main.js')).loaded;
    for (const later of [
      'node_modules/zod/',
      'node_modules/axios/',
      'node_modules/ws/',
      'node_modules/libphonenumber-js/',
      'main/core/app.ts',
    ])
      expect(beforeListening, later).not.toContain(later);
    // The core's chunk, imported by the host once it listens, and what it imports statically.
    const coreChunks = [...beforeListening.matchAll(/import\("\.\/(chunk-[\w-]+\.js)"\)/g)].map(
      ([, chunk]) => chunk!,
    );
    const graphs = await Promise.all(coreChunks.map((chunk) => staticGraph(chunk)));
    const core = graphs.find(({ loaded }) => loaded.includes('main/core/app.ts'));
    expect(core, 'the core as a chunk of its own').toBeDefined();
    expect(core!.loaded).toContain('node_modules/zod/v4/locales/en.js');
    for (const lazy of [
      'node_modules/pdf-lib/',
      'node_modules/utif2/',
      'node_modules/ical.js/',
      'node_modules/csv-parse/',
      'node_modules/zod/v4/locales/ja.js',
      'main/core/compose/documents.ts',
      'main/core/outbox/transmission-report.ts',
    ])
      expect(core!.loaded, lazy).not.toContain(lazy);
    // They are built, as chunks loaded at first use.
    expect(core!.seen.size).toBeGreaterThan(1);
  });

  it("paints the first screen with React's production build, as the installed app does", async () => {
    // The host's own first screen (main/core/first-paint.ts): the development build renders it
    // several times slower, and only a start's NODE_ENV would have chosen it.
    const texts = await Promise.all(
      (await readdir(outDir))
        .filter((name) => name.endsWith('.js'))
        .map((name) => readFile(join(outDir, name), 'utf8')),
    );
    const bundled = texts.join('\n');
    expect(bundled).toMatch(
      /node_modules\/react-dom\/cjs\/react-dom-server[\w.-]*\.production\.js/,
    );
    expect(bundled).not.toContain('.development.js');
  });

  it('starts the demo service from its built entry, without tsx', async () => {
    const built = (await import(join(outDir, 'service-child.js'))) as {
      serviceEntry(): { entry: string; execArgv: string[] };
    };
    expect(built.serviceEntry()).toEqual({
      entry: join(outDir, 'service-process.js'),
      execArgv: [],
    });
  });
});
