/**
 * Repository interface of imported area covariates (migration 007): values known for every area of
 * a frame — per district or per sub-district — such as the share of households on benefits, that a
 * small-area model uses besides the covariates derived from the frame itself. Re-exported from
 * ./types as a member of `Repositories`.
 *
 * Every import is a new, unchangeable version per frame and level; nothing is overwritten, so an
 * analysis can always say which delivery of the statistics office it used.
 */

export const AREA_LEVELS = ['district', 'subdistrict'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];

/** The values of one area, in the order of the import's `columns`. */
export interface AreaCovariateRow {
  area: string;
  values: number[];
}

/** One imported covariate file of a frame and level. */
export interface AreaCovariateImport {
  id: string;
  frameId: string;
  level: AreaLevel;
  /** 1, 2, … per frame and level, in import order. */
  version: number;
  /** Covariate names (the file's header without its area column). */
  columns: string[];
  /** One row per area of the level, in file order. */
  rows: AreaCovariateRow[];
  importedAt: string;
  importedBy: string | null;
  fileName: string;
}

export type NewAreaCovariateImport = Omit<AreaCovariateImport, 'id' | 'importedAt'> & { importedAt?: string };

export interface AreaCovariatesRepository {
  /**
   * Stores a version; the caller chooses the number (the newest + 1), the store only refuses one
   * that exists, so two imports at the same moment cannot both become version k.
   * @throws DuplicateKeyError (field `version`) when the frame already has this version for the level.
   */
  create(entry: NewAreaCovariateImport): Promise<AreaCovariateImport>;
  get(id: string): Promise<AreaCovariateImport | null>;
  /** The newest version of the frame's level, null when none was imported. */
  latest(frameId: string, level: AreaLevel): Promise<AreaCovariateImport | null>;
  /** Every version of the frame, newest first within each level, district level first; one level when given. */
  list(frameId: string, level?: AreaLevel): Promise<AreaCovariateImport[]>;
}
