-- The change feed and the event stream exist now (issue 14): their flags become kill switches
-- that are on by default, as `sharing` did (20261130000016). A database whose flags nobody has
-- set since 20261130000013 seeded them gets them on; one where an admin chose a value keeps it.
UPDATE feature_flags SET enabled = 1, updated_at = '2026-12-01T00:00:19.000000Z'
WHERE name IN ('sync', 'live_events') AND enabled = 0 AND updated_at = '2026-11-30T00:00:00.000000Z';
