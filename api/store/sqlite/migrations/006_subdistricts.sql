-- A frame may carry a finer area than the district: the statistical sub-district of each
-- household (small-area estimation needs areas with known covariates, and enough of them).
-- NULL for frames without that column, and for every household imported before this migration.
ALTER TABLE households ADD COLUMN subdistrict TEXT;
