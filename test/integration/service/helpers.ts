import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, afterEach, expect } from 'vitest';
import { startService, type RunningService, type ServiceOptions } from '../../../service/server';
import { checkContract, type RecordedResponse } from './contract';

/**
 * A parsed JSON answer. Tests read answers field by field, and the contract check validates
 * every one of them against service/openapi.json, so a static type would only repeat it.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

/** The admin token of test services. */
export const adminToken = 'test-admin-token';
/** The demo password. */
export const demoPassword = 'kamifax-demo';
/** The demo accounts' numbers. */
export const aliceNumber = '+815011112222';
export const bobNumber = '+815033334444';

/** A clock the test moves by hand (token expiry, deletion grace). */
export interface TestClock {
  now: () => number;
  advance(ms: number): void;
}

/** A clock starting at the real time that only moves when told (plus real time elapsed). */
export function testClock(): TestClock {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => void (offset += ms) };
}

/** A real service on its own temporary data folder; restartable on the same folder. */
export interface TestService {
  readonly url: string;
  readonly dataDir: string;
  /** Closes the service, keeping the data folder. */
  stop(): Promise<void>;
  /** Starts again on the same data folder (a new port), with other options if given. */
  restart(options?: Partial<ServiceOptions>): Promise<void>;
  /** Closes and removes the data folder. */
  dispose(): Promise<void>;
}

/** Starts the service with demo data and the admin token; tests pass a line speed and a clock. */
export async function startTestService(
  options: Partial<ServiceOptions> = {},
): Promise<TestService> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-service-test-'));
  const start = (extra: Partial<ServiceOptions>) =>
    startService({ port: 0, dataDir, demo: true, adminToken, lineSpeed: 1000, ...extra });
  let service: RunningService | null = await start(options);
  let url = service.url;
  return {
    get url() {
      return url;
    },
    dataDir,
    async stop() {
      await service?.close();
      service = null;
    },
    async restart(more = {}) {
      await service?.close();
      service = await start({ ...options, ...more });
      url = service.url;
    },
    async dispose() {
      await service?.close();
      service = null;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** An answer, with the body parsed when it is JSON. */
export interface Answer<T = Json> {
  status: number;
  headers: Headers;
  body: T;
  raw: Buffer;
}

/** What a request may carry. */
export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as-is (malformed JSON, oversized bodies). */
  rawBody?: string | Buffer;
  form?: FormData;
  headers?: Record<string, string>;
}

/**
 * A thin HTTP client over fetch that records every answer (method, route template, status,
 * body), so that each test file's answers are checked against service/openapi.json.
 */
export class TestClient {
  constructor(
    readonly service: Pick<TestService, 'url'>,
    readonly recorded: RecordedResponse[] = [],
  ) {}

  /** Any request; never throws on an HTTP status. */
  async request<T = Json>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: RequestInit['body'];
    if (options.form) body = options.form;
    else if (options.rawBody !== undefined) {
      body =
        typeof options.rawBody === 'string' ? options.rawBody : new Uint8Array(options.rawBody);
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    const response = await fetch(`${this.service.url}${path}`, { method, headers, body });
    const raw = Buffer.from(await response.arrayBuffer());
    const contentType = response.headers.get('content-type') ?? '';
    const parsed: unknown =
      contentType.includes('json') && raw.length > 0 ? JSON.parse(raw.toString('utf8')) : raw;
    this.recorded.push({
      method,
      path: new URL(path, 'http://x').pathname,
      status: response.status,
      contentType,
      body: parsed,
    });
    return { status: response.status, headers: response.headers, body: parsed as T, raw };
  }

  /** Signs in; fails the test when it does not work. */
  async login(email: string, password = demoPassword): Promise<Session> {
    const answer = await this.request('POST', '/v1/auth/login', { body: { email, password } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return new Session(this, answer.body.accessToken, answer.body.refreshToken);
  }

  /** Calls an admin endpoint. */
  admin(path: string, body: unknown): Promise<Answer> {
    return this.request('POST', `/v1/admin/${path}`, {
      body,
      headers: { 'x-admin-token': adminToken },
    });
  }
}

/** A signed-in account: requests with its bearer token. */
export class Session {
  constructor(
    readonly client: TestClient,
    public accessToken: string,
    public refreshToken: string,
  ) {}

  request<T = Json>(method: string, path: string, options: RequestOptions = {}) {
    return this.client.request<T>(method, path, { ...options, token: this.accessToken });
  }

  get<T = Json>(path: string) {
    return this.request<T>('GET', path);
  }

  /** Sends a document to recipients with an Idempotency-Key (a fresh one unless given). */
  send(
    document: Uint8Array,
    recipients: string[],
    options: { key?: string | null; subject?: string } = {},
  ): Promise<Answer> {
    const form = new FormData();
    for (const recipient of recipients) form.append('recipients', recipient);
    if (options.subject) form.append('subject', options.subject);
    form.append(
      'document',
      new Blob([new Uint8Array(document)], { type: 'application/pdf' }),
      'fax.pdf',
    );
    const key = options.key === undefined ? crypto.randomUUID() : options.key;
    return this.request('POST', '/v1/faxes', {
      form,
      headers: key === null ? {} : { 'idempotency-key': key },
    });
  }

  /** Waits until one of this account's faxes satisfies `done`, polling with a deadline. */
  async waitForFax(id: string, done: (fax: Json) => boolean, timeoutMs = 20_000): Promise<Json> {
    return until(async () => {
      const answer = await this.get(`/v1/faxes/${id}`);
      return answer.status === 200 && done(answer.body) ? answer.body : null;
    }, timeoutMs);
  }

  /** The whole change feed after `since`, page by page. */
  async allChanges(since = 0, limit = 500): Promise<{ changes: Json[]; nextSince: number }> {
    const changes: Json[] = [];
    for (;;) {
      const page = await this.get(`/v1/changes?since=${since}&limit=${limit}`);
      expect(page.status).toBe(200);
      changes.push(...page.body.changes);
      since = page.body.nextSince;
      if (!page.body.hasMore) return { changes, nextSince: since };
    }
  }
}

/** Polls `probe` until it gives a value, or fails after the deadline. */
export async function until<T>(
  probe: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
  label = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** A multi-page PDF made with pdf-lib (a few hundred bytes a page). */
export async function makePdf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let n = 0; n < pages; n += 1) {
    pdf.addPage([595.28, 841.89]).drawText(`Test page ${n + 1}`, { x: 50, y: 780, size: 12 });
  }
  return pdf.save();
}

/**
 * Registers the hooks a test file needs: each test's services are closed and their folders
 * removed after it, and every answer the file saw is checked against service/openapi.json.
 */
export function serviceSuite(): {
  start(options?: Partial<ServiceOptions>): Promise<{ service: TestService; client: TestClient }>;
  recorded: RecordedResponse[];
} {
  const services: TestService[] = [];
  const recorded: RecordedResponse[] = [];
  afterEach(async () => {
    for (const service of services.splice(0)) await service.dispose();
  });
  afterAll(() => {
    const problems = checkContract(recorded);
    expect(problems, problems.join('\n')).toEqual([]);
  });
  return {
    recorded,
    async start(options = {}) {
      const service = await startTestService(options);
      services.push(service);
      return { service, client: new TestClient(service, recorded) };
    },
  };
}

/** One Server-Sent Event. */
export interface StreamEvent {
  id: number;
  type: string;
  data: Json;
}

/** An open `GET /v1/events` stream that collects what arrives. */
export interface EventStream {
  readonly events: StreamEvent[];
  /** Resolves with the first event (already received or coming) that matches. */
  waitFor(match: (event: StreamEvent) => boolean, timeoutMs?: number): Promise<StreamEvent>;
  close(): void;
}

/** Opens the account's event stream (resuming after `lastEventId` when given). */
export async function openEvents(session: Session, lastEventId?: number): Promise<EventStream> {
  const abort = new AbortController();
  const headers: Record<string, string> = { authorization: `Bearer ${session.accessToken}` };
  if (lastEventId !== undefined) headers['last-event-id'] = String(lastEventId);
  const url = session.client.service.url;
  const response = await fetch(`${url}/v1/events`, { headers, signal: abort.signal });
  session.client.recorded.push({
    method: 'GET',
    path: '/v1/events',
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: undefined,
  });
  expect(response.status).toBe(200);
  const events: StreamEvent[] = [];
  const waiters = new Set<() => void>();
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const fields = Object.fromEntries(
          block
            .split('\n')
            .filter((line) => !line.startsWith(':') && line.includes(': '))
            .map((line) => [line.slice(0, line.indexOf(': ')), line.slice(line.indexOf(': ') + 2)]),
        );
        if (fields.id === undefined) continue;
        events.push({
          id: Number(fields.id),
          type: fields.event!,
          data: JSON.parse(fields.data!),
        });
        for (const wake of waiters) wake();
      }
    }
  })().catch(() => {
    // Aborted by close().
  });
  return {
    events,
    waitFor(match, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(match);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No matching event; saw ${events.map((e) => e.type).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    close: () => abort.abort(),
  };
}
