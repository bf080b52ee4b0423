-- district and sub-district boundaries, result publications
-- Reserved: filled in by the feature that owns it.
SELECT 1;
