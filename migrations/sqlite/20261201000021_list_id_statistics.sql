-- Nothing to do on SQLite: its planner walks each list's page index in page order already. The
-- PostgreSQL half declares the distribution of todos.list_id to its planner (issue 12). Kept as a
-- file so both databases carry the same migration numbers.
SELECT 1;
