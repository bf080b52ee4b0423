/**
 * Repository interfaces of the sampling workflow (frames, households, contacts, draws, sample
 * units, access codes), re-exported from ./types as members of `Repositories`.
 *
 * Data protection by separation: `households`, `sampleUnits` and `accessCodes` are the analysis
 * side and hold only a random pseudonymous household id plus stratification variables — never a
 * name, an address, a register number or a plain access code. The link from the pseudonymous id
 * to a person lives only in `contacts`, which is purged after fieldwork.
 */

/** Number of households N_h of one district in a frame. */
export interface FrameDistrict {
  district: string;
  households: number;
}

/** Which CSV column holds which field; optional fields absent when not mapped. */
export interface FrameColumnMapping {
  householdId: string;
  district: string;
  name: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
  householdType?: string;
  children?: string;
  youngestChildAge?: string;
  sortKey?: string;
  /** Finer area within the district (statistical sub-district); each name belongs to one district. */
  subdistrict?: string;
}

/** An imported sampling frame (Auswahlgrundlage). */
export interface Frame {
  id: string;
  name: string;
  importedAt: string;
  importedBy: string | null;
  rowCount: number;
  /** SHA-256 of the imported file's bytes: proves which delivery from the register was used. */
  fingerprint: string;
  columnMapping: FrameColumnMapping;
  /** Districts in name order (UTF-16 code units) with their sizes N_h. */
  districts: FrameDistrict[];
  /** When the contact rows were deleted after fieldwork; null while letters can still be printed. */
  contactsPurgedAt: string | null;
}

export type NewFrame = Omit<Frame, 'contactsPurgedAt'>;

/** Analysis attributes of one household; `householdId` is the random pseudonymous id, not the register id. */
export interface Household {
  frameId: string;
  householdId: string;
  district: string;
  householdType: string | null;
  children: number | null;
  youngestChildAge: number | null;
  /** Value of the mapped sort column (e.g. postcode) for systematic sampling. */
  sortKey: string | null;
  /** Statistical sub-district within `district`; null when the frame has no sub-district column. */
  subdistrict: string | null;
}

/** The only link from a pseudonymous id to a person: purgeable, never joined into analysis data. */
export interface Contact {
  frameId: string;
  householdId: string;
  /** Household number in the population register, kept only to answer queries of the register office. */
  registerId: string;
  name: string;
  street: string;
  houseNumber: string;
  postcode: string;
  city: string;
}

/** A stored draw: everything needed to reproduce it (see sampling/drawRecord.ts). */
export interface Draw {
  id: string;
  frameId: string;
  /** Panel wave, 1 for the first survey. */
  wave: number;
  method: 'srswor' | 'systematic';
  seed: number;
  prng: string;
  /** frameFingerprint() of the analysis rows the draw was made from. */
  frameFingerprint: string;
  /** Household columns sorted by before a systematic draw; null for srswor. */
  sortKey: string[] | null;
  /** Unrounded allocation n_h per district (full double precision). */
  allocationExact: Record<string, number>;
  /** Integer number of households invited per district. */
  allocation: Record<string, number>;
  /** Reserve households drawn per district in addition to `allocation`. */
  reserve: Record<string, number>;
  createdAt: string;
  createdBy: string | null;
}

export type NewDraw = Omit<Draw, 'id' | 'createdAt'> & { createdAt?: string };

export type SampleUnitStatus = 'invited' | 'reserve' | 'released';

/** One drawn household with its design quantities. */
export interface SampleUnit {
  drawId: string;
  householdId: string;
  district: string;
  /** First-order inclusion probability π of the households contacted so far in the district. */
  inclusionProbability: number;
  /** Design weight 1/π. */
  designWeight: number;
  status: SampleUnitStatus;
  wave: number;
  /** Release order of a reserve household within its district (1 = first); null for invited households. */
  reserveRank: number | null;
  releasedAt: string | null;
}

/** An access code as stored: only the HMAC hash, never the code. */
export interface AccessCode {
  id: string;
  drawId: string;
  householdId: string;
  codeHash: string;
  issuedAt: string;
  revokedAt: string | null;
}

export type NewAccessCode = Omit<AccessCode, 'id' | 'revokedAt'>;

/**
 * One checked frame row as the import stages it, in file order: the analysis attributes and the
 * contact, without the pseudonymous id (the store assigns it when writing). A flat tuple, not two
 * objects, because a frame has a million of them.
 */
export type StagedFrameRow = [
  district: string,
  householdType: string | null,
  children: number | null,
  youngestChildAge: number | null,
  sortKey: string | null,
  subdistrict: string | null,
  registerId: string,
  name: string,
  street: string,
  houseNumber: string,
  postcode: string,
  city: string,
];

/** Final figures of a staged frame, known only after the whole file has been read. */
export interface StagedFrameSummary {
  rowCount: number;
  districts: FrameDistrict[];
}

/**
 * A frame import in progress (see FramesRepository.stage). Its frame, households and contacts
 * are invisible — `frames.get`/`list` do not return the frame — until `frames.completeImport`
 * runs; `discard` removes every trace. Each call is a short write of its own, so the server keeps
 * answering other requests between the chunks of a large import.
 */
export interface FrameStaging {
  readonly frameId: string;
  /** Appends checked rows in file order. */
  append(rows: readonly StagedFrameRow[]): Promise<void>;
  /**
   * Gives every staged row a random pseudonymous household id and writes households and
   * contacts of the (still invisible) frame, chunk by chunk; reports rows written after each
   * chunk. Returns the number written. Call once, after the last `append`.
   */
  write(onProgress?: (written: number, total: number) => void): Promise<number>;
  /** Removes the staged rows, the rows written so far and the pending frame. Safe to call twice. */
  discard(): Promise<void>;
}

export interface FramesRepository {
  create(frame: NewFrame): Promise<Frame>;
  /** Visible frames only: a frame whose import has not completed is null. */
  get(id: string): Promise<Frame | null>;
  /** Newest first; visible frames only. */
  list(): Promise<Frame[]>;
  /** Records the purge time; returns the updated frame, null for an unknown id. */
  markContactsPurged(id: string, at: string): Promise<Frame | null>;
  /**
   * Starts an all-or-nothing import: records the frame as pending (invisible) and returns its
   * staging area. `frame.rowCount` and `frame.districts` are replaced by `completeImport`.
   * @throws DuplicateKeyError when the frame id exists.
   */
  stage(frame: NewFrame): Promise<FrameStaging>;
  /**
   * Makes a pending frame visible with its final row count and district sizes, in one atomic
   * step (run it in `store.transaction` together with the audit entry).
   * @throws Error when the frame is not pending or the written households or contacts do not number `rowCount`.
   */
  completeImport(frameId: string, summary: StagedFrameSummary): Promise<Frame>;
  /**
   * Removes pending imports whose last sign of life is older than `staleBefore` (an ISO time):
   * what a crashed or killed server process left behind. Returns how many frames were removed.
   */
  discardAbandonedImports(staleBefore: string): Promise<number>;
}

export interface HouseholdsRepository {
  /** Bulk insert (one statement per row, one transaction). @throws DuplicateKeyError for a repeated householdId. */
  insertMany(rows: readonly Household[]): Promise<number>;
  /** All households of a frame, ordered by householdId. */
  listByFrame(frameId: string): Promise<Household[]>;
  countByFrame(frameId: string): Promise<number>;
}

export interface ContactsRepository {
  /** Bulk insert. @throws DuplicateKeyError for a repeated householdId. */
  insertMany(rows: readonly Contact[]): Promise<number>;
  /** Contacts of the given households of a frame, in the order of `householdIds`; unknown ids are left out. */
  getMany(frameId: string, householdIds: readonly string[]): Promise<Contact[]>;
  countByFrame(frameId: string): Promise<number>;
  /** Deletes every contact row of the frame; returns how many. */
  purgeFrame(frameId: string): Promise<number>;
}

export interface DrawsRepository {
  create(draw: NewDraw): Promise<Draw>;
  get(id: string): Promise<Draw | null>;
  /** Newest first; only the frame's draws when frameId is given. */
  list(frameId?: string): Promise<Draw[]>;
}

export interface SampleUnitsRepository {
  insertMany(units: readonly SampleUnit[]): Promise<number>;
  /** Units of a draw ordered by district, then status (invited, released, reserve), reserve rank and householdId. */
  listByDraw(drawId: string, status?: SampleUnitStatus): Promise<SampleUnit[]>;
  /**
   * Marks reserve households as released and sets π and the design weight of every contacted
   * (invited or released) household of each touched district: released households are contacted
   * too, so the district's weights change. Returns the number of released households.
   */
  release(
    drawId: string,
    householdIds: readonly string[],
    at: string,
    districtDesign: Readonly<Record<string, { inclusionProbability: number; designWeight: number }>>,
  ): Promise<number>;
}

export interface AccessCodesRepository {
  /** @throws DuplicateKeyError when a code hash already exists. */
  insertMany(codes: readonly NewAccessCode[]): Promise<number>;
  /** Revokes every code of the draw not yet revoked; returns how many. */
  revokeActiveForDraw(drawId: string, at: string): Promise<number>;
  listByDraw(drawId: string): Promise<AccessCode[]>;
  /** The unrevoked code with this hash, for the resident sign-in. */
  findActiveByHash(codeHash: string): Promise<AccessCode | null>;
}
