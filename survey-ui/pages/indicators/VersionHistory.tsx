import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { useLanguage } from '../../i18n';
import type { Stored } from './types';

/**
 * Versionen dieser Kennzahl: the planner sees every stored version of the indicator, newest first, with
 * when and by whom it was saved, its label and the reason given for the change.
 */
export function VersionHistory({ versions, label }: { versions: Stored[]; label: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const dateTime = (iso: string) => new Intl.DateTimeFormat(language === 'de' ? 'de-DE' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  return (
    <section className="card" aria-labelledby="indicator-versions-title">
      <h2 id="indicator-versions-title">{t('indicators.versionsTitle')}</h2>
      <DataTable
        captionId="indicator-versions-caption"
        caption={t('indicators.versionsCaption', { label })}
        columns={[t('indicators.version'), t('indicators.savedAt'), t('indicators.savedBy'), t('indicators.label'), t('indicators.reason')]}
      >
        {versions.map((v) => (
          <tr key={v.version}>
            <th scope="row">{v.version}</th>
            <td>{dateTime(v.createdAt)}</td>
            <td>{v.createdBy ?? t('indicators.system')}</td>
            <td>{v.definition.label[language]}</td>
            <td>{v.version === 1 && v.createdBy === null ? t('indicators.shipped') : (v.note ?? '–')}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
