-- Each todo row carries its tag keys (issue 12, T014; ADR 0010 amended): a page filtered by
-- tags checks, per row its index walk meets, `tag_keys @> <the keys asked for>` on the row it
-- reads anyway, instead of one lookup in todo_tags per requested tag and row (two tags of 12
-- each: one row in 70 matches, ~1,500 rows and ~1,700 lookups per page). Expand-only
-- (ADR 0022): a new column and triggers that keep it whichever binary writes todo_tags.
--
-- The value: NULL for a todo without tags, else its keys in byte order ("C", as Rust and the
-- tags' aggregation order them).
ALTER TABLE todos ADD COLUMN tag_keys text[];

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

-- The column is derived: writing it is not a change of the todo. The row triggers on todos
-- that fire on any update (the change feed's stamp, tombstones and notifications, the data
-- version) skip an update that changes tag_keys, which only the triggers above write; so a
-- tag written alone adds no feed entry, notification or version (the todo's own update in
-- the same request does, as before). A WHEN clause cannot name OLD on INSERT: each trigger's
-- update part becomes a trigger of its own (`…_update`, same function); the names keep the
-- order in which PostgreSQL fires them (by name). The statement-level update triggers
-- (counters, tag counts) find no change of their columns in such an update.
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

-- The keys of what is there. The triggers exist first: creating them waited for every writer
-- of todos and todo_tags and holds off new ones until this migration commits. The update
-- writes tag_keys only: the guarded row triggers skip it, and the two statement-level ones
-- are off for its length (they would collect every row in their transition tables to find
-- that nothing they count moved; ALTER TABLE's lock is held to the commit).
ALTER TABLE todos DISABLE TRIGGER todos_counters_update, DISABLE TRIGGER todos_tag_counts_move;
UPDATE todos AS t SET tag_keys = k.keys
FROM (
    SELECT todo_id, array_agg(tag_key ORDER BY tag_key COLLATE "C") AS keys
    FROM todo_tags GROUP BY todo_id
) AS k
WHERE t.id = k.todo_id;
ALTER TABLE todos ENABLE TRIGGER todos_counters_update, ENABLE TRIGGER todos_tag_counts_move;

-- The planner's view of the keys (most common elements), for filtered pages planned per
-- execution (`Dialect::CACHE_VALUE_PLANS`).
ANALYZE todos;
