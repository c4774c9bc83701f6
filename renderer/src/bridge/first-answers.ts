/**
 * The first answers a signed-in page carries (preload/first-answers.ts) answer the calls they
 * are for instead of waiting for the bridge (the same answer again if a call is repeated, as
 * strict mode's second effect does). Once the bridge is up, the answers that can change are
 * asked again; one that changed meanwhile reaches the app as the event main would have sent
 * (so a fax that arrived in between is shown), and all are dropped: from then on every call
 * goes to main as usual. A change the user makes goes over the bridge after those checks, so
 * its answer always comes after them.
 */
import { callKey, firstAnswersId, type FirstAnswer } from '../../../preload/first-answers';
import type { Channel, EventName, KamifaxApi, Result } from '../../../preload/contract';
import { detach } from '../app/detach';

/** The answers in the page, or none (signed out, another page, or anything unexpected). */
export function readFirstAnswers(doc: Pick<Document, 'getElementById'>): FirstAnswer[] {
  const element = doc.getElementById(firstAnswersId);
  if (!element) return [];
  element.remove();
  try {
    const parsed: unknown = JSON.parse(element.textContent ?? '');
    if (!Array.isArray(parsed)) return [];
    return parsed.filter(
      (answer: Partial<FirstAnswer> | null): answer is FirstAnswer =>
        typeof answer?.channel === 'string' &&
        typeof answer.request === 'object' &&
        answer.result?.ok === true,
    );
  } catch {
    return [];
  }
}

/** Which event tells the app that a first answer changed. */
const changedEvent: Partial<Record<Channel, EventName>> = {
  'session:get': 'session:changed',
  'settings:get': 'settings:changed',
  'inbox:status': 'inbox:changed',
};

type Method = (request?: unknown) => Promise<Result<unknown>>;
type Listener = (payload: unknown) => void;

/** `api`, with `answers` taken first (until the bridge has checked them). */
export function withFirstAnswers(api: KamifaxApi, answers: readonly FirstAnswer[]): KamifaxApi {
  if (answers.length === 0) return api;
  const waiting = new Map(
    answers.map((answer) => [callKey(answer.channel, answer.request), answer]),
  );
  const taken = new Set<Channel>();
  const listeners = new Map<EventName, Set<Listener>>();
  const source = api as unknown as Record<string, Record<string, Method>> & Pick<KamifaxApi, 'on'>;
  const wrapped: Record<string, unknown> = {};
  for (const [namespace, methods] of Object.entries(source)) {
    if (typeof methods !== 'object') continue;
    const group: Record<string, Method> = {};
    for (const [name, method] of Object.entries(methods)) {
      const channel = `${namespace}:${name}` as Channel;
      group[name] = (request?: unknown) => {
        const key = callKey(channel, request ?? {});
        const answer = waiting.get(key);
        if (!answer) return method(request);
        taken.add(channel);
        return Promise.resolve(answer.result);
      };
    }
    wrapped[namespace] = Object.freeze(group);
  }
  wrapped.on = (event: EventName, listener: Listener) => {
    const set = listeners.get(event) ?? new Set<Listener>();
    listeners.set(event, set);
    set.add(listener);
    const stop = source.on(event, listener as never);
    return () => {
      set.delete(listener);
      stop();
    };
  };

  detach('checking the page’s first answers', async () => {
    const checks = answers.flatMap((answer) => {
      const event = changedEvent[answer.channel];
      if (!event) return [];
      const [namespace, name] = answer.channel.split(':') as [string, string];
      const fresh = source[namespace]![name]!({});
      return [fresh.then((result) => ({ answer, event, result }))];
    });
    const results = await Promise.all(checks);
    // Whatever was not taken by now is asked of main when it is needed.
    waiting.clear();
    const rowsTaken = taken.has('inbox:query');
    for (const { answer, event, result } of results) {
      if (!result.ok) continue;
      const used = taken.has(answer.channel) || (event === 'inbox:changed' && rowsTaken);
      const before = answer.result.ok ? JSON.stringify(answer.result.value) : '';
      if (!used || JSON.stringify(result.value) === before) continue;
      for (const listener of [...(listeners.get(event) ?? [])]) listener(result.value);
    }
  });
  return Object.freeze(wrapped) as unknown as KamifaxApi;
}
