/**
 * Mongoose schemas of the core collections, with validation mirroring the SQLite CHECK
 * constraints. Sharding notes (per collection) say which key a cluster would shard on; every
 * index starts with a high-cardinality field so it stays useful as a shard-key prefix.
 * Dates are BSON dates (TTL indexes need them); the adapter converts to ISO strings.
 */
import { Schema } from 'mongoose';
import { ROLES } from '../types';

export interface UserDoc {
  _id: string;
  username: string;
  usernameKey: string;
  displayName: string;
  role: (typeof ROLES)[number];
  disabled: boolean;
  passwordHash: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Small collection, left unsharded: a unique username index needs the shard key as prefix. */
export const userSchema = new Schema<UserDoc>(
  {
    _id: { type: String, required: true },
    username: { type: String, required: true, minlength: 1, maxlength: 64 },
    usernameKey: { type: String, required: true, minlength: 1, maxlength: 64 },
    displayName: { type: String, required: true, minlength: 1, maxlength: 120 },
    role: { type: String, required: true, enum: ROLES },
    disabled: { type: Boolean, required: true, default: false },
    passwordHash: { type: String, required: true, match: /^scrypt\$/ },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw', collection: 'users' },
);
userSchema.index({ usernameKey: 1 }, { unique: true });

export interface SessionDoc {
  _id: string; // SHA-256 of the session id: random, so a hashed or ranged shard key on _id spreads evenly
  userId: string | null;
  csrfToken: string;
  createdAt: Date;
  lastSeenAt: Date;
  expiresAt: Date;
}

export const sessionSchema = new Schema<SessionDoc>(
  {
    _id: { type: String, required: true, minlength: 1 },
    userId: { type: String, default: null },
    csrfToken: { type: String, required: true, minlength: 1 },
    createdAt: { type: Date, required: true },
    lastSeenAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw', collection: 'sessions' },
);
// The server also ignores expired sessions itself; the TTL index only tidies up (it runs once a minute).
sessionSchema.index({ expiresAt: 1 }, { expireAfterSeconds: 0 });
sessionSchema.index({ userId: 1, _id: 1 });

export interface ThrottleDoc {
  _id: string; // e.g. 'user:anna' or 'ip:192.0.2.1'
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
  /** When the record no longer matters (end of window or lock); TTL-deleted afterwards. */
  purgeAt: Date;
  /** Optimistic-concurrency version: two processes counting the same key never lose a failure. */
  version: number;
}

export const throttleSchema = new Schema<ThrottleDoc>(
  {
    _id: { type: String, required: true, minlength: 1, maxlength: 300 },
    failures: { type: Number, required: true, min: 0, validate: Number.isInteger },
    windowStartedAt: { type: Date, required: true },
    lockedUntil: { type: Date, default: null },
    purgeAt: { type: Date, required: true },
    version: { type: Number, required: true, min: 0 },
  },
  { versionKey: false, strict: 'throw', collection: 'throttle' },
);
throttleSchema.index({ purgeAt: 1 }, { expireAfterSeconds: 0 });

export interface AuditDoc {
  _id: string; // time-ordered id (ids.ts): sort key for "newest first", hashed shard key for even writes
  at: Date;
  actorUserId: string | null;
  actorUsername: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  beforeId: string | null;
  beforeSummary: string | null;
  afterId: string | null;
  afterSummary: string | null;
  details: Record<string, unknown> | null;
}

const nullableString = { type: String, default: null };

export const auditSchema = new Schema<AuditDoc>(
  {
    _id: { type: String, required: true },
    at: { type: Date, required: true },
    actorUserId: nullableString,
    actorUsername: nullableString,
    action: { type: String, required: true, minlength: 1, maxlength: 100 },
    entityType: { type: String, required: true, minlength: 1, maxlength: 100 },
    entityId: nullableString,
    beforeId: nullableString,
    beforeSummary: nullableString,
    afterId: nullableString,
    afterSummary: nullableString,
    details: { type: Schema.Types.Mixed, default: null },
  },
  { versionKey: false, strict: 'throw', collection: 'audit', minimize: false },
);
auditSchema.index({ entityId: 1, _id: -1 });

// Append-only also below the repository: any update or delete through the model fails.
const forbidden = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'replaceOne',
  'findOneAndReplace',
  'deleteOne',
  'deleteMany',
  'findOneAndDelete',
] as const;
for (const op of forbidden) {
  auditSchema.pre(op, function () {
    throw new Error('audit is append-only');
  });
}

export interface MetaDoc {
  _id: string;
  value: string;
}

export const metaSchema = new Schema<MetaDoc>(
  {
    _id: { type: String, required: true, minlength: 1 },
    value: { type: String, required: true },
  },
  { versionKey: false, strict: 'throw', collection: 'meta' },
);

export interface MigrationDoc {
  _id: number;
  name: string;
  appliedAt: Date;
}

export const migrationSchema = new Schema<MigrationDoc>(
  {
    _id: { type: Number, required: true, min: 1 },
    name: { type: String, required: true, match: /^\d{3}_[a-z0-9_]+$/ },
    appliedAt: { type: Date, required: true },
  },
  { versionKey: false, strict: 'throw', collection: 'schema_migrations' },
);
