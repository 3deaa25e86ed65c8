-- Each todo row carries its tag keys (issue 12, T014; ADR 0010 amended): a page filtered by
-- tags checks, per row its index walk meets, what the walked index entry itself carries,
-- instead of one lookup in todo_tags per requested tag and row (two tags of 12 each: one row
-- in 70 matches, ~1,500 rows and ~1,700 lookups per page). Expand-only (ADR 0022): a new
-- column and triggers that keep it whichever binary writes todo_tags.
--
-- The value: NULL for a todo without tags, else every key between NUL bytes, in key order
-- (x'00' k1 x'00' k2 x'00'), as a BLOB. NUL is the one character a tag may never hold
-- (domain/validation.rs: check_text refuses it; PostgreSQL text cannot store it either), so
-- `instr(tag_keys, x'00' || key || x'00')` finds exactly the todos with that key: no key
-- holds the delimiter, so a match cannot start or end inside a key. instr on two BLOBs
-- compares bytes.
ALTER TABLE todos ADD COLUMN tag_keys BLOB;

-- Kept by row triggers on todo_tags, recomputed from the todo's tag rows (its primary key
-- hands them out in key order; a handful per todo). A todo being deleted loses its tags by
-- the foreign key's cascade after its own row is gone: the update finds no row (nothing
-- resurrects, nothing fails).
CREATE TRIGGER todo_tags_keys_insert AFTER INSERT ON todo_tags BEGIN
    UPDATE todos SET tag_keys = (
        SELECT CAST(x'00' || group_concat(g.k, x'00') || x'00' AS BLOB)
        FROM (SELECT tag_key AS k FROM todo_tags WHERE todo_id = new.todo_id ORDER BY tag_key) AS g)
    WHERE id = new.todo_id;
END;

CREATE TRIGGER todo_tags_keys_delete AFTER DELETE ON todo_tags BEGIN
    UPDATE todos SET tag_keys = (
        SELECT CAST(x'00' || group_concat(g.k, x'00') || x'00' AS BLOB)
        FROM (SELECT tag_key AS k FROM todo_tags WHERE todo_id = old.todo_id ORDER BY tag_key) AS g)
    WHERE id = old.todo_id;
END;

-- Tags changed in place (the application only moves user_id, which changes no key).
CREATE TRIGGER todo_tags_keys_update AFTER UPDATE OF todo_id, tag_key ON todo_tags
WHEN old.todo_id IS NOT new.todo_id OR old.tag_key IS NOT new.tag_key BEGIN
    UPDATE todos SET tag_keys = (
        SELECT CAST(x'00' || group_concat(g.k, x'00') || x'00' AS BLOB)
        FROM (SELECT tag_key AS k FROM todo_tags WHERE todo_id = todos.id ORDER BY tag_key) AS g)
    WHERE id IN (old.todo_id, new.todo_id);
END;

-- The column is derived: writing it is not a change of the todo. The triggers on todos that
-- fire on any update (the change feed's stamp and tombstones, the live-update signal, the
-- data version) skip an update that changes tag_keys, which only the triggers above write;
-- so a tag written alone adds no feed entry, signal or version (the todo's own update in the
-- same request does, as before). The other update triggers name their columns already
-- (counters, tag counts, FTS). Same bodies as migrations 14, 17 and 18.
DROP TRIGGER todos_bump_version_update;
CREATE TRIGGER todos_bump_version_update AFTER UPDATE ON todos
WHEN old.tag_keys IS new.tag_keys BEGIN
    UPDATE users SET data_version = data_version + 1
    WHERE id IN (old.user_id, new.user_id)
       OR id IN (SELECT m.user_id FROM list_members AS m WHERE m.list_id IN (old.list_id, new.list_id));
END;

DROP TRIGGER todos_sync_update;
CREATE TRIGGER todos_sync_update AFTER UPDATE ON todos
WHEN old.tag_keys IS new.tag_keys BEGIN
    UPDATE sync_state SET clock = clock + 1 WHERE id = 1;
    UPDATE todos SET change_id = (SELECT clock FROM sync_state WHERE id = 1)
    WHERE id = new.id
       OR (id = new.parent_id AND (old.parent_id IS NOT new.parent_id OR old.completed IS NOT new.completed))
       OR (id = old.parent_id AND old.parent_id IS NOT new.parent_id);
    INSERT INTO sync_tombstones (list_id, kind, entity_id, change_id, deleted_at)
    SELECT old.list_id, 'todo', old.id, (SELECT clock FROM sync_state WHERE id = 1),
           strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'
    WHERE old.list_id IS NOT new.list_id AND EXISTS (SELECT 1 FROM lists WHERE id = old.list_id);
END;

DROP TRIGGER todos_signal_update;
CREATE TRIGGER todos_signal_update AFTER UPDATE ON todos
WHEN old.tag_keys IS new.tag_keys BEGIN
    INSERT INTO sync_signals (kind, id, seq)
    SELECT 'l', new.list_id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals)
    WHERE new.list_id IS NOT NULL
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
    INSERT INTO sync_signals (kind, id, seq)
    SELECT 'l', old.list_id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals)
    WHERE old.list_id IS NOT new.list_id AND old.list_id IS NOT NULL
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
END;

-- The keys of what is there (the migration's write transaction excludes every other writer;
-- the guarded triggers above skip these updates).
UPDATE todos SET tag_keys = (
    SELECT CAST(x'00' || group_concat(g.k, x'00') || x'00' AS BLOB)
    FROM (SELECT tag_key AS k FROM todo_tags WHERE todo_id = todos.id ORDER BY tag_key) AS g)
WHERE id IN (SELECT todo_id FROM todo_tags);

-- The default order's index carries the keys, so that the walk checks them in the index entry
-- and reads a todo row only for the page's rows (a row read per entry walked cost as much
-- as the lookups it replaces). Other orders read the row of each entry walked.
DROP INDEX todos_list_created_idx;
CREATE INDEX todos_list_created_idx ON todos (list_id, created_at DESC, id DESC, tag_keys);
