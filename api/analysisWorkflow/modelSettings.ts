/**
 * The planner's choice of covariates for the small-area model of each indicator and level. Kept as one JSON
 * document under a meta key (a handful of lists; every change is audited with the list before and after).
 * A choice is checked against the covariates the current analysis knows; when a chosen covariate later
 * disappears (another covariate import), the analysis falls back to the defaults for that indicator.
 */
import { actorOf, recordAudit } from '../audit/auditLog';
import { AppError } from '../errors/appError';
import type { Store, User } from '../store/types';
import type { AreaLevel } from './smallAreaAnalysis';

export type ModelSettings = Record<string, Partial<Record<AreaLevel, string[]>>>;

export const MODEL_SETTINGS_KEY = 'analysis.smallAreaCovariates';

export async function loadModelSettings(store: Pick<Store, 'meta'>): Promise<ModelSettings> {
  const raw = await store.meta.get(MODEL_SETTINGS_KEY);
  if (!raw) return {};
  try {
    const parsed = JSON.parse(raw) as unknown;
    return parsed !== null && typeof parsed === 'object' ? (parsed as ModelSettings) : {};
  } catch {
    return {}; // an unreadable document means "defaults everywhere", never a failed analysis
  }
}

export interface ModelSettingChange {
  indicatorId: string;
  level: AreaLevel;
  /** null: back to the defaults. */
  covariates: string[] | null;
}

/**
 * Stores one choice after checking it: the indicator exists, every covariate is known at that level, none twice,
 * and the model keeps at least one degree of freedom (covariates + intercept + σᵤ² ≤ areas with respondents).
 */
export async function saveModelSetting(
  store: Store,
  user: User,
  change: ModelSettingChange,
  known: { indicators: readonly string[]; covariates: readonly { level: AreaLevel; name: string }[]; areas: number },
): Promise<ModelSettings> {
  if (!known.indicators.includes(change.indicatorId)) {
    throw new AppError('notFound', 'analysis.indicatorUnknown', { indicatorId: change.indicatorId });
  }
  if (change.covariates !== null) {
    const available = new Set(known.covariates.filter((c) => c.level === change.level).map((c) => c.name));
    const unknown = change.covariates.filter((c) => !available.has(c));
    if (unknown.length > 0) {
      throw new AppError('unprocessable', 'analysis.covariatesUnknown', { level: change.level, names: unknown.join(', ') });
    }
    if (new Set(change.covariates).size !== change.covariates.length) throw new AppError('unprocessable', 'analysis.covariateTwice');
    if (change.covariates.length === 0) throw new AppError('unprocessable', 'analysis.covariatesNone');
    if (change.covariates.length + 2 > known.areas) {
      throw new AppError('unprocessable', 'analysis.covariatesTooMany', { count: change.covariates.length, areas: known.areas, max: Math.max(0, known.areas - 2) });
    }
  }
  return store.transaction(async (tx) => {
    const settings = await loadModelSettings(tx);
    const before = settings[change.indicatorId]?.[change.level] ?? null;
    const entry = { ...(settings[change.indicatorId] ?? {}) };
    if (change.covariates === null) delete entry[change.level];
    else entry[change.level] = [...change.covariates];
    if (Object.keys(entry).length === 0) delete settings[change.indicatorId];
    else settings[change.indicatorId] = entry;
    await tx.meta.set(MODEL_SETTINGS_KEY, JSON.stringify(settings));
    await recordAudit(tx.audit, actorOf(user), {
      action: 'analysis.model-covariates',
      entityType: 'indicator',
      entityId: change.indicatorId,
      beforeSummary: before ? before.join(', ') : 'default',
      afterSummary: change.covariates ? change.covariates.join(', ') : 'default',
      details: { level: change.level },
    });
    return settings;
  });
}
