/**
 * Paper form references (migration 010): the random reference printed on every page of a household's
 * questionnaire, linked to the household it was sent to. The link is personal data like the contacts:
 * it lives apart from the answers and is purged with the contacts of its frame.
 */

export interface PaperFormRef {
  /** Random, not guessable, not the access code; printed on every page (QR code and readable line). */
  formId: string;
  frameId: string;
  drawId: string;
  householdId: string;
  /** The questionnaire version the form was printed for. */
  questionnaireId: string;
  questionnaireVersion: number;
  issuedAt: string;
}

export interface PaperFormsRepository {
  /**
   * Stores new references in one step.
   * @throws DuplicateKeyError('formId') for a reference that exists, DuplicateKeyError('household') when a
   *   household of the draw already has one; then nothing is stored.
   */
  insertMany(refs: readonly PaperFormRef[]): Promise<void>;
  /** The references of a draw (any order). */
  listByDraw(drawId: string): Promise<PaperFormRef[]>;
  /** The reference printed on a scanned page, or null (unknown, or purged with the contacts). */
  get(formId: string): Promise<PaperFormRef | null>;
  /** Deletes every reference of a frame (with its contacts); returns how many. */
  purgeFrame(frameId: string): Promise<number>;
}
