import { useEffect, useState } from 'react';
import type { BridgeError, ResponseOf } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { useI18n } from '../i18n/i18n';
import { roundedMinutes, sentPagesBudget } from '../viewer/fax-resolution';
import { FaxViewer } from '../viewer/FaxViewer';
import { useWarmPdfWorker } from '../viewer/useDocument';

/** The merged fax as main would send it now. */
export type Preview = ResponseOf<'drafts:preview'>;

/** Edits settle for this long before the fax is merged again for the preview. */
const previewDelayMs = 500;

/**
 * The right-hand side of Compose: the fax exactly as it would go (main merges it), drawn the
 * way the far end prints it (1-bit at the chosen fax resolution) in the ordinary viewer, with
 * the page count, the time on the line and what it uses of the plan's sent pages.
 * `revision` changes whenever the fax itself may have changed.
 */
export function FaxPreview({
  draftId,
  revision,
  pages,
  onPreview,
}: {
  draftId: string;
  revision: number;
  /** The draft's page count: nothing to preview while it is 0. */
  pages: number;
  onPreview: (preview: Preview | null) => void;
}) {
  const kamifax = useKamifax();
  // Each new preview opens in a pdf.js worker already loaded.
  useWarmPdfWorker();
  const { t, errorText } = useI18n();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  // The revision the preview on screen was merged for; older means a new one is coming.
  const [shownRevision, setShownRevision] = useState(-1);
  const loading = shownRevision !== revision;

  useEffect(() => {
    if (pages === 0) return;
    let live = true;
    const timer = setTimeout(
      () =>
        detach(
          'drafts:preview',
          kamifax.drafts.preview({ id: draftId }).then((result) => {
            if (!live) return;
            setShownRevision(revision);
            if (result.ok) {
              setError(null);
              setPreview(result.value);
              onPreview(result.value);
            } else setError(result.error);
          }),
        ),
      previewDelayMs,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kamifax, draftId, revision, pages, onPreview]);

  if (pages === 0)
    return (
      <aside className="fax-preview empty" aria-label={t('preview.title')}>
        <p className="muted">{t('preview.empty')}</p>
      </aside>
    );

  const budget = preview ? sentPagesBudget(preview.quota.needed, preview.quota) : null;
  const pageText = preview
    ? preview.pages === 1
      ? t('preview.pages.one')
      : t('preview.pages.other', { count: preview.pages })
    : '';

  return (
    <aside
      className="fax-preview"
      aria-label={t('preview.title')}
      aria-busy={loading}
      data-preview-pages={preview?.pages}
      data-preview-resolution={preview?.resolution}
    >
      {preview && (
        <p className="preview-summary" data-testid="preview-summary">
          {[
            pageText,
            t('preview.minutes', { minutes: roundedMinutes(preview.lineSeconds) }),
            budget?.remaining === null || !budget
              ? t('preview.unlimited')
              : t('preview.remaining', {
                  needed: preview.quota.needed,
                  remaining: budget.remaining,
                }),
          ].join(' · ')}
        </p>
      )}
      {preview && (preview.quota.over || budget?.over) && (
        <p className="warning over" role="alert" data-testid="preview-over">
          {t('preview.over', { needed: preview.quota.needed, remaining: budget?.remaining ?? 0 })}
        </p>
      )}
      {preview && !preview.quota.over && budget?.near && (
        <p className="warning" role="status">
          {t('preview.near', { after: budget.after ?? 0 })}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {t('preview.failed', { reason: errorText(error.code) })}
        </p>
      )}
      {!preview && !error && (
        <p className="muted" role="status">
          {t('preview.loading')}
        </p>
      )}
      {preview && (
        <>
          <p className="muted preview-explain">
            {t('preview.explain', { resolution: t(`compose.resolution.${preview.resolution}`) })}
          </p>
          <FaxViewer
            documentBytes={preview.bytes}
            documentKey={`draft-preview:${draftId}`}
            fileName="fax-preview.pdf"
            faxResolution={preview.resolution}
          />
        </>
      )}
    </aside>
  );
}
