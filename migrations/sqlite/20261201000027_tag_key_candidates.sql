-- Nothing to do on SQLite: its walk checks the tag keys in the default order's index entries
-- (migration 26), so a rare tag reads index entries, not rows. The PostgreSQL half adds an
-- index of the todos' (list, tag key) pairs and the per-list choice between it and the walk
-- (issue 12 goal 3, T016; ADR 0010). Kept as a file so both databases carry the same
-- migration numbers.
SELECT 1;
