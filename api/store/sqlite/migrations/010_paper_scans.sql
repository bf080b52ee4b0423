-- printed form references, scanned pages and the verification queue
-- Reserved: filled in by the feature that owns it.
SELECT 1;
