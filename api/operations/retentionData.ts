/**
 * What the retention job needs from a store beyond the repository interface: fieldwork facts per
 * frame in one query, deletion of expired raw answers, and a lease so that only one of several
 * API instances runs the job. Like backup, this is store-specific operations code: one adapter
 * for SQLite here, one for MongoDB in ./mongoRetentionData.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SQLITE_FILE_NAME } from '../store/sqlite/sqliteStore';
import type { FrameFieldworkFacts } from './retentionPolicy';

export interface ExpiredAnswers {
  responses: number;
  paperEntries: number;
  surveyLinks: number;
  /** Paper-entry history rows older than the cut-off: append-only evidence, kept like the audit trail. */
  paperHistoryKept: number;
  /** Returns without questionnaire (refused, undeliverable, not eligible; with staff notes) recorded before the cut-off. */
  dispositions: number;
}

export interface RetentionData {
  frameFacts(): Promise<FrameFieldworkFacts[]>;
  /** Counts (dry run) or deletes raw answers last changed before `before` (ISO), in one transaction. */
  expiredAnswers(before: string, apply: boolean): Promise<ExpiredAnswers>;
  /** Takes the job lease until `until` unless another holder's lease is still running at `now`. */
  acquireLease(holder: string, now: string, until: string): Promise<boolean>;
  releaseLease(holder: string): Promise<void>;
  close(): Promise<void>;
}

/** Meta key of the lease; the value is `<until ISO>|<holder>`, so an expired lease sorts below `now`. */
export const LEASE_KEY = 'retention.lease';

export function sqliteRetentionData(dataDir: string): RetentionData {
  const db = new Database(join(dataDir, SQLITE_FILE_NAME), { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  const count = (sql: string, before: string) => (db.prepare(sql).get(before) as { n: number }).n;
  return {
    async frameFacts() {
      const rows = db
        .prepare(
          `SELECT f.id AS frameId, f.imported_at AS importedAt, f.contacts_purged_at AS contactsPurgedAt,
             (SELECT COUNT(*) FROM contacts c WHERE c.frame_id = f.id) AS contacts,
             (SELECT MAX(d.created_at) FROM draws d WHERE d.frame_id = f.id) AS lastDrawAt,
             (SELECT MAX(u.released_at) FROM sample_units u JOIN draws d ON d.id = u.draw_id WHERE d.frame_id = f.id) AS lastReleaseAt,
             (SELECT MAX(r.updated_at) FROM responses r JOIN draws d ON d.id = r.draw_id WHERE d.frame_id = f.id) AS lastResponseChangeAt,
             (SELECT MAX(p.updated_at) FROM paper_entries p JOIN draws d ON d.id = p.draw_id WHERE d.frame_id = f.id) AS lastPaperEntryChangeAt
           FROM frames f ORDER BY f.imported_at, f.id`,
        )
        .all() as FrameFieldworkFacts[];
      return rows;
    },
    async expiredAnswers(before, apply) {
      const work = db.transaction(() => {
        const result: ExpiredAnswers = {
          surveyLinks: count(`SELECT COUNT(*) AS n FROM survey_links WHERE response_id IN (SELECT id FROM responses WHERE updated_at < ?)`, before),
          responses: count(`SELECT COUNT(*) AS n FROM responses WHERE updated_at < ?`, before),
          paperEntries: count(`SELECT COUNT(*) AS n FROM paper_entries WHERE updated_at < ?`, before),
          paperHistoryKept: count(`SELECT COUNT(*) AS n FROM paper_entry_history WHERE at < ?`, before),
          dispositions: count(`SELECT COUNT(*) AS n FROM household_dispositions WHERE recorded_at < ?`, before),
        };
        if (apply) {
          // Links first: they reference the responses.
          db.prepare(`DELETE FROM survey_links WHERE response_id IN (SELECT id FROM responses WHERE updated_at < ?)`).run(before);
          db.prepare(`DELETE FROM responses WHERE updated_at < ?`).run(before);
          db.prepare(`DELETE FROM paper_entries WHERE updated_at < ?`).run(before);
          db.prepare(`DELETE FROM household_dispositions WHERE recorded_at < ?`).run(before);
        }
        return result;
      });
      return work.immediate();
    },
    async acquireLease(holder, now, until) {
      const result = db
        .prepare(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value WHERE meta.value < ?`)
        .run(LEASE_KEY, `${until}|${holder}`, now);
      return result.changes === 1;
    },
    async releaseLease(holder) {
      db.prepare(`DELETE FROM meta WHERE key = ? AND value LIKE ?`).run(LEASE_KEY, `%|${holder}`);
    },
    async close() {
      db.close();
    },
  };
}
