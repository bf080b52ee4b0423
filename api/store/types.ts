/**
 * The one repository interface of the platform. Routes and services talk to a `Store`;
 * only the adapters in ./sqlite and ./mongo know a database.
 *
 * Growth rule: a later feature (frames/households, contacts, draws, access codes, responses)
 * adds its own sub-repository interface and a new optional-free member to `Store` plus a
 * migration; existing sub-repositories and their methods never change shape.
 * All timestamps are ISO 8601 strings in UTC; all ids are opaque strings.
 */

import type {
  AccessCodesRepository,
  ContactsRepository,
  DrawsRepository,
  FramesRepository,
  HouseholdsRepository,
  SampleUnitsRepository,
} from './samplingTypes';
import type {
  DispositionsRepository,
  PaperEntriesRepository,
  QuestionnaireVersionsRepository,
  ResponsesRepository,
  RosterRepository,
  SurveyLinksRepository,
} from './collectionTypes';
import type { AreaCovariatesRepository } from './areaCovariateTypes';
import type { AreaGeometryRepository, ResultPublicationsRepository } from './geographyTypes';
import type { IndicatorDefinitionsRepository } from './indicatorDefinitionTypes';
import type { PaperFormsRepository } from './paperFormTypes';
import type { ScannedFormsRepository } from './scanTypes';
import type { RetentionData } from './retentionTypes';

export const ROLES = ['admin', 'planner', 'staff'] as const;
export type Role = (typeof ROLES)[number];

/** A staff account. `passwordHash` is a self-describing scrypt string, never the password. */
export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  disabled: boolean;
  passwordHash: string;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
}

export interface UsersRepository {
  /** @throws DuplicateKeyError when the username (case-insensitive) is taken. */
  create(user: NewUser): Promise<User>;
  getById(id: string): Promise<User | null>;
  /** Case-insensitive lookup: 'Admin' and 'admin' are the same account. */
  getByUsername(username: string): Promise<User | null>;
  /** All users ordered by username. */
  list(): Promise<User[]>;
  /** Applies the patch and returns the updated user, or null when the id is unknown. */
  update(id: string, patch: UserPatch): Promise<User | null>;
  count(): Promise<number>;
}

/**
 * A server-side session. The client holds only the random session id; the store keeps its
 * SHA-256 hash, so a leaked database does not leak usable session ids.
 * `userId` is null for an anonymous pre-session (needed so that login itself is CSRF-protected).
 */
export interface Session {
  idHash: string;
  userId: string | null;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
}

export interface SessionsRepository {
  create(session: Session): Promise<void>;
  /** Returns the session unless it is unknown or expired at `now`. */
  get(idHash: string, now: Date): Promise<Session | null>;
  /** Slides the idle expiry forward. */
  touch(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  delete(idHash: string): Promise<void>;
  /** Ends every session of a user (disabled account, password reset), optionally keeping one. */
  deleteForUser(userId: string, exceptIdHash?: string): Promise<number>;
  deleteExpired(now: Date): Promise<number>;
}

/** Failure counter of one throttle key (e.g. `user:anna` or `ip:192.0.2.1`). */
export interface ThrottleState {
  key: string;
  failures: number;
  windowStartedAt: string;
  lockedUntil: string | null;
}

export interface ThrottlePolicy {
  /** Failures are counted within this window; an older window starts again at zero. */
  windowMs: number;
  /** The failure that reaches this count sets the lock. */
  maxFailures: number;
  lockMs: number;
}

export interface FailureResult {
  state: ThrottleState;
  /** True only for the failure that set the lock, so the lockout is audited exactly once. */
  newlyLocked: boolean;
}

export interface ThrottleRepository {
  get(key: string): Promise<ThrottleState | null>;
  /** Atomically counts one failure under the policy and sets the lock when the limit is reached. */
  recordFailure(key: string, now: Date, policy: ThrottlePolicy): Promise<FailureResult>;
  reset(key: string): Promise<void>;
  /**
   * Removes counters that no longer matter: window started before `windowStartedBefore` and no lock
   * running at `now`. Keys hold client addresses, which are personal data and must not pile up.
   * Returns how many were removed.
   */
  deleteStale(now: Date, windowStartedBefore: Date): Promise<number>;
}

/**
 * One audit record. Summaries are short human-readable descriptions of the entity state
 * (e.g. "admin (Administration), role admin, active"); never passwords, hashes or answers.
 */
export interface AuditEntry {
  id: string;
  at: string;
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

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { at?: string };

/** Append-only on purpose: there is no update or delete. */
export interface AuditRepository {
  append(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  list(page: { limit: number; offset: number }): Promise<AuditEntry[]>;
  count(): Promise<number>;
}

export type {
  AccessCode,
  AccessCodesRepository,
  Contact,
  ContactsRepository,
  Draw,
  DrawsRepository,
  Frame,
  FrameColumnMapping,
  FrameDistrict,
  FramesRepository,
  Household,
  HouseholdsRepository,
  NewAccessCode,
  NewDraw,
  NewFrame,
  SampleUnit,
  SampleUnitStatus,
  SampleUnitsRepository,
} from './samplingTypes';

export * from './collectionTypes';
export * from './retentionTypes';
export * from './backupTypes';
export * from './areaCovariateTypes';
export * from './geographyTypes';
export * from './indicatorDefinitionTypes';
export * from './paperFormTypes';
export * from './scanTypes';

export interface MetaRepository {
  get(key: string): Promise<string | null>;
  set(key: string, value: string): Promise<void>;
}

export interface MigrationStatus {
  /** Highest applied migration version (0 when none). */
  current: number;
  /** Highest version this code knows. */
  latest: number;
  pending: string[];
}

/** The repositories that work inside a transaction. */
export interface Repositories {
  users: UsersRepository;
  sessions: SessionsRepository;
  throttle: ThrottleRepository;
  audit: AuditRepository;
  meta: MetaRepository;
  frames: FramesRepository;
  households: HouseholdsRepository;
  contacts: ContactsRepository;
  draws: DrawsRepository;
  sampleUnits: SampleUnitsRepository;
  accessCodes: AccessCodesRepository;
  questionnaireVersions: QuestionnaireVersionsRepository;
  responses: ResponsesRepository;
  surveyLinks: SurveyLinksRepository;
  paperEntries: PaperEntriesRepository;
  roster: RosterRepository;
  dispositions: DispositionsRepository;
  areaCovariates: AreaCovariatesRepository;
  areaGeometry: AreaGeometryRepository;
  resultPublications: ResultPublicationsRepository;
  indicatorDefinitions: IndicatorDefinitionsRepository;
  paperForms: PaperFormsRepository;
  scannedForms: ScannedFormsRepository;
}

export interface Store extends Repositories {
  readonly kind: 'sqlite' | 'mongodb';
  /**
   * True when `transaction` rolls back every write of `fn` on error. SQLite always;
   * MongoDB only on a replica set or sharded cluster (a standalone server runs `fn` sequentially).
   */
  readonly atomicTransactions: boolean;
  /** Applies pending forward-only migrations; returns the names applied now. */
  migrate(): Promise<string[]>;
  migrationStatus(): Promise<MigrationStatus>;
  /** Runs `fn` with repositories bound to one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * The retention job's data operations (frame facts, expired answers, the job lease) on this
   * store's database; close the handle after the run. SQLite opens a connection of its own,
   * MongoDB uses the store's.
   */
  openRetentionData(): Promise<RetentionData>;
  /** Resolves when the database answers; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A unique constraint was violated (e.g. duplicate username). */
/**
 * Another process held the store's write lock for longer than the store waits (SQLite's
 * busy timeout). Nothing was written; the caller may retry later.
 */
export class StoreBusyError extends Error {
  constructor(message = 'the store is busy with another process; nothing was written') {
    super(message);
    this.name = 'StoreBusyError';
  }
}

export class DuplicateKeyError extends Error {
  constructor(readonly field: string, message = `duplicate value for ${field}`) {
    super(message);
    this.name = 'DuplicateKeyError';
  }
}
