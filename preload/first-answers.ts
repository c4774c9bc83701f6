/**
 * The answers a page needs before it can show the inbox's first rows, carried in the page
 * itself: the host answers these calls while it serves the page (only to a signed-in user,
 * behind the same checks as the page) and the renderer takes each answer once instead of
 * waiting for the bridge to connect. Shared by main (which answers) and the renderer (which
 * asks exactly these); no zod here, it is part of the renderer's first script.
 */
import type { Channel, Result } from './contract';

/** The `<script type="application/json">` element that carries them. */
export const firstAnswersId = 'kamifax-first-answers';

/** The inbox's first window as the list asks for it (useInboxRows, useWindowedRows). */
export const firstInboxQuery = {
  search: '',
  filter: 'all',
  sort: 'newest',
  offset: 0,
  limit: 100,
  countUpTo: 500,
} as const;

/**
 * The calls, in the order main answers them: the status (its revision) before the rows, so a
 * change between the two shows as a newer revision when the renderer checks after connecting.
 */
export const firstCalls = [
  { channel: 'app:info', request: {} },
  { channel: 'settings:get', request: {} },
  { channel: 'session:get', request: {} },
  { channel: 'inbox:status', request: {} },
  { channel: 'inbox:query', request: firstInboxQuery },
] as const satisfies ReadonlyArray<{ channel: Channel; request: object }>;

/** One call answered in the page. */
export interface FirstAnswer {
  channel: Channel;
  request: object;
  result: Result<unknown>;
}

/** The same call whatever the order of the request's keys. */
export function callKey(channel: string, request: unknown): string {
  const sorted = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([k, v]) => [k, sorted(v)]),
        )
      : value;
  return JSON.stringify([channel, sorted(request ?? {})]);
}
