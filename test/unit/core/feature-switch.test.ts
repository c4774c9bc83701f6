import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../main/core/log/logger';
import { createEventBus } from '../../../main/core/rpc/event-bus';

// A failing close of one account's sending (outbox, drafts, contacts) or privacy feature must
// not stop the next account from opening, nor let anything of the old account reach the window
// (see account-features.test.ts for the inbox). The outbox and the privacy service are small
// fakes that record their listener; drafts, contacts and the database are the real ones.
interface Listener {
  changed(...args: unknown[]): void;
  signedOut(): void;
}
const fakes = vi.hoisted(() => ({
  log: [] as string[],
  outboxes: [] as { listener: Listener & { progress(...a: unknown[]): void } }[],
  privacy: [] as { name: string; listener: Listener & { policyPublished(p: unknown): void } }[],
  failClose: null as Error | null,
}));
vi.mock('../../../main/core/outbox/outbox', () => ({
  Outbox: class {
    constructor(options: { listener: Listener & { progress(...a: unknown[]): void } }) {
      fakes.outboxes.push(options);
    }
    start() {}
    async close() {
      fakes.log.push('outbox close');
      await new Promise((resolve) => setImmediate(resolve));
      if (fakes.failClose) throw fakes.failClose;
    }
  },
}));
vi.mock('../../../main/core/privacy/privacy-service', () => ({
  PrivacyService: {
    open: async (options: {
      account: { dataDir: string };
      listener: Listener & { policyPublished(p: unknown): void };
    }) => {
      const name = options.account.dataDir;
      fakes.log.push(`privacy open ${name}`);
      fakes.privacy.push({ name, listener: options.listener });
      return {
        name,
        close: async () => {
          fakes.log.push(`privacy close ${name}`);
          await new Promise((resolve) => setImmediate(resolve));
          if (fakes.failClose) throw fakes.failClose;
        },
      };
    },
  },
}));

const { SendFeatures } = await import('../../../main/core/outbox/send-features');
const { PrivacyFeature } = await import('../../../main/core/privacy/privacy-feature');

let root = '';
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'kamifax-switch-'));
  fakes.log.length = 0;
  fakes.outboxes.length = 0;
  fakes.privacy.length = 0;
  fakes.failClose = null;
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const account = (name: string) =>
  ({ dataDir: join(root, name), http: {}, baseUrl: 'http://127.0.0.1:1', tokens: {} }) as never;

function setup() {
  const events = createEventBus();
  const emitted: string[] = [];
  events.listen((event) => emitted.push(event));
  const lines: string[] = [];
  const calls: string[] = [];
  const log = createLogger((line) => lines.push(line));
  const notifications = { show: () => calls.push('show'), setBadge: () => undefined };
  return { events, emitted, lines, calls, log, notifications };
}

describe('SendFeatures: a failing close of the previous account', () => {
  function sendSetup() {
    const base = setup();
    const send = new SendFeatures({
      settings: { get: async () => ({}) } as never,
      events: base.events,
      notifications: base.notifications,
      hostLocale: 'en-US',
      log: base.log,
      dataKey: async () => Buffer.alloc(32, 7),
      signedOut: () => base.calls.push('signedOut'),
    });
    return { ...base, send };
  }

  it('is logged, the old database is still closed, and the next account opens', async () => {
    const { send, lines } = sendSetup();
    await send.switchTo(account('alice'));
    const alice = send.current()!;
    fakes.failClose = new Error('disk I/O error');
    await send.switchTo(account('bob'));
    expect(lines.join('\n')).toContain('could not close the previous outbox');
    expect(lines.join('\n')).toContain('disk I/O error');
    // Alice's database closed although her outbox failed to close.
    expect(() => alice.contacts.all()).toThrow(/not open/);
    expect(send.current()).not.toBeNull();
    expect(send.current()).not.toBe(alice);
    expect(send.current()!.contacts.all()).toEqual([]);
  });

  it("mutes the old account's outbox; the new account's events reach the window", async () => {
    const { send, emitted, calls } = sendSetup();
    await send.switchTo(account('alice'));
    const alice = fakes.outboxes[0]!.listener;
    fakes.failClose = new Error('disk I/O error');
    await send.switchTo(account('bob'));
    alice.changed({ queued: 1 });
    alice.progress('s1', 1, 2);
    alice.signedOut();
    fakes.outboxes[1]!.listener.changed({ queued: 0 });
    send
      .current()!
      .contacts.save({ name: 'Bob', company: '', faxNumber: '+1 212 555 0100', note: '' }, 'US');
    expect(emitted).toEqual(['outbox:changed', 'contacts:changed']);
    expect(calls).toEqual([]);
  });

  it('at sign-out is logged and leaves nothing open', async () => {
    const { send, lines } = sendSetup();
    await send.switchTo(account('alice'));
    fakes.failClose = new Error('disk I/O error');
    await send.switchTo(null);
    expect(send.current()).toBeNull();
    expect(lines.join('\n')).toContain('could not close the previous outbox');
  });
});

describe('PrivacyFeature: a failing close of the previous account', () => {
  function privacySetup() {
    const base = setup();
    const privacy = new PrivacyFeature({
      events: base.events,
      notifications: base.notifications,
      settings: async () => ({}) as never,
      osLocale: 'en-US',
      log: base.log,
      revoked: async () => {
        base.calls.push('revoked');
      },
    });
    return { ...base, privacy };
  }

  it('is logged, the next account opens, and the old listener is muted', async () => {
    const { privacy, emitted, calls, lines } = privacySetup();
    await privacy.switchTo(account('alice'));
    const alice = fakes.privacy[0]!.listener;
    fakes.failClose = new Error('disk I/O error');
    await privacy.switchTo(account('bob'));
    expect(fakes.log.map((line) => line.replace(root + '/', ''))).toEqual([
      'privacy open alice',
      'privacy close alice',
      'privacy open bob',
    ]);
    expect(lines.join('\n')).toContain('could not close the previous privacy feature');
    expect(lines.join('\n')).toContain('disk I/O error');
    alice.changed({});
    alice.policyPublished({ version: 2, effectiveDate: '2026-12-01' });
    alice.signedOut();
    fakes.privacy[1]!.listener.changed({});
    await new Promise((resolve) => setImmediate(resolve));
    expect(emitted).toEqual(['privacy:changed']);
    expect(calls).toEqual([]);
  });

  it('at sign-out is logged and leaves nothing open', async () => {
    const { privacy, lines } = privacySetup();
    await privacy.switchTo(account('alice'));
    fakes.failClose = new Error('disk I/O error');
    await privacy.switchTo(null);
    expect(privacy.current()).toBeNull();
    expect(lines.join('\n')).toContain('could not close the previous privacy feature');
  });
});
