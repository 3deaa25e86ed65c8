-- Tag counts per list, kept by triggers in the writing transaction (issue 12, ADR 0010
-- amended): GET /tags and the statistics' top tags sum the rows of the caller's lists instead
-- of aggregating every tag row of every todo in them. Expand-only (ADR 0022): a new table,
-- triggers that keep it whichever binary writes.
--
-- One row per list, key and spelling: GET /tags shows MIN(tag) of a key among the caller's
-- todos, and the lowest spelling of a key over several lists is the lowest of each list's
-- lowest. Counting each spelling makes that exact without ever rereading todo_tags: when the
-- last todo with the shown spelling loses it, its row goes and the next spelling is the lowest
-- row left. A row whose count reaches 0 is deleted.
CREATE TABLE list_tag_counts (
    list_id BLOB    NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    tag_key TEXT    NOT NULL,
    tag     TEXT    NOT NULL,
    n       INTEGER NOT NULL,
    PRIMARY KEY (list_id, tag_key, tag)
) STRICT, WITHOUT ROWID;

-- Tags inserted: +1 in their todo's list.
CREATE TRIGGER todo_tags_count_insert AFTER INSERT ON todo_tags BEGIN
    INSERT INTO list_tag_counts (list_id, tag_key, tag, n)
    SELECT t.list_id, new.tag_key, new.tag, 1 FROM todos AS t
    WHERE t.id = new.todo_id AND t.list_id IS NOT NULL
    ON CONFLICT (list_id, tag_key, tag) DO UPDATE SET n = n + 1;
END;

-- Tags deleted while their todo stays (a PATCH replacing them): −1 in its list. A deleted
-- todo's tags go by the foreign key's cascade after the todo row, which is no longer found
-- here: the todo's own delete trigger (below) counted them.
CREATE TRIGGER todo_tags_count_delete AFTER DELETE ON todo_tags BEGIN
    UPDATE list_tag_counts SET n = n - 1
    WHERE list_id = (SELECT t.list_id FROM todos AS t WHERE t.id = old.todo_id)
      AND tag_key = old.tag_key AND tag = old.tag;
    DELETE FROM list_tag_counts
    WHERE list_id = (SELECT t.list_id FROM todos AS t WHERE t.id = old.todo_id)
      AND tag_key = old.tag_key AND tag = old.tag AND n <= 0;
END;

-- Tags changed in place (the application only moves user_id, which counts nothing).
CREATE TRIGGER todo_tags_count_update AFTER UPDATE OF todo_id, tag_key, tag ON todo_tags
WHEN old.todo_id IS NOT new.todo_id OR old.tag_key IS NOT new.tag_key OR old.tag IS NOT new.tag
BEGIN
    UPDATE list_tag_counts SET n = n - 1
    WHERE list_id = (SELECT t.list_id FROM todos AS t WHERE t.id = old.todo_id)
      AND tag_key = old.tag_key AND tag = old.tag;
    DELETE FROM list_tag_counts
    WHERE list_id = (SELECT t.list_id FROM todos AS t WHERE t.id = old.todo_id)
      AND tag_key = old.tag_key AND tag = old.tag AND n <= 0;
    INSERT INTO list_tag_counts (list_id, tag_key, tag, n)
    SELECT t.list_id, new.tag_key, new.tag, 1 FROM todos AS t
    WHERE t.id = new.todo_id AND t.list_id IS NOT NULL
    ON CONFLICT (list_id, tag_key, tag) DO UPDATE SET n = n + 1;
END;

-- A todo deleted (directly, as a subtask, with its list or its account): its tags, still
-- there before the row goes, count −1 in its list.
CREATE TRIGGER todos_tag_counts_delete BEFORE DELETE ON todos BEGIN
    UPDATE list_tag_counts SET n = n - 1
    WHERE list_id = old.list_id
      AND (tag_key, tag) IN (SELECT g.tag_key, g.tag FROM todo_tags AS g WHERE g.todo_id = old.id);
    DELETE FROM list_tag_counts
    WHERE list_id = old.list_id AND n <= 0
      AND (tag_key, tag) IN (SELECT g.tag_key, g.tag FROM todo_tags AS g WHERE g.todo_id = old.id);
END;

-- A todo moved to another list (its subtasks follow, each firing this): its tags leave the old
-- list's counts and join the new one's.
CREATE TRIGGER todos_tag_counts_move AFTER UPDATE OF list_id ON todos
WHEN old.list_id IS NOT new.list_id BEGIN
    UPDATE list_tag_counts SET n = n - 1
    WHERE list_id = old.list_id
      AND (tag_key, tag) IN (SELECT g.tag_key, g.tag FROM todo_tags AS g WHERE g.todo_id = new.id);
    DELETE FROM list_tag_counts
    WHERE list_id = old.list_id AND n <= 0
      AND (tag_key, tag) IN (SELECT g.tag_key, g.tag FROM todo_tags AS g WHERE g.todo_id = new.id);
    INSERT INTO list_tag_counts (list_id, tag_key, tag, n)
    SELECT new.list_id, g.tag_key, g.tag, 1 FROM todo_tags AS g
    WHERE g.todo_id = new.id AND new.list_id IS NOT NULL
    ON CONFLICT (list_id, tag_key, tag) DO UPDATE SET n = n + 1;
END;

-- The counts of what is there (the migration's write transaction excludes every other writer).
INSERT INTO list_tag_counts (list_id, tag_key, tag, n)
SELECT t.list_id, tt.tag_key, tt.tag, count(*)
FROM todo_tags AS tt JOIN todos AS t ON t.id = tt.todo_id
WHERE t.list_id IS NOT NULL
GROUP BY t.list_id, tt.tag_key, tt.tag;
