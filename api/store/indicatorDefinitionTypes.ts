/**
 * Repository interface of stored indicator definitions (migration 011): every district needs
 * indicator is kept as a series of unchangeable versions per indicator id. Version 1 of each is the
 * definition shipped with the platform (written by the migration itself, so a migrated store always
 * has every indicator); a planner's edit adds version k + 1 and never overwrites. The analysis reads
 * the newest version of each. Re-exported from ./types as a member of `Repositories`.
 */
import type { IndicatorDefinition } from '../../analysis/indicators';

/** One version of one indicator. */
export interface StoredIndicatorDefinition {
  indicatorId: string;
  /** 1, 2, … per indicator, in the order they were saved. */
  version: number;
  /** Place of the indicator in lists and exports (the shipped order); kept by every version. */
  position: number;
  /** The definition itself; `definition.id` equals `indicatorId`. */
  definition: IndicatorDefinition;
  createdAt: string;
  /** Username of who saved it; null for the shipped version 1. */
  createdBy: string | null;
  /** Why it was changed, in the planner's words; for version 1 a note that it was shipped. */
  note: string | null;
}

export type NewStoredIndicatorDefinition = Omit<StoredIndicatorDefinition, 'createdAt'> & { createdAt?: string };

export interface IndicatorDefinitionsRepository {
  /**
   * Stores a version; the caller chooses the number (the newest + 1), the store only refuses one
   * that exists, so two planners saving at the same moment cannot both write version k.
   * @throws DuplicateKeyError (field `version`) when the indicator already has this version.
   */
  create(entry: NewStoredIndicatorDefinition): Promise<StoredIndicatorDefinition>;
  get(indicatorId: string, version: number): Promise<StoredIndicatorDefinition | null>;
  /** The newest version of every indicator, by position (then id). */
  current(): Promise<StoredIndicatorDefinition[]>;
  /** Every version of one indicator, newest first; empty for an unknown id. */
  versions(indicatorId: string): Promise<StoredIndicatorDefinition[]>;
}
