import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { BridgeError, FaxSummary } from '../../../preload/contract';
import { detach } from '../app/detach';
import { useKamifax } from '../app/KamifaxContext';
import { useI18n } from '../i18n/i18n';
import { FaxViewer } from '../app/lazy-screens';
import { LazyBoundary } from '../app/lazy';
import { usePageAheadImage } from '../viewer/usePageAhead';
import { FaxDetails } from './FaxDetails';
import { useUiPrefs } from './ui-prefs';
import type { FaxAction } from './useFaxActions';

/** Errors that mean "not here and the service cannot be reached": retried when back online. */
const offlineCodes = new Set(['offline', 'service_unreachable', 'host_unavailable']);

/**
 * One open fax in the reading pane (or full-window): its details and actions above the
 * viewer. J/K open the next/previous fax, so do ↑/↓ at the top or bottom of the pages;
 * Escape returns to the list. Key it by fax id.
 */
export const FaxPane = memo(function FaxPane({
  id,
  mode,
  summary,
  focusPage,
  fullWindow,
  onFullWindow,
  onClose,
  onStep,
  onForward,
  onAction,
}: {
  id: string;
  mode: 'inbox' | 'trash';
  summary: FaxSummary | undefined;
  /** Increases when the page should take focus (Enter, click). */
  focusPage: number;
  fullWindow: boolean;
  onFullWindow: (full: boolean) => void;
  onClose: () => void;
  onStep: (delta: 1 | -1, withFocus: boolean) => void;
  onForward: () => void;
  onAction: (action: FaxAction, fax: FaxSummary) => void;
}) {
  const kamifax = useKamifax();
  const { t, errorText } = useI18n();
  const [prefs] = useUiPrefs();
  const root = useRef<HTMLDivElement>(null);
  const [fax, setFax] = useState<FaxSummary | null>(summary ?? null);
  const [document, setDocument] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [progress, setProgress] = useState<{ loaded: number; total: number | null } | null>(null);
  const offline = error !== null && offlineCodes.has(error.code);
  // Page 1 rendered ahead (prefetched unread faxes), asked for beside the document.
  const ahead = usePageAheadImage(id);

  useEffect(() => {
    if (summary) return;
    let live = true;
    detach('load the fax', async () => {
      const result = await kamifax.inbox.get({ id });
      if (live && result.ok) setFax(result.value);
    });
    return () => {
      live = false;
    };
  }, [kamifax, id, summary]);

  useEffect(
    () =>
      kamifax.on('inbox:downloadProgress', (event) => {
        if (event.id === id) setProgress({ loaded: event.loaded, total: event.total });
      }),
    [kamifax, id],
  );

  useEffect(() => {
    // The parent keys this pane by fax id, so state starts fresh for each fax.
    let live = true;
    detach('open the fax', async () => {
      const result = await kamifax.inbox.document({ id });
      if (!live) return;
      if (result.ok) {
        setError(null);
        setDocument(result.value);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [kamifax, id, attempt]);

  // Not cached and not reachable: try again by itself when the service is back.
  useEffect(() => {
    if (!offline) return;
    return kamifax.on('inbox:changed', (status) => {
      if (status.connection === 'online') setAttempt((n) => n + 1);
    });
  }, [kamifax, offline]);

  // After Enter the page has focus, so PageDown, End, + and − work at once.
  useEffect(() => {
    if (focusPage === 0 || !document) return;
    const element = root.current;
    if (!element) return;
    const focus = () => {
      const page = element.querySelector<HTMLElement>('.viewer-pane');
      if (page) page.focus();
      return page !== null;
    };
    if (focus()) return;
    const observer = new MutationObserver(() => {
      if (focus()) observer.disconnect();
    });
    observer.observe(element, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [focusPage, document]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea')) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const page = target.closest<HTMLElement>('.viewer-pane');
    const atTop = page ? page.scrollTop <= 0 : false;
    const atEnd = page ? page.scrollTop + page.clientHeight >= page.scrollHeight - 1 : false;
    if (event.key === 'Escape') {
      if (fullWindow) onFullWindow(false);
      onClose();
    } else if (event.key === 'j' || (event.key === 'ArrowDown' && atEnd)) onStep(1, true);
    else if (event.key === 'k' || (event.key === 'ArrowUp' && atTop)) onStep(-1, true);
    else return;
    event.preventDefault();
  };

  return (
    <div
      ref={root}
      className={prefs.darkenPages ? 'fax-pane darken-pages' : 'fax-pane'}
      data-testid="fax-pane"
      data-fax-id={id}
      onKeyDown={onKeyDown}
    >
      {fax && (
        <FaxDetails
          fax={fax}
          mode={mode}
          fullWindow={fullWindow}
          onFullWindow={onFullWindow}
          onClose={onClose}
          onStep={(delta) => onStep(delta, true)}
          onForward={onForward}
          onAction={(action) => onAction(action, fax)}
        />
      )}
      {error && (
        <p role={offline ? 'status' : 'alert'} className={offline ? 'muted' : 'error'}>
          {offline ? t('inbox.notOffline') : errorText(error.code)}
        </p>
      )}
      {!document && !error && (
        <p role="status">
          {t('inbox.opening')}
          {progress?.total ? ` ${Math.round((progress.loaded / progress.total) * 100)}%` : ''}
        </p>
      )}
      {!document && !error && progress?.total ? (
        <progress max={progress.total} value={progress.loaded} aria-label={t('inbox.opening')} />
      ) : null}
      {document && (
        // Its own boundary: while the viewer's code loads (a fax opened before it was fetched
        // ahead) only the pane waits; the list stays shown and keeps the focus for J and K.
        <LazyBoundary resetKey={id} fallback={<p role="status">{t('inbox.opening')}</p>}>
          <FaxViewer
            key={id}
            documentBytes={document.bytes}
            documentKey={id}
            fileName={document.name}
            ahead={{ image: ahead }}
          />
        </LazyBoundary>
      )}
    </div>
  );
});
