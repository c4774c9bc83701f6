import { useEffect, useState } from 'react';
import type { LocalData } from '../../../preload/privacy-contract';
import { useKamifax } from '../app/KamifaxContext';
import { detach } from '../app/detach';
import { useI18n } from '../i18n/i18n';
import type { Report } from './report';

/** Bytes in the units people read (KB, MB). */
export function humanSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toLocaleString(locale, { maximumFractionDigits: digits })} ${units[unit]}`;
}

/** What Kamifax keeps on this computer, measured now, with Clear local data. */
export function LocalDataPanel({ report }: { report: Report }) {
  const kamifax = useKamifax();
  const { t, locale } = useI18n();
  const [data, setData] = useState<LocalData | null>(null);

  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    detach(
      'describing local data',
      kamifax.localData.describe().then((result) => {
        if (!live) return;
        if (result.ok) setData(result.value);
        else report({ error: result.error.code });
      }),
    );
    return () => {
      live = false;
    };
  }, [kamifax, report, round]);

  const clear = async () => {
    const result = await kamifax.inbox.clearLocalData();
    report(result.ok ? { key: 'privacy.local.cleared' } : { error: result.error.code });
    setRound((n) => n + 1);
  };

  return (
    <div className="privacy-local" data-testid="local-data">
      <p>{t('privacy.local.explain', { dataDir: data?.dataDir ?? '…' })}</p>
      {data && data.items.length === 0 && <p>{t('privacy.local.empty')}</p>}
      <dl className="facts">
        {data?.items.map((item) => (
          <div key={item.kind} data-kind={item.kind} className="privacy-local-item">
            <dt>{t(`privacy.local.kind.${item.kind}`)}</dt>
            <dd>
              <span className="muted">
                {t('privacy.local.size', {
                  size: humanSize(item.bytes, locale),
                  files: item.files,
                })}
              </span>{' '}
              <code>{item.path}</code>
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted">{t('privacy.local.clearNote')}</p>
      <button type="button" onClick={() => detach('clearing local data', clear())}>
        {t('privacy.local.clear')}
      </button>
    </div>
  );
}
