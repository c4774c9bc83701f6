import { Printer } from 'lucide-react';
import { useI18n } from '../i18n/i18n';
import { usePrinterStatus } from './usePrinterStatus';

/** "Printer ready" for the status bar (pass it as StatusBar's `extra`); nothing where printing is unavailable. */
export function PrinterStatusBadge() {
  const { t } = useI18n();
  const [status] = usePrinterStatus();
  if (!status || status.registration === 'unsupported') return null;
  return (
    <span className="status-printer" data-printer-ready={status.ready}>
      <Printer size={14} aria-hidden="true" />{' '}
      {t(status.ready ? 'printer.status.ready' : 'printer.status.notReady')}
    </span>
  );
}
