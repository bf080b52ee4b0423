import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { useLanguage } from '../../i18n';
import type { Verdict } from './types';

/**
 * What the check found in an uploaded file: the planner reads every problem with its question and JSON
 * path (a table, while the file cannot be saved) and the notes (Hinweise) that do not stop saving.
 */
export function CheckReport({ verdict, fileName }: { verdict: Verdict; fileName: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <>
      {!verdict.ok && (
        <DataTable
          captionId="problems-caption"
          caption={t('questionnaires.problemsCaption', { file: fileName })}
          columns={[t('questionnaires.question'), t('questionnaires.path'), t('questionnaires.problem')]}
        >
          {verdict.problems.map((p, i) => (
            <tr key={`${p.path}-${i}`}>
              <td>{p.question ?? t('questionnaires.wholeQuestionnaire')}</td>
              <td className="questionnaire-path">{p.path}</td>
              <td>{p.message[language]}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {verdict.warnings.length > 0 && (
        <>
          <h3>{t('questionnaires.warningsTitle')}</h3>
          <ul>
            {verdict.warnings.map((w, i) => (
              <li key={i}>
                {w.question ?? t('questionnaires.wholeQuestionnaire')}: {w.message[language]}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
