import { AppError } from '../../errors/appError';
import { paperLayout, type PaperLayout } from '../paperLayout';
import type { PageIdentity } from '../pageIdentity';
import { resolveQuestionnaire, type QuestionnaireSource } from '../resolveQuestionnaire';
import type { LayoutLookup, ScanLayoutPage } from './readPage';

/**
 * The layout lookup of a scan run: recomputes the printed layout from a page's QR identity (questionnaire
 * from the store when given, else the shipped registry), once per questionnaire, language and print size,
 * and refuses a page whose layout hash differs from the recomputed one (printed from another layout).
 * Choice values become text here (`1` → '1'); `rawValue` keeps the value as the questionnaire stores it.
 */
export function createLayoutLookup(store?: QuestionnaireSource): LayoutLookup & { layoutOf(identity: PageIdentity): Promise<PaperLayout | string> } {
  const cache = new Map<string, Promise<PaperLayout | string>>();
  const layoutOf = (identity: PageIdentity): Promise<PaperLayout | string> => {
    const ref = `${identity.questionnaireId}@${identity.version}`;
    const key = `${ref}|${identity.lang}|${identity.largePrint ? 1 : 0}`;
    let found = cache.get(key);
    if (found === undefined) {
      found = (async () => {
        try {
          const q = await resolveQuestionnaire(ref, store);
          return paperLayout(q.json, { questionnaire: ref, lang: identity.lang, largePrint: identity.largePrint });
        } catch (err) {
          if (err instanceof AppError) return `questionnaire ${ref} cannot be laid out: ${err.key}`;
          throw err;
        }
      })();
      cache.set(key, found);
    }
    return found;
  };
  const lookup = async (identity: PageIdentity): Promise<ScanLayoutPage | string> => {
    const layout = await layoutOf(identity);
    if (typeof layout === 'string') return layout;
    if (layout.layoutHash !== identity.layoutHash) {
      return `layout ${identity.layoutHash} of the page is not the layout ${layout.layoutHash} of ${layout.questionnaire} (${identity.lang}${identity.largePrint ? ', large print' : ''})`;
    }
    if (identity.pages !== layout.pages.length) return `the page says ${identity.pages} pages, the layout has ${layout.pages.length}`;
    const page = layout.pages[identity.page - 1]!;
    return {
      boxes: page.boxes.map((b) => ({ question: b.question, value: String(b.value), rawValue: b.value, multiple: b.multiple, xMm: b.xMm, yMm: b.yMm, wMm: b.wMm, hMm: b.hMm })),
      digitBoxes: page.digitBoxes.map((b) => ({ question: b.question, xMm: b.xMm, yMm: b.yMm, wMm: b.wMm, hMm: b.hMm })),
    };
  };
  return Object.assign(lookup, { layoutOf });
}
