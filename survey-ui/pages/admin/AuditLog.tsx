import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/TableScroll';
import { api, ApiError } from '../../lib/api';
import { describeChange, formatDateTime } from './format';
import type { AuditPage } from './types';

export const auditPageSize = 20;

interface AuditLogProps {
  /** Changes whenever the admin changed something, so the newest entries appear at once. */
  refreshKey: number;
}

export function AuditLog({ refreshKey }: AuditLogProps) {
  const { t, i18n } = useTranslation();
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api
      .get<AuditPage>(`/api/admin/audit?limit=${auditPageSize}&offset=${offset}`)
      .then((result) => {
        if (cancelled) return;
        setPage(result);
        setFailed(null);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        setFailed(error instanceof ApiError && error.message ? error.message : t('admin.audit.loadFailed'));
      });
    return () => {
      cancelled = true;
    };
  }, [offset, refreshKey, t]);

  const total = page?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / auditPageSize));
  const current = Math.floor(offset / auditPageSize) + 1;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + auditPageSize, total);

  return (
    <section className="card" aria-labelledby="audit-title">
      <div className="card__header">
        <h2 id="audit-title">{t('admin.audit.title')}</h2>
        <p className="card__header-aside">
          <a className="button button--secondary" href="/api/admin/audit.csv" download aria-describedby="audit-download-hint">
            {t('admin.audit.download')}
          </a>
          <span id="audit-download-hint" className="field__hint">
            {t('admin.audit.downloadHint')}
          </span>
        </p>
      </div>
      {failed && (
        <p className="message message--error" role="alert">
          {failed}
        </p>
      )}
      {page && (
        <>
          <TableScroll labelledBy="audit-caption">
            <table className="table table--compact">
              <caption id="audit-caption">
                {total === 0 ? t('admin.audit.captionEmpty') : t('admin.audit.caption', { from, to, total })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('admin.audit.at')}</th>
                  <th scope="col">{t('admin.audit.actor')}</th>
                  <th scope="col">{t('admin.audit.action')}</th>
                  <th scope="col">{t('admin.audit.entity')}</th>
                  <th scope="col">{t('admin.audit.details')}</th>
                </tr>
              </thead>
              <tbody>
                {page.entries.map((entry) => (
                  <tr key={String(entry.id)}>
                    <td className="nowrap">{formatDateTime(entry.at, i18n.language)}</td>
                    <td>{entry.actorUsername ?? entry.actorUserId ?? t('admin.audit.system')}</td>
                    <td>
                      {/* Labels are flat keys ('frame.import' and 'frame.import.rejected' cannot both nest); unknown actions show their code. */}
                      {t(`admin.audit.actions.${entry.action.replaceAll('.', '_')}`, { defaultValue: entry.action })}
                    </td>
                    <td>{t(`admin.audit.entityTypes.${entry.entityType}`, { defaultValue: entry.entityType })}</td>
                    <td>
                      <ul className="change-list">
                        {describeChange(entry.beforeSummary, entry.afterSummary, entry.details).map((line, index) => (
                          <li key={index}>{line}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <nav className="pager" aria-label={t('admin.audit.pagination')}>
            <button
              type="button"
              className="button button--secondary"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - auditPageSize))}
            >
              {t('admin.audit.previous')}
            </button>
            <p className="pager__status" aria-live="polite">
              {t('admin.audit.page', { page: current, pages })}
            </p>
            <button
              type="button"
              className="button button--secondary"
              disabled={offset + auditPageSize >= total}
              onClick={() => setOffset(offset + auditPageSize)}
            >
              {t('admin.audit.next')}
            </button>
          </nav>
        </>
      )}
    </section>
  );
}
