import { LOCALE_NAMES, LOCALES, type Locale, locale, setLocale, t } from '../i18n';
import { setTheme, type ThemeChoice, themeChoice } from '../state/theme';

const THEMES: ThemeChoice[] = ['system', 'light', 'dark'];

/** Language and colour scheme, remembered in this browser. */
export function Preferences() {
  return (
    <div class="preferences">
      <label>
        {t('shell.language')}
        <select value={locale.value} onChange={(e) => setLocale(e.currentTarget.value as Locale)}>
          {LOCALES.map((code) => (
            <option key={code} value={code} lang={code}>
              {LOCALE_NAMES[code]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('shell.theme')}
        <select value={themeChoice.value} onChange={(e) => setTheme(e.currentTarget.value as ThemeChoice)}>
          {THEMES.map((choice) => (
            <option key={choice} value={choice}>
              {t(`shell.theme.${choice}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
