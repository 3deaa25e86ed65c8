-- Statistics counters per list (SQLite; issue 12, ADR 0029). Expand-only (ADR 0022): new
-- tables, triggers and an index. The triggers keep the counters in the writing transaction,
-- whoever writes (this binary, the previous release, batch, a move between lists, cascades from
-- a list or an account): a statistics read sums the caller's lists (a handful of rows) instead
-- of aggregating every todo of them.
--
-- What the statistics read from here is what their query over `todos` computed: per list the
-- todos, the completed ones and each priority; per list and UTC day of `completed_at` (its
-- first ten characters) the todos completed then (whatever `completed` says, as before). A row
-- that reaches zero is deleted, so both tables hold exactly what `GROUP BY` over `todos` gives
-- (tests/api/stats_counters.rs). Completions per day grow by one row per list and day with
-- completions: bounded by the writes. Overdue and next due depend on the clock: read at request
-- time from the partial index below.

CREATE TABLE list_todo_counts (
    list_id   BLOB    PRIMARY KEY NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    total     INTEGER NOT NULL,
    completed INTEGER NOT NULL,
    low       INTEGER NOT NULL,
    normal    INTEGER NOT NULL,
    high      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

CREATE TABLE list_completions (
    list_id BLOB    NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    day     TEXT    NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (list_id, day)
) STRICT, WITHOUT ROWID;

-- Overdue (open todos due before now) and next due (the earliest open one due from now): one
-- index range per list of the caller.
CREATE INDEX todos_list_open_due_idx ON todos (list_id, due_at)
    WHERE NOT completed AND due_at IS NOT NULL;

-- A todo inserted without a list gets it from `todos_default_list_position`'s UPDATE, which
-- the update trigger counts.
CREATE TRIGGER todos_counters_insert AFTER INSERT ON todos WHEN new.list_id IS NOT NULL BEGIN
    INSERT INTO list_todo_counts (list_id, total, completed, low, normal, high)
    VALUES (new.list_id, 1, new.completed, new.priority = 0, new.priority = 1, new.priority = 2)
    ON CONFLICT (list_id) DO UPDATE SET
        total = total + 1,
        completed = completed + excluded.completed,
        low = low + excluded.low,
        normal = normal + excluded.normal,
        high = high + excluded.high;
    INSERT INTO list_completions (list_id, day, n)
    SELECT new.list_id, substr(new.completed_at, 1, 10), 1 WHERE new.completed_at IS NOT NULL
    ON CONFLICT (list_id, day) DO UPDATE SET n = n + 1;
END;

-- The old values out, the new ones in (a list's row may go to zero and come back).
CREATE TRIGGER todos_counters_update AFTER UPDATE OF list_id, completed, priority, completed_at
ON todos
WHEN old.list_id IS NOT new.list_id OR old.completed IS NOT new.completed
    OR old.priority IS NOT new.priority OR old.completed_at IS NOT new.completed_at
BEGIN
    UPDATE list_todo_counts SET
        total = total - 1,
        completed = completed - old.completed,
        low = low - (old.priority = 0),
        normal = normal - (old.priority = 1),
        high = high - (old.priority = 2)
    WHERE list_id = old.list_id;
    DELETE FROM list_todo_counts WHERE list_id = old.list_id AND total = 0;
    UPDATE list_completions SET n = n - 1
    WHERE list_id = old.list_id AND day = substr(old.completed_at, 1, 10);
    DELETE FROM list_completions
    WHERE list_id = old.list_id AND day = substr(old.completed_at, 1, 10) AND n = 0;
    INSERT INTO list_todo_counts (list_id, total, completed, low, normal, high)
    SELECT new.list_id, 1, new.completed, new.priority = 0, new.priority = 1, new.priority = 2
    WHERE new.list_id IS NOT NULL
    ON CONFLICT (list_id) DO UPDATE SET
        total = total + 1,
        completed = completed + excluded.completed,
        low = low + excluded.low,
        normal = normal + excluded.normal,
        high = high + excluded.high;
    INSERT INTO list_completions (list_id, day, n)
    SELECT new.list_id, substr(new.completed_at, 1, 10), 1
    WHERE new.list_id IS NOT NULL AND new.completed_at IS NOT NULL
    ON CONFLICT (list_id, day) DO UPDATE SET n = n + 1;
END;

-- A list's cascade may delete its counters first: then there is nothing left to update.
CREATE TRIGGER todos_counters_delete AFTER DELETE ON todos WHEN old.list_id IS NOT NULL BEGIN
    UPDATE list_todo_counts SET
        total = total - 1,
        completed = completed - old.completed,
        low = low - (old.priority = 0),
        normal = normal - (old.priority = 1),
        high = high - (old.priority = 2)
    WHERE list_id = old.list_id;
    DELETE FROM list_todo_counts WHERE list_id = old.list_id AND total = 0;
    UPDATE list_completions SET n = n - 1
    WHERE list_id = old.list_id AND day = substr(old.completed_at, 1, 10);
    DELETE FROM list_completions
    WHERE list_id = old.list_id AND day = substr(old.completed_at, 1, 10) AND n = 0;
END;

-- The counters of the todos there are.
INSERT INTO list_todo_counts (list_id, total, completed, low, normal, high)
SELECT list_id, count(*), sum(completed), sum(priority = 0), sum(priority = 1), sum(priority = 2)
FROM todos WHERE list_id IS NOT NULL
GROUP BY list_id;

INSERT INTO list_completions (list_id, day, n)
SELECT list_id, substr(completed_at, 1, 10), count(*)
FROM todos WHERE completed_at IS NOT NULL AND list_id IS NOT NULL
GROUP BY 1, 2;
