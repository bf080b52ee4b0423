-- Imported area covariates (e.g. share of households on benefits per district or sub-district)
-- for small-area estimation. Each import is a new version per frame and level; a stored version
-- never changes, so an analysis can always name the delivery it used.
CREATE TABLE area_covariates (
  id          TEXT PRIMARY KEY,
  frame_id    TEXT NOT NULL REFERENCES frames (id),
  level       TEXT NOT NULL CHECK (level IN ('district', 'subdistrict')),
  version     INTEGER NOT NULL CHECK (version >= 1),
  -- covariate names, then one { area, values } per area with values in the order of the names
  columns     TEXT NOT NULL CHECK (json_valid(columns) AND json_type(columns) = 'array'),
  rows        TEXT NOT NULL CHECK (json_valid(rows) AND json_type(rows) = 'array'),
  imported_at TEXT NOT NULL,
  imported_by TEXT,
  file_name   TEXT NOT NULL,
  UNIQUE (frame_id, level, version)
) STRICT;

CREATE TRIGGER area_covariates_immutable BEFORE UPDATE ON area_covariates
BEGIN SELECT RAISE(ABORT, 'an imported covariate version cannot be changed; import a new version'); END;
