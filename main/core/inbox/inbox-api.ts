import type { HttpClient } from '../api/http-client';
import type { WireFax } from '../api/wire';
import { checkWire, wireChangesSchema } from '../api/wire-schemas';
import type { FaxRecord } from './inbox-store';
import type { ChangePage, SyncApi } from './sync-engine';

/** Maps the service's fax (checked by `wireFaxSchema`) to the local record. */
export function fromWire(
  fax: Pick<
    WireFax,
    'id' | 'direction' | 'from' | 'to' | 'pages' | 'createdAt' | 'read' | 'junk' | 'status'
  > &
    Partial<Pick<WireFax, 'subject' | 'trashedAt'>>,
): FaxRecord {
  return {
    id: fax.id,
    direction: fax.direction,
    remoteNumber: fax.direction === 'inbound' ? fax.from : fax.to,
    localNumber: fax.direction === 'inbound' ? fax.to : fax.from,
    subject: fax.subject ?? null,
    pages: fax.pages,
    at: Date.parse(fax.createdAt),
    read: fax.read,
    junk: fax.junk,
    status: fax.status,
    trashedAt: fax.trashedAt ? Date.parse(fax.trashedAt) : null,
  };
}

/** The inbox's service calls over the account's HTTP client. */
export class InboxApi implements SyncApi {
  constructor(private readonly http: HttpClient) {}

  /** One page of the change feed after `since`. */
  async changes(since: string | null, limit: number): Promise<ChangePage> {
    const response = await this.http.request<unknown>({
      method: 'GET',
      path: '/v1/changes',
      query: { since: since ?? 0, limit },
    });
    const data = checkWire(wireChangesSchema, response.data, 'a change feed');
    const upserts: FaxRecord[] = [];
    const deletes: string[] = [];
    for (const change of data.changes) {
      if (change.type === 'upsert' && change.fax) upserts.push(fromWire(change.fax));
      else if (change.type === 'delete') deletes.push(change.faxId);
    }
    return { upserts, deletes, next: String(data.nextSince), hasMore: data.hasMore };
  }

  /** Marks a fax read or unread. */
  async markRead(id: string, read: boolean): Promise<void> {
    await this.http.request({
      method: 'PATCH',
      path: `/v1/faxes/${encodeURIComponent(id)}`,
      body: { read },
    });
  }

  /** Moves a fax to the Trash (the service keeps it 30 days). */
  async remove(id: string): Promise<void> {
    await this.http.request({ method: 'DELETE', path: `/v1/faxes/${encodeURIComponent(id)}` });
  }

  /** Takes a fax out of the Trash. Safe to repeat. */
  async restore(id: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `/v1/faxes/${encodeURIComponent(id)}/restore`,
      // An empty JSON body: a POST without one is sent as a form, which the service refuses.
      body: {},
      idempotencyKey: `restore-${id}-${Date.now()}`,
    });
  }

  /** Undoes a junk report. Safe to repeat. */
  async notJunk(id: string): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `/v1/faxes/${encodeURIComponent(id)}/not-junk`,
      // An empty JSON body: a POST without one is sent as a form, which the service refuses.
      body: {},
      idempotencyKey: `not-junk-${id}-${Date.now()}`,
    });
  }

  /** Unblocks a sender; false when the number was not blocked. */
  async unblock(number: string): Promise<boolean> {
    try {
      await this.http.request({
        method: 'DELETE',
        path: `/v1/blocked-numbers/${encodeURIComponent(number)}`,
      });
      return true;
    } catch (error: unknown) {
      if ((error as { status?: number }).status === 404) return false;
      throw error;
    }
  }

  /** Reports junk, optionally blocking the sender. Safe to repeat. */
  async reportJunk(id: string, block: boolean): Promise<void> {
    await this.http.request({
      method: 'POST',
      path: `/v1/faxes/${encodeURIComponent(id)}/junk`,
      body: { block },
      idempotencyKey: `junk-${id}-${block}`,
    });
  }

  /** Downloads a fax's PDF. */
  async document(
    id: string,
    onProgress?: (loaded: number, total: number | null) => void,
    signal?: AbortSignal,
  ): Promise<Buffer> {
    const { data } = await this.http.request<ArrayBuffer>({
      method: 'GET',
      path: `/v1/faxes/${encodeURIComponent(id)}/document`,
      responseType: 'arraybuffer',
      headers: { accept: 'application/pdf' },
      timeoutMs: 120_000,
      signal,
      onDownloadProgress: onProgress
        ? (event) => onProgress(event.loaded, event.total ?? null)
        : undefined,
    });
    return Buffer.from(data);
  }
}
