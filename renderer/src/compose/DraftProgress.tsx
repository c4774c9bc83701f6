import { useEffect, useState } from 'react';
import type { EventOf } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { useI18n } from '../i18n/i18n';

type Progress = EventOf<'drafts:progress'>;

/**
 * What main is doing with this draft's documents (`drafts:progress`): checking each added file,
 * converting an Office file, building the fax for the preview or Send. Shown in place, with a
 * bar where main says how far it is; gone when main says `done`.
 */
export function DraftProgress({ draftId }: { draftId: string }) {
  const kamifax = useKamifax();
  const { t } = useI18n();
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(
    () =>
      kamifax.on('drafts:progress', (next) => {
        if (next.draftId === draftId) setProgress(next.stage === 'done' ? null : next);
      }),
    [kamifax, draftId],
  );

  if (!progress) return null;
  const percent = progress.fraction === null ? null : Math.round(progress.fraction * 100);
  const text =
    progress.stage === 'merging'
      ? t('compose.progress.merging', { done: progress.index, of: progress.of })
      : t(
          progress.stage === 'converting'
            ? 'compose.progress.converting'
            : 'compose.progress.checking',
          {
            name: progress.name ?? '',
            index: progress.index + 1,
            of: progress.of,
          },
        );
  return (
    <div role="status" className="adding" data-testid="draft-progress" data-stage={progress.stage}>
      {text}
      {percent !== null && (
        <progress
          max={100}
          value={percent}
          aria-label={t('compose.progress.percent', { percent })}
        />
      )}
    </div>
  );
}
