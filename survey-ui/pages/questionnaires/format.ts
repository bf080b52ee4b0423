import { useTranslation } from 'react-i18next';
import { useLanguage } from '../../i18n';

/** A day as the reader writes it (7.12.2026, 07/12/2026); the catalogue's "none" when there is no date. */
export function useDay(): (iso: string | null) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return (iso) => (iso ? new Date(iso).toLocaleDateString(language === 'de' ? 'de-DE' : 'en-GB') : t('questionnaires.none'));
}
