/**
 * SQLite repository of household dispositions (migration 005). Kept apart from
 * collectionRepositories.ts so the submit path there stays untouched.
 */
import type Database from 'better-sqlite3';
import type { Disposition, DispositionsRepository, HouseholdDisposition } from '../types';

/** Runs a synchronous database step (queued on the root store, direct inside a transaction). */
export type DispositionRunner = <T>(step: () => T) => Promise<T>;

interface DispositionRow {
  draw_id: string;
  household_id: string;
  disposition: Disposition;
  note: string | null;
  recorded_by_user_id: string | null;
  recorded_by_username: string | null;
  recorded_at: string;
}

const toDisposition = (r: DispositionRow): HouseholdDisposition => ({
  drawId: r.draw_id,
  householdId: r.household_id,
  disposition: r.disposition,
  note: r.note,
  recordedByUserId: r.recorded_by_user_id,
  recordedByUsername: r.recorded_by_username,
  recordedAt: r.recorded_at,
});

export function dispositionRepositories(db: Database.Database, run: DispositionRunner): { dispositions: DispositionsRepository } {
  const one = (drawId: string, householdId: string) =>
    db.prepare<[string, string], DispositionRow>('SELECT * FROM household_dispositions WHERE draw_id = ? AND household_id = ?').get(drawId, householdId);
  const dispositions: DispositionsRepository = {
    get: (drawId, householdId) =>
      run(() => {
        const row = one(drawId, householdId);
        return row ? toDisposition(row) : null;
      }),
    set: (d) =>
      run(() =>
        // Read and write in one SQLite transaction, so `before` is exactly the row replaced.
        db.transaction(() => {
          const before = one(d.drawId, d.householdId);
          const after: HouseholdDisposition = { ...d, recordedAt: d.recordedAt ?? new Date().toISOString() };
          db.prepare(
            `INSERT INTO household_dispositions (draw_id, household_id, disposition, note, recorded_by_user_id, recorded_by_username, recorded_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (draw_id, household_id) DO UPDATE SET disposition = excluded.disposition, note = excluded.note,
               recorded_by_user_id = excluded.recorded_by_user_id, recorded_by_username = excluded.recorded_by_username, recorded_at = excluded.recorded_at`,
          ).run(after.drawId, after.householdId, after.disposition, after.note, after.recordedByUserId, after.recordedByUsername, after.recordedAt);
          return { before: before ? toDisposition(before) : null, after };
        })(),
      ),
    clear: (drawId, householdId) =>
      run(() =>
        db.transaction(() => {
          const before = one(drawId, householdId);
          if (!before) return null;
          db.prepare('DELETE FROM household_dispositions WHERE draw_id = ? AND household_id = ?').run(drawId, householdId);
          return toDisposition(before);
        })(),
      ),
    list: (filter = {}) =>
      run(() =>
        (filter.drawId === undefined
          ? db.prepare<[], DispositionRow>('SELECT * FROM household_dispositions ORDER BY draw_id, household_id').all()
          : db.prepare<[string], DispositionRow>('SELECT * FROM household_dispositions WHERE draw_id = ? ORDER BY household_id').all(filter.drawId)
        ).map(toDisposition),
      ),
    recent: (limit) =>
      run(() =>
        db
          .prepare<[number], DispositionRow>('SELECT * FROM household_dispositions ORDER BY recorded_at DESC, draw_id, household_id LIMIT ?')
          .all(Math.max(0, Math.trunc(limit)))
          .map(toDisposition),
      ),
  };
  return { dispositions };
}
