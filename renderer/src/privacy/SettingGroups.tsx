import type {
  LockReason,
  PrivacySettingName,
  PrivacyView,
} from '../../../preload/privacy-contract';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages/en';

/** The groups, the way a person thinks about them; demographics and the policy sit between. */
export const settingGroups: { id: string; settings: PrivacySettingName[] }[] = [
  { id: 'productEmail', settings: ['productEmail'] },
  { id: 'partnerPromotions', settings: ['partnerPromotions'] },
  { id: 'tailoredPromotions', settings: ['tailoredPromotions'] },
  { id: 'surveys', settings: ['surveys', 'surveyDataSharing'] },
  { id: 'personalisation', settings: ['profilePersonalisation'] },
];

/** The plan's reason for a lock, in words. */
export function lockText(t: (key: MessageKey) => string, reason: LockReason | null): string {
  return reason ? t(`privacy.lock.${reason}`) : t('privacy.lock.unknown');
}

/** One switch; a locked one stays visible, disabled, with the reason and the way out below. */
export function SettingSwitch({
  name,
  view,
  onChange,
}: {
  name: PrivacySettingName;
  view: PrivacyView;
  onChange: (name: PrivacySettingName, value: boolean) => void;
}) {
  const { t } = useI18n();
  const rule = view.rules[name];
  const on = view.settings[name];
  const pending = view.pending.includes(name);
  const id = `privacy-${name}`;
  return (
    <div className="privacy-switch" data-setting={name}>
      <label htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          role="switch"
          checked={on}
          disabled={!rule.editable}
          aria-describedby={rule.editable ? undefined : `${id}-lock`}
          onChange={(event) => onChange(name, event.target.checked)}
        />
        <span>{t(`privacy.label.${name}`)}</span>
        <span className="privacy-state" aria-hidden="true">
          {on ? t('privacy.on') : t('privacy.off')}
        </span>
        {pending && <span className="privacy-pending">{t('privacy.pendingMark')}</span>}
      </label>
      {!rule.editable && (
        <p className="privacy-lock" id={`${id}-lock`}>
          {lockText(t, rule.reason)}
        </p>
      )}
    </div>
  );
}

/** A heading, one plain sentence, and its switches. */
export function SettingGroup({
  id,
  settings,
  view,
  onChange,
  children,
}: {
  id: string;
  settings: PrivacySettingName[];
  view: PrivacyView;
  onChange: (name: PrivacySettingName, value: boolean) => void;
  children?: React.ReactNode;
}) {
  const { t } = useI18n();
  return (
    <section className="privacy-group" aria-labelledby={`group-${id}`}>
      <h3 id={`group-${id}`}>{t(`privacy.group.${id}` as MessageKey)}</h3>
      <p className="muted">{t(`privacy.explain.${id}` as MessageKey)}</p>
      {settings.map((name) => (
        <SettingSwitch key={name} name={name} view={view} onChange={onChange} />
      ))}
      {children}
    </section>
  );
}
