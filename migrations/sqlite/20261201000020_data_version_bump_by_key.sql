-- Nothing to do on SQLite: its data-version triggers (migration 14) already find the users by
-- key (a multi-index OR). The PostgreSQL half of this migration rewrites the bump function,
-- whose OR was planned as a scan of all users (issue 12, ADR 0028). Kept as a file so both
-- databases carry the same migration numbers.
SELECT 1;
