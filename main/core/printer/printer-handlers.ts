import type { Handlers } from '../rpc/router';
import type { PrinterService } from './printer-service';

/** The `printer:*` channels: state, install, repair, remove (Settings → Printer). */
export function printerHandlers(
  printer: PrinterService,
): Pick<Handlers, 'printer:status' | 'printer:install' | 'printer:repair' | 'printer:remove'> {
  return {
    'printer:status': () => printer.status(),
    'printer:install': () => printer.install(),
    'printer:repair': () => printer.repair(),
    'printer:remove': () => printer.remove(),
  };
}
