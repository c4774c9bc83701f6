import type { HttpClient } from '../api/http-client';
import type { ServiceFax } from './outbox-store';

/** The service calls the outbox makes (service/README.md: sending, cancel, a fax's state). */
export class OutboxApi {
  constructor(private readonly http: HttpClient) {}

  /**
   * `POST /v1/faxes` as multipart: one PDF, the numbers, the subject, under an idempotency key
   * (the same key and body always get the first answer, so a retry never sends twice).
   */
  async send(
    input: { key: string; pdf: Uint8Array; recipients: string[]; subject: string | null },
    onProgress: (loaded: number, total: number) => void,
    signal?: AbortSignal,
  ): Promise<ServiceFax[]> {
    const form = new FormData();
    for (const number of input.recipients) form.append('recipients', number);
    if (input.subject) form.append('subject', input.subject);
    // The bytes never live in shared memory; DOM typings want an ArrayBuffer-backed view.
    const pdf = input.pdf as Uint8Array<ArrayBuffer>;
    form.append('document', new Blob([pdf], { type: 'application/pdf' }), 'fax.pdf');
    const { data } = await this.http.request<{ faxes: ServiceFax[] }>({
      method: 'POST',
      path: '/v1/faxes',
      body: form,
      idempotencyKey: input.key,
      timeoutMs: 120_000,
      signal,
      onUploadProgress: (event) => onProgress(event.loaded, event.total ?? input.pdf.length),
    });
    return data.faxes;
  }

  /** A fax's current state. */
  async fax(id: string): Promise<ServiceFax> {
    const { data } = await this.http.request<ServiceFax>({
      method: 'GET',
      path: `/v1/faxes/${encodeURIComponent(id)}`,
    });
    return data;
  }

  /** Cancels a fax still queued at the service (409 `not_cancellable` once it left the queue). */
  async cancel(id: string): Promise<ServiceFax> {
    const { data } = await this.http.request<ServiceFax>({
      method: 'POST',
      path: `/v1/faxes/${encodeURIComponent(id)}/cancel`,
      // Without a body the client's JSON content type makes the service answer 400.
      body: {},
    });
    return data;
  }

  /**
   * `POST /v1/faxes/withdraw`: if no upload under `key` arrived, the service spends the key so
   * none ever will (`withdrawn`); else it lists the faxes that upload made, as they are now.
   */
  async withdraw(key: string): Promise<{ withdrawn: boolean; faxes: ServiceFax[] }> {
    const { data } = await this.http.request<{ withdrawn: boolean; faxes: ServiceFax[] }>({
      method: 'POST',
      path: '/v1/faxes/withdraw',
      body: {},
      idempotencyKey: key,
    });
    return data;
  }

  /** The account's numbers and the plan's sent pages (for the preview and number checks). */
  async account(): Promise<{
    faxNumbers: string[];
    sentPages: { used: number; limit: number | null };
  }> {
    const { data } = await this.http.request<{
      faxNumbers: string[];
      usage: { sentPages: { used: number; limit: number | null } };
    }>({ method: 'GET', path: '/v1/account' });
    return { faxNumbers: data.faxNumbers, sentPages: data.usage.sentPages };
  }

  /** The numbers this account blocked. */
  async blocked(): Promise<string[]> {
    const { data } = await this.http.request<{ numbers: string[] }>({
      method: 'GET',
      path: '/v1/blocked-numbers',
    });
    return data.numbers;
  }
}
