import { useState } from 'react';
import type { ErrorCode } from '../../../preload/contract';
import type { PrinterStatus } from '../../../preload/printer-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { useI18n } from '../i18n/i18n';
import { usePrinterStatus } from './usePrinterStatus';

function stateKey(status: PrinterStatus) {
  if (status.registration === 'unsupported') return 'printer.state.unsupported' as const;
  if (status.ready) return 'printer.state.ready' as const;
  if (status.registration === 'installed') return 'printer.state.stopped' as const;
  return status.registration === 'broken'
    ? ('printer.state.broken' as const)
    : ('printer.state.missing' as const);
}

/** Settings → Kamifax printer: its state, and Install, Repair, Remove. */
export function PrinterSettings() {
  const { t, errorText } = useI18n();
  const kamifax = useKamifax();
  const [status, setStatus] = usePrinterStatus();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  if (!status) return null;

  const act = (action: 'install' | 'repair' | 'remove') =>
    detach(`printer ${action}`, async () => {
      setBusy(true);
      setError(null);
      try {
        const result = await kamifax.printer[action]();
        if (result.ok) setStatus(result.value);
        else setError(result.error.code);
      } finally {
        setBusy(false);
      }
    });
  const canRegister = status.registration !== 'unsupported';

  return (
    <section aria-labelledby="printer-settings-title" data-testid="printer-settings">
      <h2 id="printer-settings-title">{t('printer.title')}</h2>
      <p className="muted">{t('printer.intro')}</p>
      <p>
        {t('printer.state')}:{' '}
        <strong data-printer-state={status.registration}>{t(stateKey(status))}</strong>
      </p>
      {status.endpoint === 'listening' && (
        <p className="muted">{t('printer.endpoint', { url: status.url })}</p>
      )}
      {status.way && status.registration !== 'missing' && (
        <p className="muted" data-printer-way={status.way}>
          {t(`printer.way.${status.way}`, { path: status.portFile ?? '' })}
        </p>
      )}
      <p className="muted">{t('printer.jobs', { count: status.jobsReceived })}</p>
      {canRegister && (
        <div className="button-row" aria-busy={busy}>
          {status.registration === 'missing' ? (
            <button type="button" disabled={busy} onClick={() => act('install')}>
              {t('printer.install')}
            </button>
          ) : (
            <>
              <button type="button" disabled={busy} onClick={() => act('repair')}>
                {t('printer.repair')}
              </button>
              <button type="button" disabled={busy} onClick={() => act('remove')}>
                {t('printer.remove')}
              </button>
            </>
          )}
          {busy && <span role="status">{t('printer.working')}</span>}
        </div>
      )}
      {canRegister && status.method === 'cups' && <p className="muted">{t('printer.admin')}</p>}
      {error && (
        <p role="alert" className="error">
          {errorText(error)}
        </p>
      )}
    </section>
  );
}
