import { useEffect, useState } from 'react';
import type { PrinterStatus } from '../../../preload/printer-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';

/**
 * The Kamifax printer's state, kept current by `printer:changed`. The status bar shows
 * "Printer ready" from `ready`; Settings shows the rest.
 */
export function usePrinterStatus(): [PrinterStatus | null, (next: PrinterStatus) => void] {
  const kamifax = useKamifax();
  const [status, setStatus] = useState<PrinterStatus | null>(null);
  useEffect(() => {
    detach('reading the printer state', async () => {
      const result = await kamifax.printer.status();
      if (result.ok) setStatus(result.value);
    });
    return kamifax.on('printer:changed', setStatus);
  }, [kamifax]);
  return [status, setStatus];
}
