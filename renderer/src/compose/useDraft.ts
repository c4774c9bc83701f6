import { useCallback, useEffect, useRef, useState } from 'react';
import type { BridgeError } from '../../../preload/contract';
import type { Draft } from '../../../preload/send-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';

/** What Compose may change locally before main saves it. */
export type DraftEdit = Partial<Pick<Draft, 'recipients' | 'subject' | 'resolution'>> & {
  cover?: Partial<Draft['cover']>;
};

/** Whether the last edits reached main. */
export type SaveState = 'saved' | 'saving' | 'failed';

/** Typing is saved after this pause, and on leaving the screen. */
const saveDelayMs = 400;

/**
 * The open draft: loaded from main, edited locally at once (so typing never waits), saved
 * after a short pause. Document changes (add, move, remove) go to main straight away and
 * come back as the new draft. `revision` counts what changes the fax itself, for the preview.
 */
export function useDraft(id: string) {
  const kamifax = useKamifax();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [error, setError] = useState<BridgeError | null>(null);
  const [save, setSave] = useState<SaveState>('saved');
  const [revision, setRevision] = useState(0);
  const pending = useRef<DraftEdit>({});
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    let live = true;
    detach(
      'drafts:get',
      kamifax.drafts.get({ id }).then((result) => {
        if (!live) return;
        if (result.ok) setDraft(result.value);
        else setError(result.error);
      }),
    );
    return () => {
      live = false;
    };
  }, [kamifax, id]);

  const flush = useCallback(async () => {
    clearTimeout(timer.current);
    const patch = pending.current;
    if (Object.keys(patch).length === 0) return;
    pending.current = {};
    setSave('saving');
    const result = await kamifax.drafts.update({ id, ...patch });
    if (!result.ok) {
      setSave('failed');
      setError(result.error);
      return;
    }
    setError(null);
    // Keep what was typed since this save left; take main's pages and documents.
    setDraft((current) =>
      current ? { ...result.value, ...localOnly(current, pending.current) } : result.value,
    );
    setSave(Object.keys(pending.current).length > 0 ? 'saving' : 'saved');
    setRevision((r) => r + 1);
  }, [kamifax, id]);

  // Leaving the screen saves what was typed in the last moments.
  useEffect(
    () => () => {
      detach('saving the draft', flush());
    },
    [flush],
  );

  /** Applies an edit at once and saves it shortly. */
  const edit = useCallback(
    (change: DraftEdit) => {
      setDraft((current) => {
        if (!current) return current;
        return {
          ...current,
          ...change,
          cover: change.cover ? { ...current.cover, ...change.cover } : current.cover,
        };
      });
      const cover = change.cover
        ? { ...pending.current.cover, ...change.cover }
        : pending.current.cover;
      pending.current = { ...pending.current, ...change, ...(cover ? { cover } : {}) };
      setSave('saving');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => detach('saving the draft', flush()), saveDelayMs);
    },
    [flush],
  );

  /** Takes a draft main sent back after a document change. */
  const replace = useCallback((next: Draft) => {
    setDraft((current) => (current ? { ...next, ...localOnly(current, pending.current) } : next));
    setRevision((r) => r + 1);
  }, []);

  return { draft, error, save, revision, edit, replace, flush };
}

/** The fields still waiting to be saved, so a reply from main does not undo fresh typing. */
function localOnly(current: Draft, waiting: DraftEdit): Partial<Draft> {
  const out: Partial<Draft> = {};
  if (waiting.recipients) out.recipients = current.recipients;
  if (waiting.subject !== undefined) out.subject = current.subject;
  if (waiting.resolution) out.resolution = current.resolution;
  if (waiting.cover) out.cover = current.cover;
  return out;
}
