-- Live-update signals (issue 14, ADR 0027). Nothing to do on PostgreSQL: migration 17's
-- triggers already send `pg_notify('todo_api_sync', 'l:<list>' | 'u:<account>')` at commit,
-- which every node's one listener connection receives. SQLite's triggers cannot wake anyone;
-- its half of this migration adds the table they leave their notes in. Kept as a file so
-- both databases carry the same migration numbers.
SELECT 1;
