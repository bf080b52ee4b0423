-- Data collection: questionnaire versions, responses (online, paper, open link), the link between
-- a resident's session and a household, and blind double entry of paper forms.
-- No names, addresses or plain access codes are stored here: households appear only by their
-- pseudonymous id.

CREATE TABLE questionnaire_versions (
  questionnaire_id TEXT NOT NULL,
  version          INTEGER NOT NULL CHECK (version >= 1),
  json             TEXT NOT NULL CHECK (json_valid(json)),
  published_at     TEXT NOT NULL,
  PRIMARY KEY (questionnaire_id, version)
) STRICT;

-- A published version is what answers refer to: changing it would change the meaning of stored data.
CREATE TRIGGER questionnaire_versions_immutable BEFORE UPDATE ON questionnaire_versions
BEGIN SELECT RAISE(ABORT, 'a published questionnaire version cannot be changed; publish a new version'); END;
CREATE TRIGGER questionnaire_versions_no_delete BEFORE DELETE ON questionnaire_versions
BEGIN SELECT RAISE(ABORT, 'a published questionnaire version cannot be removed'); END;

CREATE TABLE responses (
  id                    TEXT PRIMARY KEY,
  -- pseudonymous household id; NULL only for open-link responses, which have no household
  household_id          TEXT,
  questionnaire_id      TEXT NOT NULL,
  questionnaire_version INTEGER NOT NULL,
  mode                  TEXT NOT NULL CHECK (mode IN ('online', 'paper', 'open')),
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
  -- open-link answers come from a self-selected group and never count as part of the probability sample
  CHECK ((mode = 'open') = (probability_sample = 0)),
  CHECK ((mode = 'open') = (household_id IS NULL)),
  CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
) STRICT;

-- The guarantee that a household is counted once: at most one submitted response per household,
-- whatever the channel; and at most one row (draft or submitted) per household and channel.
CREATE UNIQUE INDEX responses_one_submitted_per_household ON responses (household_id)
  WHERE status = 'submitted' AND household_id IS NOT NULL;
CREATE UNIQUE INDEX responses_one_per_household_and_mode ON responses (household_id, mode)
  WHERE household_id IS NOT NULL;
CREATE INDEX responses_status ON responses (status, mode);

-- Which household (or open-link response) an anonymous resident session has entered.
-- Kept server-side so the access code never travels again after the first request.
CREATE TABLE survey_links (
  session_id_hash TEXT PRIMARY KEY REFERENCES sessions (id_hash) ON DELETE CASCADE,
  household_id    TEXT,
  response_id     TEXT NOT NULL REFERENCES responses (id),
  created_at      TEXT NOT NULL
) STRICT;

-- Blind double entry of one returned paper form: two staff members key it independently,
-- a reconciler settles every difference; only the reconciled result becomes a response.
CREATE TABLE paper_entries (
  household_id          TEXT PRIMARY KEY,
  questionnaire_id      TEXT NOT NULL,
  questionnaire_version INTEGER NOT NULL,
  district              TEXT,
  wave                  INTEGER,
  draw_id               TEXT,
  entry1_user_id        TEXT NOT NULL,
  entry1_answers        TEXT NOT NULL CHECK (json_valid(entry1_answers)),
  entry1_at             TEXT NOT NULL,
  entry2_user_id        TEXT,
  entry2_answers        TEXT CHECK (entry2_answers IS NULL OR json_valid(entry2_answers)),
  entry2_at             TEXT,
  status                TEXT NOT NULL CHECK (status IN ('awaiting-second-entry', 'awaiting-reconciliation', 'reconciled')),
  reconciled_answers    TEXT CHECK (reconciled_answers IS NULL OR json_valid(reconciled_answers)),
  resolutions           TEXT CHECK (resolutions IS NULL OR json_valid(resolutions)),
  reconciler_user_id    TEXT,
  reconciled_at         TEXT,
  -- counted: the reconciled form is the household's response; duplicate: an online response was submitted first
  outcome               TEXT CHECK (outcome IS NULL OR outcome IN ('counted', 'duplicate')),
  revision              INTEGER NOT NULL DEFAULT 1,
  created_at            TEXT NOT NULL,
  updated_at            TEXT NOT NULL,
  -- blind double entry is only worth something when two different people key the form
  CHECK (entry2_user_id IS NULL OR entry2_user_id <> entry1_user_id),
  CHECK ((status = 'reconciled') = (reconciled_answers IS NOT NULL))
) STRICT;
CREATE INDEX paper_entries_status ON paper_entries (status);

-- Every version of every paper entry, so each edit can be audited with its before and after state
-- (the audit trail itself holds no answers, only the ids of these rows).
CREATE TABLE paper_entry_history (
  id           TEXT PRIMARY KEY,
  household_id TEXT NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('entry1', 'entry2', 'reconciled')),
  answers      TEXT NOT NULL CHECK (json_valid(answers)),
  user_id      TEXT,
  at           TEXT NOT NULL
) STRICT;
CREATE INDEX paper_entry_history_household ON paper_entry_history (household_id);
CREATE TRIGGER paper_entry_history_no_update BEFORE UPDATE ON paper_entry_history
BEGIN SELECT RAISE(ABORT, 'paper entry history is append-only'); END;
CREATE TRIGGER paper_entry_history_no_delete BEFORE DELETE ON paper_entry_history
BEGIN SELECT RAISE(ABORT, 'paper entry history is append-only'); END;
