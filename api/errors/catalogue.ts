/**
 * The one catalogue of the texts the API sends (error sentences, problem reports by row, model
 * failures), German first. Assembled from one file per feature under ./messages; every key is
 * spelled with its feature prefix (`sampling.frameNotFound`), so the merged key space stays flat
 * and a key can be found with grep. A text with placeholders is a function of its typed params:
 * `new AppError('tooLarge', 'upload.fileTooLarge', { limitMb: 500 })` does not compile without them.
 */
import { accountMessages } from './messages/accounts';
import { analysisMessages } from './messages/analysis';
import { collectionMessages } from './messages/collection';
import { covariateMessages } from './messages/covariates';
import { geographyMessages } from './messages/geography';
import { httpMessages } from './messages/http';
import { indicatorMessages } from './messages/indicators';
import { paperFormMessages } from './messages/paperForms';
import { paperScanMessages } from './messages/paperScans';
import { questionnaireMessages } from './messages/questionnaire';
import { samplingMessages } from './messages/sampling';
import { uploadMessages } from './messages/uploads';

export type Language = 'de' | 'en';
export const LANGUAGES: readonly Language[] = ['de', 'en'];
export type Localised = Readonly<Record<Language, string>>;

/** One entry: both texts, or a function of the params giving both texts. */
export type MessageEntry = Localised | ((params: never) => Localised);
export type Messages = Record<string, MessageEntry>;

/** Every feature's file; a test checks that no key is defined twice. */
export const FEATURE_MESSAGES = {
  http: httpMessages,
  accounts: accountMessages,
  collection: collectionMessages,
  uploads: uploadMessages,
  sampling: samplingMessages,
  analysis: analysisMessages,
  covariates: covariateMessages,
  geography: geographyMessages,
  indicators: indicatorMessages,
  questionnaire: questionnaireMessages,
  paperForms: paperFormMessages,
  paperScans: paperScanMessages,
} as const;

export const catalogue = {
  ...httpMessages,
  ...accountMessages,
  ...collectionMessages,
  ...uploadMessages,
  ...samplingMessages,
  ...analysisMessages,
  ...covariateMessages,
  ...geographyMessages,
  ...indicatorMessages,
  ...questionnaireMessages,
  ...paperFormMessages,
  ...paperScanMessages,
};

type Catalogue = typeof catalogue;
export type MessageKey = keyof Catalogue;
/** The params a key's texts need; `undefined` for a text without placeholders. */
export type ParamsOf<K extends MessageKey> = Catalogue[K] extends (params: infer P) => Localised ? P : undefined;
/** What follows the key in a call: the params when the text has placeholders, nothing otherwise. */
export type ParamsArg<K extends MessageKey> = ParamsOf<K> extends undefined ? [params?: NoParams] : [params: ParamsOf<K>];
export type NoParams = Record<string, never>;

/** Both texts of a key without checking its params (for an error whose key is only known at run time). */
export function render(key: MessageKey, params: unknown): Localised {
  const entry = catalogue[key] as MessageEntry;
  return typeof entry === 'function' ? (entry as (p: unknown) => Localised)(params ?? {}) : entry;
}

/**
 * Both texts of a key, for results that are shown later in either language (model failures).
 * @example texts('analysis.noModel', { reason: 'x' }).de // → 'Kein Modell: x'
 */
export function texts<K extends MessageKey>(key: K, ...[params]: ParamsArg<K>): Localised {
  return render(key, params);
}

/**
 * The text of a key in one language.
 * @example message('http.notFound', 'en') // → 'Not found.'
 */
export function message<K extends MessageKey>(key: K, lang: Language, ...[params]: ParamsArg<K>): string {
  return render(key, params)[lang];
}

/** "German / English" in one string, for a field detail read by people of either language. */
export function bothLanguages<K extends MessageKey>(key: K, ...[params]: ParamsArg<K>): string {
  const text = render(key, params);
  return `${text.de} / ${text.en}`;
}
