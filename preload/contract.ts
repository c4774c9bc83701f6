/**
 * The one contract between the renderer and main. Every channel is declared here once, with
 * runtime schemas for its request and response; the Electron preload, the ipcMain transport,
 * the headless WebSocket bridge and the renderer's types all derive from this table.
 *
 * Channel names are `namespace:method`; the preload exposes them as
 * `window.kamifax.namespace.method(request)`.
 */
import { z } from 'zod';

const empty = z.object({}).strict();

/** Document bytes. Electron's IPC clones them; the headless bridge encodes them (see bridge-codec). */
const bytes = z.custom<Uint8Array>((value) => value instanceof Uint8Array, 'Expected bytes');

/** The largest document the app opens or saves (the service refuses sends over 20 MB). */
export const maxDocumentBytes = 64 * 1024 * 1024;

/** Languages the UI ships catalogues for; `system` follows the OS. */
export const languageSchema = z.enum(['system', 'en', 'ja']);
/** Themes; `system` follows the OS. */
export const themeSchema = z.enum(['system', 'light', 'dark']);
/** How much a desktop notification for a new fax may say. Never document content. */
export const notificationLevelSchema = z.enum(['off', 'generic', 'details']);

/** User preferences kept by main (not synced to the service). */
export const settingsSchema = z.object({
  language: languageSchema,
  theme: themeSchema,
  notificationLevel: notificationLevelSchema,
});

const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  host: z.enum(['electron', 'headless']),
  locale: z.string(),
});

/** Request and response schemas of every channel. */
export const channels = {
  'app:info': { request: empty, response: appInfo },
  'app:ping': {
    request: z.object({ nonce: z.string().min(1).max(64) }).strict(),
    response: z.object({ nonce: z.string(), receivedAt: z.number() }),
  },
  'app:openExternal': {
    request: z.object({ url: z.string().max(2048) }).strict(),
    response: z.object({ opened: z.boolean() }),
  },
  'files:openPdf': {
    request: empty,
    response: z.object({ file: z.object({ name: z.string(), bytes: bytes }).nullable() }),
  },
  'files:savePdf': {
    request: z.object({ suggestedName: z.string().min(1).max(255), bytes }).strict(),
    response: z.object({ path: z.string().nullable() }),
  },
  'files:showInFolder': {
    request: z.object({ path: z.string().max(4096) }).strict(),
    response: z.object({ shown: z.boolean() }),
  },
  'settings:get': { request: empty, response: settingsSchema },
  'settings:update': { request: settingsSchema.partial().strict(), response: settingsSchema },
} as const;

/** Payload schemas of every event main pushes to the renderer. */
export const events = {
  'settings:changed': settingsSchema,
} as const;

/** Stable error codes the UI maps to friendly text in English and Japanese. */
export const errorCodes = [
  'invalid_request',
  'unknown_channel',
  'forbidden_sender',
  'refused_url',
  'host_unavailable',
  'unsupported_on_host',
  'file_too_large',
  'file_unreadable',
  'not_saved_here',
  'internal',
] as const;

/** A stable error code. Later features add theirs to `errorCodes`. */
export type ErrorCode = (typeof errorCodes)[number];
/** An error as it crosses the bridge: a code for the UI, a message for logs and fallbacks. */
export interface BridgeError {
  code: ErrorCode;
  message: string;
}
/** Results cross the bridge as values, never as thrown errors. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };

/** Every channel name. */
export type Channel = keyof typeof channels;
/** Every event name. */
export type EventName = keyof typeof events;
/** What a channel takes. */
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
/** What a channel gives back. */
export type ResponseOf<C extends Channel> = z.output<(typeof channels)[C]['response']>;
/** What an event carries. */
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;
/** User preferences. */
export type Settings = z.output<typeof settingsSchema>;

type Namespace<C extends string> = C extends `${infer N}:${string}` ? N : never;
type Args<C extends Channel> =
  Record<never, never> extends RequestOf<C> ? [request?: RequestOf<C>] : [request: RequestOf<C>];

/** The shape of `window.kamifax`, derived from the channel table. */
export type KamifaxApi = {
  [N in Namespace<Channel>]: {
    [C in Channel as C extends `${N}:${infer M}` ? M : never]: (
      ...args: Args<C>
    ) => Promise<Result<ResponseOf<C>>>;
  };
} & {
  /** Subscribes to a main→renderer event; returns the unsubscribe function. */
  on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void;
};

/** Type guard for a channel name arriving from an untrusted side. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

/** Type guard for an event name. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The IPC channel name an event travels on (prefixed so it can never collide with a request). */
export function eventWireName(event: EventName): string {
  return `event:${event}`;
}
