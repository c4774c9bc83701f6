import type { FaxRecord } from '../../main/core/inbox/inbox-store';
import { realisticFaxes } from '../../service/demo/realistic-inbox';

/**
 * The realistic inbox (`service/demo/realistic-inbox.ts`) as the change feed's records, for a
 * store filled without a service: received faxes to one line, ids chosen by the caller.
 */
export function realisticRecords(
  count: number,
  end: number,
  id: (index: number) => string,
): FaxRecord[] {
  return realisticFaxes(count, end).map((fax, index) => ({
    id: id(index),
    direction: 'inbound',
    remoteNumber: fax.from,
    localNumber: '+815011112222',
    subject: fax.subject,
    pages: fax.pages,
    at: fax.at,
    read: fax.read,
    junk: false,
    status: 'received',
  }));
}
