import { useId, useState } from 'react';
import { maxDocumentBytes } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { useI18n } from '../i18n/i18n';
import { FaxViewer } from './FaxViewer';
import type { ViewerDeadlines } from './watchdog';

interface OpenFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * "Open a PDF…": asks main for a file (Electron's open dialog); where the host has no dialog
 * (`unsupported_on_host`, the headless host) it offers the browser's own file input instead.
 * Then shows the file in the viewer.
 */
export function LocalPdfOpener({
  onForward,
  deadlines,
}: {
  onForward?: () => void;
  /** Shorter deadlines for tests. */
  deadlines?: Partial<ViewerDeadlines>;
}) {
  const kamifax = useKamifax();
  const { t, errorText } = useI18n();
  const inputId = useId();
  const [file, setFile] = useState<OpenFile | null>(null);
  const [useInput, setUseInput] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const openWithDialog = async () => {
    setProblem(null);
    const result = await kamifax.files.openPdf();
    if (result.ok) {
      if (result.value.file) setFile(result.value.file);
    } else if (result.error.code === 'unsupported_on_host') setUseInput(true);
    else setProblem(t('viewer.open.failed', { reason: errorText(result.error.code) }));
  };
  const openFromInput = async (picked: File | undefined) => {
    if (!picked) return;
    setProblem(null);
    if (picked.size > maxDocumentBytes) return setProblem(t('viewer.open.tooLarge'));
    try {
      setFile({ name: picked.name, bytes: new Uint8Array(await picked.arrayBuffer()) });
    } catch {
      setProblem(t('viewer.open.failed', { reason: errorText('file_unreadable') }));
    }
  };

  return (
    <div>
      <div className="viewer-opener">
        <button type="button" onClick={() => void openWithDialog()}>
          {t('viewer.open.button')}
        </button>
        {useInput && (
          <span className="viewer-opener-input">
            <label htmlFor={inputId}>{t('viewer.open.choose')}</label>{' '}
            <input
              id={inputId}
              type="file"
              accept="application/pdf,.pdf"
              onChange={(event) => {
                void openFromInput(event.target.files?.[0]);
                event.target.value = '';
              }}
            />
          </span>
        )}
        {!file && <span className="muted">{t('viewer.open.hint')}</span>}
        {problem && <span role="alert">{problem}</span>}
      </div>
      {file && (
        <FaxViewer
          key={`${file.name}:${file.bytes.byteLength}`}
          documentBytes={file.bytes}
          documentKey={`file:${file.name}:${file.bytes.byteLength}`}
          fileName={file.name}
          onClose={() => setFile(null)}
          {...(onForward ? { onForward } : {})}
          {...(deadlines ? { deadlines } : {})}
        />
      )}
    </div>
  );
}
