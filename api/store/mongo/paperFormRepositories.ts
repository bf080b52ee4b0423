/**
 * MongoDB repository of paper form references; same behaviour as ../sqlite/paperFormRepositories.ts.
 * `_id` is the form reference; a unique index on { drawId, householdId } keeps one per household and
 * draw. insertMany checks both keys first, so a refused batch stores nothing also on a standalone
 * server (no transactions there); the unique indexes still refuse a batch racing another.
 */
import { Schema, type ClientSession, type Connection } from 'mongoose';
import { DuplicateKeyError, type PaperFormRef, type PaperFormsRepository } from '../types';
import { textValue } from './queryValues';

type Doc = Omit<PaperFormRef, 'formId'> & { _id: string };

export const paperFormSchema = new Schema<Doc>(
  {
    _id: { type: String, required: true, minlength: 1, maxlength: 64 },
    frameId: { type: String, required: true },
    drawId: { type: String, required: true },
    householdId: { type: String, required: true },
    questionnaireId: { type: String, required: true },
    questionnaireVersion: { type: Number, required: true, min: 1, validate: Number.isInteger },
    issuedAt: { type: String, required: true },
  },
  { versionKey: false as const, strict: 'throw' as const, collection: 'paper_forms' },
);
paperFormSchema.index({ drawId: 1, householdId: 1 }, { unique: true });
paperFormSchema.index({ frameId: 1 });

export function paperFormModels(conn: Connection) {
  return { paperForms: conn.model('PaperForm', paperFormSchema) };
}
export type PaperFormModels = ReturnType<typeof paperFormModels>;

const toRef = (d: Doc): PaperFormRef => ({
  formId: d._id,
  frameId: d.frameId,
  drawId: d.drawId,
  householdId: d.householdId,
  questionnaireId: d.questionnaireId,
  questionnaireVersion: d.questionnaireVersion,
  issuedAt: d.issuedAt,
});

export function mongoPaperFormRepositories(m: PaperFormModels, session: ClientSession | undefined): { paperForms: PaperFormsRepository } {
  const o = session ? { session } : {};
  const paperForms: PaperFormsRepository = {
    async insertMany(refs) {
      if (refs.length === 0) return;
      const docs: Doc[] = refs.map((r) => ({
        _id: textValue('formId', r.formId),
        frameId: textValue('frameId', r.frameId),
        drawId: textValue('drawId', r.drawId),
        householdId: textValue('householdId', r.householdId),
        questionnaireId: textValue('questionnaireId', r.questionnaireId),
        questionnaireVersion: Number(r.questionnaireVersion),
        issuedAt: textValue('issuedAt', r.issuedAt),
      }));
      if (new Set(docs.map((d) => d._id)).size < docs.length) throw new DuplicateKeyError('formId');
      if (new Set(docs.map((d) => `${d.drawId}\u0000${d.householdId}`)).size < docs.length) throw new DuplicateKeyError('household');
      if ((await m.paperForms.countDocuments({ _id: { $in: docs.map((d) => d._id) } }, o)) > 0) throw new DuplicateKeyError('formId');
      for (const drawId of new Set(docs.map((d) => d.drawId))) {
        const households = docs.filter((d) => d.drawId === drawId).map((d) => d.householdId);
        if ((await m.paperForms.countDocuments({ drawId, householdId: { $in: households } }, o)) > 0) throw new DuplicateKeyError('household');
      }
      try {
        await m.paperForms.insertMany(docs, { ...o, ordered: true });
      } catch (err) {
        if ((err as { code?: number }).code === 11000) throw new DuplicateKeyError(/drawId/.test(String((err as Error).message)) ? 'household' : 'formId');
        throw err;
      }
    },
    async listByDraw(drawId) {
      return (await m.paperForms.find({ drawId: textValue('drawId', drawId) }, null, o).sort({ householdId: 1 }).lean<Doc[]>()).map(toRef);
    },
    async get(formId) {
      const d = await m.paperForms.findOne({ _id: textValue('formId', formId) }, null, o).lean<Doc>();
      return d ? toRef(d) : null;
    },
    async purgeFrame(frameId) {
      return (await m.paperForms.deleteMany({ frameId: textValue('frameId', frameId) }, o)).deletedCount;
    },
  };
  return { paperForms };
}
