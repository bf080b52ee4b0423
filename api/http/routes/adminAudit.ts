import { Router } from 'express';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { AuditEntry, Store } from '../../store/types';
import { formulaSafeCell } from '../../../analysis';
import { route } from '../route';
import { validate, validQuery } from '../validate';

const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'actorUserId',
  'actorUsername',
  'action',
  'entityType',
  'entityId',
  'beforeId',
  'beforeSummary',
  'afterId',
  'afterSummary',
  'details',
] as const;

function csvRow(e: AuditEntry): string[] {
  return AUDIT_CSV_COLUMNS.map((c) => {
    const v = e[c];
    return formulaSafeCell(v == null ? '' : typeof v === 'string' ? v : JSON.stringify(v));
  });
}

const EXPORT_PAGE = 1000;

/** One page of the audit trail as GET /api/admin/audit answers it, newest first. */
export interface AuditPage {
  entries: AuditEntry[];
  /** Entries in the whole trail. */
  total: number;
}

/** The audit trail for admins: a page as JSON, or everything as CSV. */
export function adminAuditRoutes(store: Store): Router {
  const router = Router();

  route(router, 'GET', '/api/admin/audit', validate({ query: pageQuery }), async (_req, res) => {
    const page = validQuery<z.output<typeof pageQuery>>(res);
    const [entries, total] = await Promise.all([store.audit.list(page), store.audit.count()]);
    res.json({ entries, total } satisfies AuditPage);
  });

  route(router, 'GET', '/api/admin/audit.csv', async (_req, res) => {
    const rows: string[][] = [];
    for (let offset = 0; ; offset += EXPORT_PAGE) {
      const page = await store.audit.list({ limit: EXPORT_PAGE, offset });
      rows.push(...page.map(csvRow));
      if (page.length < EXPORT_PAGE) break;
    }
    const csv = stringify(rows, { header: true, columns: [...AUDIT_CSV_COLUMNS], record_delimiter: '\r\n' });
    const day = new Date().toISOString().slice(0, 10);
    res.set('Content-Type', 'text/csv; charset=utf-8');
    res.set('Content-Disposition', `attachment; filename="audit-${day}.csv"`);
    res.set('Cache-Control', 'no-store');
    // BOM so spreadsheet programs read the file as UTF-8 (umlauts in names).
    res.send('\uFEFF' + csv);
  });

  return router;
}
