import { useCallback, useEffect, useState } from 'react';
import type { ErrorCode } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';

/** The screens this routing moves between. */
type Target = 'compose' | 'outbox';

/**
 * Which draft Compose shows, kept by the shell so leaving Compose and coming back finds the
 * same draft. Forward (from the inbox, the viewer or Sent), the Drafts list and main's
 * `compose:open` (the printer, "Open with") all come through here.
 */
export function useComposeRouting(
  onScreen: (screen: Target) => void,
  onError: (code: ErrorCode) => void,
) {
  const kamifax = useKamifax();
  const [draftId, setDraftId] = useState<string | null>(null);
  // The person asked for a new fax (Ctrl+N, New fax): Compose puts the focus in To, once.
  const [focusRecipient, setFocusRecipient] = useState(false);

  const openDraft = useCallback(
    (id: string) => {
      setDraftId(id);
      // A draft opened from elsewhere (a printed job in the background) takes no focus.
      setFocusRecipient(false);
      onScreen('compose');
    },
    [onScreen],
  );

  const startNew = useCallback(() => {
    setDraftId(null);
    setFocusRecipient(true);
    onScreen('compose');
  }, [onScreen]);

  useEffect(
    () => kamifax.on('compose:open', ({ draftId: id }) => openDraft(id)),
    [kamifax, openDraft],
  );

  /** A new draft that forwards a received fax (its document attached). */
  const forwardFax = useCallback(
    async (faxId: string) => {
      const result = await kamifax.drafts.create({ forwardFaxId: faxId });
      if (result.ok) openDraft(result.value.id);
      else onError(result.error.code);
    },
    [kamifax, openDraft, onError],
  );

  /** A new draft with a document attached (forwarding a sent fax or a local PDF). */
  const forwardDocument = useCallback(
    async (document: { name: string; bytes: Uint8Array }) => {
      const created = await kamifax.drafts.create({});
      if (!created.ok) return onError(created.error.code);
      const added = await kamifax.drafts.addFiles({ id: created.value.id, files: [document] });
      if (!added.ok) onError(added.error.code);
      openDraft(created.value.id);
    },
    [kamifax, openDraft, onError],
  );

  return {
    /** The draft Compose shows; null makes Compose start a new one. */
    draftId,
    setDraftId,
    openDraft,
    /** A new draft the person asked for: Compose opens with the focus in To. */
    startNew,
    /** Compose opens with the focus in To (then `recipientFocused` clears it). */
    focusRecipient,
    recipientFocused: useCallback(() => setFocusRecipient(false), []),
    /** Compose with nothing open: the next visit starts a new draft. */
    closeDraft: useCallback(() => setDraftId(null), []),
    /** A draft that no longer exists (discarded because empty, or elsewhere) is let go. */
    forgetDraft: useCallback(
      (id: string) => setDraftId((current) => (current === id ? null : current)),
      [],
    ),
    forwardFax: useCallback(
      (faxId: string) => detach('forwarding a fax', forwardFax(faxId)),
      [forwardFax],
    ),
    forwardDocument: useCallback(
      (document: { name: string; bytes: Uint8Array }) =>
        detach('forwarding a document', forwardDocument(document)),
      [forwardDocument],
    ),
  };
}

/** What the shell holds for Compose. */
export type ComposeRouting = ReturnType<typeof useComposeRouting>;
