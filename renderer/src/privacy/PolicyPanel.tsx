import { useState } from 'react';
import type { PrivacyView } from '../../../preload/privacy-contract';
import { useI18n } from '../i18n/i18n';

type Policy = NonNullable<PrivacyView['policy']>;

/** The date in the language's own order (2026年12月1日, 1 Dec 2026). */
export function longDate(value: string, locale: string): string {
  const date = new Date(value.length === 10 ? `${value}T00:00:00` : value);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    year: 'numeric',
    month: locale === 'ja' ? 'long' : 'short',
    day: 'numeric',
  });
}

/**
 * The notice while a policy version waits for an answer: a banner at the top of Privacy, and
 * on every other screen a line in the status bar (`inStatusBar`), which takes nothing off the
 * screen above it (the inbox list keeps its height).
 */
export function PolicyBanner({
  policy,
  onRead,
  inStatusBar = false,
}: {
  policy: Policy;
  onRead: () => void;
  inStatusBar?: boolean;
}) {
  const { t, locale } = useI18n();
  return (
    <div
      className={inStatusBar ? 'status-policy' : 'banner privacy-banner'}
      role="alert"
      data-testid="policy-banner"
    >
      <span>
        {t('privacy.policy.banner', {
          version: policy.version,
          date: longDate(policy.effectiveDate, locale),
        })}
      </span>{' '}
      <button type="button" className={inStatusBar ? 'link' : undefined} onClick={onRead}>
        {t('privacy.policy.read')}
      </button>
    </div>
  );
}

/** The policy's text, acceptance, and the yes-or-no questions about new uses of data. */
export function PolicyPanel({
  view,
  open,
  onToggle,
  onAccept,
  onAnswer,
}: {
  view: PrivacyView;
  open: boolean;
  onToggle: () => void;
  onAccept: (version: number) => void;
  onAnswer: (id: string, granted: boolean) => void;
}) {
  const { t, locale } = useI18n();
  const policy = view.policy;
  const [busy, setBusy] = useState(false);
  if (!policy) return null;
  const status = policy.accepted
    ? policy.acceptedAt
      ? t('privacy.policy.acceptedOn', {
          version: policy.version,
          date: longDate(policy.acceptedAt, locale),
        })
      : t('privacy.policy.accepted', {
          version: policy.version,
          date: longDate(policy.effectiveDate, locale),
        })
    : t('privacy.policy.notAccepted', { version: policy.version });
  return (
    <div className="privacy-policy" id="privacy-policy">
      <p data-testid="policy-status">{status}</p>
      {(open || !policy.accepted) && (
        <div className="privacy-policy-text" aria-labelledby="policy-text-title">
          <h4 id="policy-text-title">
            {t('privacy.policy.textTitle', { version: policy.version })}
          </h4>
          <pre tabIndex={0}>{policy.text}</pre>
        </div>
      )}
      {view.consents.map((consent) => (
        <fieldset key={consent.id} className="privacy-consent" data-consent={consent.id}>
          <legend>{t('privacy.consent.question', { title: consent.title })}</legend>
          <p>{consent.description}</p>
          <p className="muted">
            {consent.answer
              ? t('privacy.consent.answered', {
                  answer: consent.answer.granted
                    ? t('privacy.consent.yes')
                    : t('privacy.consent.no'),
                  date: longDate(consent.answer.answeredAt, locale),
                })
              : t('privacy.consent.unanswered')}
          </p>
          {/* Two buttons, neither pre-selected: nothing is assumed until the user answers. */}
          <div className="actions-row">
            <button
              type="button"
              aria-pressed={consent.answer?.granted === true}
              onClick={() => onAnswer(consent.id, true)}
            >
              {t('privacy.consent.yes')}
            </button>
            <button
              type="button"
              aria-pressed={consent.answer?.granted === false}
              onClick={() => onAnswer(consent.id, false)}
            >
              {t('privacy.consent.no')}
            </button>
          </div>
        </fieldset>
      ))}
      <div className="actions-row">
        {!policy.accepted && (
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              onAccept(policy.version);
              setBusy(false);
            }}
          >
            {t('privacy.policy.accept', { version: policy.version })}
          </button>
        )}
        {policy.accepted && (
          <button type="button" className="link" aria-expanded={open} onClick={onToggle}>
            {open ? t('privacy.policy.hide') : t('privacy.policy.show')}
          </button>
        )}
      </div>
    </div>
  );
}
