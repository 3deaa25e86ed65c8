-- Lists, subtasks, manual order and sharing (SQLite; issue 13, ADR 0024). Expand-only
-- (ADR 0022): new tables, new nullable columns on todos, triggers that keep the previous
-- release's writes valid (every user gets an Inbox; a todo inserted without list or position
-- lands last in its owner's Inbox).

-- A list; the default one ("Inbox") has the id of its user.
CREATE TABLE lists (
    id         BLOB    PRIMARY KEY NOT NULL,
    name       TEXT    NOT NULL,
    color      TEXT,
    is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    version    INTEGER NOT NULL DEFAULT 1,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL
) STRICT;

-- Who may see a list, with which role; `position` is the member's own order of their lists
-- (a fractional key, ADR 0024).
CREATE TABLE list_members (
    list_id    BLOB NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    user_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    position   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (list_id, user_id)
) STRICT;

-- A member's lists in their order (and the foreign key on users).
CREATE INDEX list_members_user_position_idx ON list_members (user_id, position, list_id);

-- Pending invitations, by email (the invitee may have no account yet).
CREATE TABLE list_invitations (
    id               BLOB PRIMARY KEY NOT NULL,
    list_id          BLOB NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    email            TEXT NOT NULL,
    email_normalized TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    invited_by       BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL,
    UNIQUE (list_id, email_normalized)
) STRICT;

-- GET /invitations (the invitee's, oldest first); the janitor's purge of expired ones; the
-- inviter's rate limit and the foreign key on users.
CREATE INDEX list_invitations_email_idx ON list_invitations (email_normalized, created_at, id);
CREATE INDEX list_invitations_expires_idx ON list_invitations (expires_at);
CREATE INDEX list_invitations_invited_by_idx ON list_invitations (invited_by, created_at);

-- Todos belong to a list, may have a parent (one level), and have a position among their
-- siblings (same list and parent). NULL list_id / position only until the triggers below
-- fill them in.
ALTER TABLE todos ADD COLUMN list_id BLOB REFERENCES lists (id) ON DELETE CASCADE;
ALTER TABLE todos ADD COLUMN parent_id BLOB REFERENCES todos (id) ON DELETE CASCADE;
ALTER TABLE todos ADD COLUMN position TEXT;
ALTER TABLE todos ADD COLUMN created_by BLOB REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE todos ADD COLUMN updated_by BLOB REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE todos ADD COLUMN completed_by BLOB REFERENCES users (id) ON DELETE SET NULL;

-- Manual order of a list's top-level todos and of a parent's subtasks, and the per-list
-- keyset pagination of every sort (as the per-user ones of 20261126000008).
CREATE INDEX todos_list_position_idx ON todos (list_id, position, id);
CREATE INDEX todos_parent_position_idx ON todos (parent_id, position, id) WHERE parent_id IS NOT NULL;
CREATE INDEX todos_list_created_idx ON todos (list_id, created_at DESC, id DESC);
CREATE INDEX todos_list_updated_idx ON todos (list_id, updated_at DESC, id DESC);
CREATE INDEX todos_list_priority_idx ON todos (list_id, priority DESC, id DESC);
CREATE INDEX todos_list_title_idx ON todos (list_id, title, id);
CREATE INDEX todos_list_due_idx ON todos (list_id, COALESCE(due_at, '9999-12-31T23:59:59.999999Z'), id);

-- Deleting an account sets these to NULL: without an index each would scan all todos.
CREATE INDEX todos_created_by_idx ON todos (created_by);
CREATE INDEX todos_updated_by_idx ON todos (updated_by);
CREATE INDEX todos_completed_by_idx ON todos (completed_by);

-- The statistics' data version: the old per-user triggers go before the data migration (so
-- that it does not bump every user once per todo) and come back per list below.
DROP TRIGGER todos_bump_version_insert;
DROP TRIGGER todos_bump_version_update;
DROP TRIGGER todos_bump_version_delete;

-- Existing data: every user's Inbox (id = user id) and owner membership; every todo into its
-- owner's Inbox, in creation order, with keys 'h' + 8 decimal digits (valid fractional keys
-- with an 8-digit integer part, ADR 0024).
INSERT INTO lists (id, name, color, is_default, version, created_at, updated_at)
SELECT id, 'Inbox', NULL, 1, 1, created_at, created_at FROM users;

INSERT INTO list_members (list_id, user_id, role, position, created_at)
SELECT id, id, 'owner', 'a0', created_at FROM users;

UPDATE todos
SET list_id = todos.user_id,
    created_by = todos.user_id,
    position = 'h' || printf('%08d', numbered.n)
FROM (
    SELECT id, row_number() OVER (PARTITION BY user_id ORDER BY created_at, id) AS n FROM todos
) AS numbered
WHERE numbered.id = todos.id;

-- Every account has an Inbox, whichever binary or path inserts the user.
CREATE TRIGGER users_create_inbox AFTER INSERT ON users BEGIN
    INSERT INTO lists (id, name, color, is_default, version, created_at, updated_at)
    VALUES (new.id, 'Inbox', NULL, 1, 1, new.created_at, new.created_at);
    INSERT INTO list_members (list_id, user_id, role, position, created_at)
    VALUES (new.id, new.id, 'owner', 'a0', new.created_at);
END;

-- A todo inserted without a list (the previous release) goes into its owner's Inbox; one
-- without a position goes after its last sibling: that key with its last digit incremented,
-- or with 'V' appended when the last digit is 'z' (valid keys after it, ADR 0024; keys grow
-- by one character per ~37 such inserts, not per insert). SQLite has no BEFORE trigger that
-- may change NEW, so this updates the row after.
CREATE TRIGGER todos_default_list_position AFTER INSERT ON todos
WHEN new.list_id IS NULL OR new.position IS NULL BEGIN
    UPDATE todos
    SET list_id = COALESCE(new.list_id, new.user_id),
        position = COALESCE(new.position, (
            SELECT CASE
                WHEN siblings.last_key IS NULL THEN 'a0'
                WHEN substr(siblings.last_key, -1) = 'z' THEN siblings.last_key || 'V'
                -- The next digit ('9' -> 'A', 'Z' -> 'a', else the next character).
                ELSE substr(siblings.last_key, 1, length(siblings.last_key) - 1)
                    || CASE substr(siblings.last_key, -1)
                        WHEN '9' THEN 'A'
                        WHEN 'Z' THEN 'a'
                        ELSE char(unicode(substr(siblings.last_key, -1)) + 1)
                    END
            END
            FROM (
                SELECT MAX(s.position) AS last_key
                FROM todos AS s
                WHERE s.list_id = COALESCE(new.list_id, new.user_id)
                  AND s.parent_id IS new.parent_id
                  AND s.id <> new.id
            ) AS siblings
        ))
    WHERE id = new.id;
END;

-- Every todo write bumps the data version of the todo's user and of every member of its list
-- (the old and the new one, for a move).
CREATE TRIGGER todos_bump_version_insert AFTER INSERT ON todos BEGIN
    UPDATE users SET data_version = data_version + 1
    WHERE id = new.user_id
       OR id IN (SELECT m.user_id FROM list_members AS m WHERE m.list_id = new.list_id);
END;

CREATE TRIGGER todos_bump_version_update AFTER UPDATE ON todos BEGIN
    UPDATE users SET data_version = data_version + 1
    WHERE id IN (old.user_id, new.user_id)
       OR id IN (SELECT m.user_id FROM list_members AS m WHERE m.list_id IN (old.list_id, new.list_id));
END;

CREATE TRIGGER todos_bump_version_delete AFTER DELETE ON todos BEGIN
    UPDATE users SET data_version = data_version + 1
    WHERE id = old.user_id
       OR id IN (SELECT m.user_id FROM list_members AS m WHERE m.list_id = old.list_id);
END;

-- A membership change changes what every member (and the one who came or went) sees.
CREATE TRIGGER list_members_bump_version_insert AFTER INSERT ON list_members BEGIN
    UPDATE users SET data_version = data_version + 1
    WHERE id = new.user_id
       OR id IN (SELECT m.user_id FROM list_members AS m WHERE m.list_id = new.list_id);
END;

CREATE TRIGGER list_members_bump_version_update AFTER UPDATE ON list_members BEGIN
    UPDATE users SET data_version = data_version + 1
    WHERE id IN (old.user_id, new.user_id)
       OR id IN (SELECT m.user_id FROM list_members AS m WHERE m.list_id IN (old.list_id, new.list_id));
END;

CREATE TRIGGER list_members_bump_version_delete AFTER DELETE ON list_members BEGIN
    UPDATE users SET data_version = data_version + 1
    WHERE id = old.user_id
       OR id IN (SELECT m.user_id FROM list_members AS m WHERE m.list_id = old.list_id);
END;
