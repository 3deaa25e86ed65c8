-- The per-list counters (migrations 22 and 23) keep no foreign key to lists (issue 12; ADR 0029).
-- A foreign key check takes a KEY SHARE lock on the list row, and the counters' triggers run at
-- the end of a todo write, after the writer has taken its account locks (ADR 0025): against a
-- writer that holds the list row (`FOR UPDATE`, ADR 0025's first lock) and waits for one of those
-- accounts, that was a deadlock (tests/api/sync_stress.rs: 500s on concurrent patches, member
-- changes and deletes). Nothing is lost without it: a todo's own foreign key already keeps a
-- counter from naming a list that is gone (a write to a list waits for, or fails after, the
-- list's deletion), and the rows of a deleted list go with it by the trigger below.
ALTER TABLE list_tag_counts DROP CONSTRAINT list_tag_counts_list_id_fkey;
ALTER TABLE list_todo_counts DROP CONSTRAINT list_todo_counts_list_id_fkey;
ALTER TABLE list_completions DROP CONSTRAINT list_completions_list_id_fkey;

-- Lists deleted (with their todos, by the todos' cascade): their counters go too. The todos'
-- own counter triggers leave out lists that no longer exist.
CREATE FUNCTION lists_counters_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM list_tag_counts AS c USING removed AS r WHERE c.list_id = r.id;
    DELETE FROM list_todo_counts AS c USING removed AS r WHERE c.list_id = r.id;
    DELETE FROM list_completions AS c USING removed AS r WHERE c.list_id = r.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER lists_counters_delete AFTER DELETE ON lists
    REFERENCING OLD TABLE AS removed
    FOR EACH STATEMENT EXECUTE FUNCTION lists_counters_delete();
