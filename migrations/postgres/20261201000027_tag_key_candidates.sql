-- A page filtered by tags chooses, per list, between walking the list in page order (as since
-- migration 26) and reading the few todos that carry the rarest requested key from an index
-- (issue 12 goal 3, T016; ADR 0010 amended). The walk reads rows until the page is full: a key
-- that few of a big list's todos carry made it read the whole list (the heavy user's 100,000
-- todos: ~45 ms for a page of a rare tag, ~55 ms for a key not in the list at all).
--
-- The candidates: a GIN index whose entries are the todo's (list, key) pairs, so the entries
-- of one key in one list are one posting list, whatever the key's count in other lists (a key
-- common elsewhere, rare or absent here, costs what its rows here cost). A plain GIN index on
-- tag_keys would read every list's todos with the key, and the planner, left to itself, chose
-- it for two common tags (ADR 0010, T014). The entry text is `<list id>/<key>`: the uuid's
-- text has a fixed length, so the pair is unambiguous. IMMUTABLE: the list id and the keys of
-- the row, nothing else. Build at 1,000,000 todos: see T016 in specs/performance/tasks.md (it
-- holds a SHARE lock on todos until the migration commits: writers wait, readers do not).
CREATE FUNCTION todo_list_tag_keys(list uuid, keys text[]) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT array_agg(list::text || '/' || k) FROM unnest(keys) AS k $$;

-- fastupdate off: a read never scans a pending list of recent entries (a tag write adds its
-- entries at once, one per key).
CREATE INDEX todos_list_tag_keys_idx ON todos
USING gin (todo_list_tag_keys(list_id, tag_keys)) WITH (fastupdate = off);

-- The choice, per list and request: read the candidates when the rarest requested key has
-- `rarest` todos in the list and rarest² ≤ page × the list's todos. The walk reads about
-- page × total / rarest rows before its page is full (fewer when keys are combined), the
-- candidates read `rarest` rows (fewer for several keys: the index intersects them) and sort
-- them; they cost about the same per row. The counts are migration 22's and 23's, kept by
-- triggers in the writing transaction; they only choose the plan: both forms check every
-- condition on every row, so a wrong count is slower, never a different answer. A function,
-- not a subquery in the statement: its queries are planned once per session, and the page's
-- statement (planned on every execution, ADR 0016) stays small to plan.
CREATE FUNCTION todo_tag_keys_few(list uuid, keys text[], page integer) RETURNS boolean
LANGUAGE plpgsql STABLE PARALLEL SAFE
AS $$
DECLARE
    rarest bigint;
    total bigint;
BEGIN
    SELECT min(coalesce((SELECT sum(c.n) FROM list_tag_counts AS c
                         WHERE c.list_id = list AND c.tag_key = k), 0))
    INTO rarest FROM unnest(keys) AS k;
    SELECT t.total INTO total FROM list_todo_counts AS t WHERE t.list_id = list;
    RETURN coalesce(rarest, 0)::float8 ^ 2 <= page::float8 * coalesce(total, 0);
END
$$;
