import { AppError } from '../errors/appError';
import { deepFreeze } from '../questionnaire/surveyModel';
import type { PageIdentity } from './pageIdentity';
import { paperLayout, type PaperLayout, type PaperPage } from './paperLayout';
import { resolveQuestionnaire, type QuestionnaireSource, type ResolvedQuestionnaire } from './resolveQuestionnaire';

// Stored questionnaire versions never change, so a layout can be kept per version and options:
// a batch of scanned pages computes each layout once instead of once per page.
const CACHE_SIZE = 32;
const cache = new Map<string, PaperLayout>();

/**
 * The layout a scanned page was printed with, recomputed from its identity alone (QR code or readable line).
 * @throws AppError notFound (`paperform.unknownQuestionnaire`) for an unknown questionnaire version;
 *   conflict (`paperform.layoutMismatch`) when the recomputed layout has another hash or page count —
 *   the page was printed from a different definition of that version, or by another program version.
 * The layout is computed once per questionnaire version and options and returned frozen.
 * @example (await layoutForPage(parsePagePayload(qrText))).page.boxes // → the choice boxes of that page
 */
export async function layoutForPage(identity: PageIdentity, store?: QuestionnaireSource): Promise<{ questionnaire: ResolvedQuestionnaire; layout: PaperLayout; page: PaperPage }> {
  const questionnaire = await resolveQuestionnaire(`${identity.questionnaireId}@${identity.version}`, store);
  const key = `${questionnaire.source}|${questionnaire.ref}|${identity.lang}|${identity.largePrint ? 1 : 0}`;
  let layout = cache.get(key);
  if (layout === undefined) {
    layout = deepFreeze(paperLayout(questionnaire.json, { questionnaire: questionnaire.ref, lang: identity.lang, largePrint: identity.largePrint }));
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, layout);
  }
  const page = layout.pages[identity.page - 1];
  if (layout.layoutHash !== identity.layoutHash || layout.pages.length !== identity.pages || page === undefined) {
    throw new AppError('conflict', 'paperform.layoutMismatch', { printed: `${identity.layoutHash}, ${identity.pages}`, computed: `${layout.layoutHash}, ${layout.pages.length}` });
  }
  return { questionnaire, layout, page };
}
