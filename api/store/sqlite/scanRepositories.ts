/** SQLite repository of scanned forms waiting for verification (migration 010, tables scanned_forms and scan_crops). */
import type Database from 'better-sqlite3';
import type { ScannedFormRecord, ScannedFormsRepository } from '../types';

export type ScanRunner = <T>(step: () => T) => Promise<T>;

interface Row {
  form_id: string;
  household_id: string | null;
  questionnaire_id: string;
  questionnaire_version: number;
  status: 'pending' | 'verified';
  pages_read: string;
  pages_missing: string;
  answers: string;
  uploaded_by: string;
  uploaded_at: string;
  verified_by: string | null;
  verified_at: string | null;
  response_id: string | null;
  revision: number;
}

const toRecord = (r: Row): ScannedFormRecord => ({
  formId: r.form_id,
  householdId: r.household_id,
  questionnaireId: r.questionnaire_id,
  questionnaireVersion: r.questionnaire_version,
  status: r.status,
  pagesRead: JSON.parse(r.pages_read),
  pagesMissing: JSON.parse(r.pages_missing),
  answers: JSON.parse(r.answers),
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
  verifiedBy: r.verified_by,
  verifiedAt: r.verified_at,
  responseId: r.response_id,
  revision: r.revision,
});

export function scanRepositories(db: Database.Database, run: ScanRunner): { scannedForms: ScannedFormsRepository } {
  const one = (formId: string) => db.prepare<[string], Row>('SELECT * FROM scanned_forms WHERE form_id = ?').get(formId);
  const scannedForms: ScannedFormsRepository = {
    putPending: (form, crops) =>
      run(() =>
        db.transaction(() => {
          const existing = one(form.formId);
          if (existing?.status === 'verified') return null;
          db.prepare(
            `INSERT INTO scanned_forms (form_id, household_id, questionnaire_id, questionnaire_version, status, pages_read, pages_missing, answers, uploaded_by, uploaded_at, revision)
             VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?, 1)
             ON CONFLICT (form_id) DO UPDATE SET household_id = excluded.household_id, questionnaire_id = excluded.questionnaire_id,
               questionnaire_version = excluded.questionnaire_version, pages_read = excluded.pages_read, pages_missing = excluded.pages_missing,
               answers = excluded.answers, uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at, revision = scanned_forms.revision + 1`,
          ).run(form.formId, form.householdId, form.questionnaireId, form.questionnaireVersion, JSON.stringify(form.pagesRead), JSON.stringify(form.pagesMissing), JSON.stringify(form.answers), form.uploadedBy, form.uploadedAt);
          db.prepare('DELETE FROM scan_crops WHERE form_id = ?').run(form.formId);
          const insert = db.prepare('INSERT INTO scan_crops (form_id, item, page, png) VALUES (?, ?, ?, ?)');
          for (const c of crops) insert.run(form.formId, c.item, c.page, Buffer.from(c.png));
          return toRecord(one(form.formId)!);
        })(),
      ),
    get: (formId) =>
      run(() => {
        const row = one(formId);
        return row ? toRecord(row) : null;
      }),
    listPending: () => run(() => db.prepare<[], Row>("SELECT * FROM scanned_forms WHERE status = 'pending' ORDER BY uploaded_at, form_id").all().map(toRecord)),
    crop: (formId, item) =>
      run(() => {
        const row = db.prepare<[string, number], { item: number; page: number; png: Buffer }>('SELECT item, page, png FROM scan_crops WHERE form_id = ? AND item = ?').get(formId, item);
        return row ? { item: row.item, page: row.page, png: new Uint8Array(row.png) } : null;
      }),
    markVerified: (formId, expectedRevision, v) =>
      run(() =>
        db.transaction(() => {
          const changed = db
            .prepare(
              `UPDATE scanned_forms SET status = 'verified', verified_by = ?, verified_at = ?, response_id = ?, answers = ?, revision = revision + 1
               WHERE form_id = ? AND revision = ? AND status = 'pending'`,
            )
            .run(v.verifiedBy, v.verifiedAt, v.responseId, JSON.stringify(v.answers), formId, expectedRevision).changes;
          if (changed === 0) return null;
          db.prepare('DELETE FROM scan_crops WHERE form_id = ?').run(formId);
          return toRecord(one(formId)!);
        })(),
      ),
    purgePending: (formIds) =>
      run(() =>
        db.transaction(() => {
          let removed = 0;
          const drop = db.prepare("DELETE FROM scanned_forms WHERE form_id = ? AND status = 'pending'");
          const crops = db.prepare('DELETE FROM scan_crops WHERE form_id = ?');
          const unlink = db.prepare("UPDATE scanned_forms SET household_id = NULL WHERE form_id = ? AND status = 'verified'");
          for (const id of formIds) {
            unlink.run(id);
            const n = drop.run(id).changes;
            if (n > 0) crops.run(id);
            removed += n;
          }
          return removed;
        })(),
      ),
  };
  return { scannedForms };
}
