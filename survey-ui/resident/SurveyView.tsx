import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Model, surveyLocalization } from 'survey-core';
import 'survey-core/i18n/german';
import { Survey } from 'survey-react-ui';
import { ApiError, request } from '../lib/api';
import type { SurveyState } from '../../api/collection/residentService';

/** The survey with the answers so far, as the API answers it (`import type` is erased by the bundler). */
export type DraftState = Extract<SurveyState, { status: 'draft' }>;

// Our questionnaires keep German under "default" and English under "en" (see api/questionnaire/surveyModel.ts).
surveyLocalization.defaultLocale = 'de';

const AUTOSAVE_DELAY_MS = 1500;

/** Answers that changed since the last save; removed answers are sent as null so the server clears them. */
function changes(previous: Record<string, unknown>, current: Record<string, unknown>): Record<string, unknown> {
  const diff: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(current)) if (JSON.stringify(previous[name]) !== JSON.stringify(value)) diff[name] = value;
  for (const name of Object.keys(previous)) if (!(name in current)) diff[name] = null;
  return diff;
}

/** The questionnaire, rendered by SurveyJS, with autosave on page change and after typing pauses. */
export function SurveyView({ initial, onSubmitted }: { initial: DraftState; onSubmitted: () => void }) {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<'idle' | 'saved' | 'failed'>('idle');
  const [problems, setProblems] = useState<{ path: string; message: string }[]>([]);
  const saved = useRef<Record<string, unknown>>({ ...initial.answers });
  const timer = useRef<number | undefined>(undefined);
  const problemsRef = useRef<HTMLDivElement>(null);

  const survey = useMemo(() => {
    const model = new Model(initial.questionnaire.json);
    model.showCompletedPage = false;
    model.data = initial.answers;
    if (initial.currentPage < model.visiblePageCount) model.currentPageNo = initial.currentPage;
    return model;
  }, [initial]);

  useEffect(() => {
    survey.locale = i18n.resolvedLanguage === 'en' ? 'en' : '';
  }, [survey, i18n.resolvedLanguage]);

  useEffect(() => {
    const save = async () => {
      window.clearTimeout(timer.current);
      const current = survey.data as Record<string, unknown>;
      const diff = changes(saved.current, current);
      try {
        await request('PUT', '/api/survey/draft', { answers: diff, page: survey.currentPageNo });
        saved.current = { ...current };
        setStatus('saved');
      } catch {
        setStatus('failed');
      }
    };
    const onValue = () => {
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
    };
    const onPage = () => void save();
    const onComplete = async () => {
      window.clearTimeout(timer.current);
      try {
        await request('POST', '/api/survey/submit', { answers: survey.data });
        onSubmitted();
      } catch (err) {
        // Back to the questionnaire with the server's list of questions to check.
        survey.clear(false, true);
        setProblems(err instanceof ApiError ? (err.details.length ? err.details : [{ path: '', message: err.message }]) : [{ path: '', message: t('resident.network') }]);
        window.setTimeout(() => problemsRef.current?.focus(), 0);
      }
    };
    survey.onValueChanged.add(onValue);
    survey.onCurrentPageChanged.add(onPage);
    survey.onComplete.add(onComplete);
    return () => {
      survey.onValueChanged.remove(onValue);
      survey.onCurrentPageChanged.remove(onPage);
      survey.onComplete.remove(onComplete);
      window.clearTimeout(timer.current);
    };
  }, [survey, onSubmitted, t]);

  // SurveyJS renders an unlabeled (read-only, tabindex -1) filter input inside each dropdown; axe
  // reports it as "form element without label". Name it after the dropdown's own accessible name.
  const container = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = container.current;
    if (!root) return;
    const label = () => {
      for (const input of root.querySelectorAll('input.sd-dropdown__filter-string-input:not([aria-label])')) {
        const combo = input.closest('.sd-question')?.querySelector('[role="combobox"]');
        input.setAttribute('aria-label', combo?.getAttribute('aria-label') ?? input.closest('.sd-question')?.querySelector('.sd-question__title')?.textContent ?? '');
      }
    };
    label();
    const observer = new MutationObserver(label);
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] });
    return () => observer.disconnect();
  }, [survey]);

  const titleOf = (name: string) => survey.getQuestionByName(name)?.processedTitle ?? name;

  return (
    <section className="survey" aria-label={t('resident.surveyLabel')}>
      <h1 className="visually-hidden">{t('resident.title')}</h1>
      {problems.length > 0 && (
        <div className="message message--error" role="alert" tabIndex={-1} ref={problemsRef}>
          <p className="message__title">{t('resident.submitFailed')}</p>
          <ul>
            {problems.map((p) => (
              <li key={p.path + p.message}>
                {p.path ? `${titleOf(p.path)}: ` : ''}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div ref={container}>
        <Survey model={survey} />
      </div>
      <p className="survey__status muted" role="status">
        {status === 'saved' ? t('resident.saved') : status === 'failed' ? t('resident.saveFailed') : ''}
      </p>
    </section>
  );
}
