import { Suspense, lazy, useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { ApiError, api, request, setCsrfToken, type Session } from '../lib/api';
import { accessCodeFromLocation } from './accessCode';
import { isWellFormedAccessCode } from './checkCharacter';
import type { DraftState } from './SurveyView';

// SurveyJS is four fifths of the page's JavaScript: the start page shows without it, and the
// questionnaire chunk is fetched right after the first render, while the resident reads and types the code.
const loadSurveyView = () => import('./SurveyView');
const SurveyView = lazy(async () => ({ default: (await loadSurveyView()).SurveyView }));

type SurveyState = { status: 'submitted' } | { status: 'none' } | DraftState;

type View =
  | { kind: 'loading' }
  | { kind: 'start' }
  | { kind: 'survey'; state: DraftState }
  | { kind: 'thanks'; already: boolean };

/** The resident flow: start page (privacy notice, code) → survey → thank-you page. */
export function ResidentPage() {
  const { t } = useTranslation();
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [code, setCode] = useState(() => accessCodeFromLocation(window.location));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = t('resident.documentTitle');
  }, [t]);

  useEffect(() => {
    void loadSurveyView();
  }, []);

  useEffect(() => {
    // Anonymous session + CSRF token first; then resume when this browser already entered a code.
    void (async () => {
      try {
        const session = await api.get<Session>('/api/session');
        setCsrfToken(session.csrfToken);
        const state = await api.get<SurveyState>('/api/survey/current');
        setView(state.status === 'submitted' ? { kind: 'thanks', already: true } : state.status === 'draft' ? { kind: 'survey', state } : { kind: 'start' });
      } catch {
        setView({ kind: 'start' });
      }
    })();
  }, []);

  const fail = (message: string) => {
    setError(message);
    inputRef.current?.focus();
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (code.trim() === '') return fail(t('resident.codeRequired'));
    // Typing errors are caught here, before any request: the check character detects every single typo.
    if (!isWellFormedAccessCode(code)) return fail(t('resident.codeTypo'));
    setError(null);
    setBusy(true);
    try {
      const state = await request<SurveyState>('POST', '/api/survey/enter', { code });
      if (window.location.pathname.startsWith('/t/')) window.history.replaceState(null, '', '/teilnahme.html');
      setView(state.status === 'draft' ? { kind: 'survey', state } : { kind: 'thanks', already: true });
    } catch (err) {
      fail(err instanceof ApiError && err.message ? err.message : t('resident.network'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <header className="site-header">
        <div className="site-header__bar">
          <p className="brand">
            <span className="brand__mark" aria-hidden="true" />
            <span className="brand__text">
              <span className="brand__name">{t('app.name')}</span>
            </span>
          </p>
          <div className="site-header__tools">
            <LanguageSwitch />
          </div>
        </div>
      </header>
      <main id="main" className="main main--resident" tabIndex={-1}>
        {view.kind === 'loading' && (
          <p className="loading" role="status">
            {t('app.loading')}
          </p>
        )}
        {view.kind === 'start' && (
          <>
            <h1 className="page-title">{t('resident.title')}</h1>
            <p className="lead">{t('resident.lead')}</p>
            <section className="card" aria-labelledby="code-title">
              <h2 id="code-title">{t('resident.codeTitle')}</h2>
              <form className="form" onSubmit={(e) => void onSubmit(e)} noValidate>
                <div className={error ? 'field field--invalid' : 'field'}>
                  <label htmlFor="access-code">{t('resident.codeLabel')}</label>
                  <p id="access-code-hint" className="field__hint">
                    {t('resident.codeHint')}
                  </p>
                  <div role="alert" id="access-code-error" className={error ? 'field__error' : 'message--empty'}>
                    {error}
                  </div>
                  <input
                    ref={inputRef}
                    id="access-code"
                    name="code"
                    className="input--code"
                    autoComplete="off"
                    autoCapitalize="characters"
                    spellCheck={false}
                    value={code}
                    aria-invalid={error ? true : undefined}
                    aria-describedby={error ? 'access-code-error access-code-hint' : 'access-code-hint'}
                    onChange={(event) => setCode(event.target.value)}
                  />
                </div>
                <button type="submit" className="button button--primary button--large" disabled={busy}>
                  {busy ? t('resident.checking') : t('resident.submit')}
                </button>
              </form>
              <p className="muted">{t('resident.resumeHint')}</p>
            </section>
            <section className="card card--plain" aria-labelledby="privacy-title">
              <h2 id="privacy-title">{t('resident.privacyTitle')}</h2>
              <ul className="privacy-list">
                <li>{t('resident.privacyPurpose')}</li>
                <li>{t('resident.privacyController')}</li>
                <li>{t('resident.privacyVoluntary')}</li>
                <li>{t('resident.privacyStorage')}</li>
                <li>{t('resident.privacyRights')}</li>
              </ul>
            </section>
            <p className="muted">{t('resident.questions')}</p>
          </>
        )}
        {view.kind === 'survey' && (
          <Suspense
            fallback={
              <p className="loading" role="status">
                {t('app.loading')}
              </p>
            }
          >
            <SurveyView initial={view.state} onSubmitted={() => setView({ kind: 'thanks', already: false })} />
          </Suspense>
        )}
        {view.kind === 'thanks' && <Thanks already={view.already} />}
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}

function Thanks({ already }: { already: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section className="thanks" aria-labelledby="thanks-title">
      <h1 id="thanks-title" ref={ref} tabIndex={-1} className="page-title">
        {t('resident.thanksTitle')}
      </h1>
      <p className="lead">{already ? t('resident.thanksAlready') : t('resident.thanks')}</p>
    </section>
  );
}
