import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n';

const TEXTS = {
  de: {
    title: 'Stadtteilbericht',
    hint: 'Bericht für Stadtrat und Ausschüsse: Methode in einfachen Worten, Überblick und Stadtkarte, ein Profil je Stadtteil mit Vertrauensbereichen, Veränderung zur Vorwelle und unterdrückten Werten, Tabellenanhang. Der Download wird protokolliert.',
    language: 'Sprache des Berichts',
    de: 'Deutsch',
    en: 'Englisch',
    pdf: 'Stadtteilbericht (PDF)',
    html: 'Stadtteilbericht (HTML)',
  },
  en: {
    title: 'District report',
    hint: 'Report for the council and its committees: method in plain words, overview and city map, a profile per district with confidence intervals, change since the previous wave and suppressed values, appendix tables. The download is logged.',
    language: 'Language of the report',
    de: 'German',
    en: 'English',
    pdf: 'District report (PDF)',
    html: 'District report (HTML)',
  },
};
i18n.addResourceBundle('de', 'translation', { analysis: { report: TEXTS.de } }, true, true);
i18n.addResourceBundle('en', 'translation', { analysis: { report: TEXTS.en } }, true, true);

/** The district report as PDF or HTML download, in the language chosen here (default: the page's). */
export function DistrictReport({ pageLanguage }: { pageLanguage: string }) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<'de' | 'en'>(pageLanguage === 'en' ? 'en' : 'de');
  const selectId = useId();
  const href = (format: 'pdf' | 'html') => `/api/analysis/report?format=${format}&lang=${language}`;
  return (
    <section className="card" aria-labelledby="district-report-title">
      <h2 id="district-report-title">{t('analysis.report.title')}</h2>
      <p>{t('analysis.report.hint')}</p>
      <p>
        <label htmlFor={selectId}>{t('analysis.report.language')}</label>{' '}
        <select id={selectId} value={language} onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'de')}>
          <option value="de">{t('analysis.report.de')}</option>
          <option value="en">{t('analysis.report.en')}</option>
        </select>
      </p>
      <ul className="analysis-downloads">
        <li>
          <a className="button" href={href('pdf')} download>
            {t('analysis.report.pdf')}
          </a>
        </li>
        <li>
          <a className="button button--secondary" href={href('html')} download>
            {t('analysis.report.html')}
          </a>
        </li>
      </ul>
    </section>
  );
}
