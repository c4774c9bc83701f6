import { useCallback, useId, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { DraftDocument } from '../../../preload/send-contract';
import { useI18n } from '../i18n/i18n';
import { DocumentThumbnail } from './DocumentThumbnail';

/** The drag type of a document being reordered (so a file drop is never mistaken for one). */
const documentDragType = 'application/x-kamifax-document';

/**
 * The draft's documents as a row of thumbnails with page counts: drag one onto another to
 * reorder, or focus it and press Alt+Left/Alt+Right; Delete or × removes it.
 */
export function DocumentStrip({
  draftId,
  documents,
  onMove,
  onRemove,
}: {
  draftId: string;
  documents: readonly DraftDocument[];
  onMove: (documentId: string, toIndex: number) => void;
  onRemove: (documentId: string) => void;
}) {
  const { t } = useI18n();
  const helpId = useId();
  const [dragging, setDragging] = useState<string | null>(null);
  const [over, setOver] = useState<number | null>(null);
  const items = useRef(new Map<string, HTMLLIElement>());
  // After a keyboard move the list re-renders; focus follows the moved document.
  const refocus = useRef<string | null>(null);
  // Thumbnails are drawn one after another, so ten documents never start ten workers at once.
  const queue = useRef<Promise<void>>(Promise.resolve());
  const schedule = useCallback((work: () => Promise<void>) => {
    const next = queue.current.then(work);
    queue.current = next;
    return next;
  }, []);

  const pagesText = (pages: number) =>
    pages === 1
      ? t('compose.documentPages.one')
      : t('compose.documentPages.other', { count: pages });

  const move = (document: DraftDocument, toIndex: number) => {
    if (toIndex < 0 || toIndex >= documents.length) return;
    refocus.current = document.id;
    onMove(document.id, toIndex);
  };

  const onKeyDown = (event: KeyboardEvent, document: DraftDocument, index: number) => {
    if (event.target !== event.currentTarget) return;
    const step = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -1, ArrowDown: 1 }[event.key];
    if (step !== undefined && event.altKey) {
      event.preventDefault();
      move(document, index + step);
    } else if (step !== undefined) {
      event.preventDefault();
      const next = documents[index + step];
      if (next) items.current.get(next.id)?.focus();
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      const neighbour = documents[index + 1] ?? documents[index - 1];
      refocus.current = neighbour?.id ?? null;
      onRemove(document.id);
    }
  };

  const onDrop = (event: DragEvent, index: number) => {
    const id = event.dataTransfer.getData(documentDragType);
    setOver(null);
    setDragging(null);
    if (!id) return;
    event.preventDefault();
    event.stopPropagation();
    const document = documents.find((entry) => entry.id === id);
    if (document) onMove(document.id, index);
  };

  if (documents.length === 0) return <p className="muted">{t('compose.noDocuments')}</p>;

  return (
    <>
      <p id={helpId} className="visually-hidden">
        {t('compose.documentsHelp')}
      </p>
      <ol className="document-strip" aria-label={t('compose.documents')} aria-describedby={helpId}>
        {documents.map((document, index) => {
          const pages = pagesText(document.pages);
          return (
            <li
              key={document.id}
              ref={(element) => {
                if (element) {
                  items.current.set(document.id, element);
                  if (refocus.current === document.id) {
                    refocus.current = null;
                    element.focus();
                  }
                } else items.current.delete(document.id);
              }}
              className={`document${dragging === document.id ? ' dragging' : ''}${over === index ? ' drop-target' : ''}`}
              tabIndex={0}
              draggable
              data-document-id={document.id}
              aria-label={t('compose.documentLabel', {
                name: document.name,
                pages,
                position: index + 1,
                count: documents.length,
              })}
              onKeyDown={(event) => onKeyDown(event, document, index)}
              onDragStart={(event) => {
                event.dataTransfer.setData(documentDragType, document.id);
                event.dataTransfer.effectAllowed = 'move';
                setDragging(document.id);
              }}
              onDragEnd={() => {
                setDragging(null);
                setOver(null);
              }}
              onDragOver={(event) => {
                if (!event.dataTransfer.types.includes(documentDragType)) return;
                event.preventDefault();
                event.stopPropagation();
                setOver(index);
              }}
              onDrop={(event) => onDrop(event, index)}
            >
              <DocumentThumbnail draftId={draftId} documentId={document.id} schedule={schedule} />
              <span className="document-name" title={document.name}>
                {document.name}
              </span>
              <span className="document-pages muted">{pages}</span>
              <span className="document-actions">
                <button
                  type="button"
                  tabIndex={-1}
                  aria-label={t('compose.moveLeft', { name: document.name })}
                  disabled={index === 0}
                  onClick={() => move(document, index - 1)}
                >
                  ‹
                </button>
                <button
                  type="button"
                  tabIndex={-1}
                  aria-label={t('compose.moveRight', { name: document.name })}
                  disabled={index === documents.length - 1}
                  onClick={() => move(document, index + 1)}
                >
                  ›
                </button>
                <button
                  type="button"
                  className="document-remove"
                  aria-label={t('compose.removeDocument', { name: document.name })}
                  onClick={() => onRemove(document.id)}
                >
                  ×
                </button>
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
