import { useTranslation } from 'react-i18next';
import { changeLanguage, type Language } from '../i18n';

/**
 * One button that switches to the other language. Its text is written in the target language
 * (marked with `lang`), so a reader who does not understand the current language still finds it.
 */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const target = t('language.switchToLang') as Language;
  return (
    <button type="button" className="button button--quiet language-switch" lang={target} onClick={() => void changeLanguage(target)}>
      <span aria-hidden="true" className="language-switch__icon">
        {target.toUpperCase()}
      </span>
      <span>{t('language.switchTo')}</span>
    </button>
  );
}
