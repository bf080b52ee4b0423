/**
 * What the retention job (api/operations/retentionJob.ts) needs from a store beyond the
 * repositories: fieldwork facts per frame in one query, deletion of expired raw answers in one
 * transaction, and a lease so that only one of several API instances runs the job. Each adapter
 * implements it (sqlite/retentionData.ts, mongo/retentionData.ts); the policy stays outside.
 */

/** What the store knows about one frame's fieldwork (ISO timestamps, null when it never happened). */
export interface FrameFieldworkFacts {
  frameId: string;
  importedAt: string;
  contactsPurgedAt: string | null;
  contacts: number;
  lastDrawAt: string | null;
  lastReleaseAt: string | null;
  lastResponseChangeAt: string | null;
  lastPaperEntryChangeAt: string | null;
}

export interface ExpiredAnswers {
  responses: number;
  paperEntries: number;
  surveyLinks: number;
  /** Paper-entry history rows older than the cut-off: append-only evidence, kept like the audit trail. */
  paperHistoryKept: number;
  /** Returns without questionnaire (refused, undeliverable, not eligible; with staff notes) recorded before the cut-off. */
  dispositions: number;
}

export interface RetentionData {
  frameFacts(): Promise<FrameFieldworkFacts[]>;
  /** Counts (dry run) or deletes raw answers last changed before `before` (ISO), in one transaction. */
  expiredAnswers(before: string, apply: boolean): Promise<ExpiredAnswers>;
  /** Takes the job lease until `until` unless another holder's lease is still running at `now`. */
  acquireLease(holder: string, now: string, until: string): Promise<boolean>;
  releaseLease(holder: string): Promise<void>;
  /** Ends this handle (the store itself stays open). */
  close(): Promise<void>;
}

/** Meta key of the lease; the value is `<until ISO>|<holder>`, so an expired lease sorts below `now`. */
export const RETENTION_LEASE_KEY = 'retention.lease';
