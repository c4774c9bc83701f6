import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const regular = '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf';
const bold = '@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf';

/**
 * Noto Sans JP (SIL OFL), the one font of cover pages and text documents: it has Latin and
 * Japanese glyphs, and pdf-lib embeds only the glyphs used, so a page stays small. Read once
 * per process on first use.
 */
export class FontSource {
  private readonly loaded = new Map<'regular' | 'bold', Promise<Uint8Array>>();

  constructor(
    private readonly resolve: (id: string) => string = createRequire(import.meta.url).resolve,
  ) {}

  /** The TrueType bytes of a weight. */
  bytes(weight: 'regular' | 'bold' = 'regular'): Promise<Uint8Array> {
    let pending = this.loaded.get(weight);
    if (!pending) {
      pending = readFile(this.resolve(weight === 'bold' ? bold : regular));
      this.loaded.set(weight, pending);
    }
    return pending;
  }
}
