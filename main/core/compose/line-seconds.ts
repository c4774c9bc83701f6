/**
 * Seconds on the line for one recipient: about 14 s a page at 14.4 kbit/s plus the call set-up.
 * (Apart from merge.ts, so the draft service needs no pdf-lib to say it.)
 */
export function lineSeconds(pages: number, resolution: 'fine' | 'standard'): number {
  return Math.round(15 + pages * (resolution === 'fine' ? 14 : 8));
}
