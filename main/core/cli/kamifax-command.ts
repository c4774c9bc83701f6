import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { checkFaxNumber } from '../../../preload/fax-numbers';
import type { OutboxRow } from '../../../preload/send-contract';
import type { CredentialStore } from '../credentials/credential-store';
import type { Logger } from '../log/logger';
import { SendFeatures, type SendAccount } from '../outbox/send-features';
import { createEventBus } from '../rpc/event-bus';
import { ServiceDirectory, type LocalServiceLauncher } from '../session/service-resolver';
import { SessionPrefs } from '../session/session-prefs';
import { SessionService } from '../session/session-service';
import { SettingsStore } from '../settings/settings-store';
import { cliWords } from './cli-words';

/** What a command-line run needs: the app's data folder and keychain, and where to print. */
export interface CommandDeps {
  dataDir: string;
  credentials: CredentialStore;
  localService: LocalServiceLauncher;
  log: Logger;
  locale: string;
  out(line: string): void;
  err(line: string): void;
  /** How long `send` waits for the service to accept before leaving the fax queued (ms). */
  acceptTimeoutMs?: number;
}

/** Exit codes (documented in the README and in `cliWords.usage`). */
export const exitCodes = { ok: 0, failed: 1, usage: 2, signedOut: 3, notAccepted: 4 } as const;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `kamifax send` or `kamifax status` through the same core as the app: the keychain
 * sign-in, drafts, the durable outbox in the account's database. No window is involved, so
 * the installed app binary can call this before it creates one. Returns the exit code.
 */
export async function runKamifaxCommand(
  args: readonly string[],
  deps: CommandDeps,
): Promise<number> {
  const t = cliWords[deps.locale.toLowerCase().startsWith('ja') ? 'ja' : 'en'];
  const [command, ...rest] = args;
  if (command !== 'send' && command !== 'status') {
    deps.err(t.usage);
    return exitCodes.usage;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        to: { type: 'string', multiple: true },
        subject: { type: 'string' },
        cover: { type: 'string' },
        wait: { type: 'boolean' },
      },
    });
  } catch (error: unknown) {
    deps.err(`${String((error as Error).message)}\n${t.usage}`);
    return exitCodes.usage;
  }
  const settings = new SettingsStore(deps.dataDir, deps.log.child('settings'));
  const services = new ServiceDirectory(deps.localService);
  const events = createEventBus();
  const send = new SendFeatures({
    settings,
    events,
    notifications: { show: () => undefined, setBadge: () => undefined },
    hostLocale: deps.locale,
    log: deps.log,
    dataKey: () => session.dataKey(),
    signedOut: () => undefined,
    pollMs: 2000,
    startOutbox: command === 'send',
  });
  const session: SessionService = new SessionService({
    dataDir: deps.dataDir,
    credentials: deps.credentials,
    prefs: new SessionPrefs(deps.dataDir),
    services,
    events,
    log: deps.log.child('session'),
    onAccountChange: (account) => send.switchTo(account),
  });
  try {
    const state = await session.restore().catch(() => null);
    const account = send.current();
    if (state?.status !== 'signedIn' || !account) {
      deps.err(t.notSignedIn);
      return exitCodes.signedOut;
    }
    return command === 'send'
      ? await sendCommand(account, parsed.values, parsed.positionals, deps, t)
      : await statusCommand(account, parsed.positionals[0], deps, t);
  } finally {
    await send.switchTo(null);
    await services.stop();
  }
}

type Words = (typeof cliWords)[keyof typeof cliWords];

async function sendCommand(
  account: SendAccount,
  options: { to?: string[]; subject?: string; cover?: string; wait?: boolean },
  paths: string[],
  deps: CommandDeps,
  t: Words,
): Promise<number> {
  const numbers = options.to ?? [];
  if (numbers.length === 0) {
    deps.err(`${t.noRecipients}\n${t.usage}`);
    return exitCodes.usage;
  }
  if (paths.length === 0 && !options.cover) {
    deps.err(`${t.noDocuments}\n${t.usage}`);
    return exitCodes.usage;
  }
  const context = await account.context();
  const recipients = [];
  for (const input of numbers) {
    const checked = checkFaxNumber(input, context.country, {
      own: context.ownNumbers,
      blocked: context.blockedNumbers,
    });
    if (!checked.ok) {
      deps.err(t.badNumber(input, checked.problem));
      return exitCodes.usage;
    }
    recipients.push({ input, e164: checked.e164, contactName: null });
  }
  const files = [];
  for (const path of paths) {
    try {
      files.push({ name: basename(path), bytes: new Uint8Array(await readFile(path)) });
    } catch {
      deps.err(t.unreadable(path));
      return exitCodes.usage;
    }
  }
  const draft = await account.drafts.createDraft({
    subject: options.subject,
    files,
    origin: 'cli',
    recipients,
    cover: options.cover ? { template: 'classic', message: options.cover } : undefined,
    open: false,
  });
  const refused = draft.results.filter((r) => !r.ok);
  if (refused.length > 0) {
    for (const r of refused) if (!r.ok) deps.err(t.badFile(r.name, r.code));
    await account.drafts.discard(draft.id);
    return exitCodes.usage;
  }
  const { ids } = await account.drafts.send(draft.id);
  const rows = () => ids.map((id) => account.outbox.store.row(id)!);
  const deadline = Date.now() + (deps.acceptTimeoutMs ?? 120_000);
  while (rows().some((r) => r.faxId === null && r.status !== 'failed')) {
    if (Date.now() > deadline) {
      deps.err(t.queued);
      return exitCodes.notAccepted;
    }
    await wait(100);
  }
  for (const row of rows()) {
    if (row.faxId) deps.out(t.accepted(row.faxId, row.to));
    else deps.err(`${row.to}\t${t.failed(row.failureReason ?? 'other')}`);
  }
  if (!options.wait) return rows().every((r) => r.faxId) ? exitCodes.ok : exitCodes.failed;
  const done = (r: OutboxRow) => ['delivered', 'failed', 'cancelled'].includes(r.status);
  while (!rows().every(done)) await wait(200);
  for (const row of rows()) deps.out(describe(row, t));
  return rows().every((r) => r.status === 'delivered') ? exitCodes.ok : exitCodes.failed;
}

function describe(row: OutboxRow, t: Words): string {
  const status = row.status === 'failed' ? t.failed(row.failureReason ?? 'other') : row.status;
  return t.row(row.faxId ?? row.id, row.to, status, `${row.pagesSent}/${row.pages}`);
}

async function statusCommand(
  account: SendAccount,
  id: string | undefined,
  deps: CommandDeps,
  t: Words,
): Promise<number> {
  await account.outbox.refresh();
  if (id) {
    const row = account.outbox.store.find(id);
    if (!row) {
      deps.err(t.notFound(id));
      return exitCodes.usage;
    }
    deps.out(describe(row, t));
    return row.status === 'failed' ? exitCodes.failed : exitCodes.ok;
  }
  const rows = [
    ...account.outbox.store.query('outbox', '', 0, 50).rows,
    ...account.outbox.store.query('sent', '', 0, 10).rows,
  ];
  for (const row of rows) deps.out(describe(row, t));
  return exitCodes.ok;
}
