import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, useRouter } from '../lib/router';
import { Header } from './Header';
import { LoginPage } from './LoginPage';
import { useSession } from './session';
import { homePathFor, sectionAt } from './sections';
import { NoAccessPage, NotFoundPage } from './StatusPages';

// The public results page: no login, its own chunk.
const PublicResultsPage = lazy(() => import('../pages/public/PublicResultsPage'));

function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}

function Routes(): ReactNode {
  const { t } = useTranslation();
  const { state } = useSession();
  const { path } = useRouter();

  if (state.status === 'loading') return <Loading />;
  if (state.status === 'failed') {
    return (
      <p className="message message--error" role="alert">
        {t('app.sessionError')}
      </p>
    );
  }

  const user = state.user;
  if (path === '/ergebnisse') {
    return (
      <Suspense fallback={<Loading />}>
        <PublicResultsPage />
      </Suspense>
    );
  }
  if (path === '/') return <Redirect to={user ? homePathFor(user.role) : '/login'} />;
  if (path === '/login') return user ? <Redirect to={homePathFor(user.role)} /> : <LoginPage />;

  const section = sectionAt(path);
  if (!section) return <NotFoundPage home={user ? homePathFor(user.role) : '/login'} />;
  if (!user) return <Redirect to={`/login?next=${encodeURIComponent(section.path)}`} />;
  if (!section.roles.includes(user.role)) return <NoAccessPage role={user.role} section={section.key} />;

  const { Page } = section;
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

export function App() {
  const { t } = useTranslation();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skipLink')}
      </a>
      <Header />
      <main id="main" className="main" tabIndex={-1}>
        <Routes />
      </main>
      <footer className="site-footer">
        <p>{t('app.footer')}</p>
      </footer>
    </>
  );
}
