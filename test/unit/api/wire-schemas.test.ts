import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchAccount } from '../../../main/core/api/account-api';
import { AuthApi } from '../../../main/core/api/auth-api';
import { HttpClient } from '../../../main/core/api/http-client';
import { checkWire, wireChangesSchema } from '../../../main/core/api/wire-schemas';
import { InboxApi } from '../../../main/core/inbox/inbox-api';
import { createLogger } from '../../../main/core/log/logger';

const fax = {
  id: 'f1',
  direction: 'inbound',
  from: '+81312345678',
  to: '+815000000001',
  subject: null,
  pages: 2,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  read: false,
  junk: false,
  status: 'received',
  failureReason: null,
  pagesSent: 0,
};
const page = (f: unknown) => ({
  changes: [{ seq: 1, type: 'upsert', faxId: 'f1', fax: f }],
  nextSince: 1,
  hasMore: false,
});

describe('service answers are checked at the API boundary', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve) ?? resolve(null));
    server = null;
  });

  /** A service of another version: every path answers this JSON. */
  async function serviceAnswering(body: unknown): Promise<HttpClient> {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return new HttpClient({
      baseUrl: `http://127.0.0.1:${port}`,
      log: createLogger(() => undefined, 'test'),
    });
  }

  it('accepts a well-formed change feed, extra fields and all', () => {
    expect(checkWire(wireChangesSchema, { ...page(fax), extra: 1 }, 'a feed').nextSince).toBe(1);
  });

  it.each([
    ['pages as text', { ...fax, pages: '2' }, 'changes.0.fax.pages'],
    ['no date', { ...fax, createdAt: 'yesterday' }, 'changes.0.fax.createdAt'],
    ['a missing field', { ...fax, read: undefined }, 'changes.0.fax.read'],
    ['an unknown status', { ...fax, status: 'teleported' }, 'changes.0.fax.status'],
  ])('turns %s into service_incompatible naming the field', (_name, bad, where) => {
    expect(() => checkWire(wireChangesSchema, page(bad), 'a change feed')).toThrow(
      expect.objectContaining({
        code: 'service_incompatible',
        message: expect.stringContaining(where) as string,
      }),
    );
  });

  it('refuses a bad change feed before anything reaches the store', async () => {
    const api = new InboxApi(await serviceAnswering(page({ ...fax, pages: null })));
    await expect(api.changes(null, 500)).rejects.toMatchObject({ code: 'service_incompatible' });
  });

  it('refuses a sign-in answer without tokens, and an account without usage', async () => {
    const http = await serviceAnswering({ token: 'x' });
    await expect(new AuthApi(http).login('a@example.com', 'pw')).rejects.toMatchObject({
      code: 'service_incompatible',
    });
    await expect(fetchAccount(http)).rejects.toMatchObject({ code: 'service_incompatible' });
  });
});
