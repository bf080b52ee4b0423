import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import type { Lang } from './types';

/** The language the page is shown in, to pick a text of the API's answers (`{ de, en }`). */
export function useLanguage(): Lang {
  const { i18n } = useTranslation();
  return (i18n.resolvedLanguage ?? currentLanguage()) as Lang;
}

/** A day as the reader writes it (7.12.2026, 07/12/2026); the catalogue's "none" when there is no date. */
export function useDay(): (iso: string | null) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return (iso) => (iso ? new Date(iso).toLocaleDateString(language === 'de' ? 'de-DE' : 'en-GB') : t('questionnaires.none'));
}
