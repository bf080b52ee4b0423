import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { Link, useRouter } from '../lib/router';
import { useSession } from './session';
import { homePathFor, sectionAt, sectionsFor } from './sections';

export function Header() {
  const { t } = useTranslation();
  const { state, logout } = useSession();
  const { path, navigate } = useRouter();
  const [loggingOut, setLoggingOut] = useState(false);
  const user = state.status === 'ready' ? state.user : null;
  const active = sectionAt(path);

  const onLogout = async () => {
    setLoggingOut(true);
    try {
      await logout();
    } finally {
      setLoggingOut(false);
      navigate('/login', { replace: true });
    }
  };

  return (
    <header className="site-header">
      <div className="site-header__bar">
        <Link to={user ? homePathFor(user.role) : '/login'} className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__text">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </span>
        </Link>
        <div className="site-header__tools">
          {user && (
            <p className="user-badge">
              {t('user.signedInAs', { name: user.displayName, role: t(`roles.${user.role}`) })}
            </p>
          )}
          <LanguageSwitch />
          {user && (
            <button type="button" className="button button--secondary" onClick={() => void onLogout()} disabled={loggingOut}>
              {t('user.logout')}
            </button>
          )}
        </div>
      </div>
      {user && (
        <nav className="main-nav" aria-label={t('nav.label')}>
          <ul className="main-nav__list">
            {sectionsFor(user.role).map((section) => (
              <li key={section.key}>
                <Link
                  to={section.path}
                  className="main-nav__link"
                  aria-current={(active?.parent ?? active?.key) === section.key ? 'page' : undefined}
                >
                  {t(`nav.${section.key}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
