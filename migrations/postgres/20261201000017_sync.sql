-- Change feed and live updates (PostgreSQL; issue 14, ADR 0026). Expand-only (ADR 0022): new
-- columns with defaults, new tables, triggers. The triggers cover every writer (this binary, the
-- previous release, batch, cascades, account deletion), so no code path can forget a change.
--
-- Every row a client can sync carries `change_id`: the id of the transaction that last wrote it
-- (or touched it because something derived from it changed). The feed returns rows below the
-- oldest transaction still running (pg_snapshot_xmin(pg_current_snapshot())): a transaction that
-- commits late always has an id at or above that watermark, so it can never fall behind a cursor
-- already handed out. Rows that existed before this migration have change_id 0.

ALTER TABLE todos ADD COLUMN change_id bigint NOT NULL DEFAULT 0;
ALTER TABLE lists ADD COLUMN change_id bigint NOT NULL DEFAULT 0;
ALTER TABLE list_members ADD COLUMN change_id bigint NOT NULL DEFAULT 0;
-- The change number of the transaction that made the membership (set once, on insert): a
-- member's feed delivers the whole list, whatever the age of its todos, from there on.
ALTER TABLE list_members ADD COLUMN joined_change_id bigint NOT NULL DEFAULT 0;

-- The feed's walks: a list's todos and members in change order.
CREATE INDEX todos_list_change_idx ON todos (list_id, change_id, id);
CREATE INDEX list_members_list_change_idx ON list_members (list_id, change_id, user_id);

-- What is gone, for the time tombstones are kept. A list-scoped tombstone (list_id set) is seen
-- by the list's members: a todo deleted or moved out, a member gone. A user-scoped one (user_id
-- set) is a list the user lost. No foreign keys: they outlive what they name.
CREATE TABLE sync_tombstones (
    id         bigserial   PRIMARY KEY,
    list_id    uuid,
    user_id    uuid,
    kind       text        NOT NULL CHECK (kind IN ('todo', 'list', 'member')),
    entity_id  uuid        NOT NULL,
    change_id  bigint      NOT NULL,
    deleted_at timestamptz NOT NULL,
    CHECK ((list_id IS NULL) <> (user_id IS NULL))
);
CREATE INDEX sync_tombstones_list_idx ON sync_tombstones (list_id, change_id, entity_id)
    WHERE list_id IS NOT NULL;
CREATE INDEX sync_tombstones_user_idx ON sync_tombstones (user_id, change_id, entity_id)
    WHERE user_id IS NOT NULL;
-- Offline creates refuse the id of a deleted item; a replayed delete finds its tombstone.
CREATE INDEX sync_tombstones_entity_idx ON sync_tombstones (entity_id);
-- The janitor's purge.
CREATE INDEX sync_tombstones_deleted_idx ON sync_tombstones (deleted_at);

-- One row: `horizon` is the highest change_id the janitor has purged tombstones up to (a cursor
-- below it answers 410); `clock` is unused here (SQLite's change counter).
CREATE TABLE sync_state (
    id      integer PRIMARY KEY CHECK (id = 1),
    clock   bigint  NOT NULL,
    horizon bigint  NOT NULL
);
INSERT INTO sync_state (id, clock, horizon) VALUES (1, 0, 0);

-- The writer's transaction id, as a plain number.
CREATE FUNCTION sync_change_id() RETURNS bigint LANGUAGE sql VOLATILE AS $$
    SELECT pg_current_xact_id()::text::bigint
$$;

-- Wakes the event streams of every node: payload 'l:<list id>' (the list's members) or
-- 'u:<user id>' (one account). Delivered at commit, once per distinct payload.
CREATE FUNCTION sync_notify(scope text) RETURNS void LANGUAGE sql VOLATILE AS $$
    SELECT pg_notify('todo_api_sync', scope)
$$;

-- Todos: stamp every write; a subtask's change re-stamps its parent (its subtask counts are
-- part of it); a todo deleted, or moved out of a list, leaves a tombstone in that list unless
-- the list itself is going (the list's members get one list tombstone each instead).
CREATE FUNCTION todos_sync_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_id := sync_change_id();
    RETURN NEW;
END
$$;
CREATE TRIGGER todos_sync_stamp BEFORE INSERT OR UPDATE ON todos
    FOR EACH ROW EXECUTE FUNCTION todos_sync_stamp();

CREATE FUNCTION todos_sync_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        PERFORM sync_notify('l:' || NEW.list_id);
        IF NEW.parent_id IS NOT NULL AND (TG_OP = 'INSERT'
            OR OLD.parent_id IS DISTINCT FROM NEW.parent_id
            OR OLD.completed IS DISTINCT FROM NEW.completed) THEN
            UPDATE todos SET change_id = 0 WHERE id = NEW.parent_id;
        END IF;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        IF OLD.parent_id IS NOT NULL AND (TG_OP = 'DELETE' OR OLD.parent_id IS DISTINCT FROM NEW.parent_id) THEN
            UPDATE todos SET change_id = 0 WHERE id = OLD.parent_id;
        END IF;
        IF (TG_OP = 'DELETE' OR OLD.list_id IS DISTINCT FROM NEW.list_id)
           AND EXISTS (SELECT 1 FROM lists WHERE id = OLD.list_id) THEN
            INSERT INTO sync_tombstones (list_id, kind, entity_id, change_id, deleted_at)
            VALUES (OLD.list_id, 'todo', OLD.id, sync_change_id(), now());
            PERFORM sync_notify('l:' || OLD.list_id);
        END IF;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER todos_sync_after AFTER INSERT OR UPDATE OR DELETE ON todos
    FOR EACH ROW EXECUTE FUNCTION todos_sync_after();

-- Lists: stamp every write (the BEFORE trigger also stamps the touches below).
CREATE FUNCTION lists_sync_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_id := sync_change_id();
    PERFORM sync_notify('l:' || NEW.id);
    RETURN NEW;
END
$$;
CREATE TRIGGER lists_sync_stamp BEFORE INSERT OR UPDATE ON lists
    FOR EACH ROW EXECUTE FUNCTION lists_sync_stamp();

-- Memberships: stamp every write. Joining, leaving or a new role changes the list as its
-- members see it (`member_count`, `role`): re-stamp the list. Leaving writes a member
-- tombstone for those who stay and a list tombstone for the one who left (for a deleted list,
-- only the latter; for a deleted account, neither).
CREATE FUNCTION list_members_sync_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.change_id := sync_change_id();
    IF TG_OP = 'INSERT' THEN
        NEW.joined_change_id := NEW.change_id;
    ELSE
        NEW.joined_change_id := OLD.joined_change_id;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER list_members_sync_stamp BEFORE INSERT OR UPDATE ON list_members
    FOR EACH ROW EXECUTE FUNCTION list_members_sync_stamp();

CREATE FUNCTION list_members_sync_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM lists WHERE id = OLD.list_id) THEN
            UPDATE lists SET change_id = 0 WHERE id = OLD.list_id;
            INSERT INTO sync_tombstones (list_id, kind, entity_id, change_id, deleted_at)
            VALUES (OLD.list_id, 'member', OLD.user_id, sync_change_id(), now());
        END IF;
        IF EXISTS (SELECT 1 FROM users WHERE id = OLD.user_id) THEN
            INSERT INTO sync_tombstones (user_id, kind, entity_id, change_id, deleted_at)
            VALUES (OLD.user_id, 'list', OLD.list_id, sync_change_id(), now());
        END IF;
        PERFORM sync_notify('l:' || OLD.list_id);
        PERFORM sync_notify('u:' || OLD.user_id);
    ELSE
        IF TG_OP = 'INSERT' OR OLD.role IS DISTINCT FROM NEW.role THEN
            UPDATE lists SET change_id = 0 WHERE id = NEW.list_id;
        END IF;
        PERFORM sync_notify('l:' || NEW.list_id);
        PERFORM sync_notify('u:' || NEW.user_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER list_members_sync_after AFTER INSERT OR UPDATE OR DELETE ON list_members
    FOR EACH ROW EXECUTE FUNCTION list_members_sync_after();

-- A member's shown name or email is part of their `member` items in every list they are in.
CREATE FUNCTION users_sync_after() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE list_members SET change_id = 0 WHERE user_id = NEW.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER users_sync_after AFTER UPDATE OF email, display_name ON users
    FOR EACH ROW
    WHEN (OLD.email IS DISTINCT FROM NEW.email OR OLD.display_name IS DISTINCT FROM NEW.display_name)
    EXECUTE FUNCTION users_sync_after();
