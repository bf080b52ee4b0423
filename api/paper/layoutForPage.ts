import { AppError } from '../errors/appError';
import type { PageIdentity } from './pageIdentity';
import { paperLayout, type PaperLayout, type PaperPage } from './paperLayout';
import { resolveQuestionnaire, type QuestionnaireSource, type ResolvedQuestionnaire } from './resolveQuestionnaire';

/**
 * The layout a scanned page was printed with, recomputed from its identity alone (QR code or readable line).
 * @throws AppError notFound (`paperform.unknownQuestionnaire`) for an unknown questionnaire version;
 *   conflict (`paperform.layoutMismatch`) when the recomputed layout has another hash or page count —
 *   the page was printed from a different definition of that version, or by another program version.
 * @example (await layoutForPage(parsePagePayload(qrText))).page.boxes // → the choice boxes of that page
 */
export async function layoutForPage(identity: PageIdentity, store?: QuestionnaireSource): Promise<{ questionnaire: ResolvedQuestionnaire; layout: PaperLayout; page: PaperPage }> {
  const questionnaire = await resolveQuestionnaire(`${identity.questionnaireId}@${identity.version}`, store);
  const layout = paperLayout(questionnaire.json, { questionnaire: questionnaire.ref, lang: identity.lang, largePrint: identity.largePrint });
  const page = layout.pages[identity.page - 1];
  if (layout.layoutHash !== identity.layoutHash || layout.pages.length !== identity.pages || page === undefined) {
    throw new AppError('conflict', 'paperform.layoutMismatch', { printed: `${identity.layoutHash}, ${identity.pages}`, computed: `${layout.layoutHash}, ${layout.pages.length}` });
  }
  return { questionnaire, layout, page };
}
