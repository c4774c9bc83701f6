/**
 * Sending: (1) building a 50-page fax — normalising a 50-page PDF onto A4 portrait pages and
 * merging it behind a Japanese cover page — beside pdf-lib copying the same 50 pages as they
 * are (no normalisation, no cover); (2) from Send to "queued" acknowledged — the outbox writes
 * the sealed document and its row, uploads with its idempotency key and records the 202 —
 * beside a bare multipart POST of the same bytes to the same service.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { HttpClient } from '../main/core/api/http-client';
import { normaliseDocument } from '../main/core/compose/documents';
import { FontSource } from '../main/core/compose/fonts';
import { mergeFax } from '../main/core/compose/merge';
import { createLogger } from '../main/core/log/logger';
import { Outbox } from '../main/core/outbox/outbox';
import { SealedFiles } from '../main/core/outbox/sealed-files';
import { openSendDatabase } from '../main/core/outbox/send-database';
import { startService } from '../service/server';
import { realisticPdf } from './realistic-pdf';

const rounds = 5;
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function fiftyPages(): Promise<Uint8Array> {
  const two = await PDFDocument.load(await realisticPdf());
  const out = await PDFDocument.create();
  for (let i = 0; i < 25; i += 1)
    for (const page of await out.copyPages(two, two.getPageIndices())) out.addPage(page);
  return out.save();
}

async function buildBench(pdf: Uint8Array): Promise<void> {
  const fonts = new FontSource();
  const cover = {
    template: 'classic' as const,
    from: '山田 太郎',
    to: '田中 花子 様',
    company: '株式会社カミファクス',
    message: '資料を送付いたします。',
  };
  const build = async () => {
    const doc = await normaliseDocument({ name: 'fifty.pdf', bytes: pdf }, { paper: 'a4', fonts });
    if (!doc.ok) throw new Error(doc.code);
    return mergeFax({
      cover,
      facts: { subject: '資料', date: new Date(), language: 'ja' },
      documents: [doc],
      paper: 'a4',
      fonts,
    });
  };
  const copy = async () => {
    const source = await PDFDocument.load(pdf);
    const out = await PDFDocument.create();
    for (const page of await out.copyPages(source, source.getPageIndices())) out.addPage(page);
    return out.save();
  };
  await build();
  await copy();
  const built: number[] = [];
  const copied: number[] = [];
  let size = 0;
  for (let i = 0; i < rounds; i += 1) {
    let started = performance.now();
    const fax = await build();
    built.push(performance.now() - started);
    size = fax.pdf.length;
    started = performance.now();
    await copy();
    copied.push(performance.now() - started);
  }
  console.log(
    `50-page fax, normalised + Japanese cover, merged: ${ms(median(built))} (median of ${rounds}; ${(size / 1024).toFixed(0)} kB, 51 pages)`,
  );
  console.log(`  reference, pdf-lib copying the same 50 pages as they are: ${ms(median(copied))}`);
}

async function sendBench(pdf: Uint8Array): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kamifax-bench-compose-'));
  const service = await startService({
    port: 0,
    dataDir: join(dataDir, 'service'),
    demo: true,
    adminToken: 'bench',
    lineSpeed: 100_000,
  });
  try {
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${service.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
    await post(
      '/v1/admin/plan',
      { email: 'alice@example.com', plan: 'paid' },
      { 'x-admin-token': 'bench' },
    );
    const login = await post('/v1/auth/login', {
      email: 'alice@example.com',
      password: 'kamifax-demo',
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const log = createLogger(() => undefined, 'bench');
    const tokens = {
      current: () => accessToken,
      renew: () => Promise.reject(new Error('no renewal')),
    };
    const db = openSendDatabase(join(dataDir, 'inbox.sqlite'));
    const outbox = new Outbox({
      db,
      files: new SealedFiles(join(dataDir, 'outbox'), Buffer.alloc(32, 1)),
      http: new HttpClient({ baseUrl: service.url, log, tokens }),
      baseUrl: service.url,
      tokens,
      log,
      pollMs: 3_600_000,
      listener: {
        changed: () => undefined,
        progress: () => undefined,
        finished: () => undefined,
        signedOut: () => undefined,
      },
    });
    outbox.start();
    const viaOutbox = async () => {
      const started = performance.now();
      const { ids } = await outbox.enqueue({
        pdf,
        pages: 2,
        subject: 'bench',
        recipients: [{ number: '+81312345678', contactName: null }],
      });
      while (outbox.store.row(ids[0]!)?.faxId === null)
        await new Promise((resolve) => setImmediate(resolve));
      return performance.now() - started;
    };
    const bare = async () => {
      const started = performance.now();
      const form = new FormData();
      form.append('recipients', '+81312345678');
      form.append('subject', 'bench');
      form.append('document', new Blob([pdf], { type: 'application/pdf' }), 'fax.pdf');
      const response = await fetch(`${service.url}/v1/faxes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${accessToken}`, 'idempotency-key': crypto.randomUUID() },
        body: form,
      });
      await response.arrayBuffer();
      if (response.status !== 202) throw new Error(`unexpected ${response.status}`);
      return performance.now() - started;
    };
    await viaOutbox();
    await bare();
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < rounds * 2; i += 1) {
      a.push(await viaOutbox());
      b.push(await bare());
    }
    console.log(
      `Send → queued acknowledged (${(pdf.length / 1024).toFixed(0)} kB, 2 pages), through the outbox: ${ms(median(a))} (median of ${rounds * 2})`,
    );
    console.log(`  reference, a bare multipart POST of the same bytes: ${ms(median(b))}`);
    await outbox.close();
    db.close();
  } finally {
    await service.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

const pdf = await fiftyPages();
await buildBench(pdf);
await sendBench(await realisticPdf());
