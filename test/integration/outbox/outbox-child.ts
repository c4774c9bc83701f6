/**
 * The process that holds the outbox in the kill test: opens the outbox on a shared data
 * folder, tops the queue up to KILL_TOTAL sends (subjects kill-0…), works it, and prints
 * `done` when every send has been accepted by the service. The parent SIGKILLs it at random
 * moments and starts it again on the same folder.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from '../../../main/core/api/http-client';
import { createLogger } from '../../../main/core/log/logger';
import { Outbox } from '../../../main/core/outbox/outbox';
import { SealedFiles } from '../../../main/core/outbox/sealed-files';
import { openSendDatabase } from '../../../main/core/outbox/send-database';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const folder = env('KILL_FOLDER');
const baseUrl = env('KILL_URL');
const token = env('KILL_TOKEN');
const total = Number(env('KILL_TOTAL'));
const recipient = env('KILL_TO');
const prefix = env('KILL_PREFIX');
const pdf = readFileSync(env('KILL_PDF'));

const log = createLogger(() => undefined, 'kill-child');
const tokens = {
  current: () => token,
  renew: () => Promise.reject(new Error('the kill test uses one access token')),
};
mkdirSync(folder, { recursive: true });
const db = openSendDatabase(join(folder, 'inbox.sqlite'));
const outbox = new Outbox({
  db,
  files: new SealedFiles(join(folder, 'outbox'), Buffer.alloc(32, 7)),
  http: new HttpClient({
    baseUrl,
    log,
    tokens,
    retry: { attempts: 2, baseDelayMs: 20, maxDelayMs: 100 },
  }),
  baseUrl,
  tokens,
  log,
  backoff: { attempts: Infinity, baseDelayMs: 20, maxDelayMs: 300 },
  pollMs: 3_600_000,
  listener: {
    changed: () => undefined,
    progress: () => undefined,
    finished: () => undefined,
    signedOut: () => {
      process.stdout.write('signed-out\n');
      process.exit(3);
    },
  },
});

const count = () => (db.prepare('SELECT COUNT(*) AS n FROM sends').get() as { n: number }).n;
const pending = () =>
  (db.prepare(`SELECT COUNT(*) AS n FROM sends WHERE state = 'pending'`).get() as { n: number }).n;

outbox.start();
process.stdout.write('ready\n');
for (let i = count(); i < total; i += 1) {
  await outbox.enqueue({
    pdf,
    pages: 1,
    subject: `${prefix}${i}`,
    recipients: [{ number: recipient, contactName: null }],
  });
}
const timer = setInterval(() => {
  if (count() >= total && pending() === 0) {
    clearInterval(timer);
    process.stdout.write('done\n');
    process.exit(0);
  }
}, 20);
