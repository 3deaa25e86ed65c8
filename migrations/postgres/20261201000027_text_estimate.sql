-- Search (issue 12, ADR 0010 amended): the planner's estimate of how many todos, over all
-- accounts, a search pattern matches, read from the plan of the search's own condition (planned,
-- not run: no row is read). A page asks it first, as SQLite counts its text index's candidates:
-- a rare term's rows are found through the trigram indexes alone, a common one by walking the
-- page's list index in page order. Left to itself, the planner ANDs a rare term's trigram bitmap
-- with a bitmap of the whole list, which it estimates at the average list's size (6.8 of 7.7 ms
-- for the heavy user's 100,000 todos). The pattern is quoted by format's %L, never spliced.
-- Volatile, as PostgreSQL requires of a function that runs EXPLAIN.
CREATE FUNCTION todos_text_estimate(pattern text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE format(
        'EXPLAIN (FORMAT JSON) SELECT 1 FROM todos WHERE title ILIKE %L OR notes ILIKE %L',
        pattern, pattern) INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::bigint;
END
$$;
