-- Statistics counters per list (PostgreSQL; issue 12, ADR 0029). Expand-only (ADR 0022): new
-- tables, a type, functions, triggers and an index. The triggers keep the counters in the
-- writing transaction, whoever writes (this binary, the previous release, batch, a move between
-- lists, cascades from a list or an account, the seed's COPY): a statistics read sums the
-- caller's lists (a handful of rows) instead of aggregating every todo of them.
--
-- What the statistics read from here is what their query over `todos` computed: per list the
-- todos, the completed ones and each priority; per list and UTC day of `completed_at` the todos
-- completed then (whatever `completed` says, as before). A row that reaches zero is deleted, so
-- both tables hold exactly what `GROUP BY` over `todos` gives (tests/api/stats_counters.rs).
-- Completions per day grow by one row per list and day with completions: bounded by the writes.
-- Overdue and next due depend on the clock: read at request time from the partial index below.

-- No writer may slip between the triggers and the backfill (the trigger creation takes this lock
-- anyway; said once, first).
LOCK TABLE todos IN SHARE ROW EXCLUSIVE MODE;

CREATE TABLE list_todo_counts (
    list_id   uuid   PRIMARY KEY REFERENCES lists (id) ON DELETE CASCADE,
    total     bigint NOT NULL,
    completed bigint NOT NULL,
    low       bigint NOT NULL,
    normal    bigint NOT NULL,
    high      bigint NOT NULL
);

CREATE TABLE list_completions (
    list_id uuid   NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    day     date   NOT NULL,
    n       bigint NOT NULL,
    PRIMARY KEY (list_id, day)
);

-- Overdue (open todos due before now) and next due (the earliest open one due from now): one
-- index range per list of the caller.
CREATE INDEX todos_list_open_due_idx ON todos (list_id, due_at)
    WHERE NOT completed AND due_at IS NOT NULL;

-- What of a todo the counters count.
CREATE TYPE todo_counted AS (
    list_id      uuid,
    completed    boolean,
    priority     smallint,
    completed_at timestamptz
);

-- Applies one statement's changes: `gone` are the rows' old values, `came` their new ones. The
-- deltas are summed per list (per list and day), then upserted in key order (concurrent writers
-- lock the counters in one order: no deadlock between them), and rows left at zero deleted.
-- Lists that no longer exist (a list's cascade deletes its todos) are left out: their counters
-- went with them.
CREATE FUNCTION list_counters_apply(gone todo_counted[], came todo_counted[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    emptied uuid[];
    emptied_days date[];
BEGIN
    WITH d AS (
        SELECT g.list_id, -1 AS s, g.completed, g.priority FROM unnest(gone) AS g
        UNION ALL
        SELECT c.list_id, 1 AS s, c.completed, c.priority FROM unnest(came) AS c
    ), per_list AS (
        SELECT d.list_id,
               sum(d.s) AS total,
               coalesce(sum(d.s) FILTER (WHERE d.completed), 0) AS completed,
               coalesce(sum(d.s) FILTER (WHERE d.priority = 0), 0) AS low,
               coalesce(sum(d.s) FILTER (WHERE d.priority = 1), 0) AS normal,
               coalesce(sum(d.s) FILTER (WHERE d.priority = 2), 0) AS high
        FROM d
        WHERE d.list_id IN (SELECT l.id FROM lists AS l)
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
        SELECT g.list_id, -1 AS s, (g.completed_at AT TIME ZONE 'UTC')::date AS day
        FROM unnest(gone) AS g WHERE g.completed_at IS NOT NULL
        UNION ALL
        SELECT c.list_id, 1 AS s, (c.completed_at AT TIME ZONE 'UTC')::date AS day
        FROM unnest(came) AS c WHERE c.completed_at IS NOT NULL
    ), per_day AS (
        SELECT d.list_id, d.day, sum(d.s) AS n
        FROM d
        WHERE d.list_id IN (SELECT l.id FROM lists AS l)
        GROUP BY d.list_id, d.day
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
END
$$;

-- One trigger per statement and kind (a trigger with transition tables fires for one event
-- and takes no column list): the statement's rows at once, as sets.
CREATE FUNCTION todos_counters_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    came todo_counted[];
BEGIN
    SELECT array_agg(ROW(n.list_id, n.completed, n.priority, n.completed_at)::todo_counted)
    INTO came FROM new_rows AS n;
    IF came IS NOT NULL THEN
        PERFORM list_counters_apply('{}', came);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER todos_counters_insert AFTER INSERT ON todos
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION todos_counters_insert();

-- Only rows whose counted values changed (most updates change none: nothing is locked then).
CREATE FUNCTION todos_counters_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gone todo_counted[];
    came todo_counted[];
BEGIN
    SELECT array_agg(ROW(o.list_id, o.completed, o.priority, o.completed_at)::todo_counted),
           array_agg(ROW(n.list_id, n.completed, n.priority, n.completed_at)::todo_counted)
    INTO gone, came
    FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
    WHERE (o.list_id, o.completed, o.priority, o.completed_at)
          IS DISTINCT FROM (n.list_id, n.completed, n.priority, n.completed_at);
    IF gone IS NOT NULL THEN
        PERFORM list_counters_apply(gone, came);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER todos_counters_update AFTER UPDATE ON todos
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION todos_counters_update();

CREATE FUNCTION todos_counters_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    gone todo_counted[];
BEGIN
    SELECT array_agg(ROW(o.list_id, o.completed, o.priority, o.completed_at)::todo_counted)
    INTO gone FROM old_rows AS o;
    IF gone IS NOT NULL THEN
        PERFORM list_counters_apply(gone, '{}');
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER todos_counters_delete AFTER DELETE ON todos
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION todos_counters_delete();

-- The counters of the todos there are.
INSERT INTO list_todo_counts (list_id, total, completed, low, normal, high)
SELECT list_id, count(*), count(*) FILTER (WHERE completed),
       count(*) FILTER (WHERE priority = 0), count(*) FILTER (WHERE priority = 1),
       count(*) FILTER (WHERE priority = 2)
FROM todos WHERE list_id IS NOT NULL
GROUP BY list_id;

INSERT INTO list_completions (list_id, day, n)
SELECT list_id, (completed_at AT TIME ZONE 'UTC')::date, count(*)
FROM todos WHERE completed_at IS NOT NULL AND list_id IS NOT NULL
GROUP BY 1, 2;

ANALYZE list_todo_counts, list_completions;
