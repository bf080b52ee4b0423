/**
 * Mongoose schemas of the sampling workflow, mirroring migrations/002_sampling.sql.
 * Analysis-side collections (households, sample units, access codes) hold only the random
 * pseudonymous household id; names and addresses live only in `contacts`, purged after fieldwork.
 * Sharding: households and contacts on hashed `_id` (the random household id); sample units
 * on `{ householdId, drawId }`; access codes on hashed `codeHash`.
 */
import { Schema } from 'mongoose';

const options = (collection: string) => ({ versionKey: false as const, strict: 'throw' as const, collection, minimize: false });
const nullableString = { type: String, default: null };
const nullableInt = { type: Number, default: null, validate: (v: number | null) => v === null || Number.isInteger(v) };

export interface FrameDoc {
  _id: string;
  name: string;
  importedAt: string;
  importedBy: string | null;
  rowCount: number;
  fingerprint: string;
  columnMapping: Record<string, string>;
  districts: { district: string; households: number }[];
  contactsPurgedAt: string | null;
  /** Set while the frame's import runs (frame invisible); null or absent once complete. */
  importHeartbeatAt?: string | null;
}

export const frameSchema = new Schema<FrameDoc>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true, minlength: 1 },
    importedAt: { type: String, required: true },
    importedBy: nullableString,
    rowCount: { type: Number, required: true, min: 0, validate: Number.isInteger },
    fingerprint: { type: String, required: true, minlength: 1 },
    columnMapping: { type: Schema.Types.Mixed, required: true },
    districts: { type: Schema.Types.Mixed, required: true },
    contactsPurgedAt: nullableString,
    importHeartbeatAt: nullableString,
  },
  options('frames'),
);
frameSchema.index({ importedAt: -1, _id: -1 });

export interface HouseholdDoc {
  _id: string; // householdId
  frameId: string;
  district: string;
  householdType: string | null;
  children: number | null;
  youngestChildAge: number | null;
  sortKey: string | null;
  /** Absent on households stored before migration 006. */
  subdistrict?: string | null;
}

export const householdSchema = new Schema<HouseholdDoc>(
  {
    _id: { type: String, required: true, minlength: 1 },
    frameId: { type: String, required: true },
    district: { type: String, required: true, minlength: 1 },
    householdType: nullableString,
    children: nullableInt,
    youngestChildAge: nullableInt,
    sortKey: nullableString,
    subdistrict: nullableString,
  },
  options('households'),
);
householdSchema.index({ frameId: 1, _id: 1 });

export interface ContactDoc {
  _id: string; // householdId
  frameId: string;
  registerId: string;
  name: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
}

const text = { type: String, required: true };
export const contactSchema = new Schema<ContactDoc>(
  { _id: { type: String, required: true, minlength: 1 }, frameId: text, registerId: text, name: text, street: text, houseNumber: text, postcode: text, city: text },
  options('contacts'),
);
contactSchema.index({ frameId: 1 });

export interface DrawDoc {
  _id: string;
  frameId: string;
  wave: number;
  method: 'srswor' | 'systematic';
  seed: number;
  prng: string;
  frameFingerprint: string;
  sortKey: string[] | null;
  allocationExact: Record<string, number>;
  allocation: Record<string, number>;
  reserve: Record<string, number>;
  createdAt: string;
  createdBy: string | null;
}

export const drawSchema = new Schema<DrawDoc>(
  {
    _id: { type: String, required: true },
    frameId: { type: String, required: true },
    wave: { type: Number, required: true, min: 1, validate: Number.isInteger },
    method: { type: String, required: true, enum: ['srswor', 'systematic'] },
    seed: { type: Number, required: true, min: 0, max: 4294967295, validate: Number.isInteger },
    prng: { type: String, required: true },
    frameFingerprint: { type: String, required: true },
    sortKey: { type: [String], default: null },
    allocationExact: { type: Schema.Types.Mixed, required: true },
    allocation: { type: Schema.Types.Mixed, required: true },
    reserve: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: String, required: true },
    createdBy: nullableString,
  },
  options('draws'),
);
drawSchema.index({ frameId: 1, createdAt: -1, _id: -1 });

export interface SampleUnitDoc {
  drawId: string;
  householdId: string;
  district: string;
  inclusionProbability: number;
  designWeight: number;
  status: 'invited' | 'reserve' | 'released';
  wave: number;
  reserveRank: number | null;
  releasedAt: string | null;
}

export const sampleUnitSchema = new Schema<SampleUnitDoc>(
  {
    drawId: { type: String, required: true },
    householdId: { type: String, required: true },
    district: { type: String, required: true },
    inclusionProbability: {
      type: Number,
      required: true,
      validate: { validator: (p: number) => p > 0 && p <= 1, message: 'inclusion probability must be in (0, 1]' },
    },
    designWeight: { type: Number, required: true, min: 1 },
    status: { type: String, required: true, enum: ['invited', 'reserve', 'released'] },
    wave: { type: Number, required: true, min: 1, validate: Number.isInteger },
    reserveRank: nullableInt,
    releasedAt: nullableString,
  },
  options('sample_units'),
);
sampleUnitSchema.index({ householdId: 1, drawId: 1 }, { unique: true });
sampleUnitSchema.index({ drawId: 1, district: 1, status: 1 });

export interface AccessCodeDoc {
  _id: string;
  drawId: string;
  householdId: string;
  codeHash: string;
  issuedAt: string;
  revokedAt: string | null;
}

export const accessCodeSchema = new Schema<AccessCodeDoc>(
  {
    _id: { type: String, required: true },
    drawId: { type: String, required: true },
    householdId: { type: String, required: true },
    codeHash: { type: String, required: true, minlength: 64, maxlength: 64 },
    issuedAt: { type: String, required: true },
    revokedAt: nullableString,
  },
  options('access_codes'),
);
accessCodeSchema.index({ codeHash: 1 }, { unique: true });
accessCodeSchema.index({ drawId: 1, revokedAt: 1 });
accessCodeSchema.index({ householdId: 1 });
