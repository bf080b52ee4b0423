-- Final dispositions of contacted households without a questionnaire (refused, letter
-- undeliverable, no longer eligible), one per sample unit. Staff may change or clear them; every
-- change is audited with before/after, so the table itself keeps only the current state.
-- No foreign key to sample_units: retention may thin out sampling rows, and the service checks
-- that the household was contacted in the draw before it records anything.
CREATE TABLE household_dispositions (
  draw_id               TEXT NOT NULL,
  household_id          TEXT NOT NULL,
  disposition           TEXT NOT NULL CHECK (disposition IN ('refused', 'unreachable', 'not_eligible')),
  note                  TEXT CHECK (note IS NULL OR length(note) <= 200),
  recorded_by_user_id   TEXT,
  recorded_by_username  TEXT,
  recorded_at           TEXT NOT NULL,
  PRIMARY KEY (draw_id, household_id)
) STRICT;
CREATE INDEX household_dispositions_recorded ON household_dispositions (recorded_at);
