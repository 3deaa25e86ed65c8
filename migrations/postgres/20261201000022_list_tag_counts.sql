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
    list_id uuid    NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    tag_key text    NOT NULL,
    tag     text    NOT NULL,
    n       integer NOT NULL,
    PRIMARY KEY (list_id, tag_key, tag)
);

-- Tags of deleted todos, for the length of the statement that deletes them. A todo's tags go
-- by the foreign key's cascade, after the todo row: their delete trigger no longer finds the
-- todo's list. They wait here until the todos' delete trigger, which fires at the end of the
-- statement (after the cascades) and knows each deleted todo's list, takes them out.
-- Transaction-private rows, never committed: unlogged.
CREATE UNLOGGED TABLE todo_tags_gone (
    todo_id uuid NOT NULL,
    tag_key text NOT NULL,
    tag     text NOT NULL
);
CREATE INDEX todo_tags_gone_todo_idx ON todo_tags_gone (todo_id);

-- Adds signed deltas (list, key, spelling, delta) to the counts as ONE upsert in key order (so
-- that concurrent writers lock the rows they share in the same order), then deletes the rows
-- that reached 0. A list that is gone (being deleted in this statement: its rows go by the
-- foreign key) is skipped.
CREATE FUNCTION list_tag_counts_add(d_list uuid[], d_key text[], d_tag text[], d_delta integer[])
RETURNS void LANGUAGE sql AS $$
    INSERT INTO list_tag_counts AS c (list_id, tag_key, tag, n)
    SELECT d.list_id, d.tag_key, d.tag, sum(d.delta)
    FROM unnest(d_list, d_key, d_tag, d_delta) AS d (list_id, tag_key, tag, delta)
    WHERE EXISTS (SELECT 1 FROM lists AS l WHERE l.id = d.list_id)
    GROUP BY d.list_id, d.tag_key, d.tag
    HAVING sum(d.delta) <> 0
    ORDER BY d.list_id, d.tag_key, d.tag
    ON CONFLICT (list_id, tag_key, tag) DO UPDATE SET n = c.n + EXCLUDED.n;
    DELETE FROM list_tag_counts AS c
    USING unnest(d_list, d_key, d_tag) AS d (list_id, tag_key, tag)
    WHERE c.list_id = d.list_id AND c.tag_key = d.tag_key AND c.tag = d.tag AND c.n <= 0;
$$;

-- Statement-level triggers with transition tables: one upsert per statement, whatever the
-- number of rows (a batch, a cascade, the seed's reference load). Transition tables allow one
-- event per trigger and no column list, hence one trigger per event.

-- Tags inserted: +1 in their todo's list.
CREATE FUNCTION todo_tags_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM list_tag_counts_add(array_agg(t.list_id), array_agg(a.tag_key), array_agg(a.tag),
                                array_agg(1))
    FROM added AS a JOIN todos AS t ON t.id = a.todo_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER todo_tags_count_insert AFTER INSERT ON todo_tags
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION todo_tags_count_insert();

-- Tags deleted while their todo stays (a PATCH replacing them): −1 in its list. Those of a
-- deleted todo wait in todo_tags_gone (above).
CREATE FUNCTION todo_tags_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM list_tag_counts_add(array_agg(t.list_id), array_agg(r.tag_key), array_agg(r.tag),
                                array_agg(-1))
    FROM removed AS r JOIN todos AS t ON t.id = r.todo_id;
    INSERT INTO todo_tags_gone (todo_id, tag_key, tag)
    SELECT r.todo_id, r.tag_key, r.tag FROM removed AS r
    WHERE NOT EXISTS (SELECT 1 FROM todos AS t WHERE t.id = r.todo_id);
    RETURN NULL;
END
$$;
CREATE TRIGGER todo_tags_count_delete AFTER DELETE ON todo_tags
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION todo_tags_count_delete();

-- Tags changed in place (the application only moves user_id, which counts nothing): what
-- was there before goes, what is there now comes; equal rows cancel out.
CREATE FUNCTION todo_tags_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM list_tag_counts_add(array_agg(t.list_id), array_agg(d.tag_key), array_agg(d.tag),
                                array_agg(d.delta))
    FROM (
        SELECT b.todo_id, b.tag_key, b.tag, -1 AS delta FROM (
            SELECT todo_id, tag_key, tag FROM before_rows
            EXCEPT ALL SELECT todo_id, tag_key, tag FROM after_rows) AS b
        UNION ALL
        SELECT a.todo_id, a.tag_key, a.tag, 1 FROM (
            SELECT todo_id, tag_key, tag FROM after_rows
            EXCEPT ALL SELECT todo_id, tag_key, tag FROM before_rows) AS a
    ) AS d JOIN todos AS t ON t.id = d.todo_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER todo_tags_count_update AFTER UPDATE ON todo_tags
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION todo_tags_count_update();

-- Todos deleted (directly, as subtasks, with their list or their account): the tags their
-- cascade left in todo_tags_gone count −1 in the todo's list.
CREATE FUNCTION todos_tag_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM todo_tags_gone AS g JOIN removed AS r ON r.id = g.todo_id) THEN
        PERFORM list_tag_counts_add(array_agg(r.list_id), array_agg(g.tag_key),
                                    array_agg(g.tag), array_agg(-1))
        FROM todo_tags_gone AS g JOIN removed AS r ON r.id = g.todo_id;
        DELETE FROM todo_tags_gone AS g USING removed AS r WHERE g.todo_id = r.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER todos_tag_counts_delete AFTER DELETE ON todos
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION todos_tag_counts_delete();

-- Todos moved to another list (with their subtasks): their tags leave the old list's counts
-- and join the new one's.
CREATE FUNCTION todos_tag_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM before_rows AS b JOIN after_rows AS a ON a.id = b.id
               WHERE a.list_id IS DISTINCT FROM b.list_id) THEN
        PERFORM list_tag_counts_add(array_agg(m.list_id), array_agg(g.tag_key),
                                    array_agg(g.tag), array_agg(m.delta))
        FROM (
            SELECT b.id, b.list_id, -1 AS delta
            FROM before_rows AS b JOIN after_rows AS a ON a.id = b.id
            WHERE a.list_id IS DISTINCT FROM b.list_id
            UNION ALL
            SELECT a.id, a.list_id, 1
            FROM before_rows AS b JOIN after_rows AS a ON a.id = b.id
            WHERE a.list_id IS DISTINCT FROM b.list_id
        ) AS m JOIN todo_tags AS g ON g.todo_id = m.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER todos_tag_counts_move AFTER UPDATE ON todos
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION todos_tag_counts_move();

-- The counts of what is there. The triggers exist first: creating them waited for every
-- writer of todos and todo_tags and holds off new ones until this migration commits, so
-- nothing is counted twice or missed.
INSERT INTO list_tag_counts (list_id, tag_key, tag, n)
SELECT t.list_id, tt.tag_key, tt.tag, count(*)
FROM todo_tags AS tt JOIN todos AS t ON t.id = tt.todo_id
WHERE t.list_id IS NOT NULL
GROUP BY t.list_id, tt.tag_key, tt.tag;

ANALYZE list_tag_counts;
