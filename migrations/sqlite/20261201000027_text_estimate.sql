-- Nothing to do on SQLite: its search counts its FTS5 index's candidates (ADR 0010). The
-- PostgreSQL half adds the planner's estimate of a search pattern's rows. Kept as a file so both
-- databases carry the same migration numbers.
SELECT 1;
