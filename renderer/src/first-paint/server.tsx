/**
 * The first screen of a signed-in user, drawn by the host before the page's scripts run
 * (`main/core/first-paint.ts` loads this module lazily, react-dom/server and all). It is made
 * of the renderer's own components (Navigation, the inbox toolbar, count line and list with
 * its FaxRows, the status bar) fed the page's first answers, so there is one copy of each
 * row's markup. The markup sits in `#root` inside an inert, aria-busy `.first-paint` element:
 * nothing in it can be focused, clicked or typed into, and React's first commit of the live
 * app (createRoot, no hydration) clears `#root` and puts the live screen in its place.
 * Never part of the page's own scripts.
 */
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import type { FaxSummary, InboxStatus, KamifaxApi, SessionState } from '../../../preload/contract';
import type { FirstAnswer } from '../../../preload/first-answers';
import { AccountProvider } from '../app/account-context';
import { HostContext } from '../app/host-context';
import { KamifaxContext } from '../app/KamifaxContext';
import { Navigation } from '../app/Navigation';
import { StatusBar } from '../app/StatusBar';
import type { AppInfo, Settings } from '../app/types';
import { I18nProvider, resolveLocale, useI18n, type Locale } from '../i18n/i18n';
import { CountLine } from '../inbox/CountLine';
import { columnsMinWidth, InboxList } from '../inbox/InboxList';
import { countryOfNumber } from '../inbox/format';
import { InboxToolbar } from '../inbox/InboxToolbar';

/** The class of the host-painted element (agreed with the benches: "painted" vs "interactive"). */
export const firstPaintClass = 'first-paint';

/** What the first screen shows, taken from the first answers. */
interface FirstScreenData {
  info: AppInfo;
  settings: Settings;
  status: InboxStatus | null;
  total: number;
  more: boolean;
  rows: FaxSummary[];
}

const ignore = () => {};
/** No call is made while rendering to a string (effects do not run); a call would be a bug. */
const noBridge = new Proxy({} as KamifaxApi, {
  get() {
    throw new Error('the first screen asks nothing of main');
  },
});

function valueOf(answers: readonly FirstAnswer[], channel: FirstAnswer['channel']): unknown {
  const result = answers.find((answer) => answer.channel === channel)?.result;
  return result?.ok ? result.value : undefined;
}

/** The data for a signed-in user's inbox, or null when the answers lack any part of it. */
function firstScreenData(answers: readonly FirstAnswer[]): FirstScreenData | null {
  const info = valueOf(answers, 'app:info') as AppInfo | undefined;
  const settings = valueOf(answers, 'settings:get') as Settings | undefined;
  const session = valueOf(answers, 'session:get') as SessionState | undefined;
  const window = valueOf(answers, 'inbox:query') as
    { total: number; rows: FaxSummary[]; more?: boolean } | undefined;
  if (!info || !settings || session?.status !== 'signedIn' || !window) return null;
  if (!Array.isArray(window.rows) || typeof window.total !== 'number') return null;
  const status = (valueOf(answers, 'inbox:status') as InboxStatus | undefined) ?? null;
  return {
    info,
    settings,
    status,
    total: window.total,
    more: window.more === true,
    rows: window.rows,
  };
}

/** The shell's frame with the inbox as its screen (Shell and InboxScreen's layout, no hooks). */
function FirstScreen({ data }: { data: FirstScreenData }) {
  const { t } = useI18n();
  const { rows, total, status } = data;
  const unread = status?.unread ?? 0;
  const criteria = { search: '', filter: 'all', sort: 'newest' } as const;
  return (
    <div className="shell">
      <Navigation current="inbox" onSelect={ignore} counts={{ inbox: unread }} />
      <main className="content" data-screen="inbox">
        <section className="screen inbox pane-right">
          <h1 className="visually-hidden">{t('screen.inbox.title')}</h1>
          <InboxToolbar
            mode="inbox"
            criteria={criteria}
            onCriteria={ignore}
            onSync={ignore}
            readingPane="right"
            onReadingPane={ignore}
            onOpenPdf={ignore}
          />
          <div className="inbox-split">
            <div className="inbox-list-side">
              <CountLine
                mode="inbox"
                total={total}
                atLeast={data.more}
                criteria={criteria}
                unread={unread}
              />
              {total > 0 && (
                <InboxList
                  total={total}
                  rowAt={(index) => rows[index]}
                  onRange={ignore}
                  selection={{ selected: new Set(), active: 0 }}
                  onSelection={ignore}
                  openId={null}
                  sort="newest"
                  onSort={ignore}
                  onShow={ignore}
                  onOpen={ignore}
                  onFullWindow={ignore}
                  onDelete={ignore}
                  // The reading pane's default place is beside the list, which leaves it
                  // narrower than the columns need at common window sizes: the live list's
                  // two-line rows, so nothing re-lays out when React takes over.
                  firstWidth={columnsMinWidth - 1}
                />
              )}
            </div>
            <div className="inbox-pane-side">
              <p className="pane-empty muted">{t('inbox.noneOpen')}</p>
            </div>
          </div>
        </section>
      </main>
      <StatusBar status={status} stopped={false} />
    </div>
  );
}

/**
 * The country numbers show in: the live screen takes the account's own number's, which the
 * page does not carry; a received fax's `localNumber` is that number, so the painted rows
 * read as the live ones will once the account has loaded.
 */
function country(data: FirstScreenData): string {
  const own = data.rows.find((row) => row.direction === 'inbound')?.localNumber;
  return (own && countryOfNumber(own)) || (data.settings.defaultCountry ?? 'auto');
}

function Providers({
  data,
  locale,
  language,
  children,
}: {
  data: FirstScreenData;
  locale: Locale;
  /** The browser's first language (the live app's navigator.language). */
  language: string | undefined;
  children: ReactNode;
}) {
  return (
    <I18nProvider locale={locale}>
      <KamifaxContext.Provider value={noBridge}>
        <HostContext.Provider value={data.info.host}>
          <AccountProvider
            refreshKey={0}
            defaultCountry={country(data)}
            language={language ?? 'en-US'}
          >
            {children}
          </AccountProvider>
        </HostContext.Provider>
      </KamifaxContext.Provider>
    </I18nProvider>
  );
}

/**
 * React writes `style="…"` attributes (each row's place, the list's height), which our CSP
 * (`style-src 'self'`) refuses in markup; in `.first-paint` the stylesheet lays the rows out
 * without them. React escapes `"` in text and attribute values, so ` style="` only ever
 * starts one of its own attributes.
 */
function withoutStyleAttributes(html: string): string {
  return html.replace(/ style="[^"]*"/g, '');
}

/**
 * The first screen as HTML for `#root`, or null when the answers are not a signed-in user's
 * inbox. `languages` are the browser's (Accept-Language), as the renderer's navigator.languages.
 */
export function renderFirstScreen(
  answers: readonly FirstAnswer[],
  languages: readonly string[],
): string | null {
  const data = firstScreenData(answers);
  if (!data) return null;
  const locale = resolveLocale(data.settings.language, languages);
  const html = renderToString(
    <Providers data={data} locale={locale} language={languages[0]}>
      <FirstScreen data={data} />
    </Providers>,
  );
  return `<div class="${firstPaintClass}" inert aria-busy="true">${withoutStyleAttributes(html)}</div>`;
}

/**
 * Renders a made-up screen once (thrown away), when the host loads this module: the first
 * render runs cold code (~60 ms measured under load, against a few ms warm), and it should
 * not be a page's.
 */
export function warmFirstScreen(): void {
  const ok = (value: unknown) => ({ ok: true as const, value });
  const at = Date.now();
  const rows = Array.from({ length: 24 }, (_, index) => ({
    id: `warm-${index}`,
    direction: 'inbound',
    remoteNumber: '+81312345678',
    localNumber: '+81501234567',
    contactName: index % 2 ? null : 'Warm',
    subject: index % 3 ? 'Warm' : null,
    pages: 1,
    at: at - index * 3_600_000,
    read: index % 2 === 0,
    junk: false,
    status: 'received',
  }));
  const info = { name: '', version: '', platform: '', host: 'headless', locale: 'en' };
  const settings = {
    language: 'system',
    theme: 'system',
    notificationLevel: 'all',
    defaultCountry: 'auto',
  };
  const session = { status: 'signedIn', service: { kind: 'local' }, email: '' };
  const status = {
    connection: 'online',
    lastSyncAt: at,
    pendingChanges: 0,
    parkedChanges: 0,
    revision: 0,
    unread: 1,
    total: 24,
  };
  const answers = [
    { channel: 'app:info', request: {}, result: ok(info) },
    { channel: 'settings:get', request: {}, result: ok(settings) },
    { channel: 'session:get', request: {}, result: ok(session) },
    { channel: 'inbox:status', request: {}, result: ok(status) },
    { channel: 'inbox:query', request: {}, result: ok({ total: 24, rows }) },
  ] satisfies FirstAnswer[];
  for (const languages of [['en-US'], ['ja-JP']]) renderFirstScreen(answers, languages);
}
