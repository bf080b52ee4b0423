/**
 * MongoDB repository of scanned forms waiting for verification; same behaviour as
 * ../sqlite/scanRepositories.ts. `_id` is the form reference; crops are documents of their own
 * ({ formId, item }) so that listing the queue never loads an image.
 */
import { Schema, type ClientSession, type Connection } from 'mongoose';
import type { ScanCrop, ScannedAnswerRow, ScannedFormRecord, ScannedFormsRepository } from '../types';
import { textValue } from './queryValues';

type Doc = Omit<ScannedFormRecord, 'formId'> & { _id: string };
interface CropDoc {
  formId: string;
  item: number;
  page: number;
  png: Buffer;
}

export const scannedFormSchema = new Schema<Doc>(
  {
    _id: { type: String, required: true, minlength: 1, maxlength: 64 },
    householdId: { type: String, default: null },
    questionnaireId: { type: String, required: true },
    questionnaireVersion: { type: Number, required: true, min: 1 },
    status: { type: String, required: true, enum: ['pending', 'verified'] },
    pagesRead: { type: [Number], default: [] },
    pagesMissing: { type: [Number], default: [] },
    answers: { type: Schema.Types.Mixed, required: true },
    uploadedBy: { type: String, required: true },
    uploadedAt: { type: String, required: true },
    verifiedBy: { type: String, default: null },
    verifiedAt: { type: String, default: null },
    responseId: { type: String, default: null },
    revision: { type: Number, required: true },
  },
  { versionKey: false as const, strict: 'throw' as const, collection: 'scanned_forms', minimize: false },
);
scannedFormSchema.index({ status: 1, uploadedAt: 1 });

export const scanCropSchema = new Schema<CropDoc>(
  {
    formId: { type: String, required: true },
    item: { type: Number, required: true, min: 0 },
    page: { type: Number, required: true, min: 1 },
    png: { type: Buffer, required: true },
  },
  { versionKey: false as const, strict: 'throw' as const, collection: 'scan_crops' },
);
scanCropSchema.index({ formId: 1, item: 1 }, { unique: true });

export function scanModels(conn: Connection) {
  return { forms: conn.model('ScannedForm', scannedFormSchema), crops: conn.model('ScanCrop', scanCropSchema) };
}
export type ScanModels = ReturnType<typeof scanModels>;

const toRecord = (d: Doc): ScannedFormRecord => ({
  formId: d._id,
  householdId: d.householdId ?? null,
  questionnaireId: d.questionnaireId,
  questionnaireVersion: d.questionnaireVersion,
  status: d.status,
  pagesRead: [...d.pagesRead],
  pagesMissing: [...d.pagesMissing],
  answers: d.answers as ScannedAnswerRow[],
  uploadedBy: d.uploadedBy,
  uploadedAt: d.uploadedAt,
  verifiedBy: d.verifiedBy ?? null,
  verifiedAt: d.verifiedAt ?? null,
  responseId: d.responseId ?? null,
  revision: d.revision,
});

export function mongoScanRepositories(m: ScanModels, session: ClientSession | undefined): { scannedForms: ScannedFormsRepository } {
  const o = session ? { session } : {};
  const scannedForms: ScannedFormsRepository = {
    async putPending(form, crops) {
      const id = textValue('formId', form.formId);
      const existing = await m.forms.findOne({ _id: id }, null, o).lean<Doc>();
      if (existing?.status === 'verified') return null;
      const fields = {
        householdId: form.householdId,
        questionnaireId: form.questionnaireId,
        questionnaireVersion: form.questionnaireVersion,
        pagesRead: form.pagesRead,
        pagesMissing: form.pagesMissing,
        answers: form.answers,
        uploadedBy: form.uploadedBy,
        uploadedAt: form.uploadedAt,
      };
      const saved = await m.forms
        .findOneAndUpdate(
          { _id: id, status: 'pending' },
          { $set: fields, $inc: { revision: 1 }, $setOnInsert: { status: 'pending', verifiedBy: null, verifiedAt: null, responseId: null } },
          { ...o, upsert: true, new: true },
        )
        .lean<Doc>()
        .catch((err: { code?: number }) => {
          if (err.code === 11000) return null; // verified in between
          throw err;
        });
      if (saved === null) return null;
      await m.crops.deleteMany({ formId: id }, o);
      if (crops.length > 0) await m.crops.insertMany(crops.map((c: ScanCrop) => ({ formId: id, item: c.item, page: c.page, png: Buffer.from(c.png) })), o);
      return toRecord(saved);
    },
    async get(formId) {
      const d = await m.forms.findOne({ _id: textValue('formId', formId) }, null, o).lean<Doc>();
      return d ? toRecord(d) : null;
    },
    async listPending() {
      return (await m.forms.find({ status: 'pending' }, null, o).sort({ uploadedAt: 1, _id: 1 }).lean<Doc[]>()).map(toRecord);
    },
    async crop(formId, item) {
      const d = await m.crops.findOne({ formId: textValue('formId', formId), item }, null, o).lean<CropDoc>();
      return d ? { item: d.item, page: d.page, png: new Uint8Array(d.png.buffer, d.png.byteOffset, d.png.byteLength) } : null;
    },
    async markVerified(formId, expectedRevision, v) {
      const id = textValue('formId', formId);
      const d = await m.forms
        .findOneAndUpdate(
          { _id: id, revision: expectedRevision, status: 'pending' },
          { $set: { status: 'verified', verifiedBy: v.verifiedBy, verifiedAt: v.verifiedAt, responseId: v.responseId, answers: v.answers }, $inc: { revision: 1 } },
          { ...o, new: true },
        )
        .lean<Doc>();
      if (!d) return null;
      await m.crops.deleteMany({ formId: id }, o);
      return toRecord(d);
    },
    async purgePending(formIds) {
      const ids = formIds.map((id) => textValue('formId', id));
      if (ids.length === 0) return 0;
      await m.forms.updateMany({ _id: { $in: ids }, status: 'verified' }, { $set: { householdId: null } }, o);
      const pending = (await m.forms.find({ _id: { $in: ids }, status: 'pending' }, { _id: 1 }, o).lean<{ _id: string }[]>()).map((d) => d._id);
      if (pending.length === 0) return 0;
      await m.crops.deleteMany({ formId: { $in: pending } }, o);
      return (await m.forms.deleteMany({ _id: { $in: pending }, status: 'pending' }, o)).deletedCount;
    },
  };
  return { scannedForms };
}
