import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lang } from './types';

// SurveyJS is loaded only when a preview is shown.
const QuestionnairePreview = lazy(() => import('./QuestionnairePreview'));

interface VersionPreviewProps {
  /** Every stored version (`id@version`), to choose from. */
  refs: string[];
  /** The chosen version; the list's preview buttons choose it too. */
  selected: string;
  onSelect: (ref: string) => void;
  /** The version shown, with its SurveyJS JSON; null before the first preview. */
  shown: { ref: string; json: Record<string, unknown> } | null;
  /** Fetches a version and shows it. */
  onShow: (ref: string) => void;
  busy: boolean;
}

/**
 * Vorschau: the planner picks a version and a language and sees the questionnaire as a resident would,
 * in a frame of a phone's size (QuestionnairePreview).
 */
export function VersionPreview({ refs, selected, onSelect, shown, onShow, busy }: VersionPreviewProps) {
  const { t } = useTranslation();
  const [language, setLanguage] = useState<Lang>('de');
  const languageName = (l: Lang) => t(l === 'de' ? 'questionnaires.german' : 'questionnaires.english');
  return (
    <section className="card" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('questionnaires.previewTitle')}</h2>
      <p>{t('questionnaires.previewHint')}</p>
      <form
        className="preview-form"
        onSubmit={(event) => {
          event.preventDefault();
          onShow(selected);
        }}
      >
        <div className="field">
          <label htmlFor="preview-version">{t('questionnaires.previewOf')}</label>
          <select id="preview-version" value={selected} onChange={(e) => onSelect(e.target.value)}>
            {refs.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('questionnaires.previewLanguage')}</legend>
          {(['de', 'en'] as const).map((l) => (
            <label key={l}>
              <input type="radio" name="preview-language" value={l} checked={language === l} onChange={() => setLanguage(l)} /> {languageName(l)}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--secondary" disabled={busy || !selected}>
          {t('questionnaires.previewVersion', { version: selected.split('@')[1] ?? '' })}
        </button>
      </form>
      {shown && (
        <Suspense fallback={<p className="loading">{t('questionnaires.previewLoading')}</p>}>
          <QuestionnairePreview
            key={shown.ref}
            json={shown.json}
            language={language}
            label={t('questionnaires.phoneFrame', { id: shown.ref.split('@')[0], version: shown.ref.split('@')[1], language: languageName(language) })}
          />
        </Suspense>
      )}
    </section>
  );
}
