import { describe, expect, it, vi } from 'vitest';
import { createKamifaxApi, type BridgeTransport } from '../../../preload/api';
import { channelNames } from '../../../preload/channel-names';
import { channels, type Result } from '../../../preload/contract';
import {
  callKey,
  firstAnswersId,
  firstInboxQuery,
  type FirstAnswer,
} from '../../../preload/first-answers';
import {
  firstAnswers,
  shellPageParts,
  embedFirstAnswers as embed,
} from '../../../main/core/first-answers';
import { createEventBus } from '../../../main/core/rpc/event-bus';
import type { Router } from '../../../main/core/rpc/router';
import { readFirstAnswers, withFirstAnswers } from '../../../renderer/src/bridge/first-answers';

const signedIn = { status: 'signedIn', service: { kind: 'local' }, email: 'a@example.com' };
const hostile = '</script><script>alert(1)</script><!-- & \u2028';

/** A router answering every call from a table (what main's would answer). */
function router(answers: Record<string, unknown>): Router & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    dispatch(channel, payload) {
      calls.push(callKey(String(channel), payload));
      const value = answers[String(channel)];
      return Promise.resolve(
        value === undefined
          ? { ok: false, error: { code: 'internal', message: 'no' } }
          : { ok: true, value },
      ) as Promise<Result<unknown>>;
    },
  };
}

const rows = { total: 1, rows: [{ id: 'f1', subject: hostile }] };
const table = {
  'app:info': { name: 'Kamifax' },
  'settings:get': { language: 'ja' },
  'session:get': signedIn,
  'inbox:status': { revision: 1 },
  'inbox:query': rows,
};

describe('main puts the first answers in the page', () => {
  it('answers the shell’s calls and the first window, status before rows', async () => {
    const main = router(table);
    const answers = await firstAnswers(main);
    expect(answers?.map((answer) => answer.channel)).toEqual(Object.keys(table));
    expect(main.calls.at(-1)).toBe(callKey('inbox:query', firstInboxQuery));
  });

  it('puts nothing in a page when nobody is signed in', async () => {
    for (const session of [{ status: 'signedOut' }, { status: 'restoring' }, undefined])
      expect(await firstAnswers(router({ ...table, 'session:get': session }))).toBeNull();
    expect(embed('<html><body></body></html>', null)).toBe('<html><body></body></html>');
  });

  it('waits briefly for a restore under way, then answers as it ended', async () => {
    const events = createEventBus();
    let session: unknown = { status: 'restoring' };
    const main = router(table);
    const source = {
      events,
      router: {
        dispatch: (channel: unknown, payload: unknown) =>
          channel === 'session:get'
            ? Promise.resolve({ ok: true as const, value: session })
            : main.dispatch(channel, payload),
      },
    };
    const pending = firstAnswers(source, 5000);
    await new Promise((resolve) => setTimeout(resolve, 20));
    session = signedIn;
    events.emit('session:changed', signedIn as never);
    expect((await pending)?.map((answer) => answer.channel)).toContain('inbox:query');
    // A restore that does not end in time: a page without answers, not a page kept waiting.
    session = { status: 'restoring' };
    expect(await firstAnswers(source, 30)).toBeNull();
  });

  it('serves the page up to its answers at once, and the rest with them', async () => {
    let answer!: (found: FirstAnswer[] | null) => void;
    const found = new Promise<FirstAnswer[] | null>((resolve) => (answer = resolve));
    const page = shellPageParts('<head></head><body><div></div></body></html>', found);
    expect(page.now).toBe('<head></head><body><div></div>');
    answer((await firstAnswers(router(table)))!);
    expect(await page.later).toMatch(
      new RegExp(
        `^<script type="application/json" id="${firstAnswersId}">.*</script></body></html>$`,
      ),
    );
    const failed = shellPageParts('<body></body>', Promise.reject(new Error('x')));
    expect(await failed.later).toBe('</body>');
  });

  it('embeds them as inert JSON that reads back exactly, whatever a subject holds', async () => {
    const answers = await firstAnswers(router(table));
    const html = embed('<html><head></head><body><div id="root"></div></body></html>', answers);
    expect(html.match(/<\/script>/g)).toHaveLength(1);
    expect(html.match(/<script/g)).toHaveLength(1);
    const text = new RegExp(`id="${firstAnswersId}">(.*)</script></body>`).exec(html)![1]!;
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(answers);
  });
});

/** A transport that counts calls and answers after `open()`, as the bridge does once up. */
function transport() {
  const calls: string[] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const live: Record<string, unknown> = { ...table };
  const bridge: BridgeTransport = {
    async invoke(channel, request) {
      calls.push(callKey(channel, request));
      await opened;
      return { ok: true, value: live[channel] ?? {} };
    },
    subscribe(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  return { api: createKamifaxApi(bridge), calls, open, live };
}

const page = (answers: FirstAnswer[]) => {
  const element = {
    textContent: embed('<body></body>', answers).replace(/^.*?">|<\/script>.*$/g, ''),
    remove: vi.fn(),
  };
  return {
    element,
    doc: { getElementById: (id: string) => (id === firstAnswersId ? element : null) },
  };
};

describe('the renderer takes the first answers until the bridge is up, then main’s', () => {
  it('answers the first calls from the page before the bridge is up', async () => {
    const answers = (await firstAnswers(router(table)))!;
    const { element, doc } = page(answers);
    const read = readFirstAnswers(doc as never);
    expect(element.remove).toHaveBeenCalled();
    expect(read).toEqual(answers);
    const { api, calls } = transport();
    const kamifax = withFirstAnswers(api, read);
    // Keys in another order are the same call.
    const { countUpTo, ...rest } = firstInboxQuery;
    const first = await kamifax.inbox.query({ countUpTo, ...rest });
    expect(first).toEqual({ ok: true, value: rows });
    expect((await kamifax.app.info()).ok).toBe(true);
    // Asked again before the bridge is up (strict mode runs an effect twice): the same answer.
    expect(await kamifax.inbox.query(firstInboxQuery)).toEqual(first);
    // Only the bridge's own checks went out, none of the calls answered from the page.
    expect(
      calls.filter((call) => call.includes('inbox:query') || call.includes('app:info')),
    ).toEqual([]);
  });

  it('drops the answers not taken once the bridge has checked, and tells of a change', async () => {
    const answers = (await firstAnswers(router(table)))!;
    const { api, calls, open, live } = transport();
    const kamifax = withFirstAnswers(api, answers);
    const changed = vi.fn();
    kamifax.on('inbox:changed', changed);
    await kamifax.inbox.query(firstInboxQuery);
    live['inbox:status'] = { revision: 2 };
    open();
    await vi.waitFor(() => expect(changed).toHaveBeenCalledWith({ revision: 2 }));
    // Not taken before the check: asked of main.
    await kamifax.session.get();
    expect(calls.filter((call) => call.includes('session:get'))).toHaveLength(2);
    await kamifax.inbox.query(firstInboxQuery);
    expect(calls.filter((call) => call.includes('inbox:query'))).toHaveLength(1);
  });

  it('tells nothing when nothing changed, and ignores a page without answers or with junk', async () => {
    const { api, open } = transport();
    const kamifax = withFirstAnswers(api, (await firstAnswers(router(table)))!);
    const changed = vi.fn();
    kamifax.on('settings:changed', changed);
    kamifax.on('inbox:changed', changed);
    await kamifax.settings.get();
    open();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(changed).not.toHaveBeenCalled();
    expect(readFirstAnswers({ getElementById: () => null } as never)).toEqual([]);
    const junk = { textContent: '{not json', remove() {} };
    expect(readFirstAnswers({ getElementById: () => junk } as never)).toEqual([]);
    expect(withFirstAnswers(api, [])).toBe(api);
  });
});

describe('the channel names without the contract', () => {
  it('lists every channel of the contract and no other', () => {
    expect([...channelNames].sort()).toEqual(Object.keys(channels).sort());
  });
});
