import { useI18n } from '../i18n/i18n';
import { AppMark } from './AppMark';
import { navLabel, screenIcon, screens, type ScreenId } from './screens';

/**
 * The sidebar: the app mark, "New fax" as the primary action, then one button per screen
 * with its icon, label and count. Below 900 px only the icons show (CSS), each with a
 * tooltip; the label stays as the accessible name.
 */
export function Navigation({
  current,
  onSelect,
  counts,
}: {
  current: ScreenId;
  onSelect: (screen: ScreenId) => void;
  counts: Partial<Record<ScreenId, number>>;
}) {
  const { t } = useI18n();
  return (
    <nav className="sidebar" aria-label={t('nav.label')}>
      <div className="brand">
        <AppMark />
        <span className="nav-label">{t('app.name')}</span>
      </div>
      <ul>
        {screens.map((screen, index) => {
          const Icon = screenIcon(screen);
          const count = counts[screen] ?? 0;
          const label = t(navLabel(screen));
          const shortcut = index < 9 ? t('nav.shortcutHint', { n: index + 1 }) : null;
          return (
            <li key={screen}>
              <button
                type="button"
                className={screen === 'compose' ? 'nav-item nav-primary' : 'nav-item'}
                data-screen={screen}
                aria-current={screen === current ? 'page' : undefined}
                aria-keyshortcuts={
                  screen === 'compose'
                    ? 'Control+1 Control+N'
                    : shortcut
                      ? `Control+${index + 1}`
                      : undefined
                }
                title={shortcut ? `${label} (${shortcut})` : label}
                onClick={() => onSelect(screen)}
              >
                <Icon aria-hidden="true" size={18} strokeWidth={1.75} />
                <span className="nav-label">{label}</span>
                {count > 0 && <span className="nav-count">{count}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
