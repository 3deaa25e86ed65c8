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

-- Statement-level triggers with transition tables: whatever the number of rows (a batch, a
-- cascade, the seed's reference load), each statement's deltas go in as ONE upsert, grouped by
-- (list, key, spelling) and in that order, so that concurrent writers lock the rows they share
-- in the same order. Transition tables allow one event per trigger and no column list, hence
-- one trigger per event. Each upsert sits in its trigger function (a plan cached per session);
-- a shared function taking the deltas as arrays was planned anew on every call (0.3 ms per
-- statement instead of 0.03 ms). Rows whose count reached 0 come back from the upsert and go.
CREATE FUNCTION list_tag_counts_drop(z_list uuid[], z_key text[], z_tag text[])
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. coalesce(array_length(z_list, 1), 0) LOOP
        DELETE FROM list_tag_counts
        WHERE list_id = z_list[i] AND tag_key = z_key[i] AND tag = z_tag[i];
    END LOOP;
END
$$;

-- Tags inserted: +1 in their todo's list.
CREATE FUNCTION todo_tags_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO list_tag_counts AS c (list_id, tag_key, tag, n)
    SELECT t.list_id, a.tag_key, a.tag, count(*)
    FROM added AS a JOIN todos AS t ON t.id = a.todo_id
    GROUP BY t.list_id, a.tag_key, a.tag
    ORDER BY t.list_id, a.tag_key, a.tag
    ON CONFLICT (list_id, tag_key, tag) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END
$$;
CREATE TRIGGER todo_tags_count_insert AFTER INSERT ON todo_tags
    REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION todo_tags_count_insert();

-- Tags deleted while their todo stays (a PATCH replacing them): −1 in its list. Those of a
-- deleted todo wait in todo_tags_gone (above).
CREATE FUNCTION todo_tags_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    z_list uuid[];
    z_key text[];
    z_tag text[];
BEGIN
    WITH changed AS (
        INSERT INTO list_tag_counts AS c (list_id, tag_key, tag, n)
        SELECT t.list_id, r.tag_key, r.tag, -count(*)
        FROM removed AS r JOIN todos AS t ON t.id = r.todo_id
        GROUP BY t.list_id, r.tag_key, r.tag
        ORDER BY t.list_id, r.tag_key, r.tag
        ON CONFLICT (list_id, tag_key, tag) DO UPDATE SET n = c.n + EXCLUDED.n
        RETURNING c.list_id, c.tag_key, c.tag, c.n
    )
    SELECT array_agg(z.list_id), array_agg(z.tag_key), array_agg(z.tag)
    INTO z_list, z_key, z_tag FROM changed AS z WHERE z.n <= 0;
    PERFORM list_tag_counts_drop(z_list, z_key, z_tag);
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
DECLARE
    z_list uuid[];
    z_key text[];
    z_tag text[];
BEGIN
    WITH changed AS (
        INSERT INTO list_tag_counts AS c (list_id, tag_key, tag, n)
        SELECT t.list_id, d.tag_key, d.tag, sum(d.delta)
        FROM (
            SELECT b.todo_id, b.tag_key, b.tag, -1 AS delta FROM (
                SELECT todo_id, tag_key, tag FROM before_rows
                EXCEPT ALL SELECT todo_id, tag_key, tag FROM after_rows) AS b
            UNION ALL
            SELECT a.todo_id, a.tag_key, a.tag, 1 FROM (
                SELECT todo_id, tag_key, tag FROM after_rows
                EXCEPT ALL SELECT todo_id, tag_key, tag FROM before_rows) AS a
        ) AS d JOIN todos AS t ON t.id = d.todo_id
        GROUP BY t.list_id, d.tag_key, d.tag
        HAVING sum(d.delta) <> 0
        ORDER BY t.list_id, d.tag_key, d.tag
        ON CONFLICT (list_id, tag_key, tag) DO UPDATE SET n = c.n + EXCLUDED.n
        RETURNING c.list_id, c.tag_key, c.tag, c.n
    )
    SELECT array_agg(z.list_id), array_agg(z.tag_key), array_agg(z.tag)
    INTO z_list, z_key, z_tag FROM changed AS z WHERE z.n <= 0;
    PERFORM list_tag_counts_drop(z_list, z_key, z_tag);
    RETURN NULL;
END
$$;
CREATE TRIGGER todo_tags_count_update AFTER UPDATE ON todo_tags
    REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows
    FOR EACH STATEMENT EXECUTE FUNCTION todo_tags_count_update();

-- Todos deleted (directly, as subtasks, with their list or their account): the tags their
-- cascade left in todo_tags_gone count −1 in the todo's list, unless the list is going too
-- (deleted in this statement: its rows go by the foreign key).
CREATE FUNCTION todos_tag_counts_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    z_list uuid[];
    z_key text[];
    z_tag text[];
BEGIN
    IF EXISTS (SELECT 1 FROM todo_tags_gone AS g JOIN removed AS r ON r.id = g.todo_id) THEN
        WITH changed AS (
            INSERT INTO list_tag_counts AS c (list_id, tag_key, tag, n)
            SELECT r.list_id, g.tag_key, g.tag, -count(*)
            FROM todo_tags_gone AS g JOIN removed AS r ON r.id = g.todo_id
            WHERE EXISTS (SELECT 1 FROM lists AS l WHERE l.id = r.list_id)
            GROUP BY r.list_id, g.tag_key, g.tag
            ORDER BY r.list_id, g.tag_key, g.tag
            ON CONFLICT (list_id, tag_key, tag) DO UPDATE SET n = c.n + EXCLUDED.n
            RETURNING c.list_id, c.tag_key, c.tag, c.n
        )
        SELECT array_agg(z.list_id), array_agg(z.tag_key), array_agg(z.tag)
        INTO z_list, z_key, z_tag FROM changed AS z WHERE z.n <= 0;
        PERFORM list_tag_counts_drop(z_list, z_key, z_tag);
        DELETE FROM todo_tags_gone AS g USING removed AS r WHERE g.todo_id = r.id;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER todos_tag_counts_delete AFTER DELETE ON todos
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION todos_tag_counts_delete();

-- Todos moved to another list (with their subtasks): their tags leave the old list's counts
-- and join the new one's. Fires on every update of todos (a transition table takes no column
-- list); a statement that moves nothing stops at the first test.
CREATE FUNCTION todos_tag_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    z_list uuid[];
    z_key text[];
    z_tag text[];
BEGIN
    IF EXISTS (SELECT 1 FROM before_rows AS b JOIN after_rows AS a ON a.id = b.id
               WHERE a.list_id IS DISTINCT FROM b.list_id) THEN
        WITH changed AS (
            INSERT INTO list_tag_counts AS c (list_id, tag_key, tag, n)
            SELECT m.list_id, g.tag_key, g.tag, sum(m.delta)
            FROM (
                SELECT b.id, b.list_id, -1 AS delta
                FROM before_rows AS b JOIN after_rows AS a ON a.id = b.id
                WHERE a.list_id IS DISTINCT FROM b.list_id
                UNION ALL
                SELECT a.id, a.list_id, 1
                FROM before_rows AS b JOIN after_rows AS a ON a.id = b.id
                WHERE a.list_id IS DISTINCT FROM b.list_id
            ) AS m JOIN todo_tags AS g ON g.todo_id = m.id
            WHERE m.list_id IS NOT NULL
            GROUP BY m.list_id, g.tag_key, g.tag
            HAVING sum(m.delta) <> 0
            ORDER BY m.list_id, g.tag_key, g.tag
            ON CONFLICT (list_id, tag_key, tag) DO UPDATE SET n = c.n + EXCLUDED.n
            RETURNING c.list_id, c.tag_key, c.tag, c.n
        )
        SELECT array_agg(z.list_id), array_agg(z.tag_key), array_agg(z.tag)
        INTO z_list, z_key, z_tag FROM changed AS z WHERE z.n <= 0;
        PERFORM list_tag_counts_drop(z_list, z_key, z_tag);
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
