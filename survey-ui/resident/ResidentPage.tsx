import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { accessCodeFromLocation, isPlausibleAccessCode, normaliseAccessCode } from './accessCode';

/** Landing page for invited households: what the survey is, data protection, access code. */
export function ResidentPage() {
  const { t } = useTranslation();
  const [code, setCode] = useState(() => accessCodeFromLocation(window.location));
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = t('resident.documentTitle');
  }, [t]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const normalised = normaliseAccessCode(code);
    if (normalised === '') {
      setError(t('resident.codeRequired'));
      inputRef.current?.focus();
      return;
    }
    if (!isPlausibleAccessCode(normalised)) {
      setError(t('resident.codeFormat'));
      inputRef.current?.focus();
      return;
    }
    setError(null);
    window.location.assign(`/t/${encodeURIComponent(normalised)}`);
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
        <h1 className="page-title">{t('resident.title')}</h1>
        <p className="lead">{t('resident.lead')}</p>
        <section className="card card--plain" aria-labelledby="privacy-title">
          <h2 id="privacy-title">{t('resident.privacyTitle')}</h2>
          <p>{t('resident.privacy')}</p>
        </section>
        <section className="card" aria-labelledby="code-title">
          <h2 id="code-title">{t('resident.codeTitle')}</h2>
          <form className="form" onSubmit={onSubmit} noValidate>
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
                autoComplete="one-time-code"
                autoCapitalize="characters"
                spellCheck={false}
                value={code}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'access-code-error access-code-hint' : 'access-code-hint'}
                onChange={(event) => setCode(event.target.value)}
              />
            </div>
            <button type="submit" className="button button--primary button--large">
              {t('resident.submit')}
            </button>
          </form>
        </section>
        <p className="muted">{t('resident.questions')}</p>
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
