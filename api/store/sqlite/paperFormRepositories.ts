/** SQLite repository of paper form references (migration 010, table paper_forms). */
import type Database from 'better-sqlite3';
import { DuplicateKeyError, type PaperFormRef, type PaperFormsRepository } from '../types';

/** Runs a synchronous database step (queued on the root store, direct inside a transaction). */
export type PaperFormRunner = <T>(step: () => T) => Promise<T>;

interface Row {
  form_id: string;
  frame_id: string;
  draw_id: string;
  household_id: string;
  questionnaire_id: string;
  questionnaire_version: number;
  issued_at: string;
}

const toRef = (r: Row): PaperFormRef => ({
  formId: r.form_id,
  frameId: r.frame_id,
  drawId: r.draw_id,
  householdId: r.household_id,
  questionnaireId: r.questionnaire_id,
  questionnaireVersion: r.questionnaire_version,
  issuedAt: r.issued_at,
});

export function paperFormRepositories(db: Database.Database, run: PaperFormRunner): { paperForms: PaperFormsRepository } {
  const paperForms: PaperFormsRepository = {
    insertMany: (refs) =>
      run(() => {
        const insert = db.prepare(
          `INSERT INTO paper_forms (form_id, frame_id, draw_id, household_id, questionnaire_id, questionnaire_version, issued_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        );
        const all = db.transaction((rows: readonly PaperFormRef[]) => {
          for (const r of rows) insert.run(r.formId, r.frameId, r.drawId, r.householdId, r.questionnaireId, r.questionnaireVersion, r.issuedAt);
        });
        try {
          all(refs);
        } catch (err) {
          const code = (err as { code?: string }).code;
          if (code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateKeyError('formId');
          if (code === 'SQLITE_CONSTRAINT_UNIQUE') throw new DuplicateKeyError('household');
          throw err;
        }
      }),
    listByDraw: (drawId) => run(() => db.prepare<[string], Row>('SELECT * FROM paper_forms WHERE draw_id = ? ORDER BY household_id').all(drawId).map(toRef)),
    get: (formId) =>
      run(() => {
        const row = db.prepare<[string], Row>('SELECT * FROM paper_forms WHERE form_id = ?').get(formId);
        return row ? toRef(row) : null;
      }),
    purgeFrame: (frameId) => run(() => db.prepare('DELETE FROM paper_forms WHERE frame_id = ?').run(frameId).changes),
  };
  return { paperForms };
}
