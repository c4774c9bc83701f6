import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/messages/en';

/** A screen whose feature has not landed yet; it says so rather than pretending. */
export function PlaceholderScreen({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t(title)}</h1>
      <p className="muted">{t('screen.placeholder')}</p>
    </section>
  );
}
