-- printed form references, scanned pages and the verification queue

-- Paper form references: which household a printed questionnaire was sent to. The reference is
-- random (not the access code, not derived from the household id) and is printed on every page; its
-- link to the household is personal data like the contacts, so the table lives apart from the answers
-- and is emptied together with the contacts of the frame (purgeContacts).
CREATE TABLE paper_forms (
  form_id               TEXT PRIMARY KEY CHECK (length(form_id) BETWEEN 1 AND 64),
  frame_id              TEXT NOT NULL,
  draw_id               TEXT NOT NULL,
  household_id          TEXT NOT NULL,
  questionnaire_id      TEXT NOT NULL,
  questionnaire_version INTEGER NOT NULL CHECK (questionnaire_version >= 1),
  issued_at             TEXT NOT NULL,
  UNIQUE (draw_id, household_id)
) STRICT;
CREATE INDEX paper_forms_frame ON paper_forms (frame_id);

-- Scanned forms waiting for verification: what the machine read from each form of an uploaded scan
-- batch (answers with auto/review per row) and, in scan_crops, an image crop of every item a person must
-- look at. The crops are the only images kept, and only until the form is verified.
CREATE TABLE scanned_forms (
  form_id               TEXT PRIMARY KEY CHECK (length(form_id) BETWEEN 1 AND 64),
  household_id          TEXT,
  questionnaire_id      TEXT NOT NULL,
  questionnaire_version INTEGER NOT NULL CHECK (questionnaire_version >= 1),
  status                TEXT NOT NULL CHECK (status IN ('pending', 'verified')),
  pages_read            TEXT NOT NULL CHECK (json_valid(pages_read)),
  pages_missing         TEXT NOT NULL CHECK (json_valid(pages_missing)),
  answers               TEXT NOT NULL CHECK (json_valid(answers)),
  uploaded_by           TEXT NOT NULL,
  uploaded_at           TEXT NOT NULL,
  verified_by           TEXT,
  verified_at           TEXT,
  response_id           TEXT,
  revision              INTEGER NOT NULL DEFAULT 1,
  CHECK ((status = 'verified') = (verified_at IS NOT NULL))
) STRICT;
CREATE INDEX scanned_forms_status ON scanned_forms (status, uploaded_at);

CREATE TABLE scan_crops (
  form_id TEXT NOT NULL REFERENCES scanned_forms (form_id) ON DELETE CASCADE,
  item    INTEGER NOT NULL CHECK (item >= 0),
  page    INTEGER NOT NULL CHECK (page >= 1),
  png     BLOB NOT NULL,
  PRIMARY KEY (form_id, item)
) STRICT;

-- A verified scanned form becomes a response of the channel 'paper-scan'. SQLite cannot change a CHECK
-- constraint in place: responses is rebuilt with the new channel (survey_links, the one table pointing at
-- it, is set aside and put back so the foreign key holds throughout).
CREATE TEMP TABLE survey_links_kept AS SELECT * FROM survey_links;
DROP TABLE survey_links;
CREATE TABLE responses_next (
  id                    TEXT PRIMARY KEY,
  household_id          TEXT,
  questionnaire_id      TEXT NOT NULL,
  questionnaire_version INTEGER NOT NULL,
  mode                  TEXT NOT NULL CHECK (mode IN ('online', 'paper', 'paper-scan', 'open')),
  status                TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),
  answers               TEXT NOT NULL CHECK (json_valid(answers)),
  current_page          INTEGER NOT NULL DEFAULT 0 CHECK (current_page >= 0),
  probability_sample    INTEGER NOT NULL CHECK (probability_sample IN (0, 1)),
  district              TEXT,
  wave                  INTEGER,
  draw_id               TEXT,
  revision              INTEGER NOT NULL DEFAULT 1,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  submitted_at          TEXT,
  FOREIGN KEY (questionnaire_id, questionnaire_version) REFERENCES questionnaire_versions (questionnaire_id, version),
  CHECK ((mode = 'open') = (probability_sample = 0)),
  CHECK ((mode = 'open') = (household_id IS NULL)),
  CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
) STRICT;
INSERT INTO responses_next SELECT id, household_id, questionnaire_id, questionnaire_version, mode, status, answers, current_page,
  probability_sample, district, wave, draw_id, revision, created_at, updated_at, submitted_at FROM responses;
DROP TABLE responses;
ALTER TABLE responses_next RENAME TO responses;
CREATE UNIQUE INDEX responses_one_submitted_per_household ON responses (household_id)
  WHERE status = 'submitted' AND household_id IS NOT NULL;
CREATE UNIQUE INDEX responses_one_per_household_and_mode ON responses (household_id, mode)
  WHERE household_id IS NOT NULL;
CREATE INDEX responses_status ON responses (status, mode);
CREATE TABLE survey_links (
  session_id_hash TEXT PRIMARY KEY REFERENCES sessions (id_hash) ON DELETE CASCADE,
  household_id    TEXT,
  response_id     TEXT NOT NULL REFERENCES responses (id),
  created_at      TEXT NOT NULL
) STRICT;
INSERT INTO survey_links SELECT * FROM survey_links_kept;
DROP TABLE survey_links_kept;
