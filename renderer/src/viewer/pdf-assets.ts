/**
 * Where pdf.js finds its data files (CMaps for Japanese text in non-embedded fonts, the
 * standard fonts, and the JBIG2/JPEG 2000 decoders). The build copies them next to the page
 * under `pdfjs/` (see `pdfjsAssets` in vite.web.config.ts), so they come from our own
 * origin in the browser and from `app://` in Electron: never from the network.
 */
export function pdfAssetOptions(): {
  cMapUrl: string;
  cMapPacked: boolean;
  standardFontDataUrl: string;
  wasmUrl: string;
} {
  const base = new URL('./pdfjs/', document.baseURI).href;
  return {
    cMapUrl: `${base}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${base}standard_fonts/`,
    wasmUrl: `${base}wasm/`,
  };
}
