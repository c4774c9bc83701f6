import type { Handlers } from '../rpc/router';
import type { InboxService } from './inbox-service';
import { ServiceError } from '../api/service-error';
import { pageAheadMetaSchema } from '../../../preload/contract';

type InboxChannels =
  | 'inbox:query'
  | 'inbox:status'
  | 'inbox:syncNow'
  | 'inbox:markRead'
  | 'inbox:delete'
  | 'inbox:reportJunk'
  | 'inbox:get'
  | 'inbox:restore'
  | 'inbox:notJunk'
  | 'inbox:unblock'
  | 'inbox:document'
  | 'inbox:clearLocalData'
  | 'inbox:rotations'
  | 'inbox:setRotation'
  | 'inbox:pagesAheadWanted'
  | 'inbox:putPageAhead'
  | 'inbox:pageAhead';

/** The inbox channels, served by whichever account's inbox is open. */
export function inboxHandlers(current: () => InboxService | null): Pick<Handlers, InboxChannels> {
  const inbox = () => {
    const open = current();
    if (!open) throw new ServiceError('signed_out', 'Not signed in');
    return open;
  };
  return {
    'inbox:query': (query) => inbox().queryForPage(query),
    'inbox:status': () => inbox().status(),
    'inbox:syncNow': () => inbox().syncNow(),
    'inbox:markRead': ({ ids, read }) => ({ updated: inbox().markRead(ids, read) }),
    'inbox:delete': ({ ids }) => ({ deleted: inbox().remove(ids) }),
    'inbox:reportJunk': ({ ids, block }) => ({ updated: inbox().reportJunk(ids, block) }),
    'inbox:get': ({ id }) => inbox().get(id),
    'inbox:restore': ({ ids }) => ({ restored: inbox().restore(ids) }),
    'inbox:notJunk': ({ ids }) => ({ updated: inbox().notJunk(ids) }),
    'inbox:unblock': async ({ number }) => ({ unblocked: await inbox().unblock(number) }),
    'inbox:document': ({ id }) => inbox().document(id),
    'inbox:rotations': () => ({ rotations: inbox().rotations().all() }),
    'inbox:setRotation': ({ key, rotation }) => {
      inbox().rotations().set(key, rotation);
      return { saved: true };
    },
    'inbox:pagesAheadWanted': ({ key }) => inbox().pagesAheadWanted(key),
    'inbox:putPageAhead': async ({ id, key, meta, image }) => ({
      stored: await inbox().putPageAhead(id, key, meta, image),
    }),
    'inbox:pageAhead': async ({ id }) => {
      const page = await inbox().pageAhead(id);
      if (!page) return { page: null };
      const { key, type, width, height, image } = page;
      return {
        page: { key, type, width, height, image, meta: pageAheadMetaSchema.parse(page.meta) },
      };
    },
    'inbox:clearLocalData': async () => {
      await inbox().clearLocalData();
      return { cleared: true };
    },
  };
}
