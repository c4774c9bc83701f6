import { useEffect, useRef, useState } from 'react';
import { formatFaxNumber } from '../../../preload/fax-numbers';
import type { BridgeError } from '../../../preload/contract';
import type { OutboxRow } from '../../../preload/send-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { useI18n } from '../i18n/i18n';
import { FaxViewer } from '../viewer/FaxViewer';
import { statusText } from './status';

/** Which document the pane shows: the fax as sent, or its transmission report. */
type Shown = 'fax' | 'report';

/**
 * One sent (or waiting, or failed) fax: who it went to and how it went, in plain words, with
 * Cancel / Resend / Forward as its state allows, and the fax or its transmission report in
 * the viewer (a delivered or failed fax opens on its report, as a fax machine prints it).
 */
export function OutboxPane({
  row,
  country,
  upload,
  onClose,
  onForward,
  onDone,
}: {
  row: OutboxRow;
  country: string;
  upload: number | undefined;
  onClose: () => void;
  /** Forward: a new draft made from this fax's document. */
  onForward: (document: { name: string; bytes: Uint8Array }) => void;
  /** After Cancel or Resend: a short message for the shell. */
  onDone: (message: 'outbox.cancelled' | 'outbox.cancelling' | 'outbox.resent') => void;
}) {
  const kamifax = useKamifax();
  const { t, errorText, locale } = useI18n();
  const finished = row.status === 'delivered' || row.status === 'failed';
  const [shown, setShown] = useState<Shown>(finished ? 'report' : 'fax');
  // Each answer is kept with what it answers, so a stale one is never shown for a new choice.
  const want = `${shown}:${row.status}`;
  const [loaded, setLoaded] = useState<{
    for: string;
    document: { name: string; bytes: Uint8Array } | null;
    error: BridgeError | null;
  } | null>(null);
  const document = loaded?.for === want ? loaded.document : null;
  const [actionError, setError] = useState<BridgeError | null>(null);
  const cancelling = useRef(false);
  const error = actionError ?? (loaded?.for === want ? loaded.error : null);

  useEffect(() => {
    let live = true;
    const request =
      shown === 'report'
        ? kamifax.outbox.report({ id: row.id })
        : kamifax.outbox.document({ id: row.id });
    detach(
      'opening a sent fax',
      request.then((result) => {
        if (!live) return;
        setLoaded(
          result.ok
            ? { for: want, document: result.value, error: null }
            : { for: want, document: null, error: result.error },
        );
      }),
    );
    return () => {
      live = false;
    };
    // A new status (delivered, failed) brings a new report.
  }, [kamifax, row.id, shown, want]);

  const act = async (action: 'cancel' | 'resend') => {
    if (action === 'resend') {
      const result = await kamifax.outbox.resend({ id: row.id });
      return result.ok ? onDone('outbox.resent') : setError(result.error);
    }
    // One cancel at a time: a second press before the row comes back asks nothing more.
    if (cancelling.current) return;
    cancelling.current = true;
    try {
      const result = await kamifax.outbox.cancel({ id: row.id });
      if (!result.ok) return setError(result.error);
      // Asked for, not yet settled with the service: the row says Cancelling… until it is.
      onDone(result.value.cancelRequested ? 'outbox.cancelling' : 'outbox.cancelled');
    } finally {
      cancelling.current = false;
    }
  };
  const forward = async () => {
    const result = await kamifax.outbox.document({ id: row.id });
    if (result.ok) onForward(result.value);
    else setError(result.error);
  };

  const to = row.contactName
    ? `${row.contactName} (${formatFaxNumber(row.to, country)})`
    : formatFaxNumber(row.to, country);
  const when = (at: number) =>
    new Date(at).toLocaleString(locale === 'ja' ? 'ja-JP' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
  const pages = t('outbox.pages', { pages: row.pages });

  return (
    <div
      className="fax-pane outbox-pane"
      data-testid="outbox-pane"
      data-row-id={row.id}
      data-status={row.status}
    >
      <button type="button" className="link back" onClick={onClose}>
        ← {t('outbox.close')}
      </button>
      <header className="outbox-details">
        <h2>{row.subject || t('outbox.noSubject')}</h2>
        <p>
          {t('outbox.to', { to })} ·{' '}
          <span className={`status-chip status-${row.status}`} data-testid="pane-status">
            {statusText(row, t, upload)}
          </span>
        </p>
        <p className="muted">
          {t('outbox.detail', { pages, when: when(row.queuedAt) })}
          {row.finishedAt !== null && ` · ${t('outbox.finished', { when: when(row.finishedAt) })}`}
        </p>
        {row.status === 'failed' && (
          <p className="error" role="alert" data-testid="failure-explain">
            {t(`send.failure.${row.failureReason ?? 'other'}`)}
          </p>
        )}
        <div className="pane-actions" role="toolbar" aria-label={t('outbox.openFax')}>
          {row.canCancel && !row.cancelRequested && (
            <button type="button" onClick={() => detach('cancelling a fax', act('cancel'))}>
              {t('outbox.cancel')}
            </button>
          )}
          {row.canResend && (
            <button
              type="button"
              className="primary"
              onClick={() => detach('resending a fax', act('resend'))}
            >
              {t('outbox.resend')}
            </button>
          )}
          <button type="button" onClick={() => detach('forwarding a sent fax', forward())}>
            {t('outbox.forward')}
          </button>
          <button type="button" aria-pressed={shown === 'fax'} onClick={() => setShown('fax')}>
            {t('outbox.openFax')}
          </button>
          {finished && (
            <button
              type="button"
              aria-pressed={shown === 'report'}
              onClick={() => setShown('report')}
            >
              {t('outbox.openReport')}
            </button>
          )}
        </div>
      </header>
      {error && (
        <p role="alert" className="error">
          {errorText(error.code)}
        </p>
      )}
      {!document && !error && <p role="status">{t('outbox.opening')}</p>}
      {document && (
        <FaxViewer
          key={`${row.id}:${shown}`}
          documentBytes={document.bytes}
          documentKey={`${shown}:${row.id}`}
          fileName={document.name}
          onClose={onClose}
        />
      )}
    </div>
  );
}
