import { useMemo } from 'preact/hooks';
import { safeLocalStorage } from '../../client/index.ts';
import { chooseLanguage } from '../app/language.ts';
import { LOCALE_NAMES, LOCALES, locale, t } from '../i18n/index.ts';

/** The language menu: each language named in itself, so anyone can find theirs. */
export function LanguageSelect({ compact = false }: { compact?: boolean }) {
  const storage = useMemo(() => safeLocalStorage(), []);
  return (
    <label class={compact ? 'language language-compact' : 'language'}>
      <span class={compact ? 'sr-only' : undefined}>{t('app.language')}</span>
      <select
        value={locale()}
        aria-label={t('app.language')}
        data-testid="language-select"
        onChange={(e) => chooseLanguage(storage, e.currentTarget.value, navigator)}
      >
        {Object.keys(LOCALES).map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
