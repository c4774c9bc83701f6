import { useEffect, useState } from 'react';
import type { Account, BridgeError } from '../../../preload/contract';
import { useKamifax } from '../app/KamifaxContext';
import { useI18n } from '../i18n/i18n';
import { useAccountView } from '../app/account-context';
import { formatFaxNumber } from '../inbox/format';
import { daysLeft } from './trial';
import { UsageMeter } from './UsageMeter';
import { detach } from '../app/detach';

/** Plan, trial, usage against the limits, fax numbers, and sign-out. */
export function AccountScreen({
  onPrivacy,
  onSignOut,
}: {
  onPrivacy: () => void;
  onSignOut: () => void;
}) {
  const kamifax = useKamifax();
  const { t, errorText, locale } = useI18n();
  const [fresh, setFresh] = useState<Account | null>(null);
  // Offline, the last account the service described stays in view (and so does Sign out).
  const { account: lastKnown, country } = useAccountView();
  const account = fresh ?? lastKnown;
  const [error, setError] = useState<BridgeError | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  const [now] = useState(() => Date.now());

  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    detach(
      'loading the account',
      kamifax.account.get().then((result) => {
        if (!live) return;
        if (result.ok) {
          setFresh(result.value);
          setError(null);
        } else setError(result.error);
      }),
    );
    return () => {
      live = false;
    };
  }, [kamifax, attempt]);

  const copy = async (number: string) => {
    await navigator.clipboard.writeText(number);
    setCopied(number);
  };

  const date = (iso: string) => new Date(iso).toLocaleDateString(locale);

  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('screen.account.title')}</h1>
      {error && (
        <div role="alert" className="error">
          <p>{errorText(error.code)}</p>
          <button
            type="button"
            onClick={() => {
              setError(null);
              setAttempt((n) => n + 1);
            }}
          >
            {t('account.retry')}
          </button>
        </div>
      )}
      {!account && !error && <p role="status">{t('account.loading')}</p>}
      {account && (
        <>
          <dl className="facts" data-testid="account-facts">
            <dt>{t('account.name')}</dt>
            <dd>{account.name}</dd>
            <dt>{t('account.email')}</dt>
            <dd>{account.email}</dd>
            <dt>{t('account.plan')}</dt>
            <dd>
              {t(`account.plan.${account.plan}`)}
              {account.plan === 'trial' && account.trialEndsAt && (
                <span className="muted">
                  {' · '}
                  {daysLeft(account.trialEndsAt, now) > 0
                    ? t('account.trialLeft', { days: daysLeft(account.trialEndsAt, now) })
                    : t('account.trialEnded')}
                </span>
              )}
            </dd>
          </dl>
          <h2>
            {t('account.usage', {
              start: date(account.usage.periodStart),
              end: date(account.usage.periodEnd),
            })}
          </h2>
          <UsageMeter label={t('account.received')} meter={account.usage.receivedPages} />
          <UsageMeter label={t('account.sent')} meter={account.usage.sentPages} />
          <h2>{t('account.numbers')}</h2>
          <ul className="numbers">
            {account.faxNumbers.map((number) => (
              <li key={number}>
                <span className="number">{formatFaxNumber(number, country)}</span>
                <button
                  type="button"
                  onClick={() =>
                    detach('copying a fax number', copy(formatFaxNumber(number, country)))
                  }
                  aria-label={t('account.copy', { number: formatFaxNumber(number, country) })}
                >
                  {copied === formatFaxNumber(number, country)
                    ? t('account.copied', { number: formatFaxNumber(number, country) })
                    : t('account.copyShort')}
                </button>
              </li>
            ))}
          </ul>
          <p>
            <button type="button" className="link" onClick={onPrivacy}>
              {t('account.privacyLink')}
            </button>
          </p>
        </>
      )}
      {(account || error) && (
        <>
          <p className="muted">{t('account.signOutNote')}</p>
          <button type="button" className="danger" onClick={onSignOut}>
            {t('account.signOut')}
          </button>
        </>
      )}
    </section>
  );
}
