import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { maxDocumentBytes } from '../../preload/contract';
import type { Core } from '../core/app';
import type { Logger } from '../core/log/logger';

/** What to put in the new draft. */
export interface ComposeRequest {
  files: readonly string[];
  subject: string | null;
  /** Where the draft came from (kept on the draft); the tray's New fax is a plain Compose. */
  origin?: 'openWith' | 'cli';
}

/**
 * Opens a new draft in Compose with the given files attached ("Open with", `kamifax send`,
 * the tray's New fax): through the account's DraftService when one is open (keeping the
 * origin), otherwise through the same contract channels the page uses; `compose:open` shows
 * it. Unreadable or oversized files are logged and left out (Compose says what it refused
 * among the rest). Returns the draft's id, or null when none could be made.
 */
export async function composeFromLaunch(
  core: Pick<Core, 'router' | 'events'> & { send?: Pick<Core['send'], 'current'> },
  request: ComposeRequest,
  log: Logger,
): Promise<string | null> {
  const files: { name: string; bytes: Uint8Array }[] = [];
  for (const path of request.files.slice(0, 50)) {
    try {
      if ((await stat(path)).size > maxDocumentBytes) throw new Error('larger than the limit');
      files.push({ name: basename(path), bytes: new Uint8Array(await readFile(path)) });
    } catch (error) {
      log.warn('a file given at launch was left out', {
        name: basename(path),
        error: String(error),
      });
    }
  }
  // Signed in, a launch's draft is made by DraftService itself, so it records its origin
  // ('openWith' / 'cli') and opens in Compose; otherwise the channels say why not.
  const drafts = request.origin ? core.send?.current()?.drafts : undefined;
  if (drafts && request.origin) {
    const draft = await drafts.createDraft({
      files,
      origin: request.origin,
      ...(request.subject ? { subject: request.subject } : {}),
    });
    for (const refused of draft.results.filter((result) => !result.ok))
      log.warn('a file given at launch was refused', { name: refused.name });
    return draft.id;
  }
  const created = await core.router.dispatch('drafts:create', {});
  if (!created.ok) {
    log.warn('could not create a draft for a launch', { code: created.error.code });
    return null;
  }
  const id = (created.value as { id: string }).id;
  if (request.subject)
    await core.router.dispatch('drafts:update', { id, subject: request.subject });
  if (files.length > 0) {
    const added = await core.router.dispatch('drafts:addFiles', { id, files });
    if (!added.ok) log.warn('files given at launch were refused', { code: added.error.code });
  }
  core.events.emit('compose:open', { draftId: id });
  return id;
}
