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
