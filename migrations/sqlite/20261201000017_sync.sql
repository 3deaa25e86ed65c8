-- Change feed and live updates (SQLite; issue 14, ADR 0026). Expand-only (ADR 0022): new
-- columns with defaults, new tables, triggers. The triggers cover every writer (this binary, the
-- previous release, batch, cascades, account deletion), so no code path can forget a change.
--
-- SQLite has one writer at a time, so a counter bumped inside the write transaction
-- (sync_state.clock) gives change numbers in commit order: the feed returns rows up to the
-- counter as its read transaction sees it. Every row write takes the next number. Rows that
-- existed before this migration have change_id 0.

ALTER TABLE todos ADD COLUMN change_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE lists ADD COLUMN change_id INTEGER NOT NULL DEFAULT 0;
ALTER TABLE list_members ADD COLUMN change_id INTEGER NOT NULL DEFAULT 0;
-- The change number of the transaction that made the membership (set once, on insert): a
-- member's feed delivers the whole list, whatever the age of its todos, from there on.
ALTER TABLE list_members ADD COLUMN joined_change_id INTEGER NOT NULL DEFAULT 0;

-- The feed's walks: a list's todos and members in change order.
CREATE INDEX todos_list_change_idx ON todos (list_id, change_id, id);
CREATE INDEX list_members_list_change_idx ON list_members (list_id, change_id, user_id);

-- What is gone, for the time tombstones are kept. A list-scoped tombstone (list_id set) is seen
-- by the list's members: a todo deleted or moved out, a member gone. A user-scoped one (user_id
-- set) is a list the user lost. No foreign keys: they outlive what they name.
CREATE TABLE sync_tombstones (
    id         INTEGER PRIMARY KEY,
    list_id    BLOB,
    user_id    BLOB,
    kind       TEXT    NOT NULL CHECK (kind IN ('todo', 'list', 'member')),
    entity_id  BLOB    NOT NULL,
    change_id  INTEGER NOT NULL,
    deleted_at TEXT    NOT NULL,
    CHECK ((list_id IS NULL) <> (user_id IS NULL))
) STRICT;
CREATE INDEX sync_tombstones_list_idx ON sync_tombstones (list_id, change_id, entity_id)
    WHERE list_id IS NOT NULL;
CREATE INDEX sync_tombstones_user_idx ON sync_tombstones (user_id, change_id, entity_id)
    WHERE user_id IS NOT NULL;
-- Offline creates refuse the id of a deleted item; a replayed delete finds its tombstone.
CREATE INDEX sync_tombstones_entity_idx ON sync_tombstones (entity_id);
-- The janitor's purge.
CREATE INDEX sync_tombstones_deleted_idx ON sync_tombstones (deleted_at);

-- One row: `clock` is the last change number given out; `horizon` the highest change_id the
-- janitor has purged tombstones up to (a cursor below it answers 410).
CREATE TABLE sync_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    clock   INTEGER NOT NULL,
    horizon INTEGER NOT NULL
) STRICT;
INSERT INTO sync_state (id, clock, horizon) VALUES (1, 0, 0);

-- Todos: stamp every write (recursive triggers are off, so the stamp's own UPDATE does not
-- fire this trigger again); a subtask's change re-stamps its parent (its subtask counts are
-- part of it); a todo deleted, or moved out of a list, leaves a tombstone in that list unless
-- the list itself is going (the list's members get one list tombstone each instead).
CREATE TRIGGER todos_sync_insert AFTER INSERT ON todos BEGIN
    UPDATE sync_state SET clock = clock + 1 WHERE id = 1;
    UPDATE todos SET change_id = (SELECT clock FROM sync_state WHERE id = 1)
    WHERE id = new.id OR id = new.parent_id;
END;

CREATE TRIGGER todos_sync_update AFTER UPDATE ON todos BEGIN
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

CREATE TRIGGER todos_sync_delete AFTER DELETE ON todos BEGIN
    UPDATE sync_state SET clock = clock + 1 WHERE id = 1;
    UPDATE todos SET change_id = (SELECT clock FROM sync_state WHERE id = 1)
    WHERE id = old.parent_id;
    INSERT INTO sync_tombstones (list_id, kind, entity_id, change_id, deleted_at)
    SELECT old.list_id, 'todo', old.id, (SELECT clock FROM sync_state WHERE id = 1),
           strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'
    WHERE EXISTS (SELECT 1 FROM lists WHERE id = old.list_id);
END;

-- Lists: stamp every write.
CREATE TRIGGER lists_sync_insert AFTER INSERT ON lists BEGIN
    UPDATE sync_state SET clock = clock + 1 WHERE id = 1;
    UPDATE lists SET change_id = (SELECT clock FROM sync_state WHERE id = 1) WHERE id = new.id;
END;

CREATE TRIGGER lists_sync_update AFTER UPDATE ON lists BEGIN
    UPDATE sync_state SET clock = clock + 1 WHERE id = 1;
    UPDATE lists SET change_id = (SELECT clock FROM sync_state WHERE id = 1) WHERE id = new.id;
END;

-- Memberships: stamp every write. Joining, leaving or a new role changes the list as its
-- members see it (`member_count`, `role`): re-stamp the list. Leaving writes a member
-- tombstone for those who stay and a list tombstone for the one who left (for a deleted list,
-- only the latter; for a deleted account, neither).
CREATE TRIGGER list_members_sync_insert AFTER INSERT ON list_members BEGIN
    UPDATE sync_state SET clock = clock + 1 WHERE id = 1;
    UPDATE list_members SET change_id = (SELECT clock FROM sync_state WHERE id = 1),
                            joined_change_id = (SELECT clock FROM sync_state WHERE id = 1)
    WHERE list_id = new.list_id AND user_id = new.user_id;
    UPDATE lists SET change_id = (SELECT clock FROM sync_state WHERE id = 1) WHERE id = new.list_id;
END;

CREATE TRIGGER list_members_sync_update AFTER UPDATE ON list_members BEGIN
    UPDATE sync_state SET clock = clock + 1 WHERE id = 1;
    UPDATE list_members SET change_id = (SELECT clock FROM sync_state WHERE id = 1)
    WHERE list_id = new.list_id AND user_id = new.user_id;
    UPDATE lists SET change_id = (SELECT clock FROM sync_state WHERE id = 1)
    WHERE id = new.list_id AND old.role IS NOT new.role;
END;

CREATE TRIGGER list_members_sync_delete AFTER DELETE ON list_members BEGIN
    UPDATE sync_state SET clock = clock + 1 WHERE id = 1;
    UPDATE lists SET change_id = (SELECT clock FROM sync_state WHERE id = 1) WHERE id = old.list_id;
    INSERT INTO sync_tombstones (list_id, kind, entity_id, change_id, deleted_at)
    SELECT old.list_id, 'member', old.user_id, (SELECT clock FROM sync_state WHERE id = 1),
           strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'
    WHERE EXISTS (SELECT 1 FROM lists WHERE id = old.list_id);
    INSERT INTO sync_tombstones (user_id, kind, entity_id, change_id, deleted_at)
    SELECT old.user_id, 'list', old.list_id, (SELECT clock FROM sync_state WHERE id = 1),
           strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'
    WHERE EXISTS (SELECT 1 FROM users WHERE id = old.user_id);
END;

-- A member's shown name or email is part of their `member` items in every list they are in.
CREATE TRIGGER users_sync_update AFTER UPDATE OF email, display_name ON users
WHEN old.email IS NOT new.email OR old.display_name IS NOT new.display_name BEGIN
    UPDATE list_members SET change_id = 0 WHERE user_id = new.id;
END;
