import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { hasNavigatedInApp } from '../lib/router';

/**
 * The page's `<h1>`. It sets the document title and, after in-app navigation, receives the focus
 * so screen-reader users hear where they arrived (a full page load starts at the top anyway).
 */
export function PageTitle({ children }: { children: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = t('app.documentTitle', { page: children });
  }, [children, t]);

  useEffect(() => {
    if (hasNavigatedInApp()) ref.current?.focus();
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  );
}
