/**
 * File shapes the contract tables share (contract.ts, send-contract.ts, privacy-contract.ts):
 * bytes, a named file handed to the renderer, where a save dialog put one, and "show it in
 * its folder". A leaf module: the half-contracts are imported by contract.ts, so they cannot
 * import these from it.
 */
import { z } from 'zod';

/** Document bytes. Electron's IPC clones them; the headless bridge encodes them (see bridge-codec). */
export const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'Expected bytes');

/** A file for the renderer: the browser host downloads it, the viewer opens it. */
export const namedFileSchema = z.object({ name: z.string(), bytes });

/** Where a save dialog (desktop host) wrote a file; null when the person cancelled. */
export const savedFileSchema = z.object({ path: z.string().nullable() });

/** Shows a saved file in the system's file manager. */
export const showInFolderChannel = {
  request: z.object({ path: z.string().max(4096) }).strict(),
  response: z.object({ shown: z.boolean() }),
} as const;
