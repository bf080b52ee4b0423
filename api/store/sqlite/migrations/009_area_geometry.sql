-- Area boundaries (districts, sub-districts) and published results.
-- A geometry version is a whole FeatureCollection in WGS 84 (longitude, latitude), written once and
-- read whole; a new delivery of the geoportal is a new version per level, nothing is overwritten.
CREATE TABLE area_geometry (
  id          TEXT PRIMARY KEY,
  level       TEXT NOT NULL CHECK (level IN ('district', 'subdistrict')),
  version     INTEGER NOT NULL CHECK (version >= 1),
  geojson     TEXT NOT NULL CHECK (json_valid(geojson) AND json_extract(geojson, '$.type') = 'FeatureCollection'),
  -- the coordinate reference system of the imported file ('EPSG:4326' or 'EPSG:25832'); stored coordinates are WGS 84
  source_crs  TEXT NOT NULL,
  schematic   INTEGER NOT NULL CHECK (schematic IN (0, 1)),
  imported_at TEXT NOT NULL,
  imported_by TEXT,
  file_name   TEXT NOT NULL,
  UNIQUE (level, version)
) STRICT;

CREATE TRIGGER area_geometry_immutable BEFORE UPDATE ON area_geometry
BEGIN SELECT RAISE(ABORT, 'an imported geometry version cannot be changed; import a new version'); END;

-- A wave's results made public: the disclosure-controlled table as it was published (snapshot), so the
-- public page serves exactly that, whatever happens to the data later. Only unpublishing changes a row.
CREATE TABLE result_publications (
  id             TEXT PRIMARY KEY,
  draw_id        TEXT NOT NULL,
  wave           INTEGER NOT NULL CHECK (wave >= 1),
  geometry_id    TEXT REFERENCES area_geometry (id),
  snapshot       TEXT NOT NULL CHECK (json_valid(snapshot) AND json_type(snapshot) = 'object'),
  published_at   TEXT NOT NULL,
  published_by   TEXT,
  unpublished_at TEXT,
  unpublished_by TEXT
) STRICT;

CREATE INDEX result_publications_wave ON result_publications (wave, published_at);
-- At most one live publication per wave.
CREATE UNIQUE INDEX result_publications_live ON result_publications (wave) WHERE unpublished_at IS NULL;

CREATE TRIGGER result_publications_snapshot_fixed BEFORE UPDATE OF id, draw_id, wave, geometry_id, snapshot, published_at, published_by ON result_publications
BEGIN SELECT RAISE(ABORT, 'a publication cannot be changed; unpublish it and publish again'); END;
