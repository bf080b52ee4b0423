/**
 * Printed questionnaires for a draw: one paper form reference per contacted household (created on
 * first print, the same on every reprint), and the forms in letter order — the order in which the
 * letters file lists the households (sample units of the draw without the reserve, as listByDraw gives
 * them) — as one merged print-shop PDF or one household's PDF.
 */
import { recordAudit, type Actor } from '../audit/auditLog';
import { questionnaireForDraw } from '../collection/questionnaires';
import { AppError } from '../errors/appError';
import { requireDraw, requireFrame } from '../samplingWorkflow/drawService';
import { DuplicateKeyError, type PaperFormRef, type Repositories, type Store } from '../store/types';
import { newFormReference } from './formReference';
import { paperLayout, type PaperLang, type PaperLayout } from './paperLayout';
import { resolveQuestionnaire } from './resolveQuestionnaire';

export interface DrawFormsRequest {
  lang: PaperLang;
  largePrint: boolean;
  /** Only this household's form; all contacted households in letter order otherwise. */
  householdId?: string;
  /** `id@version`; when absent, the version the draw's wave is tied to (else the current one), as online and in paper entry. */
  questionnaire?: string;
}

export interface DrawForms {
  layout: PaperLayout;
  /** In letter order. */
  forms: { householdId: string; formId: string }[];
  /** References created by this call (the rest existed from an earlier print). */
  created: number;
  fileName: string;
}

/**
 * The form references of every contacted household of a draw, in letter order, creating the missing
 * ones. Retries once when a new random reference collides, and re-reads when a parallel request
 * created some meanwhile.
 * @throws AppError notFound for an unknown draw; conflict (`sampling.contactsPurged`) after the contacts were purged.
 */
export async function drawFormReferences(store: Pick<Repositories, 'draws' | 'frames' | 'sampleUnits' | 'paperForms'>, drawId: string, questionnaire: { id: string; version: number }): Promise<{ forms: PaperFormRef[]; created: number }> {
  const draw = await requireDraw(store, drawId);
  const frame = await requireFrame(store, draw.frameId);
  if (frame.contactsPurgedAt) throw new AppError('conflict', 'sampling.contactsPurged', { date: frame.contactsPurgedAt.slice(0, 10) });
  const units = (await store.sampleUnits.listByDraw(draw.id)).filter((u) => u.status !== 'reserve');
  for (let attempt = 0; ; attempt += 1) {
    const existing = new Map((await store.paperForms.listByDraw(draw.id)).map((r) => [r.householdId, r]));
    const issuedAt = new Date().toISOString();
    const fresh: PaperFormRef[] = units
      .filter((u) => !existing.has(u.householdId))
      .map((u) => ({ formId: newFormReference(), frameId: frame.id, drawId: draw.id, householdId: u.householdId, questionnaireId: questionnaire.id, questionnaireVersion: questionnaire.version, issuedAt }));
    try {
      await store.paperForms.insertMany(fresh);
    } catch (err) {
      if (err instanceof DuplicateKeyError && attempt < 2) continue;
      throw err;
    }
    for (const r of fresh) existing.set(r.householdId, r);
    return { forms: units.map((u) => existing.get(u.householdId)!), created: fresh.length };
  }
}

/**
 * Prepares the printed forms of a draw (references, layout, file name) and audits the print with
 * its counts; the PDF itself is drawn by paperFormsPdf/paperFormsPdfStream from the result.
 * @throws AppError as drawFormReferences; notFound (`paperform.householdNotInDraw`) for a household the
 *   draw did not contact; notFound/invalid for an unknown questionnaire reference.
 */
export async function prepareDrawForms(store: Store, drawId: string, request: DrawFormsRequest, actor: Actor): Promise<DrawForms> {
  let ref = request.questionnaire;
  if (ref === undefined) {
    const current = await questionnaireForDraw(store, drawId);
    ref = `${current.id}@${current.version}`;
  }
  const questionnaire = await resolveQuestionnaire(ref, store);
  const { forms, created } = await drawFormReferences(store, drawId, questionnaire);
  let chosen = forms;
  const single = request.householdId;
  if (single !== undefined) {
    chosen = forms.filter((f) => f.householdId === single);
    if (chosen.length === 0) throw new AppError('notFound', 'paperform.householdNotInDraw', { householdId: single });
  }
  const layout = paperLayout(questionnaire.json, { questionnaire: questionnaire.ref, lang: request.lang, largePrint: request.largePrint });
  await recordAudit(store.audit, actor, {
    action: 'paperForms.print',
    entityType: 'draw',
    entityId: drawId,
    details: { forms: chosen.length, created, questionnaire: questionnaire.ref, lang: request.lang, largePrint: request.largePrint, single: request.householdId !== undefined },
  });
  const stamp = new Date().toISOString().slice(0, 10);
  const suffix = `${request.lang}${request.largePrint ? '-grossdruck' : ''}`;
  const fileName = request.householdId !== undefined ? `fragebogen-${chosen[0]!.formId}-${suffix}.pdf` : `frageboegen-${stamp}-${suffix}.pdf`;
  return { layout, forms: chosen.map((f) => ({ householdId: f.householdId, formId: f.formId })), created, fileName };
}
