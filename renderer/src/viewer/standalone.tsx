/**
 * The viewer on a page of its own (`viewer.html`): open a local PDF without the shell. It is
 * the viewer's test and benchmark page, and the seed of a separate viewer window.
 */
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { KamifaxContext, useKamifax } from '../app/KamifaxContext';
import type { Settings } from '../app/types';
import { connectKamifax } from '../bridge/kamifax';
import { I18nProvider, resolveLocale, useI18n } from '../i18n/i18n';
import { LocalPdfOpener } from './LocalPdfOpener';
import type { ViewerDeadlines } from './watchdog';
import '../styles.css';
import { detach } from '../app/detach';

function StandaloneViewer() {
  const kamifax = useKamifax();
  const [settings, setSettings] = useState<Settings | null>(null);

  useEffect(() => {
    const loaded = kamifax.settings.get().then((result) => {
      setSettings(
        result.ok
          ? result.value
          : {
              language: 'system',
              theme: 'system',
              notificationLevel: 'generic',
              defaultCountry: 'auto',
            },
      );
    });
    detach('loading settings', loaded);
  }, [kamifax]);

  const locale = resolveLocale(settings?.language ?? 'system', navigator.languages);
  useEffect(() => {
    if (!settings) return;
    document.documentElement.lang = locale;
    if (settings.theme !== 'system') document.documentElement.dataset.theme = settings.theme;
    document.documentElement.dataset.ready = 'true';
  }, [settings, locale]);

  return settings ? (
    <I18nProvider locale={locale}>
      <Page />
    </I18nProvider>
  ) : null;
}

function Page() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t('viewer.title')} — ${t('app.name')}`;
  }, [t]);
  return (
    <main className="content viewer-standalone">
      <h1 className="visually-hidden">{t('viewer.title')}</h1>
      <LocalPdfOpener deadlines={deadlinesFromQuery(location.search)} />
    </main>
  );
}

/** Tests and the benchmark may shorten the deadlines: `viewer.html?renderMs=2000`. */
function deadlinesFromQuery(search: string): Partial<ViewerDeadlines> {
  const query = new URLSearchParams(search);
  const deadlines: Partial<ViewerDeadlines> = {};
  for (const key of ['loadMs', 'renderMs', 'pingMs'] as const) {
    const value = Number(query.get(key));
    if (Number.isFinite(value) && value >= 100 && value <= 120_000) deadlines[key] = value;
  }
  return deadlines;
}

const root = document.getElementById('root');
if (!root) throw new Error('viewer.html has no #root');
createRoot(root).render(
  <StrictMode>
    <KamifaxContext.Provider value={connectKamifax()}>
      <StandaloneViewer />
    </KamifaxContext.Provider>
  </StrictMode>,
);
