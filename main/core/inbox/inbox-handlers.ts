import type { Handlers } from '../rpc/router';
import type { InboxService } from './inbox-service';
import { ServiceError } from '../api/service-error';

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
  | 'inbox:setRotation';

/** The inbox channels, served by whichever account's inbox is open. */
export function inboxHandlers(current: () => InboxService | null): Pick<Handlers, InboxChannels> {
  const inbox = () => {
    const open = current();
    if (!open) throw new ServiceError('signed_out', 'Not signed in');
    return open;
  };
  return {
    'inbox:query': (query) => inbox().query(query),
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
    'inbox:clearLocalData': async () => {
      await inbox().clearLocalData();
      return { cleared: true };
    },
  };
}
