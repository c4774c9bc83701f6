import { useI18n } from '../i18n/i18n';
import { navLabel, screens, type ScreenId } from './screens';

/** The sidebar: one button per screen, the current one marked for assistive technology. */
export function Navigation({
  current,
  onSelect,
}: {
  current: ScreenId;
  onSelect: (screen: ScreenId) => void;
}) {
  const { t } = useI18n();
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="brand">{t('app.name')}</div>
      <ul>
        {screens.map((screen, index) => (
          <li key={screen}>
            <button
              type="button"
              className="nav-item"
              aria-current={screen === current ? 'page' : undefined}
              aria-keyshortcuts={`Control+${index + 1}`}
              title={t('nav.shortcutHint', { n: index + 1 })}
              onClick={() => onSelect(screen)}
            >
              {t(navLabel(screen))}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
