-- Nothing to do on SQLite: its foreign keys lock no row (one writer holds the whole database), so
-- the counters' foreign keys to lists (migrations 22 and 23) stay. The PostgreSQL half drops them
-- there, where their KEY SHARE lock on the list row deadlocked concurrent writers (issue 12).
-- Kept as a file so both databases carry the same migration numbers.
SELECT 1;
