-- Questionnaire versions get a life: imported as a draft, published, retired; who imported them and
-- when. Each draw (a wave) can be tied to one version, which residents, paper entry and print use.
-- The questionnaire the platform ships with (family-life-quality v1) is stored as published by the
-- data step of this migration (api/store/sqlite/migrate.ts), so an empty store knows it too.

ALTER TABLE questionnaire_versions ADD COLUMN status TEXT NOT NULL DEFAULT 'published'
  CHECK (status IN ('draft', 'published', 'retired'));
ALTER TABLE questionnaire_versions ADD COLUMN imported_at TEXT;
ALTER TABLE questionnaire_versions ADD COLUMN imported_by TEXT;
ALTER TABLE questionnaire_versions ADD COLUMN retired_at TEXT;
-- published_at stays NOT NULL as in 003: a draft keeps its import time there until it is published,
-- and the adapters read it as null while the status is 'draft'.

-- The content stays immutable (answers refer to it); only the status moves, and only forwards.
DROP TRIGGER questionnaire_versions_immutable;
UPDATE questionnaire_versions SET imported_at = published_at;
CREATE TRIGGER questionnaire_versions_content_immutable
BEFORE UPDATE OF questionnaire_id, version, json, imported_at, imported_by ON questionnaire_versions
BEGIN SELECT RAISE(ABORT, 'a stored questionnaire version cannot be changed; import a new version'); END;
CREATE TRIGGER questionnaire_versions_status_forward
BEFORE UPDATE OF status, published_at, retired_at ON questionnaire_versions
WHEN NOT (
  (OLD.status = 'draft' AND NEW.status IN ('draft', 'published'))
  OR (OLD.status = 'published' AND NEW.status = 'retired' AND NEW.published_at = OLD.published_at)
)
BEGIN SELECT RAISE(ABORT, 'a questionnaire version moves only from draft to published to retired'); END;

CREATE INDEX questionnaire_versions_status ON questionnaire_versions (questionnaire_id, status, version);

-- One version per draw (wave); replaced only while the wave has no answers (the service checks).
CREATE TABLE wave_questionnaires (
  draw_id               TEXT PRIMARY KEY,
  questionnaire_id      TEXT NOT NULL,
  questionnaire_version INTEGER NOT NULL,
  bound_at              TEXT NOT NULL,
  bound_by              TEXT,
  FOREIGN KEY (draw_id) REFERENCES draws (id),
  FOREIGN KEY (questionnaire_id, questionnaire_version) REFERENCES questionnaire_versions (questionnaire_id, version)
) STRICT;
