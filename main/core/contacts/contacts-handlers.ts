import type { Handlers } from '../rpc/router';
import type { FileDialogs } from '../files/file-handlers';
import type { SendAccount } from '../outbox/send-features';
import { AppError } from '../rpc/app-error';
import { ContactImports } from './contacts-import';

type IoChannels =
  'contacts:importPreview' | 'contacts:importCommit' | 'contacts:export' | 'contacts:saveExport';

/**
 * Import (preview, then commit) and export of the address book; `send` is the signed-in
 * account's sending features (it throws when signed out). A preview belongs to the store it
 * was made for, so a token cannot be committed into another account's address book.
 */
export function contactsIoHandlers(
  send: () => SendAccount,
  dialogs: FileDialogs,
): Pick<Handlers, IoChannels> {
  const imports = new ContactImports();
  // The CSV and vCard writers (~300 kB with ical.js) load at the first export, not with the app.
  const exported = async (format: 'csv' | 'vcard') => {
    const contacts = send().contacts.all();
    const { writeCsv, writeVcards } = await import('./contacts-files');
    const day = new Date().toISOString().slice(0, 10);
    return format === 'csv'
      ? { name: `Kamifax contacts ${day}.csv`, bytes: writeCsv(contacts), count: contacts.length }
      : {
          name: `Kamifax contacts ${day}.vcf`,
          bytes: writeVcards(contacts),
          count: contacts.length,
        };
  };
  return {
    'contacts:importPreview': async ({ name, bytes }) => {
      const account = send();
      const { country } = await account.context();
      return imports.preview(account.contacts, name, bytes, country);
    },
    'contacts:importCommit': ({ token }) => imports.commit(send().contacts, token),
    'contacts:export': ({ format }) => exported(format),
    'contacts:saveExport': async ({ format }) => {
      if (!dialogs.saveFile)
        throw new AppError('unsupported_on_host', 'This host has no save dialog');
      const file = await exported(format);
      const filter =
        format === 'csv'
          ? { name: 'CSV', extensions: ['csv'] }
          : { name: 'vCard', extensions: ['vcf'] };
      return { path: await dialogs.saveFile(file.name, file.bytes, filter), count: file.count };
    },
  };
}
