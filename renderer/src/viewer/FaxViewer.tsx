import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useHost } from '../app/host-context';
import { useKamifax } from '../app/KamifaxContext';
import { useI18n } from '../i18n/i18n';
import { DocumentView } from './DocumentView';
import type { FaxResolution } from './fax-resolution';
import type { ZoomMode } from './layout';
import { renderForPrint } from './print';
import { PrintPages } from './PrintPages';
import {
  loadRotation,
  saveRotation,
  type DocumentRotation,
  type KeyValueStore,
} from './rotation-memory';
import { memoryRotations, useAccountRotations } from './account-rotations';
import { useDocument } from './useDocument';
import { viewerNoticeText, type ViewerNotice } from './viewer-notice';
import { defaultDeadlines, type ViewerDeadlines } from './watchdog';
import './viewer.css';
import { detach } from '../app/detach';
import { rememberPane } from './page-ahead';
import type { PageAheadImage } from './usePageAhead';

/** What the viewer needs: the bytes, a key to remember rotation by, and optional actions. */
export interface FaxViewerProps {
  /** The PDF itself. The viewer never reads files or URLs: whoever opens the fax passes bytes. */
  documentBytes: Uint8Array;
  /** Stable identity of the document (fax id, or file name) for remembering its rotation. */
  documentKey: string;
  /** Suggested name when saving a copy. */
  fileName: string;
  onClose?: () => void;
  /** Shown as a Forward button when given. */
  onForward?: () => void;
  /** Shorter deadlines for tests. */
  deadlines?: Partial<ViewerDeadlines>;
  /**
   * Where rotation is remembered. By default the signed-in account's store in main (inside
   * the app's window), else only while the page lives; never the browser's storage unless
   * given here (the stand-alone viewer page).
   */
  rotationStore?: KeyValueStore;
  /**
   * Show the pages as the far end's machine prints them: 1-bit black and white at this fax
   * resolution (the Compose preview). Received faxes leave it out and render as they are.
   */
  faxResolution?: FaxResolution;
  /**
   * The inbox's reading pane: page 1 as rendered ahead (undefined while it is asked for, null
   * when there is none). Given, the viewer also remembers its pane's width for rendering ahead.
   */
  ahead?: { image: PageAheadImage | null | undefined };
}

/** Times a hung worker is replaced for one document before the viewer stops trying. */
const maxRestarts = 2;

/**
 * The fax viewer: opens PDF bytes with pdf.js in a worker of its own and shows them as a
 * continuous column with thumbnails, zoom, rotation, print, save and forward. Independent of
 * where the bytes came from (a local file now, the inbox later).
 */
export function FaxViewer(props: FaxViewerProps) {
  const { documentBytes, documentKey, fileName } = props;
  const kamifax = useKamifax();
  const host = useHost();
  const { t, errorText } = useI18n();
  const loadMs = props.deadlines?.loadMs ?? defaultDeadlines.loadMs;
  const renderMs = props.deadlines?.renderMs ?? defaultDeadlines.renderMs;
  const pingMs = props.deadlines?.pingMs ?? defaultDeadlines.pingMs;
  const accountRotations = useAccountRotations();
  const [pageRotations] = useState(memoryRotations);
  const store = props.rotationStore ?? accountRotations ?? pageRotations;
  const { state, restart, notifyPainted } = useDocument(documentBytes, loadMs);
  // Rotation belongs to a document key; a new key starts from what was remembered for it.
  const [turned, setTurned] = useState<{ key: string; rotation: DocumentRotation } | null>(null);
  const rotation =
    turned && turned.key === documentKey ? turned.rotation : loadRotation(store, documentKey);
  const [zoomMode, setZoomMode] = useState<ZoomMode>({ kind: 'fitWidth' });
  // What happened, not its words: a language switch re-translates the notice.
  const [notice, setNotice] = useState<ViewerNotice | null>(null);
  const [print, setPrint] = useState<{ done: number; urls: string[] | null } | null>(null);
  const [page, setPage] = useState(0);
  const restarts = useRef(0);
  const printAbort = useRef<AbortController | null>(null);

  useEffect(() => () => printAbort.current?.abort(), []);

  const changeRotation = (next: DocumentRotation) => {
    setTurned({ key: documentKey, rotation: next });
    saveRotation(store, documentKey, next);
  };
  const endPrint = useCallback(() => setPrint(null), []);

  const open = state.status === 'ready' ? state.open : null;
  // While pdf.js opens the document, page 1 rendered ahead lays out the column as the opened
  // document will (every page the size of page 1, as useDocument starts), so nothing moves.
  const aheadImage = props.ahead?.image ?? null;
  const provisional = useMemo(() => {
    if (!aheadImage) return null;
    const { pageCount, pageWidth, pageHeight, ownRotation } = aheadImage.meta;
    return {
      sizes: Array.from({ length: pageCount }, () => ({ width: pageWidth, height: pageHeight })),
      ownRotations: Array.from({ length: pageCount }, () => ownRotation),
    };
  }, [aheadImage]);
  const inReadingPane = props.ahead !== undefined;
  const onPaneWidth = useCallback(
    (width: number) => {
      if (inReadingPane) rememberPane(width, window.devicePixelRatio);
    },
    [inReadingPane],
  );
  const shown =
    state.status === 'ready'
      ? { pdf: state.pdf, sizes: state.sizes, ownRotations: state.ownRotations }
      : state.status === 'loading' && provisional
        ? { pdf: null, ...provisional }
        : null;
  const onPageTimeout = useCallback(
    (_pageNumber: number) => {
      if (!open) return;
      const probe = open.isAlive(pingMs).then((alive) => {
        if (alive || restarts.current >= maxRestarts) return;
        restarts.current += 1;
        restart();
      });
      detach('checking the PDF worker', probe);
    },
    [open, pingMs, restart],
  );

  const save = async () => {
    // The browser host saves through the browser, so the user chooses where it goes.
    if (host === 'headless') return downloadInBrowser(documentBytes, fileName);
    const result = await kamifax.files.savePdf({ suggestedName: fileName, bytes: documentBytes });
    if (!result.ok) setNotice({ kind: 'saveFailed', code: result.error.code });
    else if (result.value.path) setNotice({ kind: 'saved', path: result.value.path });
  };
  const showInFolder = async (path: string) => {
    const result = await kamifax.files.showInFolder({ path });
    if (!result.ok) setNotice({ kind: 'failed', code: result.error.code });
  };
  const startPrint = (rotations: readonly number[]) => {
    if (state.status !== 'ready' || print) return;
    const controller = new AbortController();
    printAbort.current = controller;
    setPrint({ done: 0, urls: null });
    renderForPrint(state.pdf, rotations, renderMs * 2, controller.signal, (done) =>
      setPrint({ done, urls: null }),
    ).then(
      (urls) => setPrint({ done: urls.length, urls }),
      () => {
        setPrint(null);
        if (!controller.signal.aborted) setNotice({ kind: 'printFailed' });
      },
    );
  };

  return (
    <section className="viewer" aria-label={t('viewer.title')} data-viewer-state={state.status}>
      {state.status === 'loading' && (
        <p className={shown ? 'visually-hidden' : 'viewer-status'} role="status">
          {t('viewer.loading')}
        </p>
      )}
      {state.status === 'failed' && (
        <div className="viewer-error" role="alert" data-error-reason={state.reason}>
          <h2>{t('viewer.error.title')}</h2>
          <p>{t(`viewer.error.${state.reason}`)}</p>
          {props.onClose && (
            <button type="button" onClick={props.onClose}>
              {t('viewer.close')}
            </button>
          )}
        </div>
      )}
      {shown && (
        <DocumentView
          onFirstPaint={notifyPainted}
          pdf={shown.pdf}
          ahead={aheadImage}
          onPaneWidth={onPaneWidth}
          sizes={shown.sizes}
          ownRotations={shown.ownRotations}
          rotation={rotation}
          onRotation={changeRotation}
          zoomMode={zoomMode}
          onZoomMode={setZoomMode}
          initialPage={page}
          onPageChange={setPage}
          renderMs={renderMs}
          onPageTimeout={onPageTimeout}
          onPrint={startPrint}
          printing={print !== null}
          onSave={() => detach('saving a copy', save())}
          onForward={props.onForward}
          onClose={props.onClose}
          faxResolution={props.faxResolution}
        />
      )}
      <div className="viewer-notice" role={notice && notice.kind !== 'saved' ? 'alert' : 'status'}>
        {print &&
          !print.urls &&
          t('viewer.print.preparing', {
            done: print.done,
            count: state.status === 'ready' ? state.sizes.length : 0,
          })}
        {notice && viewerNoticeText(notice, { t, errorText })}
        {notice?.kind === 'saved' && (
          <button
            type="button"
            onClick={() => detach('showing the file', showInFolder(notice.path))}
          >
            {t('viewer.showInFolder')}
          </button>
        )}
      </div>
      {print?.urls && <PrintPages urls={print.urls} onDone={endPrint} />}
    </section>
  );
}

/** Hands the bytes to the browser as a download (the browser host has no save dialog of ours). */
function downloadInBrowser(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
