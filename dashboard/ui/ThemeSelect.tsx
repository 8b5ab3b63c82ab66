import { useMemo } from 'preact/hooks';
import { safeLocalStorage } from '../../client/index.ts';
import { chooseTheme, THEMES, themeStore, type ThemeChoice } from '../app/theme.ts';
import { t } from '../i18n/index.ts';
import { useStore } from './use-store.ts';

/** Light, dark, or the system's: kept per browser (app/theme.ts). */
export function ThemeSelect() {
  const storage = useMemo(() => safeLocalStorage(), []);
  const choice = useStore(themeStore);
  return (
    <label class="theme-select">
      <span class="sr-only">{t('theme.label')}</span>
      <select
        value={choice}
        aria-label={t('theme.label')}
        title={t('theme.label')}
        data-testid="theme-select"
        onChange={(e) => chooseTheme(storage, e.currentTarget.value as ThemeChoice)}
      >
        {THEMES.map((th) => (
          <option key={th} value={th}>
            {t(`theme.${th}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
