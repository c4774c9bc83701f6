import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

interface Chunk {
  type: 'chunk';
  fileName: string;
  name: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  moduleIds: string[];
}
interface Asset {
  type: 'asset';
  fileName: string;
  source: string | Uint8Array;
}
interface Output {
  output: Array<Chunk | Asset>;
}

/**
 * What the page must parse before the inbox can show its first row: the entry chunk of
 * index.html and everything it imports statically (the build preloads exactly these).
 */
function firstScript(chunks: Chunk[]): { files: string[]; modules: string[] } {
  const byFile = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const entry = chunks.find((chunk) => chunk.isEntry && chunk.name === 'index');
  if (!entry) throw new Error('no index entry in the build');
  const files = new Set<string>();
  const visit = (chunk: Chunk) => {
    if (files.has(chunk.fileName)) return;
    files.add(chunk.fileName);
    for (const file of chunk.imports) visit(byFile.get(file)!);
  };
  visit(entry);
  return {
    files: [...files],
    modules: [...files].flatMap((file) => byFile.get(file)!.moduleIds),
  };
}

describe('the renderer build: the inbox comes first, the rest later', () => {
  let chunks: Chunk[];
  let assets: Asset[];
  let first: { files: string[]; modules: string[] };

  beforeAll(async () => {
    const result = (await build({
      configFile: fileURLToPath(new URL('../../../vite.web.config.ts', import.meta.url)),
      build: { write: false },
      logLevel: 'warn',
    })) as Output | Output[];
    const outputs = Array.isArray(result) ? result : [result];
    chunks = outputs.flatMap((out) =>
      out.output.filter((item): item is Chunk => item.type === 'chunk'),
    );
    assets = outputs.flatMap((out) =>
      out.output.filter((item): item is Asset => item.type === 'asset'),
    );
    first = firstScript(chunks);
  });

  const text = (name: string) => {
    const asset = assets.find((item) => item.fileName === name);
    if (!asset) throw new Error(`no ${name} in the build`);
    return typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
  };

  const inFirst = (pattern: RegExp) => first.modules.filter((id) => pattern.test(id));

  it('keeps pdf.js, the viewer and the other screens out of the first script', () => {
    expect(inFirst(/node_modules\/pdfjs-dist\//)).toEqual([]);
    expect(inFirst(/renderer\/src\/viewer\/(FaxViewer|DocumentView|pdf-loader)\./)).toEqual([]);
    for (const screen of [
      /compose\/ComposeScreen\./,
      /outbox\/OutboxScreen\./,
      /contacts\/ContactsScreen\./,
      /screens\/SettingsScreen\./,
      /privacy\/PrivacyScreen\./,
      /account\/AccountScreen\./,
    ])
      expect(inFirst(screen)).toEqual([]);
    // The full phone-number metadata is for Compose and Contacts; the list needs the small one.
    expect(inFirst(/libphonenumber-js\/metadata\.max/)).toEqual([]);
    // The bridge needs the channel names only: zod and the schemas load with the screens.
    expect(inFirst(/node_modules\/zod\//)).toEqual([]);
    expect(inFirst(/preload\/(contract|send-contract|privacy-contract)\.ts$/)).toEqual([]);
  });

  it('has the shell and the inbox list in it, and the rest as chunks it can load', () => {
    expect(inFirst(/renderer\/src\/app\/Shell\.tsx$/)).toHaveLength(1);
    expect(inFirst(/renderer\/src\/inbox\/InboxList\.tsx$/)).toHaveLength(1);
    const later = chunks.filter((chunk) => !first.files.includes(chunk.fileName));
    const laterModules = later.flatMap((chunk) => chunk.moduleIds);
    expect(laterModules.some((id) => /node_modules\/pdfjs-dist\//.test(id))).toBe(true);
    expect(laterModules.some((id) => /compose\/ComposeScreen\./.test(id))).toBe(true);
  });

  // Chromium (156) uses V8's code cache for classic scripts only: a module script is compiled
  // afresh on every visit. React, the largest part of the first script, is therefore a classic
  // script that both pages run before their modules, and no module chunk holds a copy of it.
  const reactScript = (name: string | undefined) => {
    expect(name).toMatch(/^\.\/assets\/react-[\w-]{8}\.js$/);
    const script = text(name!.slice(2));
    expect(script).not.toMatch(/^\s*(import|export)\b/m);
    expect(script).toContain('createRoot');
    expect(script).toContain('useState');
  };

  it('runs React from one classic script before the modules, and no chunk has its own copy', () => {
    const react = /node_modules\/(react|react-dom|scheduler)\//;
    expect(chunks.flatMap((chunk) => chunk.moduleIds).filter((id) => react.test(id))).toEqual([]);
    // The viewer's page loads them itself, React's first.
    const viewer = text('viewer.html');
    const classic = /<script src="(\.\/assets\/react-[\w-]{8}\.js)" defer><\/script>/.exec(viewer);
    expect(classic).not.toBeNull();
    expect(viewer.indexOf('<script type="module"')).toBeGreaterThan(classic!.index);
    reactScript(classic![1]);
  });

  // The shell's page has one script, which starts React and then the modules once the host's
  // painted first screen has been presented (renderer/src/boot/after-first-paint.ts).
  it("starts the shell's scripts from one small deferred classic script", () => {
    const html = text('index.html');
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts).toHaveLength(1);
    expect(html).not.toContain('modulepreload');
    const boot =
      /^<script src="\.\/(assets\/boot-[\w-]{8}\.js)" defer data-classic="([^"]+)" data-module="([^"]+)" data-preload="([^"]*)">$/.exec(
        scripts[0]!,
      );
    expect(boot, scripts[0]).not.toBeNull();
    const [, bootFile, classic, entry, preload] = boot!;
    reactScript(classic);
    const entryChunk = chunks.find((chunk) => chunk.isEntry && chunk.name === 'index')!;
    expect(entry).toBe(`./${entryChunk.fileName}`);
    const imported = first.files.filter((file) => file !== entryChunk.fileName);
    expect(preload!.split(' ').sort()).toEqual(imported.map((file) => `./${file}`).sort());
    const bootScript = text(bootFile!);
    expect(bootScript).not.toMatch(/^\s*(import|export)\b/m);
    expect(bootScript.length).toBeLessThan(2000);
    expect(bootScript).toContain('first-contentful-paint');
  });
});
