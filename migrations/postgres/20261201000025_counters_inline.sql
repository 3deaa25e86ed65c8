-- The statistics counters' triggers (migration 23) with their statements written out in each
-- trigger function (issue 12; ADR 0029 amended). They passed the statement's rows to one shared
-- function as arrays of a composite type (`list_counters_apply`), and that call cost ~0.6 ms of a
-- counted update's ~0.75 ms in the trigger beyond the two upserts themselves (auto_explain on the
-- 1 M bench database): PL/pgSQL caches each trigger function's plans per session, and the rows
-- come straight from the transition tables. Same deltas, same order of locks (list, then list
-- and day), same deletion of rows left at zero, same skipping of lists already gone.

CREATE OR REPLACE FUNCTION todos_counters_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    emptied uuid[];
    emptied_days date[];
BEGIN
    WITH d AS (
        SELECT n.list_id, 1 AS s, n.completed, n.priority, n.completed_at FROM new_rows AS n
    ), per_list AS (
        SELECT d.list_id,
               sum(d.s) AS total,
               coalesce(sum(d.s) FILTER (WHERE d.completed), 0) AS completed,
               coalesce(sum(d.s) FILTER (WHERE d.priority = 0), 0) AS low,
               coalesce(sum(d.s) FILTER (WHERE d.priority = 1), 0) AS normal,
               coalesce(sum(d.s) FILTER (WHERE d.priority = 2), 0) AS high
        FROM d
        WHERE EXISTS (SELECT 1 FROM lists AS l WHERE l.id = d.list_id)
        GROUP BY d.list_id
    ), up AS (
        INSERT INTO list_todo_counts AS c (list_id, total, completed, low, normal, high)
        SELECT p.list_id, p.total, p.completed, p.low, p.normal, p.high FROM per_list AS p
        WHERE (p.total, p.completed, p.low, p.normal, p.high) <> (0, 0, 0, 0, 0)
        ORDER BY p.list_id
        ON CONFLICT (list_id) DO UPDATE SET
            total = c.total + excluded.total,
            completed = c.completed + excluded.completed,
            low = c.low + excluded.low,
            normal = c.normal + excluded.normal,
            high = c.high + excluded.high
        RETURNING c.list_id, c.total
    )
    SELECT array_agg(up.list_id) INTO emptied FROM up WHERE up.total = 0;
    IF emptied IS NOT NULL THEN
        DELETE FROM list_todo_counts WHERE list_id = ANY (emptied) AND total = 0;
    END IF;

    WITH d AS (
        SELECT n.list_id, 1 AS s, n.completed, n.priority, n.completed_at FROM new_rows AS n
    ), per_day AS (
        SELECT d.list_id, (d.completed_at AT TIME ZONE 'UTC')::date AS day, sum(d.s) AS n
        FROM d
        WHERE d.completed_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM lists AS l WHERE l.id = d.list_id)
        GROUP BY 1, 2
        HAVING sum(d.s) <> 0
    ), up AS (
        INSERT INTO list_completions AS c (list_id, day, n)
        SELECT p.list_id, p.day, p.n FROM per_day AS p
        ORDER BY p.list_id, p.day
        ON CONFLICT (list_id, day) DO UPDATE SET n = c.n + excluded.n
        RETURNING c.list_id, c.day, c.n
    )
    SELECT array_agg(up.list_id), array_agg(up.day) INTO emptied, emptied_days
    FROM up WHERE up.n = 0;
    IF emptied IS NOT NULL THEN
        DELETE FROM list_completions AS c
        USING unnest(emptied, emptied_days) AS z (list_id, day)
        WHERE c.list_id = z.list_id AND c.day = z.day AND c.n = 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION todos_counters_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    emptied uuid[];
    emptied_days date[];
BEGIN
    WITH d AS (
        SELECT o.list_id, -1 AS s, o.completed, o.priority, o.completed_at
        FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
        WHERE (o.list_id, o.completed, o.priority, o.completed_at)
              IS DISTINCT FROM (n.list_id, n.completed, n.priority, n.completed_at)
        UNION ALL
        SELECT n.list_id, 1 AS s, n.completed, n.priority, n.completed_at
        FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
        WHERE (o.list_id, o.completed, o.priority, o.completed_at)
              IS DISTINCT FROM (n.list_id, n.completed, n.priority, n.completed_at)
    ), per_list AS (
        SELECT d.list_id,
               sum(d.s) AS total,
               coalesce(sum(d.s) FILTER (WHERE d.completed), 0) AS completed,
               coalesce(sum(d.s) FILTER (WHERE d.priority = 0), 0) AS low,
               coalesce(sum(d.s) FILTER (WHERE d.priority = 1), 0) AS normal,
               coalesce(sum(d.s) FILTER (WHERE d.priority = 2), 0) AS high
        FROM d
        WHERE EXISTS (SELECT 1 FROM lists AS l WHERE l.id = d.list_id)
        GROUP BY d.list_id
    ), up AS (
        INSERT INTO list_todo_counts AS c (list_id, total, completed, low, normal, high)
        SELECT p.list_id, p.total, p.completed, p.low, p.normal, p.high FROM per_list AS p
        WHERE (p.total, p.completed, p.low, p.normal, p.high) <> (0, 0, 0, 0, 0)
        ORDER BY p.list_id
        ON CONFLICT (list_id) DO UPDATE SET
            total = c.total + excluded.total,
            completed = c.completed + excluded.completed,
            low = c.low + excluded.low,
            normal = c.normal + excluded.normal,
            high = c.high + excluded.high
        RETURNING c.list_id, c.total
    )
    SELECT array_agg(up.list_id) INTO emptied FROM up WHERE up.total = 0;
    IF emptied IS NOT NULL THEN
        DELETE FROM list_todo_counts WHERE list_id = ANY (emptied) AND total = 0;
    END IF;

    WITH d AS (
        SELECT o.list_id, -1 AS s, o.completed, o.priority, o.completed_at
        FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
        WHERE (o.list_id, o.completed, o.priority, o.completed_at)
              IS DISTINCT FROM (n.list_id, n.completed, n.priority, n.completed_at)
        UNION ALL
        SELECT n.list_id, 1 AS s, n.completed, n.priority, n.completed_at
        FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
        WHERE (o.list_id, o.completed, o.priority, o.completed_at)
              IS DISTINCT FROM (n.list_id, n.completed, n.priority, n.completed_at)
    ), per_day AS (
        SELECT d.list_id, (d.completed_at AT TIME ZONE 'UTC')::date AS day, sum(d.s) AS n
        FROM d
        WHERE d.completed_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM lists AS l WHERE l.id = d.list_id)
        GROUP BY 1, 2
        HAVING sum(d.s) <> 0
    ), up AS (
        INSERT INTO list_completions AS c (list_id, day, n)
        SELECT p.list_id, p.day, p.n FROM per_day AS p
        ORDER BY p.list_id, p.day
        ON CONFLICT (list_id, day) DO UPDATE SET n = c.n + excluded.n
        RETURNING c.list_id, c.day, c.n
    )
    SELECT array_agg(up.list_id), array_agg(up.day) INTO emptied, emptied_days
    FROM up WHERE up.n = 0;
    IF emptied IS NOT NULL THEN
        DELETE FROM list_completions AS c
        USING unnest(emptied, emptied_days) AS z (list_id, day)
        WHERE c.list_id = z.list_id AND c.day = z.day AND c.n = 0;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION todos_counters_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    emptied uuid[];
    emptied_days date[];
BEGIN
    WITH d AS (
        SELECT o.list_id, -1 AS s, o.completed, o.priority, o.completed_at FROM old_rows AS o
    ), per_list AS (
        SELECT d.list_id,
               sum(d.s) AS total,
               coalesce(sum(d.s) FILTER (WHERE d.completed), 0) AS completed,
               coalesce(sum(d.s) FILTER (WHERE d.priority = 0), 0) AS low,
               coalesce(sum(d.s) FILTER (WHERE d.priority = 1), 0) AS normal,
               coalesce(sum(d.s) FILTER (WHERE d.priority = 2), 0) AS high
        FROM d
        WHERE EXISTS (SELECT 1 FROM lists AS l WHERE l.id = d.list_id)
        GROUP BY d.list_id
    ), up AS (
        INSERT INTO list_todo_counts AS c (list_id, total, completed, low, normal, high)
        SELECT p.list_id, p.total, p.completed, p.low, p.normal, p.high FROM per_list AS p
        WHERE (p.total, p.completed, p.low, p.normal, p.high) <> (0, 0, 0, 0, 0)
        ORDER BY p.list_id
        ON CONFLICT (list_id) DO UPDATE SET
            total = c.total + excluded.total,
            completed = c.completed + excluded.completed,
            low = c.low + excluded.low,
            normal = c.normal + excluded.normal,
            high = c.high + excluded.high
        RETURNING c.list_id, c.total
    )
    SELECT array_agg(up.list_id) INTO emptied FROM up WHERE up.total = 0;
    IF emptied IS NOT NULL THEN
        DELETE FROM list_todo_counts WHERE list_id = ANY (emptied) AND total = 0;
    END IF;

    WITH d AS (
        SELECT o.list_id, -1 AS s, o.completed, o.priority, o.completed_at FROM old_rows AS o
    ), per_day AS (
        SELECT d.list_id, (d.completed_at AT TIME ZONE 'UTC')::date AS day, sum(d.s) AS n
        FROM d
        WHERE d.completed_at IS NOT NULL
          AND EXISTS (SELECT 1 FROM lists AS l WHERE l.id = d.list_id)
        GROUP BY 1, 2
        HAVING sum(d.s) <> 0
    ), up AS (
        INSERT INTO list_completions AS c (list_id, day, n)
        SELECT p.list_id, p.day, p.n FROM per_day AS p
        ORDER BY p.list_id, p.day
        ON CONFLICT (list_id, day) DO UPDATE SET n = c.n + excluded.n
        RETURNING c.list_id, c.day, c.n
    )
    SELECT array_agg(up.list_id), array_agg(up.day) INTO emptied, emptied_days
    FROM up WHERE up.n = 0;
    IF emptied IS NOT NULL THEN
        DELETE FROM list_completions AS c
        USING unnest(emptied, emptied_days) AS z (list_id, day)
        WHERE c.list_id = z.list_id AND c.day = z.day AND c.n = 0;
    END IF;
    RETURN NULL;
END
$$;

DROP FUNCTION list_counters_apply(todo_counted[], todo_counted[]);
DROP TYPE todo_counted;
