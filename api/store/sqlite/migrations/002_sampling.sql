-- Sampling workflow: frames, households (analysis side), contacts (purgeable), draws, sample units, access codes.
-- Analysis-side tables hold only the random pseudonymous household id: no names, addresses, register ids or plain codes.
CREATE TABLE frames (
  id                 TEXT PRIMARY KEY,
  name               TEXT NOT NULL,
  imported_at        TEXT NOT NULL,
  imported_by        TEXT,
  row_count          INTEGER NOT NULL CHECK (row_count >= 0),
  fingerprint        TEXT NOT NULL,
  column_mapping     TEXT NOT NULL CHECK (json_valid(column_mapping)),
  districts          TEXT NOT NULL CHECK (json_valid(districts)),
  contacts_purged_at TEXT
) STRICT;

CREATE TABLE households (
  household_id       TEXT PRIMARY KEY,
  frame_id           TEXT NOT NULL REFERENCES frames (id),
  district           TEXT NOT NULL,
  household_type     TEXT,
  children           INTEGER,
  youngest_child_age INTEGER,
  sort_key           TEXT
) STRICT;
CREATE INDEX households_frame ON households (frame_id, household_id);

-- Separate table so that purging after fieldwork removes every link to a person in one statement.
CREATE TABLE contacts (
  household_id TEXT PRIMARY KEY,
  frame_id     TEXT NOT NULL REFERENCES frames (id),
  register_id  TEXT NOT NULL,
  name         TEXT NOT NULL,
  street       TEXT NOT NULL,
  house_number TEXT NOT NULL,
  postcode     TEXT NOT NULL,
  city         TEXT NOT NULL
) STRICT;
CREATE INDEX contacts_frame ON contacts (frame_id);

CREATE TABLE draws (
  id                TEXT PRIMARY KEY,
  frame_id          TEXT NOT NULL REFERENCES frames (id),
  wave              INTEGER NOT NULL CHECK (wave >= 1),
  method            TEXT NOT NULL CHECK (method IN ('srswor', 'systematic')),
  seed              INTEGER NOT NULL CHECK (seed >= 0 AND seed < 4294967296),
  prng              TEXT NOT NULL,
  frame_fingerprint TEXT NOT NULL,
  sort_key          TEXT CHECK (sort_key IS NULL OR json_valid(sort_key)),
  allocation_exact  TEXT NOT NULL CHECK (json_valid(allocation_exact)),
  allocation        TEXT NOT NULL CHECK (json_valid(allocation)),
  reserve           TEXT NOT NULL CHECK (json_valid(reserve)),
  created_at        TEXT NOT NULL,
  created_by        TEXT
) STRICT;
CREATE INDEX draws_frame ON draws (frame_id);

CREATE TABLE sample_units (
  draw_id               TEXT NOT NULL REFERENCES draws (id),
  household_id          TEXT NOT NULL,
  district              TEXT NOT NULL,
  inclusion_probability REAL NOT NULL CHECK (inclusion_probability > 0 AND inclusion_probability <= 1),
  design_weight         REAL NOT NULL CHECK (design_weight >= 1),
  status                TEXT NOT NULL CHECK (status IN ('invited', 'reserve', 'released')),
  wave                  INTEGER NOT NULL CHECK (wave >= 1),
  reserve_rank          INTEGER,
  released_at           TEXT,
  PRIMARY KEY (draw_id, household_id)
) STRICT;

CREATE TABLE access_codes (
  id           TEXT PRIMARY KEY,
  draw_id      TEXT NOT NULL REFERENCES draws (id),
  household_id TEXT NOT NULL,
  code_hash    TEXT NOT NULL UNIQUE CHECK (length(code_hash) = 64),
  issued_at    TEXT NOT NULL,
  revoked_at   TEXT
) STRICT;
CREATE INDEX access_codes_draw ON access_codes (draw_id, revoked_at);
CREATE INDEX access_codes_household ON access_codes (household_id);
