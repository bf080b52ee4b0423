-- questionnaire versions with status, waves tied to a version, stored indicator definitions (issue: questionnaire and indicators owned in the app)
-- Reserved: filled in by the feature that owns it.
SELECT 1;
