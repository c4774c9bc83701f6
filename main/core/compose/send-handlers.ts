import type { sendChannels } from '../../../preload/send-contract';
import { ServiceError } from '../api/service-error';
import { contactsIoHandlers } from '../contacts/contacts-handlers';
import type { FileDialogs, PickedFile } from '../files/file-handlers';
import type { SendAccount } from '../outbox/send-features';
import { AppError } from '../rpc/app-error';
import type { Handlers } from '../rpc/router';

type SendChannels = keyof typeof sendChannels;

/** The host's multi-file open dialog for Compose, where the host has one. */
export interface DocumentPicker {
  pickDocuments?(): Promise<PickedFile[] | null>;
}

/** The drafts, outbox and contacts channels, served by the signed-in account's features. */
export function sendHandlers(
  current: () => SendAccount | null,
  dialogs: FileDialogs & DocumentPicker,
): Pick<Handlers, SendChannels> {
  const send = () => {
    const open = current();
    if (!open) throw new ServiceError('signed_out', 'Not signed in');
    return open;
  };
  return {
    'drafts:list': () => ({ rows: send().drafts.list() }),
    'drafts:get': ({ id }) => send().drafts.get(id),
    'drafts:create': (request) => send().drafts.create(request),
    'drafts:update': (patch) => send().drafts.update(patch),
    'drafts:addFiles': ({ id, files }) => send().drafts.addFiles(id, files),
    'drafts:pickFiles': async ({ id }) => {
      const drafts = send().drafts;
      drafts.get(id);
      if (!dialogs.pickDocuments) throw new AppError('unsupported_on_host', 'No file dialog here');
      const files = await dialogs.pickDocuments();
      if (!files || files.length === 0) return { draft: drafts.get(id), results: [] };
      return drafts.addFiles(id, files);
    },
    'drafts:moveDocument': ({ id, documentId, toIndex }) =>
      send().drafts.moveDocument(id, documentId, toIndex),
    'drafts:removeDocument': ({ id, documentId }) => send().drafts.removeDocument(id, documentId),
    'drafts:documentPdf': ({ id, documentId }) => send().drafts.documentPdf(id, documentId),
    'drafts:preview': ({ id }) => send().drafts.preview(id),
    'drafts:discard': async ({ id }) => ({ discarded: await send().drafts.discard(id) }),
    'drafts:send': ({ id }) => send().drafts.send(id),
    'compose:numberContext': async () => {
      const context = await send().context();
      return {
        country: context.country,
        paper: context.paper,
        ownNumbers: context.ownNumbers,
        blockedNumbers: context.blockedNumbers,
      };
    },
    'outbox:query': ({ view, search, offset, limit }) =>
      send().outbox.query(view, search, offset, limit),
    'outbox:counts': () => send().outbox.store.counts(),
    'outbox:cancel': ({ id }) => send().outbox.cancel(id),
    'outbox:resend': ({ id }) => send().outbox.resend(id),
    'outbox:document': async ({ id }) => {
      const outbox = send().outbox;
      const row = outbox.store.find(id);
      if (!row) throw new AppError('not_found', 'No such fax in the outbox');
      const day = new Date(row.queuedAt).toISOString().slice(0, 10);
      return { name: `Fax ${day} ${row.to}.pdf`, bytes: await outbox.document(row.sendId) };
    },
    'outbox:report': ({ id }) => send().report(id),
    'contacts:query': ({ search, offset, limit }) => send().contacts.query(search, offset, limit),
    'contacts:save': async (input) => {
      const account = send();
      return account.contacts.save(input, (await account.context()).country);
    },
    'contacts:delete': ({ ids }) => ({ deleted: send().contacts.remove(ids) }),
    ...contactsIoHandlers(send, dialogs),
  };
}
