import { useI18n } from '../i18n/i18n';

/** Pages used against a limit, warning from 80% and at the limit. */
export function UsageMeter({
  label,
  meter,
}: {
  label: string;
  meter: { used: number; limit: number | null };
}) {
  const { t } = useI18n();
  const percent = meter.limit ? Math.round((meter.used / meter.limit) * 100) : 0;
  const level =
    meter.limit === null ? 'ok' : percent >= 100 ? 'full' : percent >= 80 ? 'near' : 'ok';
  return (
    <div className={`meter meter-${level}`}>
      <div className="meter-label">
        <span>{label}</span>
        <span>
          {meter.limit === null
            ? t('account.meterUnlimited', { used: meter.used })
            : t('account.meter', { used: meter.used, limit: meter.limit })}
        </span>
      </div>
      {meter.limit !== null && (
        <progress aria-label={label} max={meter.limit} value={Math.min(meter.used, meter.limit)} />
      )}
      {level === 'near' && <p className="warning">{t('account.nearLimit', { percent })}</p>}
      {level === 'full' && (
        <p className="warning" role="alert">
          {t('account.atLimit')}
        </p>
      )}
    </div>
  );
}
