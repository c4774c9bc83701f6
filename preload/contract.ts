/**
 * The one contract between the renderer and main. Every channel is declared here once, with
 * runtime schemas for its request and response; the Electron preload, the ipcMain transport,
 * the headless WebSocket bridge and the renderer's types all derive from this table.
 *
 * Channel names are `namespace:method`; the preload exposes them as
 * `window.kamifax.namespace.method(request)`.
 */
import { z } from 'zod';
import { sendChannels, sendErrorCodes, sendEvents } from './send-contract';
import { printerChannels, printerErrorCodes, printerEvents } from './printer-contract';
import { privacyChannels, privacyErrorCodes, privacyEvents } from './privacy-contract';

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
  /** Country national fax numbers are read in: `auto` (the account's number, then the OS locale) or ISO alpha-2. */
  defaultCountry: z.union([z.literal('auto'), z.string().regex(/^[A-Z]{2}$/)]),
  /** Closing the window keeps Kamifax in the tray; `auto`: where the platform expects it. */
  closeToTray: z.union([z.literal('auto'), z.boolean()]).optional(),
  /** Start Kamifax, hidden in the tray, at login (desktop app only). */
  startAtLogin: z.boolean().optional(),
});

/** Where an account lives: the embedded demo service, or a service at an https (or loopback) URL. */
export const serviceLocationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }).strict(),
  z.object({ kind: z.literal('remote'), url: z.string().url().max(2048) }).strict(),
]);

/** Signed in or not, and why not. */
export const sessionStateSchema = z.discriminatedUnion('status', [
  /** At start, while the saved sign-in is being checked. */
  z.object({ status: z.literal('restoring') }),
  z.object({
    status: z.literal('signedOut'),
    /**
     * `revoked`: the service no longer accepts the saved sign-in. `keychain_unavailable`,
     * `restore_failed`: the saved sign-in could not be read or restored at start (retry with
     * `session:retryRestore`).
     */
    reason: z.enum(['revoked', 'keychain_unavailable', 'restore_failed']).nullable(),
    /**
     * The account to fill the sign-in form with: after a sign-out only when "Remember me" was
     * chosen at its sign-in (`remember`), else null (no e-mail stays).
     */
    remembered: z
      .object({
        service: serviceLocationSchema,
        email: z.string(),
        remember: z.boolean().optional(),
      })
      .nullable(),
  }),
  z.object({ status: z.literal('signedIn'), service: serviceLocationSchema, email: z.string() }),
]);

const pageMeter = z.object({ used: z.number().int(), limit: z.number().int().nullable() });

/** The account as the Account screen shows it. */
export const accountSchema = z.object({
  name: z.string(),
  email: z.string(),
  plan: z.enum(['trial', 'free', 'paid']),
  trialEndsAt: z.string().nullable(),
  faxNumbers: z.array(z.string()),
  usage: z.object({
    periodStart: z.string(),
    periodEnd: z.string(),
    receivedPages: pageMeter,
    sentPages: pageMeter,
  }),
});

/** A fax as the inbox lists it. Times are epoch milliseconds. */
export const faxSummarySchema = z.object({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  remoteNumber: z.string(),
  localNumber: z.string(),
  contactName: z.string().nullable(),
  subject: z.string().nullable(),
  pages: z.number().int(),
  at: z.number(),
  read: z.boolean(),
  junk: z.boolean(),
  status: z.string(),
});

/** Which faxes the inbox shows, in what order. */
export const inboxQuerySchema = z
  .object({
    search: z.string().max(200).default(''),
    filter: z.enum(['all', 'unread', 'thisWeek', 'junk', 'trash']).default('all'),
    sort: z.enum(['newest', 'oldest', 'sender', 'pages', 'subject']).default('newest'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
    /** Count at most this many matches (a keystroke's first window); `more` says it stopped. */
    countUpTo: z.number().int().min(1).optional(),
  })
  .strict();

/** Whether the inbox is in step with the service. */
export const inboxStatusSchema = z.object({
  connection: z.enum(['online', 'offline', 'syncing']),
  lastSyncAt: z.number().nullable(),
  pendingChanges: z.number().int(),
  /** Offline changes the service refused again and again, set aside (the user is told). */
  parkedChanges: z.number().int(),
  /** Moves only when rows changed: the list re-reads its rows on a new revision only. */
  revision: z.number().int(),
  unread: z.number().int(),
  total: z.number().int(),
});

const faxIds = z.array(z.string().min(1).max(100)).min(1).max(5000);

/** A document's page rotation in the viewer: a turn for all pages plus turns of single pages. */
export const pageRotationSchema = z
  .object({
    document: z.number().int().min(-3600).max(3600),
    pages: z.record(z.string().regex(/^\d{1,5}$/), z.number().int().min(-3600).max(3600)),
  })
  .refine((rotation) => Object.keys(rotation.pages).length <= 1000, 'Too many pages');

/** Which document a rotation belongs to (a fax id, `sent:<id>`, `report:<id>`…). */
const documentKey = z.string().min(1).max(300);

/**
 * Page 1 of a prefetched fax rendered ahead by the viewer: what shaped it (the viewer shows it
 * only when its pane has this width and pixel ratio) and the page's own geometry, so the
 * viewer can lay the page out before pdf.js has opened the document.
 */
export const pageAheadMetaSchema = z
  .object({
    paneWidth: z.number().int().min(1).max(20_000),
    devicePixelRatio: z.number().min(0.25).max(8),
    /** Page 1's size in points with its own /Rotate applied, and that /Rotate. */
    pageWidth: z.number().positive().max(100_000),
    pageHeight: z.number().positive().max(100_000),
    ownRotation: z.number().int().min(0).max(270),
    pageCount: z.number().int().min(1).max(10_000),
  })
  .strict();
/** What shaped a page rendered ahead, as one comparable string (`v1:w812:d1.25`). */
const pageAheadKey = z.string().regex(/^[\w.:-]{1,120}$/);
/** A page rendered ahead: PNG or WebP, checked again by main before it is stored. */
const pageAheadImage = bytes.refine((b) => b.length <= 8 * 1024 * 1024, 'Image too large');

const credentials = {
  service: serviceLocationSchema,
  email: z.string().trim().email().max(254),
  password: z.string().min(1).max(1024),
};

const appInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  host: z.enum(['electron', 'headless']),
  locale: z.string(),
  /** No keychain answered (browser host): the sign-in lasts this run only; the page says so. */
  signInInMemory: z.boolean().optional(),
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
    /** `openedId`: Forward from the viewer passes it to `drafts:create` (main re-reads the file). */
    response: z.object({
      file: z
        .object({ name: z.string(), bytes: bytes, openedId: z.string().optional() })
        .nullable(),
    }),
  },
  'files:savePdf': {
    request: z.object({ suggestedName: z.string().min(1).max(255), bytes }).strict(),
    response: z.object({ path: z.string().nullable() }),
  },
  'files:showInFolder': {
    request: z.object({ path: z.string().max(4096) }).strict(),
    response: z.object({ shown: z.boolean() }),
  },
  'session:get': { request: empty, response: sessionStateSchema },
  'session:signIn': {
    /** `remember`: keep the e-mail for the sign-in form after sign-out ("Remember me", off by default). */
    request: z.object({ ...credentials, remember: z.boolean().optional() }).strict(),
    response: sessionStateSchema,
  },
  'session:signUp': {
    request: z
      .object({
        ...credentials,
        name: z.string().trim().min(1).max(200),
        birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      })
      .strict(),
    response: sessionStateSchema,
  },
  'session:signOut': { request: empty, response: sessionStateSchema },
  'session:retryRestore': { request: empty, response: sessionStateSchema },
  'account:get': { request: empty, response: accountSchema },
  'inbox:query': {
    request: inboxQuerySchema,
    response: z.object({
      total: z.number().int(),
      rows: z.array(faxSummarySchema),
      /** The count stopped at `countUpTo`: there are more matches than `total`. */
      more: z.boolean().optional(),
    }),
  },
  'inbox:status': { request: empty, response: inboxStatusSchema },
  'inbox:syncNow': { request: empty, response: inboxStatusSchema },
  'inbox:markRead': {
    request: z.object({ ids: faxIds, read: z.boolean() }).strict(),
    response: z.object({ updated: z.number().int() }),
  },
  'inbox:delete': {
    request: z.object({ ids: faxIds }).strict(),
    response: z.object({ deleted: z.number().int() }),
  },
  'inbox:reportJunk': {
    request: z.object({ ids: faxIds, block: z.boolean() }).strict(),
    response: z.object({ updated: z.number().int() }),
  },
  /** One fax's summary (a fax opened from a notification, not in the list's window). */
  'inbox:get': {
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: faxSummarySchema,
  },
  /** Takes faxes out of the Trash (or undoes a delete). */
  'inbox:restore': {
    request: z.object({ ids: faxIds }).strict(),
    response: z.object({ restored: z.number().int() }),
  },
  /** "Not junk": back to the inbox. */
  'inbox:notJunk': {
    request: z.object({ ids: faxIds }).strict(),
    response: z.object({ updated: z.number().int() }),
  },
  /** Unblocks a sender (from an open fax). */
  'inbox:unblock': {
    request: z.object({ number: z.string().min(1).max(40) }).strict(),
    response: z.object({ unblocked: z.boolean() }),
  },
  'inbox:document': {
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: z.object({ name: z.string(), bytes }),
  },
  'inbox:clearLocalData': { request: empty, response: z.object({ cleared: z.boolean() }) },
  /** The page rotations remembered for this account (kept in its store, gone at sign-out). */
  'inbox:rotations': {
    request: empty,
    response: z.object({ rotations: z.record(documentKey, pageRotationSchema) }),
  },
  /** Remembers one document's rotation; null (or upright) forgets it. */
  'inbox:setRotation': {
    request: z.object({ key: documentKey, rotation: pageRotationSchema.nullable() }).strict(),
    response: z.object({ saved: z.boolean() }),
  },
  /**
   * Prefetched newest unread faxes whose page 1 is not yet rendered ahead for `key` (null: the
   * key last stored, so a restarted window renders for the pane it had).
   */
  'inbox:pagesAheadWanted': {
    request: z.object({ key: pageAheadKey.nullable() }).strict(),
    response: z.object({ key: pageAheadKey.nullable(), ids: z.array(z.string()) }),
  },
  /** Stores page 1 rendered ahead beside the fax's cached document (refused: stored false). */
  'inbox:putPageAhead': {
    request: z
      .object({
        id: z.string().min(1).max(100),
        key: pageAheadKey,
        meta: pageAheadMetaSchema,
        image: pageAheadImage,
      })
      .strict(),
    response: z.object({ stored: z.boolean() }),
  },
  /** Page 1 rendered ahead for this fax, or null. */
  'inbox:pageAhead': {
    request: z.object({ id: z.string().min(1).max(100) }).strict(),
    response: z.object({
      page: z
        .object({
          key: pageAheadKey,
          meta: pageAheadMetaSchema,
          type: z.enum(['image/png', 'image/webp']),
          width: z.number().int(),
          height: z.number().int(),
          image: bytes,
        })
        .nullable(),
    }),
  },
  'settings:get': { request: empty, response: settingsSchema },
  'settings:update': { request: settingsSchema.partial().strict(), response: settingsSchema },
  ...sendChannels,
  ...printerChannels,
  ...privacyChannels,
} as const;

/** Payload schemas of every event main pushes to the renderer. */
export const events = {
  'settings:changed': settingsSchema,
  'session:changed': sessionStateSchema,
  'inbox:changed': inboxStatusSchema,
  'inbox:openFax': z.object({ id: z.string() }),
  'inbox:downloadProgress': z.object({
    id: z.string(),
    loaded: z.number(),
    total: z.number().nullable(),
  }),
  'notification:shown': z.object({
    title: z.string(),
    body: z.string(),
    faxId: z.string().nullable(),
  }),
  /**
   * Raised by the page's own bridge, never by main: the headless host stopped answering
   * (its socket closed or its heartbeat went silent). The Electron host never raises it.
   */
  'host:connection': z.object({ state: z.enum(['connected', 'lost']) }),
  ...sendEvents,
  ...printerEvents,
  ...privacyEvents,
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
  'offline',
  'service_unreachable',
  'signed_out',
  'cancelled',
  'server_error',
  'request_refused',
  'invalid_credentials',
  'email_taken',
  'underage',
  'rate_limited',
  'quota_exceeded',
  'plan_rule',
  'not_found',
  'document_damaged',
  'keychain_unavailable',
  'service_incompatible',
  'internal',
  ...sendErrorCodes,
  ...printerErrorCodes,
  ...privacyErrorCodes,
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
/** What a channel's handler receives: the request after its schema filled in defaults. */
export type ParsedRequestOf<C extends Channel> = z.output<(typeof channels)[C]['request']>;
/** What a channel gives back. */
export type ResponseOf<C extends Channel> = z.output<(typeof channels)[C]['response']>;
/** What an event carries. */
export type EventOf<E extends EventName> = z.output<(typeof events)[E]>;
/** A fax as the inbox lists it. */
export type FaxSummary = z.output<typeof faxSummarySchema>;
/** Which faxes the inbox shows. */
export type InboxQuery = z.output<typeof inboxQuerySchema>;
/** Whether the inbox is in step with the service. */
export type InboxStatus = z.output<typeof inboxStatusSchema>;
/** Signed in or not. */
export type SessionState = z.output<typeof sessionStateSchema>;
/** The account as the Account screen shows it. */
export type Account = z.output<typeof accountSchema>;
/** User preferences. */
export type Settings = z.output<typeof settingsSchema>;
/** A document's page rotation in the viewer. */
export type PageRotation = z.output<typeof pageRotationSchema>;

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

/** The IPC channel name an event travels on (prefixed so it can never collide with a request). */
export function eventWireName(event: EventName): string {
  return `event:${event}`;
}
