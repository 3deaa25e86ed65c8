-- The todo pages walk each list of the caller (a LATERAL subquery per list, ADR 0025), so the
-- planner never sees which list: it estimates a list's todos from the column's distinct count,
-- about 100 per list at 1,000,000 todos in 10,000 lists. With a filter (a tag, a priority,
-- overdue) it then expects fewer matches than the page needs, reads the whole list and sorts it:
-- 600 ms for a list of 100,000 todos, where the walk in page order stops after the page
-- (2 ms). Declaring few distinct lists (one per 10,000 rows) plans every list as a big one:
-- a small list's walk in page order costs what a sort would, a big list's is the only plan that
-- stays fast (issue 12, BENCHMARKS.md). Kept by every later ANALYZE; expand-only.
ALTER TABLE todos ALTER COLUMN list_id SET (n_distinct = -0.0001);
ANALYZE todos;
