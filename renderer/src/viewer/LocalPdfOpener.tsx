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
}

/**
 * "Open a PDF…": asks main for a file (Electron's open dialog); where the host has no dialog
 * (the browser host) it uses the browser's own file picker, opened at once when `autoOpen`.
 * Then shows the file in the viewer.
 */
export function LocalPdfOpener({
  onForward,
  onClose,
  autoOpen = false,
  deadlines,
}: {
  onForward?: () => void;
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
  const [problem, setProblem] = useState<{ tooLarge: true } | { failed: ErrorCode } | null>(null);

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
          {...(onForward ? { onForward } : {})}
          {...(deadlines ? { deadlines } : {})}
        />
      )}
    </div>
  );
}
