-- Sharing exists now (issue 13): its flag becomes a kill switch that is on by default. A
-- database whose flag nobody has set since 20261130000013 seeded it gets it on; one where an
-- admin chose a value keeps it.
UPDATE feature_flags SET enabled = TRUE, updated_at = '2026-11-30T00:00:16Z'
WHERE name = 'sharing' AND enabled = FALSE AND updated_at = '2026-11-30T00:00:00Z';
