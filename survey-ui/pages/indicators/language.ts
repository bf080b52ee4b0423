import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../../i18n';
import type { Lang } from './types';

/** The language the page is shown in, to pick a text of the API's answers (`{ de, en }`). */
export function useLanguage(): Lang {
  const { i18n } = useTranslation();
  return (i18n.resolvedLanguage ?? currentLanguage()) as Lang;
}
