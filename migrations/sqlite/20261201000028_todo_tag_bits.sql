-- Nothing to do on SQLite: its default order's index already carries the tag keys, which its
-- index walk tests in the entry (migration 26, ADR 0010). The PostgreSQL half adds a summary
-- of the keys to the sort indexes. Kept as a file so both databases carry the same migration
-- numbers.
SELECT 1;
