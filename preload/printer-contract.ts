/**
 * The printing half of the contract (issue 12): the Kamifax printer's state and its
 * registration with the system's print system, and the converter's error codes. Spread into
 * the tables of contract.ts, so there is still one contract. See main/core/printer/README.md.
 */
import { z } from 'zod';

/** The printer as Settings and the status bar show it. */
export const printerStatusSchema = z.object({
  /** The app's IPP endpoint on 127.0.0.1. */
  endpoint: z.enum(['listening', 'stopped', 'failed']),
  port: z.number().int(),
  url: z.string(),
  /** Whether the system's print system has a "Kamifax" printer pointing at the endpoint. */
  registration: z.enum(['installed', 'missing', 'broken', 'unsupported']),
  /** How the platform registers it: CUPS, Windows PowerShell, or not at all (browser host). */
  method: z.enum(['cups', 'windows', 'none']),
  /**
   * Which way the printer was added, once it is: a driverless CUPS queue, the Windows IPP class
   * driver, or the Windows fallback (Microsoft Print to PDF on a file port Kamifax watches).
   */
  way: z.enum(['cups-everywhere', 'ipp-class-driver', 'print-to-pdf-port']).nullable(),
  /** The fallback's port file (jobs are picked up from it), else null. */
  portFile: z.string().nullable(),
  /** Both receiving and installed: the status bar says "Printer ready". */
  ready: z.boolean(),
  /** Jobs received since the app started. */
  jobsReceived: z.number().int(),
  /** A short technical note when something is wrong (logs and the Details line). */
  detail: z.string().nullable(),
});

const empty = z.object({}).strict();

/** The printer channels; spread into `channels` in contract.ts. */
export const printerChannels = {
  'printer:status': { request: empty, response: printerStatusSchema },
  'printer:install': { request: empty, response: printerStatusSchema },
  'printer:repair': { request: empty, response: printerStatusSchema },
  'printer:remove': { request: empty, response: printerStatusSchema },
} as const;

/** The printer events; spread into `events` in contract.ts. */
export const printerEvents = {
  /** The printer's state changed (installed, removed, endpoint up or down, a job arrived). */
  'printer:changed': printerStatusSchema,
} as const;

/** Printing and conversion error codes; spread into `errorCodes` in contract.ts. */
export const printerErrorCodes = [
  'office_missing',
  'conversion_timeout',
  'printer_admin_refused',
  'printer_register_failed',
] as const;

/** The printer's state. */
export type PrinterStatus = z.output<typeof printerStatusSchema>;
