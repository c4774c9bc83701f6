import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ConvertOffice } from '../compose/documents';
import { OfficeConverter } from '../convert/office-converter';
import { paperForLocale } from '../convert/office-formats';
import type { Logger } from '../log/logger';
import type { EventBus } from '../rpc/event-bus';
import { MacRegistration, PdfServicesItem } from './pdf-services';
import { printerHandlers } from './printer-handlers';
import { PrinterService, type DraftSink } from './printer-service';
import { CupsRegistration, type PrinterRegistration } from './registration';
import { WindowsRegistration } from './windows-registration';

/** How a host wants printing set up (the composition root passes it through). */
export interface PrintingOptions {
  /** Start the IPP endpoint with the app (default: yes for the Electron host, no for the browser host). */
  startPrinter?: boolean;
  /** The endpoint's port (default 18631; tests pass 0). */
  port?: number;
  /** Registration with the system; `undefined` picks the platform's, `null` none. */
  registration?: PrinterRegistration | null;
  /** Path of uno-worker.py when the app is packaged (an extra resource). */
  officeWorkerScript?: string;
}

/** The converter and the printer, built together because a print job may need both. */
export interface Printing {
  converter: OfficeConverter;
  printer: PrinterService;
  /** For DraftService: Office files to PDF. */
  convertOffice: ConvertOffice;
  handlers: ReturnType<typeof printerHandlers>;
  start(): Promise<void>;
  dispose(): Promise<void>;
}

/** The desktop app's bundle id (electron-builder.yml `appId`). */
export const appId = 'org.kamifax.desktop';

/** Where uno-worker.py sits beside this module's folder in a source checkout. */
export function defaultWorkerScript(): string {
  return fileURLToPath(new URL('../convert/uno-worker.py', import.meta.url));
}

/** The Windows fallback's folder and port file (Microsoft Print to PDF writes jobs there). */
export function printInbox(dataDir: string): { folder: string; portFile: string } {
  const folder = join(dataDir, 'print-inbox');
  return { folder, portFile: join(folder, 'job.pdf') };
}

function platformRegistration(
  platform: NodeJS.Platform,
  dataDir: string,
  url: () => string,
): PrinterRegistration {
  if (platform === 'win32')
    return new WindowsRegistration({ url, spoolFile: printInbox(dataDir).portFile });
  const cups = new CupsRegistration({ url, platform, isRoot: process.getuid?.() === 0 });
  if (platform !== 'darwin') return cups;
  // electron-builder.yml's appId: `open -b` finds the installed app by it.
  return new MacRegistration(cups, new PdfServicesItem({ home: homedir(), bundleId: appId }));
}

/** Builds Office conversion and the Kamifax printer for the composition root. */
export function createPrinting(deps: {
  dataDir: string;
  locale: string;
  platform: NodeJS.Platform;
  log: Logger;
  events: EventBus;
  sink: () => DraftSink | null;
  options?: PrintingOptions;
}): Printing {
  const { dataDir, locale, log, events, options = {} } = deps;
  const converter = new OfficeConverter({
    log: log.child('convert'),
    locale,
    profileRoot: join(dataDir, 'libreoffice'),
    workerScript: options.officeWorkerScript ?? defaultWorkerScript(),
  });
  const registration =
    options.registration === undefined
      ? platformRegistration(deps.platform, dataDir, () => printer.server.url)
      : options.registration;
  // The registration's URL closure reads `printer` only when called, after this line ran.
  const printer: PrinterService = new PrinterService({
    log: log.child('printer'),
    events,
    port: options.port,
    paper: paperForLocale(locale),
    sink: deps.sink,
    registration,
    // Windows: the fallback's port folder is watched whichever way is registered (a job left
    // there while Kamifax was closed is taken at start).
    portFolder:
      registration instanceof WindowsRegistration
        ? {
            folder: printInbox(dataDir).folder,
            jobName: () => registration.jobName(),
          }
        : undefined,
  });
  return {
    converter,
    printer,
    convertOffice: (file, signal, onProgress) => converter.convert(file, signal, onProgress),
    handlers: printerHandlers(printer),
    async start() {
      if (options.startPrinter) await printer.start();
    },
    async dispose() {
      await printer.stop();
      await converter.dispose();
    },
  };
}
