import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { FaxSummary, InboxStatus } from '../../../preload/contract';
import { createLogger } from '../../../main/core/log/logger';
import { createEventBus } from '../../../main/core/rpc/event-bus';

// The inbox is replaced by a small fake that records when each account's inbox is opened
// and closed, and keeps the listener AccountFeatures gave it: what is under test is how
// AccountFeatures follows the session, not the inbox itself (see test/unit/inbox/*).
interface OpenOptions {
  account: { dataDir: string };
  dataKey: Buffer;
  listener: {
    status(status: InboxStatus): void;
    arrived(faxes: FaxSummary[]): void;
    signedOut(): void;
    downloading(id: string, loaded: number, total: number): void;
  };
}
const inboxes = vi.hoisted(() => ({
  log: [] as string[],
  opened: [] as OpenOptions[],
  failOpen: null as Error | null,
  failClose: null as Error | null,
}));
vi.mock('../../../main/core/inbox/inbox-service', () => ({
  InboxService: {
    open: async (options: OpenOptions) => {
      const name = options.account.dataDir;
      inboxes.log.push(`open ${name}`);
      if (inboxes.failOpen) throw inboxes.failOpen;
      inboxes.opened.push(options);
      return {
        name,
        close: async () => {
          inboxes.log.push(`close ${name} started`);
          await new Promise((resolve) => setImmediate(resolve));
          if (inboxes.failClose) throw inboxes.failClose;
          inboxes.log.push(`close ${name} done`);
        },
      };
    },
  },
}));

const { AccountFeatures } = await import('../../../main/core/account-features');

const status = (unread: number): InboxStatus =>
  ({ connection: 'online', unread }) as unknown as InboxStatus;
const account = (name: string) => ({ dataDir: name, baseUrl: 'http://127.0.0.1:1', tokens: {} });

function setup(options: { dataKey?: () => Promise<Buffer>; announceFails?: boolean } = {}) {
  const calls: string[] = [];
  const events = createEventBus();
  const emitted: [string, unknown][] = [];
  events.listen((event, payload) => emitted.push([event, payload]));
  const notifier = {
    reset: () => calls.push('reset'),
    badge: (n: number) => calls.push(`badge ${n}`),
    announce: async (faxes: FaxSummary[]) => {
      calls.push(`announce ${faxes.length}`);
      if (options.announceFails) throw new Error('notification daemon gone');
    },
  };
  const dataKey = options.dataKey ?? (async () => Buffer.alloc(32, 7));
  const session = {
    dataKey,
    // The features open an account's stores with the key of that account's scope.
    dataKeyOf: (_scope: unknown) => dataKey(),
    revoked: async () => {
      calls.push('revoked');
    },
  };
  const lines: string[] = [];
  const features = new AccountFeatures({
    session: () => session as never,
    events,
    notifier: notifier as never,
    log: createLogger((line) => lines.push(line)),
  });
  return { features, calls, emitted, lines };
}

beforeEach(() => {
  inboxes.log.length = 0;
  inboxes.opened.length = 0;
  inboxes.failOpen = null;
  inboxes.failClose = null;
});

describe('AccountFeatures follows the session', () => {
  it('switching accounts closes the previous inbox completely before opening the next', async () => {
    const { features } = setup();
    await features.switchTo(account('alice') as never);
    await features.switchTo(account('bob') as never);
    expect(inboxes.log).toEqual([
      'open alice',
      'close alice started',
      'close alice done',
      'open bob',
    ]);
    expect((features.inbox() as unknown as { name: string }).name).toBe('bob');
  });

  it('sign-out closes the inbox and resets the notifier and the badge', async () => {
    const { features, calls } = setup();
    await features.switchTo(account('alice') as never);
    await features.switchTo(null);
    expect(inboxes.log).toEqual(['open alice', 'close alice started', 'close alice done']);
    expect(features.inbox()).toBeNull();
    expect(calls).toEqual(['reset', 'badge 0']);
  });

  it('the inbox is not reachable while the previous one is closing', async () => {
    const { features } = setup();
    await features.switchTo(account('alice') as never);
    const switching = features.switchTo(account('bob') as never);
    expect(features.inbox()).toBeNull();
    await switching;
    expect(features.inbox()).not.toBeNull();
  });

  it('status events reach the event bus and the badge; arrivals are announced', async () => {
    const { features, calls, emitted } = setup();
    await features.switchTo(account('alice') as never);
    const listener = inboxes.opened[0]!.listener;
    listener.status(status(3));
    listener.downloading('f1', 10, 20);
    listener.arrived([{ id: 'f1' } as FaxSummary]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(emitted).toEqual([
      ['inbox:changed', status(3)],
      ['inbox:downloadProgress', { id: 'f1', loaded: 10, total: 20 }],
    ]);
    expect(calls).toEqual(['badge 3', 'announce 1']);
  });

  it('a revoked sign-in seen by the inbox ends the session', async () => {
    const { features, calls } = setup();
    await features.switchTo(account('alice') as never);
    inboxes.opened[0]!.listener.signedOut();
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toContain('revoked');
  });

  it('the inbox is opened with the session data key', async () => {
    const { features } = setup();
    await features.switchTo(account('alice') as never);
    expect(inboxes.opened[0]!.dataKey).toEqual(Buffer.alloc(32, 7));
  });
});

describe('failure paths leave no half-open state', () => {
  it('a failure opening the inbox rejects and leaves no inbox; the next switch works', async () => {
    const { features } = setup();
    await features.switchTo(account('alice') as never);
    inboxes.failOpen = new Error('database is locked');
    await expect(features.switchTo(account('bob') as never)).rejects.toThrow('database is locked');
    expect(features.inbox()).toBeNull();
    expect(inboxes.log).toEqual([
      'open alice',
      'close alice started',
      'close alice done',
      'open bob',
    ]);
    inboxes.failOpen = null;
    await features.switchTo(account('bob') as never);
    expect((features.inbox() as unknown as { name: string }).name).toBe('bob');
  });

  it('a data key that cannot be read opens nothing', async () => {
    const { features } = setup({ dataKey: () => Promise.reject(new Error('keychain locked')) });
    await expect(features.switchTo(account('alice') as never)).rejects.toThrow('keychain locked');
    expect(features.inbox()).toBeNull();
    expect(inboxes.log).toEqual([]);
  });

  it('a failing close at sign-out is logged; the old inbox is not kept, the badge is reset', async () => {
    const { features, calls, lines } = setup();
    await features.switchTo(account('alice') as never);
    inboxes.failClose = new Error('disk I/O error');
    await features.switchTo(null);
    expect(features.inbox()).toBeNull();
    expect(calls).toEqual(['reset', 'badge 0']);
    expect(lines.join('\n')).toContain('could not close the previous inbox');
    expect(lines.join('\n')).toContain('disk I/O error');
  });

  it('a failing close of the previous inbox is logged and the next account still opens', async () => {
    const { features, calls, emitted, lines } = setup();
    await features.switchTo(account('alice') as never);
    const alice = inboxes.opened[0]!.listener;
    inboxes.failClose = new Error('disk I/O error');
    await features.switchTo(account('bob') as never);
    expect(inboxes.log).toEqual(['open alice', 'close alice started', 'open bob']);
    expect((features.inbox() as unknown as { name: string }).name).toBe('bob');
    expect(lines.join('\n')).toContain('could not close the previous inbox');
    // Whatever of Alice's inbox still runs is out of view: no event, badge nor announcement.
    alice.status(status(9));
    alice.downloading('a1', 1, 2);
    alice.arrived([{ id: 'a1' } as FaxSummary]);
    alice.signedOut();
    inboxes.opened[1]!.listener.status(status(1));
    await new Promise((resolve) => setImmediate(resolve));
    expect(emitted).toEqual([['inbox:changed', status(1)]]);
    expect(calls).toEqual(['badge 1']);
  });

  it('a failing announcement is logged, not thrown at the inbox nor left unhandled', async () => {
    const { features, lines } = setup({ announceFails: true });
    await features.switchTo(account('alice') as never);
    expect(() => inboxes.opened[0]!.listener.arrived([{ id: 'f1' } as FaxSummary])).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines.join('\n')).toContain('announcing new faxes');
    expect(lines.join('\n')).toContain('notification daemon gone');
  });
});
