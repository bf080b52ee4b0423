import { useTranslation } from 'react-i18next';
import { PageTitle } from '../components/PageTitle';
import type { Role } from '../lib/api';
import { Link } from '../lib/router';
import { homePathFor, type SectionKey } from './sections';

/** Shown when a signed-in role opens a section it may not use (the API refuses its data anyway). */
export function NoAccessPage({ role, section }: { role: Role; section: SectionKey }) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageTitle>{t('noAccess.title')}</PageTitle>
      <p>{t('noAccess.text', { role: t(`roles.${role}`), section: t(`nav.${section}`) })}</p>
      <p>
        <Link to={homePathFor(role)}>{t('noAccess.back')}</Link>
      </p>
    </div>
  );
}

export function NotFoundPage({ home }: { home: string }) {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>{t('notFound.text')}</p>
      <p>
        <Link to={home}>{t('notFound.back')}</Link>
      </p>
    </div>
  );
}
