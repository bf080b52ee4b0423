/**
 * The indicators as planners own them: the newest stored version of each (what the analysis uses), the
 * versions of one indicator, the check of a draft against a questionnaire version, and saving a draft as
 * the next version (checked, audited with what changed). Storage: store.indicatorDefinitions (migration 011).
 */
import { checkIndicatorDefinition, ruleConditions, ruleToR, type IndicatorDefinition, type IndicatorProblem, type Rule } from '../../analysis/indicators';
import { recordAudit, type Actor } from '../audit/auditLog';
import { AppError } from '../errors/appError';
import { FAMILY_LIFE_QUALITY_ID, QUESTIONNAIRES, questionCatalogue, type CatalogueQuestion, type QuestionnaireJson } from '../questionnaire';
import { DuplicateKeyError, type Repositories, type Store, type StoredIndicatorDefinition } from '../store/types';

/** What a planner edits; the id, theme and unit stay with the indicator, `questions` follows from the rules. */
export interface IndicatorDraft {
  label: { de: string; en: string };
  denominatorLabel: { de: string; en: string };
  direction: 'need' | 'context';
  rule: Rule;
  denominator: Rule;
  /** The questionnaire version the rules are written for (and checked against). */
  questionnaire: { id: string; version: number };
}

/**
 * The definitions the analysis uses: the newest version of every indicator, in the shipped order.
 * @throws AppError internal when the store has none (it always has after migration 011).
 */
export async function currentIndicators(repos: Pick<Repositories, 'indicatorDefinitions'>): Promise<{ definitions: IndicatorDefinition[]; versions: Record<string, number> }> {
  const stored = await repos.indicatorDefinitions.current();
  if (stored.length === 0) throw new AppError('internal', 'indicators.noneStored');
  return { definitions: stored.map((s) => s.definition), versions: Object.fromEntries(stored.map((s) => [s.indicatorId, s.version])) };
}

/**
 * The SurveyJS JSON of a questionnaire version: the one published in the store, else the built-in one.
 * @throws AppError invalid (`questionnaire.unknownVersion`) when neither has it.
 */
export async function questionnaireJson(store: Pick<Repositories, 'questionnaireVersions'>, id: string, version: number): Promise<QuestionnaireJson> {
  const stored = await store.questionnaireVersions.get(id, version);
  if (stored) return stored.json as QuestionnaireJson;
  const builtIn = QUESTIONNAIRES.find((q) => q.id === id && q.version === version);
  if (builtIn) return builtIn.json;
  throw new AppError('invalid', 'questionnaire.unknownVersion', { id, version });
}

/** Every version of the questionnaire the store (any status: a draft can be checked against too) or the platform has, oldest first. */
export async function questionnaireVersionsFor(store: Pick<Repositories, 'questionnaireVersions'>, id = FAMILY_LIFE_QUALITY_ID): Promise<number[]> {
  const found = new Set(QUESTIONNAIRES.filter((q) => q.id === id).map((q) => q.version));
  for (const v of await store.questionnaireVersions.list(id)) found.add(v.version);
  return [...found].sort((a, b) => a - b);
}

/** The questions of a version, as the editor offers them. */
export async function questionsOf(store: Pick<Repositories, 'questionnaireVersions'>, id: string, version: number): Promise<CatalogueQuestion[]> {
  return questionCatalogue(await questionnaireJson(store, id, version));
}

async function requireCurrent(repos: Pick<Repositories, 'indicatorDefinitions'>, indicatorId: string): Promise<StoredIndicatorDefinition> {
  const versions = await repos.indicatorDefinitions.versions(indicatorId);
  if (versions.length === 0) throw new AppError('notFound', 'indicators.unknown', { indicatorId });
  return versions[0]!;
}

/** The draft as a full definition: the indicator's id, theme and unit, and the questions its rules read. */
function definitionOf(current: IndicatorDefinition, draft: IndicatorDraft): IndicatorDefinition {
  const questions = [...new Set([...ruleConditions(draft.denominator), ...ruleConditions(draft.rule)].map((c) => c.q))];
  return {
    id: current.id,
    label: { de: draft.label.de.trim(), en: draft.label.en.trim() },
    denominatorLabel: { de: draft.denominatorLabel.de.trim(), en: draft.denominatorLabel.en.trim() },
    theme: current.theme,
    questionnaire: { id: draft.questionnaire.id, version: draft.questionnaire.version },
    questions,
    rule: draft.rule,
    denominator: draft.denominator,
    direction: draft.direction,
    unit: current.unit,
  };
}

/** Problems of a draft for an indicator, checked against the questionnaire version it names. */
export async function checkIndicatorDraft(store: Store, indicatorId: string, draft: IndicatorDraft): Promise<{ definition: IndicatorDefinition; problems: IndicatorProblem[] }> {
  const current = await requireCurrent(store, indicatorId);
  const definition = definitionOf(current.definition, draft);
  const questions = await questionsOf(store, draft.questionnaire.id, draft.questionnaire.version);
  return { definition, problems: checkIndicatorDefinition(definition, questions, `${draft.questionnaire.id} v${draft.questionnaire.version}`) };
}

/** A short text of a definition for the audit log: the rules as R expressions, direction and questionnaire. */
export function indicatorSummary(d: IndicatorDefinition): string {
  const text = `${d.label.de} | ${ruleToR(d.rule)} among ${ruleToR(d.denominator)} | ${d.direction} | ${d.questionnaire.id} v${d.questionnaire.version}`;
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}

const EDITED_FIELDS = ['label', 'denominatorLabel', 'direction', 'rule', 'denominator', 'questionnaire'] as const;

/**
 * Saves a draft as the next version of the indicator, after checking it against its questionnaire version;
 * audited as `indicator.version` with the summaries before and after and the fields that changed.
 * @throws AppError notFound unknown indicator; conflict when the indicator is no longer at `basedOnVersion`
 *   (someone saved meanwhile) or the draft changes nothing; unprocessable with one detail per problem.
 */
export async function saveIndicatorVersion(
  store: Store,
  actor: Actor,
  indicatorId: string,
  draft: IndicatorDraft,
  options: { basedOnVersion: number; note?: string | null },
): Promise<StoredIndicatorDefinition> {
  const { definition, problems } = await checkIndicatorDraft(store, indicatorId, draft);
  if (problems.length > 0) {
    throw new AppError(
      'unprocessable',
      'indicators.invalid',
      { count: problems.length, questionnaire: `${draft.questionnaire.id} v${draft.questionnaire.version}` },
      { details: problems.map((p) => ({ path: p.field, message: p.reason.en })), body: { problems } },
    );
  }
  try {
    return await store.transaction(async (tx) => {
      const current = await requireCurrent(tx, indicatorId);
      if (current.version !== options.basedOnVersion) throw new AppError('conflict', 'indicators.changedMeanwhile', { version: current.version });
      const changed = EDITED_FIELDS.filter((f) => JSON.stringify(current.definition[f]) !== JSON.stringify(definition[f]));
      if (changed.length === 0) throw new AppError('conflict', 'indicators.unchanged');
      const stored = await tx.indicatorDefinitions.create({
        indicatorId,
        version: current.version + 1,
        position: current.position,
        definition,
        createdBy: actor.username,
        note: options.note?.trim() || null,
      });
      await recordAudit(tx.audit, actor, {
        action: 'indicator.version',
        entityType: 'indicator',
        entityId: indicatorId,
        beforeId: `${indicatorId}@${current.version}`,
        beforeSummary: indicatorSummary(current.definition),
        afterId: `${indicatorId}@${stored.version}`,
        afterSummary: indicatorSummary(definition),
        details: { version: stored.version, changed, note: stored.note },
      });
      return stored;
    });
  } catch (err) {
    if (err instanceof DuplicateKeyError) {
      const now = await requireCurrent(store, indicatorId);
      throw new AppError('conflict', 'indicators.changedMeanwhile', { version: now.version });
    }
    throw err;
  }
}
