/**
 * Repository interfaces of data collection (questionnaire versions, responses in every channel,
 * resident session links, blind double entry of paper forms, the fieldwork roster), re-exported
 * from ./types as members of `Repositories`.
 *
 * Data protection: responses and paper entries know a household only by its pseudonymous id;
 * no name, address or plain access code is ever passed to or returned by these repositories.
 */

/**
 * A questionnaire version's life: imported as a `draft` (checked, readable, previewable, never
 * answered), then `published` (waves may use it; answers refer to it), at last `retired` (no new
 * wave may use it; its answers keep referring to it). The content never changes once stored.
 */
export const QUESTIONNAIRE_VERSION_STATUSES = ['draft', 'published', 'retired'] as const;
export type QuestionnaireVersionStatus = (typeof QUESTIONNAIRE_VERSION_STATUSES)[number];

/** A stored questionnaire version; its JSON is immutable once stored (answers refer to it). */
export interface QuestionnaireVersion {
  questionnaireId: string;
  version: number;
  json: Record<string, unknown>;
  status: QuestionnaireVersionStatus;
  /** When it was published; null while it is a draft. */
  publishedAt: string | null;
  importedAt: string;
  /** User id of the importer; null for versions the platform ships with or that predate imports. */
  importedBy: string | null;
  retiredAt: string | null;
}

/** The questionnaire version a wave (a draw, `Draw.wave`) is answered with, online, on paper and in print. */
export interface WaveQuestionnaire {
  drawId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  boundAt: string;
  boundBy: string | null;
}

export interface QuestionnaireVersionsRepository {
  /**
   * Stores a version as published at once (the shipped versions, the demo).
   * @throws DuplicateKeyError('version') when this id and version were stored before.
   */
  publish(v: { questionnaireId: string; version: number; json: Record<string, unknown>; publishedAt?: string; importedBy?: string | null }): Promise<QuestionnaireVersion>;
  /**
   * Stores an imported version as a draft or as published.
   * @throws DuplicateKeyError('version') when this id and version were stored before.
   */
  create(v: { questionnaireId: string; version: number; json: Record<string, unknown>; status: 'draft' | 'published'; importedBy: string | null; importedAt?: string }): Promise<QuestionnaireVersion>;
  /**
   * Compare-and-set of the status: changes it to `to` (stamping publishedAt or retiredAt with `at`)
   * only while it is `from`; null when the version does not exist or has another status. The service
   * decides which transitions are allowed; the SQLite schema refuses any that goes backwards.
   */
  setStatus(questionnaireId: string, version: number, from: QuestionnaireVersionStatus, to: QuestionnaireVersionStatus, at?: string): Promise<QuestionnaireVersion | null>;
  get(questionnaireId: string, version: number): Promise<QuestionnaireVersion | null>;
  /** Highest published (not draft, not retired) version of the questionnaire, or null. */
  latest(questionnaireId: string): Promise<QuestionnaireVersion | null>;
  /** Every stored version (all statuses), by questionnaire id and version; of one questionnaire when given. */
  list(questionnaireId?: string): Promise<QuestionnaireVersion[]>;
  /** Ties a draw (a wave) to a stored version, replacing an earlier binding of that draw. */
  bindWave(b: Omit<WaveQuestionnaire, 'boundAt'> & { boundAt?: string }): Promise<WaveQuestionnaire>;
  /** The version a draw is bound to, or null when it has none (then the latest published one applies). */
  waveBinding(drawId: string): Promise<WaveQuestionnaire | null>;
  /** Every binding, by draw id. */
  waveBindings(): Promise<WaveQuestionnaire[]>;
}

export const RESPONSE_MODES = ['online', 'paper', 'paper-scan', 'open'] as const;
export type ResponseMode = (typeof RESPONSE_MODES)[number];
export type ResponseStatus = 'draft' | 'submitted';

/**
 * One household's answers in one channel. `householdId` is the pseudonymous id (null for open-link
 * responses); `probabilitySample` is false exactly for open-link responses.
 */
export interface SurveyResponse {
  id: string;
  householdId: string | null;
  questionnaireId: string;
  questionnaireVersion: number;
  mode: ResponseMode;
  status: ResponseStatus;
  answers: Record<string, unknown>;
  currentPage: number;
  probabilitySample: boolean;
  district: string | null;
  wave: number | null;
  drawId: string | null;
  /** Increases with every write (autosave, submit). */
  revision: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

export interface NewResponse {
  householdId: string | null;
  questionnaireId: string;
  questionnaireVersion: number;
  mode: ResponseMode;
  district?: string | null;
  wave?: number | null;
  drawId?: string | null;
  answers?: Record<string, unknown>;
}

export interface ResponseFilter {
  status?: ResponseStatus;
  mode?: ResponseMode;
  householdId?: string;
}

export interface ResponsesRepository {
  /** The household's row for the channel, created as an empty draft when there is none yet. */
  openDraft(r: NewResponse & { householdId: string }): Promise<SurveyResponse>;
  /** A new draft without household (open link). */
  createOpenDraft(r: Omit<NewResponse, 'householdId' | 'mode'>): Promise<SurveyResponse>;
  get(id: string): Promise<SurveyResponse | null>;
  /** The household's submitted response (any channel), or null. */
  submittedForHousehold(householdId: string): Promise<SurveyResponse | null>;
  /** Replaces answers and page of a draft; null when the row is not a draft (already submitted or unknown). */
  saveDraft(id: string, answers: Record<string, unknown>, currentPage: number, now?: Date): Promise<SurveyResponse | null>;
  /**
   * Turns a draft into the submitted response. Null when the row is unknown or no longer a draft.
   * @throws DuplicateKeyError('household') when the household already has a submitted response.
   */
  submit(id: string, answers: Record<string, unknown>, now?: Date): Promise<SurveyResponse | null>;
  /**
   * Stores a response that is complete at once (reconciled paper form).
   * @throws DuplicateKeyError('household') when the household already has a submitted response.
   */
  createSubmitted(r: NewResponse & { answers: Record<string, unknown> }, now?: Date): Promise<SurveyResponse>;
  list(filter?: ResponseFilter): Promise<SurveyResponse[]>;
}

/** The household (or open-link response) an anonymous resident session has entered. */
export interface SurveyLink {
  sessionIdHash: string;
  householdId: string | null;
  responseId: string;
  createdAt: string;
}

export interface SurveyLinksRepository {
  /** Binds the session to a response, replacing an earlier binding of the same session. */
  bind(link: Omit<SurveyLink, 'createdAt'>): Promise<SurveyLink>;
  get(sessionIdHash: string): Promise<SurveyLink | null>;
}

export type PaperEntryStatus = 'awaiting-second-entry' | 'awaiting-reconciliation' | 'reconciled';

/** How the reconciler settled one question on which the two entries differ. */
export interface PaperResolution {
  question: string;
  entry1: unknown;
  entry2: unknown;
  /** 'entry1' / 'entry2' when one keyed value was right, 'corrected' when both were wrong. */
  choice: 'entry1' | 'entry2' | 'corrected';
  value: unknown;
}

export interface PaperEntry {
  householdId: string;
  questionnaireId: string;
  questionnaireVersion: number;
  district: string | null;
  wave: number | null;
  drawId: string | null;
  entry1UserId: string;
  entry1Answers: Record<string, unknown>;
  entry1At: string;
  entry2UserId: string | null;
  entry2Answers: Record<string, unknown> | null;
  entry2At: string | null;
  status: PaperEntryStatus;
  reconciledAnswers: Record<string, unknown> | null;
  resolutions: PaperResolution[] | null;
  reconcilerUserId: string | null;
  reconciledAt: string | null;
  /** After reconciliation: 'counted' or 'duplicate' (an online response of the household was submitted first). */
  outcome: 'counted' | 'duplicate' | null;
  /** Optimistic-concurrency version; every write increases it. */
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface PaperEntryHistoryItem {
  id: string;
  householdId: string;
  kind: 'entry1' | 'entry2' | 'reconciled';
  answers: Record<string, unknown>;
  userId: string | null;
  at: string;
}

/**
 * Fields of a paper entry a write may set. Which ones, and the next status, are decided by the
 * collection service (api/collection/paperEntryTransition.ts); the store only writes them.
 */
export type PaperEntryChange = Partial<
  Pick<
    PaperEntry,
    | 'entry1UserId'
    | 'entry1Answers'
    | 'entry1At'
    | 'entry2UserId'
    | 'entry2Answers'
    | 'entry2At'
    | 'status'
    | 'reconciledAnswers'
    | 'resolutions'
    | 'reconcilerUserId'
    | 'reconciledAt'
    | 'outcome'
    | 'updatedAt'
  >
>;

/** The field names of PaperEntryChange, the only ones an adapter writes in a compare-and-set. */
export const PAPER_ENTRY_CHANGE_FIELDS = [
  'entry1UserId',
  'entry1Answers',
  'entry1At',
  'entry2UserId',
  'entry2Answers',
  'entry2At',
  'status',
  'reconciledAnswers',
  'resolutions',
  'reconcilerUserId',
  'reconciledAt',
  'outcome',
  'updatedAt',
] as const satisfies readonly (keyof PaperEntryChange)[];

export interface PaperEntriesRepository {
  get(householdId: string): Promise<PaperEntry | null>;
  /**
   * Stores a new paper entry as given (its status and revision included).
   * @throws DuplicateKeyError('household') when the household already has a paper entry.
   */
  create(entry: PaperEntry): Promise<PaperEntry>;
  /**
   * Compare-and-set: sets `change` and revision = expectedRevision + 1 where the household's entry
   * still has revision `expectedRevision`, in one write. Returns the entry as written, null when it
   * did not match (someone else wrote in between, or there is no entry). Knows no states.
   */
  compareAndSet(householdId: string, expectedRevision: number, change: PaperEntryChange): Promise<PaperEntry | null>;
  list(filter?: { status?: PaperEntryStatus }): Promise<PaperEntry[]>;
  /** Appends a snapshot (append-only) and returns it; its id goes into the audit record. */
  recordHistory(item: Omit<PaperEntryHistoryItem, 'id' | 'at'> & { at?: string }): Promise<PaperEntryHistoryItem>;
  history(householdId: string): Promise<PaperEntryHistoryItem[]>;
}

/** A contacted household as the fieldwork monitor sees it (from the sampling side, pseudonymous). */
export interface RosterEntry {
  householdId: string;
  drawId: string;
  frameId: string;
  district: string;
  wave: number;
  /** invited, or a released reserve household (also contacted). */
  status: 'invited' | 'released';
}

/** Read-only view over the drawn sample for collection: who was contacted, and which household a code belongs to. */
export interface RosterRepository {
  /** The contacted household an active (unrevoked) code hash belongs to, or null. */
  findByCodeHash(codeHash: string): Promise<RosterEntry | null>;
  /** The contacted household in any draw (latest draw first), or null. */
  get(householdId: string): Promise<RosterEntry | null>;
  /** Every contacted household (invited or released), optionally of one wave. */
  list(filter?: { wave?: number }): Promise<RosterEntry[]>;
}

/**
 * Final disposition of a contacted household that sent no questionnaire back, as recorded by
 * fieldwork staff: it refused (called, wrote, returned the empty form with "no"), its letter came
 * back undeliverable, or it is no longer eligible (no child under 18 in the household any more).
 */
export const DISPOSITIONS = ['refused', 'unreachable', 'not_eligible'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/**
 * One recorded disposition per sample unit (draw, household). A completed questionnaire of the
 * household outranks it wherever outcomes are counted (fieldwork monitor, panel attrition): the
 * record stays, but the household counts as answered. `note` is a short free text without names.
 */
export interface HouseholdDisposition {
  drawId: string;
  householdId: string;
  disposition: Disposition;
  note: string | null;
  recordedByUserId: string | null;
  recordedByUsername: string | null;
  recordedAt: string;
}

export interface DispositionsRepository {
  get(drawId: string, householdId: string): Promise<HouseholdDisposition | null>;
  /** Records or replaces the sample unit's disposition; returns the one it replaced (null when none). */
  set(d: Omit<HouseholdDisposition, 'recordedAt'> & { recordedAt?: string }): Promise<{ before: HouseholdDisposition | null; after: HouseholdDisposition }>;
  /** Removes the sample unit's disposition; returns what was removed, or null when there was none. */
  clear(drawId: string, householdId: string): Promise<HouseholdDisposition | null>;
  /** All dispositions, optionally of one draw, ordered by draw and household id. */
  list(filter?: { drawId?: string }): Promise<HouseholdDisposition[]>;
  /** The most recently recorded dispositions first (for the undo list), at most `limit`. */
  recent(limit: number): Promise<HouseholdDisposition[]>;
}
