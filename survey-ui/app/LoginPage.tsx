import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle';
import { ApiError } from '../lib/api';
import { useRouter } from '../lib/router';
import { useSession } from './session';
import { homePathFor, sectionAt } from './sections';

type Failure = { kind: 'missing' } | { kind: 'rejected'; message: string } | { kind: 'locked'; message: string } | { kind: 'other'; message: string };

export function LoginPage() {
  const { t } = useTranslation();
  const { login, ended } = useSession();
  const { navigate, search } = useRouter();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (username.trim() === '' || password === '') {
      setFailure({ kind: 'missing' });
      (username.trim() === '' ? usernameRef : passwordRef).current?.focus();
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const user = await login(username.trim(), password);
      // Only return to a known in-app section, never to an arbitrary URL from the query string.
      const next = new URLSearchParams(search).get('next');
      const target = next && sectionAt(next)?.roles.includes(user.role) ? next : homePathFor(user.role);
      navigate(target, { replace: true });
    } catch (error) {
      setBusy(false);
      setPassword('');
      if (error instanceof ApiError && error.status === 429) {
        setFailure({ kind: 'locked', message: error.message });
      } else if (error instanceof ApiError && error.status === 401) {
        setFailure({ kind: 'rejected', message: error.message || t('login.failed') });
      } else if (error instanceof ApiError) {
        setFailure({ kind: 'other', message: error.message || t('errors.unexpected', { status: error.status }) });
      } else {
        setFailure({ kind: 'other', message: t('errors.network') });
      }
      passwordRef.current?.focus();
    }
  };

  const invalid = failure !== null && failure.kind !== 'other';

  return (
    <div className="narrow">
      <PageTitle>{t('login.title')}</PageTitle>
      <p className="lead">{t('login.intro')}</p>
      <form className="card form" onSubmit={(event) => void onSubmit(event)} noValidate aria-describedby="login-error">
        {/* The alert region exists before any message, so screen readers announce changes reliably. */}
        <div id="login-error" role="alert" className={failure || ended ? 'message message--error' : 'message message--empty'}>
          {failure === null && ended && <p>{t('errors.sessionExpired')}</p>}
          {failure?.kind === 'missing' && <p>{t('login.required')}</p>}
          {failure?.kind === 'locked' && (
            <>
              <p className="message__title">{t('login.lockedTitle')}</p>
              <p>{failure.message || t('login.locked')}</p>
            </>
          )}
          {(failure?.kind === 'rejected' || failure?.kind === 'other') && <p>{failure.message}</p>}
        </div>
        <div className="field">
          <label htmlFor="login-username">{t('login.username')}</label>
          <input
            ref={usernameRef}
            id="login-username"
            name="username"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={username}
            aria-invalid={invalid && (failure?.kind !== 'missing' || username.trim() === '') ? true : undefined}
            onChange={(event) => setUsername(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">{t('login.password')}</label>
          <input
            ref={passwordRef}
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            aria-invalid={invalid && (failure?.kind !== 'missing' || password === '') ? true : undefined}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      <p className="aside">
        {t('login.residentHint')} <a href="/teilnahme.html">{t('login.residentLink')}</a>
      </p>
    </div>
  );
}
