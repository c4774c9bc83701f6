/** fontkit 2 ships no types; pdf-lib's Fontkit interface describes the part used here. */
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
