-- Nothing to do on SQLite: the PostgreSQL half vacuums the table its migration 28 rewrote. Kept
-- as a file so both databases carry the same migration numbers.
SELECT 1;
