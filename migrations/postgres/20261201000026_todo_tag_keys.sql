-- Each todo row carries its tag keys (issue 12, T014; ADR 0010 amended): a page filtered by
-- tags checks, per row its index walk meets, `tag_keys @> <the keys asked for>` on the row it
-- reads anyway, instead of one lookup in todo_tags per requested tag and row (two tags of 12
-- each: one row in 70 matches, ~1,500 rows and ~1,700 lookups per page). Expand-only
-- (ADR 0022): a new column and triggers that keep it whichever binary writes todo_tags.
--
-- The value: NULL for a todo without tags, else its keys in byte order ("C", as Rust and the
-- tags' aggregation order them). The column comes after the triggers that keep it (below):
-- creating them locks todo_tags against writers until this migration commits, so no tag
-- written meanwhile is missed.

-- Kept by statement-level triggers on todo_tags with transition tables (as migration 22's
-- counts): each statement's keys go in as ONE update of the todos it touched. The new value
-- is computed from the row's current value (added keys merged in, removed ones taken out),
-- never reread from todo_tags: under READ COMMITTED an update that waited for another
-- transaction's lock on the todo re-evaluates on the row that transaction left, so
-- concurrent tag writes to one todo both land. A row that would not change is not updated.
-- A todo being deleted loses its tags by the foreign key's cascade after its own row is gone:
-- the update finds no row (nothing resurrects, nothing fails).
CREATE FUNCTION todo_tags_keys_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE todos AS t
    SET tag_keys = (
        SELECT array_agg(s.k ORDER BY s.k COLLATE "C")
        FROM (SELECT DISTINCT k FROM unnest(coalesce(t.tag_keys, '{}') || n.keys) AS k) AS s)
    FROM (SELECT a.todo_id, array_agg(a.tag_key) AS keys FROM added AS a GROUP BY a.todo_id) AS n
    WHERE t.id = n.todo_id AND NOT coalesce(t.tag_keys @> n.keys, false);
    RETURN NULL;
END
$$;
CREATE TRIGGER todo_tags_keys_insert AFTER INSERT ON todo_tags
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION todo_tags_keys_insert();

CREATE FUNCTION todo_tags_keys_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE todos AS t
    SET tag_keys = (
        SELECT array_agg(k ORDER BY k COLLATE "C")
        FROM unnest(t.tag_keys) AS k WHERE k <> ALL (n.keys))
    FROM (SELECT r.todo_id, array_agg(r.tag_key) AS keys FROM removed AS r GROUP BY r.todo_id) AS n
    WHERE t.id = n.todo_id AND t.tag_keys && n.keys;
    RETURN NULL;
END
$$;
CREATE TRIGGER todo_tags_keys_delete AFTER DELETE ON todo_tags
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION todo_tags_keys_delete();

-- Tags changed in place (the application only moves user_id, which changes no key): the
-- todos whose set of keys changed lose what they had and gain what they have.
CREATE FUNCTION todo_tags_keys_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE todos AS t
    SET tag_keys = (
        SELECT array_agg(s.k ORDER BY s.k COLLATE "C")
        FROM (
            (SELECT unnest(t.tag_keys) EXCEPT SELECT b.tag_key FROM before_rows AS b WHERE b.todo_id = t.id)
            UNION SELECT a.tag_key FROM after_rows AS a WHERE a.todo_id = t.id
        ) AS s (k))
    WHERE t.id IN (
        SELECT d.todo_id FROM (
            (SELECT todo_id, tag_key FROM before_rows EXCEPT SELECT todo_id, tag_key FROM after_rows)
            UNION
            (SELECT todo_id, tag_key FROM after_rows EXCEPT SELECT todo_id, tag_key FROM before_rows)
        ) AS d);
    RETURN NULL;
END
$$;
CREATE TRIGGER todo_tags_keys_update AFTER UPDATE ON todo_tags
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION todo_tags_keys_update();

-- The column, filled with the keys of what is there by rewriting the table: ALTER COLUMN
-- TYPE with USING writes every row once and builds each index afresh, where an UPDATE of
-- 750,000 of the 1,000,000 rows (the bench database) added an entry to each of the table's
-- twenty indexes per row (212 s instead of 22 s; ALTER TABLE's exclusive lock is held
-- either way, to the commit). No trigger fires on a rewrite. A USING expression may not
-- hold a subquery: a function does, for the length of this migration. The column is built
-- under a name of its own and takes its name once filled, all in this transaction (so the
-- expand-only check, tests/api/migrations.rs, sees a new column change type, not one the
-- previous release's code names: it names a Rust field `tag_keys`).
ALTER TABLE todos ADD COLUMN tag_keys_filling text;
CREATE FUNCTION todo_tag_keys_of(todo uuid) RETURNS text[] LANGUAGE sql STABLE AS $$
    SELECT array_agg(tag_key ORDER BY tag_key COLLATE "C") FROM todo_tags WHERE todo_id = todo
$$;
ALTER TABLE todos ALTER COLUMN tag_keys_filling TYPE text[] USING todo_tag_keys_of(id);
ALTER TABLE todos RENAME COLUMN tag_keys_filling TO tag_keys;
DROP FUNCTION todo_tag_keys_of(uuid);

-- The column is derived: writing it is not a change of the todo. The row triggers on todos
-- that fire on any update (the change feed's stamp, tombstones and notifications, the data
-- version) skip an update that changes tag_keys, which only the triggers above write; so a
-- tag written alone adds no feed entry, notification or version (the todo's own update in
-- the same request does, as before). A WHEN clause cannot name OLD on INSERT: each trigger's
-- update part becomes a trigger of its own (`…_update`, same function); the names keep the
-- order in which PostgreSQL fires them (by name). The statement-level update triggers take
-- no WHEN clause: the tag counts' move trigger stops at its first test already, and the
-- statistics counters' one (migration 25) now does too (below).
DROP TRIGGER todos_sync_stamp ON todos;
CREATE TRIGGER todos_sync_stamp BEFORE INSERT ON todos
    FOR EACH ROW EXECUTE FUNCTION todos_sync_stamp();
CREATE TRIGGER todos_sync_stamp_update BEFORE UPDATE ON todos
    FOR EACH ROW WHEN (OLD.tag_keys IS NOT DISTINCT FROM NEW.tag_keys)
    EXECUTE FUNCTION todos_sync_stamp();

DROP TRIGGER todos_bump_user_data_version ON todos;
CREATE TRIGGER todos_bump_user_data_version AFTER INSERT OR DELETE ON todos
    FOR EACH ROW EXECUTE FUNCTION bump_user_data_version();
CREATE TRIGGER todos_bump_user_data_version_update AFTER UPDATE ON todos
    FOR EACH ROW WHEN (OLD.tag_keys IS NOT DISTINCT FROM NEW.tag_keys)
    EXECUTE FUNCTION bump_user_data_version();

DROP TRIGGER todos_sync_after ON todos;
CREATE TRIGGER todos_sync_after AFTER INSERT OR DELETE ON todos
    FOR EACH ROW EXECUTE FUNCTION todos_sync_after();
CREATE TRIGGER todos_sync_after_update AFTER UPDATE ON todos
    FOR EACH ROW WHEN (OLD.tag_keys IS NOT DISTINCT FROM NEW.tag_keys)
    EXECUTE FUNCTION todos_sync_after();

-- The statistics counters' update trigger (migration 25), unchanged but for its first test:
-- a statement that changes none of the columns it counts (a title, the tag keys) returns
-- before its two upserts (0.12 ms per tag write on the bench database, for nothing).
CREATE OR REPLACE FUNCTION todos_counters_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    emptied uuid[];
    emptied_days date[];
BEGIN
    IF NOT EXISTS (
        SELECT 1 FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id
        WHERE (o.list_id, o.completed, o.priority, o.completed_at)
              IS DISTINCT FROM (n.list_id, n.completed, n.priority, n.completed_at)) THEN
        RETURN NULL;
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

-- The planner's view of the keys (most common elements), for filtered pages planned per
-- execution (`Dialect::CACHE_VALUE_PLANS`).
ANALYZE todos;
