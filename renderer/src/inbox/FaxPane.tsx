import { useEffect, useState } from 'react';
import type { BridgeError } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { useI18n } from '../i18n/i18n';
import { FaxViewer } from '../viewer/FaxViewer';

/** One open fax: its document fetched from main (cache or download), shown in the viewer. Key it by id. */
export function FaxPane({
  id,
  onClose,
  onForward,
}: {
  id: string;
  onClose: () => void;
  onForward: () => void;
}) {
  const kamifax = useKamifax();
  const { t, errorText } = useI18n();
  const [document, setDocument] = useState<{ name: string; bytes: Uint8Array } | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [progress, setProgress] = useState<{ loaded: number; total: number | null } | null>(null);

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
    void kamifax.inbox.document({ id }).then((result) => {
      if (!live) return;
      if (result.ok) setDocument(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [kamifax, id]);

  return (
    <div className="fax-pane" data-testid="fax-pane" data-fax-id={id}>
      <button type="button" className="link back" onClick={onClose}>
        ← {t('inbox.close')}
      </button>
      {error && (
        <p role="alert" className="error">
          {errorText(error.code)}
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
        <FaxViewer
          key={id}
          documentBytes={document.bytes}
          documentKey={id}
          fileName={document.name}
          onClose={onClose}
          onForward={onForward}
        />
      )}
    </div>
  );
}
