import { useEffect, useMemo } from 'react';
import { Model, surveyLocalization } from 'survey-core';
import 'survey-core/i18n/german';
import { Survey } from 'survey-react-ui';
import 'survey-core/survey-core.fontless.min.css';

// Our questionnaires keep German under "default" and English under "en" (api/questionnaire/surveyModel.ts).
surveyLocalization.defaultLocale = 'de';

/**
 * A stored questionnaire version rendered by SurveyJS, as the resident page does, inside a box of a
 * phone's size (360 × 640 CSS pixels). Answers stay in the browser: completing is refused.
 */
export default function QuestionnairePreview({ json, language, label }: { json: Record<string, unknown>; language: 'de' | 'en'; label: string }) {
  const model = useMemo(() => {
    const survey = new Model(json);
    survey.showCompletedPage = false;
    survey.onCompleting.add((_, options) => {
      options.allow = false;
    });
    return survey;
  }, [json]);

  useEffect(() => {
    model.locale = language === 'en' ? 'en' : '';
  }, [model, language]);

  return (
    <div className="phone-frame" role="region" aria-label={label} tabIndex={0} lang={language}>
      <Survey model={model} />
    </div>
  );
}
