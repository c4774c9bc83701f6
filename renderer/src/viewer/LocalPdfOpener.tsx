import { useEffect, useId, useRef, useState } from 'react';
import { maxDocumentBytes, type ErrorCode } from '../../../preload/contract';
import { useHost } from '../app/host-context';
import { useKamifax } from '../app/KamifaxContext';
import { useI18n } from '../i18n/i18n';
import { FaxViewer } from './FaxViewer';
import type { ViewerDeadlines } from './watchdog';
import { detach } from '../app/detach';

interface OpenFile {
  name: string;
  bytes: Uint8Array;
  /** Main's handle on a file its dialog opened (Electron); Forward passes it, not the bytes. */
  openedId?: string | undefined;
}

/**
 * "Open a PDF…": asks main for a file (Electron's open dialog); where the host has no dialog
 * (the browser host) it uses the browser's own file picker, opened at once when `autoOpen`.
 * Then shows the file in the viewer. Forward makes a draft holding the file (main reads again
 * the file its dialog opened; a file the page picked itself goes as bytes) and hands its id on.
 */
export function LocalPdfOpener({
  onForward,
  onClose,
  autoOpen = false,
  deadlines,
}: {
  /** Forward: the new draft holding the opened file, for Compose. */
  onForward?: (draftId: string) => void;
  /** Closing the opened file or the opener. */
  onClose?: () => void;
  /** Open the picker as soon as this shows (it was shown by a click on "Open a PDF"). */
  autoOpen?: boolean;
  /** Shorter deadlines for tests. */
  deadlines?: Partial<ViewerDeadlines>;
}) {
  const kamifax = useKamifax();
  const host = useHost();
  const { t, errorText } = useI18n();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<OpenFile | null>(null);
  const [useInput, setUseInput] = useState(host === 'headless');
  // Kept as what went wrong, translated when drawn (a language switch re-translates it).
  const [problem, setProblem] = useState<
    { tooLarge: true } | { failed: ErrorCode } | { forwardFailed: ErrorCode } | null
  >(null);
  const forwarding = useRef(false);

  const openWithDialog = async () => {
    setProblem(null);
    if (host === 'headless') return input.current?.click();
    const result = await kamifax.files.openPdf();
    if (result.ok) {
      if (result.value.file) setFile(result.value.file);
    } else if (result.error.code === 'unsupported_on_host') setUseInput(true);
    else setProblem({ failed: result.error.code });
  };
  const openFromInput = async (picked: File | undefined) => {
    if (!picked) return;
    setProblem(null);
    if (picked.size > maxDocumentBytes) return setProblem({ tooLarge: true });
    try {
      setFile({ name: picked.name, bytes: new Uint8Array(await picked.arrayBuffer()) });
    } catch {
      setProblem({ failed: 'file_unreadable' });
    }
  };

  const forward = async (opened: OpenFile, done: (draftId: string) => void) => {
    if (forwarding.current) return;
    forwarding.current = true;
    setProblem(null);
    try {
      const result = await kamifax.drafts.create(
        opened.openedId
          ? { openedFileId: opened.openedId }
          : { files: [{ name: opened.name, bytes: opened.bytes }] },
      );
      if (result.ok) done(result.value.id);
      else setProblem({ forwardFailed: result.error.code });
    } finally {
      forwarding.current = false;
    }
  };

  const opened = useRef(false);
  useEffect(() => {
    if (!autoOpen || opened.current) return;
    opened.current = true;
    detach('opening a PDF', openWithDialog());
    // Once, on the click that showed this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [autoOpen]);

  return (
    <div className="local-pdf">
      <div className="viewer-opener">
        <button type="button" onClick={() => detach('opening a PDF', openWithDialog())}>
          {t('viewer.open.button')}
        </button>
        {useInput && (
          <span className="viewer-opener-input">
            <label htmlFor={inputId}>{t('viewer.open.choose')}</label>{' '}
            <input
              ref={input}
              id={inputId}
              type="file"
              accept="application/pdf,.pdf"
              onChange={(event) => {
                detach('opening a PDF', openFromInput(event.target.files?.[0]));
                event.target.value = '';
              }}
            />
          </span>
        )}
        {!file && <span className="muted">{t('viewer.open.hint')}</span>}
        {problem && (
          <span role="alert">
            {'failed' in problem
              ? t('viewer.open.failed', { reason: errorText(problem.failed) })
              : 'forwardFailed' in problem
                ? t('viewer.forwardFailed', { reason: errorText(problem.forwardFailed) })
                : t('viewer.open.tooLarge')}
          </span>
        )}
      </div>
      {file && (
        <FaxViewer
          key={`${file.name}:${file.bytes.byteLength}`}
          documentBytes={file.bytes}
          documentKey={`file:${file.name}:${file.bytes.byteLength}`}
          fileName={file.name}
          onClose={() => (onClose ? onClose() : setFile(null))}
          {...(onForward
            ? { onForward: () => detach('forwarding a PDF', forward(file, onForward)) }
            : {})}
          {...(deadlines ? { deadlines } : {})}
        />
      )}
    </div>
  );
}
