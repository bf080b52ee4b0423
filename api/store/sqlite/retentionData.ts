/**
 * The retention job's data operations on SQLite (see ../retentionTypes.ts). They run on a
 * connection of their own to the store's file, so the deletions are one IMMEDIATE transaction of
 * their own while the store keeps serving requests.
 */
import Database from 'better-sqlite3';
import { RETENTION_LEASE_KEY, type ExpiredAnswers, type FrameFieldworkFacts, type RetentionData } from '../retentionTypes';

export function sqliteRetentionData(file: string): RetentionData {
  const db = new Database(file, { fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  db.pragma('foreign_keys = ON');
  // As on the store's connection: deleted answers are overwritten, not left in free pages.
  db.pragma('secure_delete = ON');
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
        .run(RETENTION_LEASE_KEY, `${until}|${holder}`, now);
      return result.changes === 1;
    },
    async releaseLease(holder) {
      db.prepare(`DELETE FROM meta WHERE key = ? AND value LIKE ?`).run(RETENTION_LEASE_KEY, `%|${holder}`);
    },
    async close() {
      db.close();
    },
  };
}
