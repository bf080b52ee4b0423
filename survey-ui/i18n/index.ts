import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import de from './de.json';
import en from './en.json';
import site from '../site.config.json';

export const supportedLanguages = ['de', 'en'] as const;
export type Language = (typeof supportedLanguages)[number];

/** Shared by the staff app and the resident page, so a choice made on one is kept on the other. */
const storageKey = 'familienbefragung.language';

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (supportedLanguages as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(storageKey);
    return isLanguage(value) ? value : 'de';
  } catch {
    // Storage can be unavailable (private mode, blocked cookies): German is the default.
    return 'de';
  }
}

/** The language currently shown, always one of the supported ones. */
export function currentLanguage(): Language {
  return isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'de';
}

/**
 * The language the page is shown in, as a hook: the component renders again when it is switched. For
 * picking the text of an API answer (`{ de, en }`) or the `lang` of a request.
 */
export function useLanguage(): Language {
  useTranslation();
  return currentLanguage();
}

/** Switches the UI language, remembers it and updates `<html lang>` for assistive technology. */
export async function changeLanguage(language: Language): Promise<void> {
  try {
    window.localStorage.setItem(storageKey, language);
  } catch {
    // Not remembered, but the switch itself still works.
  }
  await i18n.changeLanguage(language);
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { de: { translation: de }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'de',
  supportedLngs: [...supportedLanguages],
  initAsync: false,
  interpolation: {
    // React escapes output itself.
    escapeValue: false,
    // The city comes from the site configuration, so the same build serves any municipality.
    defaultVariables: { city: site.cityName },
  },
  returnNull: false,
});

document.documentElement.lang = currentLanguage();

export { i18n };
