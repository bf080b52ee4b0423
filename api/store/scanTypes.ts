/**
 * Scanned paper forms waiting for verification (migration 010, below the paper form references): what the
 * machine read from each form of an uploaded scan batch, and an image crop for every item a person must
 * look at. Crops are the only images kept, and only until the form is verified: verifying deletes them.
 */

/** One answer row as the machine read it (api/paper/scan/questionRules.ts). */
export interface ScannedAnswerRow {
  question: string;
  value: string;
  status: 'auto' | 'review';
  reason: string;
  /** Page of the form the question is printed on. */
  page: number;
}

export type ScannedFormStatus = 'pending' | 'verified';

export interface ScannedFormRecord {
  formId: string;
  /** The household behind the form reference (paper_forms), or null when the reference is unknown here. */
  householdId: string | null;
  questionnaireId: string;
  questionnaireVersion: number;
  status: ScannedFormStatus;
  pagesRead: number[];
  pagesMissing: number[];
  answers: ScannedAnswerRow[];
  uploadedBy: string;
  uploadedAt: string;
  verifiedBy: string | null;
  verifiedAt: string | null;
  /** The response the verified form became (null when it was not counted, e.g. answered online first). */
  responseId: string | null;
  /** Increases with every write; verification compares it. */
  revision: number;
}

/** An image crop of one review item (index into `answers`), PNG. */
export interface ScanCrop {
  item: number;
  page: number;
  png: Uint8Array;
}

export interface ScannedFormsRepository {
  /**
   * Stores a form read from a scan batch with its crops, replacing a pending form of the same reference
   * (a later, fuller scan) and its crops; null when the form is already verified (nothing is changed).
   */
  putPending(form: Omit<ScannedFormRecord, 'status' | 'verifiedBy' | 'verifiedAt' | 'responseId' | 'revision'>, crops: readonly ScanCrop[]): Promise<ScannedFormRecord | null>;
  get(formId: string): Promise<ScannedFormRecord | null>;
  /** Pending forms, oldest upload first. */
  listPending(): Promise<ScannedFormRecord[]>;
  crop(formId: string, item: number): Promise<ScanCrop | null>;
  /**
   * Marks a pending form verified where its revision still matches and deletes its crops; null when the
   * revision moved on or the form is not pending.
   */
  markVerified(formId: string, expectedRevision: number, v: { verifiedBy: string; verifiedAt: string; responseId: string | null; answers: ScannedAnswerRow[] }): Promise<ScannedFormRecord | null>;
  /**
   * For references purged with the contacts: deletes their pending forms with the crops (such a form can
   * never be verified) and forgets the household of their verified forms (which hold no image; the link
   * reference ↔ household is personal data like the contacts). Returns how many pending forms were deleted.
   */
  purgePending(formIds: readonly string[]): Promise<number>;
}
