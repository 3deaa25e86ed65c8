-- Lists, subtasks, manual order and sharing (PostgreSQL; issue 13, ADR 0024). Expand-only
-- (ADR 0022): new tables, new nullable columns on todos, triggers that keep the previous
-- release's writes valid (every user gets an Inbox; a todo inserted without list or position
-- lands last in its owner's Inbox).
--
-- Positions are fractional keys compared byte by byte (ADR 0024): their columns use the "C"
-- collation, or a database with a linguistic collation would sort 'B' between 'a' and 'c'.

-- A list; the default one ("Inbox") has the id of its user.
CREATE TABLE lists (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    color      text,
    is_default boolean     NOT NULL DEFAULT false,
    version    bigint      NOT NULL DEFAULT 1,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

-- Who may see a list, with which role; `position` is the member's own order of their lists
-- (a fractional key, ADR 0024).
CREATE TABLE list_members (
    list_id    uuid        NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       text        NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    position   text        COLLATE "C" NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (list_id, user_id)
);

-- A member's lists in their order (and the foreign key on users).
CREATE INDEX list_members_user_position_idx ON list_members (user_id, position, list_id);

-- Pending invitations, by email (the invitee may have no account yet).
CREATE TABLE list_invitations (
    id               uuid        PRIMARY KEY,
    list_id          uuid        NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
    email            text        NOT NULL,
    email_normalized text        NOT NULL,
    role             text        NOT NULL CHECK (role IN ('owner', 'editor', 'viewer')),
    invited_by       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at       timestamptz NOT NULL,
    expires_at       timestamptz NOT NULL,
    UNIQUE (list_id, email_normalized)
);

-- GET /invitations (the invitee's, oldest first); the janitor's purge of expired ones; the
-- inviter's rate limit and the foreign key on users.
CREATE INDEX list_invitations_email_idx ON list_invitations (email_normalized, created_at, id);
CREATE INDEX list_invitations_expires_idx ON list_invitations (expires_at);
CREATE INDEX list_invitations_invited_by_idx ON list_invitations (invited_by, created_at);

-- Todos belong to a list, may have a parent (one level), and have a position among their
-- siblings (same list and parent). NULL list_id / position only until the trigger below
-- fills them in.
ALTER TABLE todos ADD COLUMN list_id uuid REFERENCES lists (id) ON DELETE CASCADE;
ALTER TABLE todos ADD COLUMN parent_id uuid REFERENCES todos (id) ON DELETE CASCADE;
ALTER TABLE todos ADD COLUMN position text COLLATE "C";
ALTER TABLE todos ADD COLUMN created_by uuid REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE todos ADD COLUMN updated_by uuid REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE todos ADD COLUMN completed_by uuid REFERENCES users (id) ON DELETE SET NULL;

-- Existing data: every user's Inbox (id = user id) and owner membership; every todo into its
-- owner's Inbox, in creation order, with keys 'h' + 8 decimal digits (valid fractional keys
-- with an 8-digit integer part, ADR 0024). The statistics trigger is off meanwhile: it would
-- bump every user once per todo for a change that shows nowhere.
INSERT INTO lists (id, name, color, is_default, version, created_at, updated_at)
SELECT id, 'Inbox', NULL, true, 1, created_at, created_at FROM users;

INSERT INTO list_members (list_id, user_id, role, position, created_at)
SELECT id, id, 'owner', 'a0', created_at FROM users;

ALTER TABLE todos DISABLE TRIGGER todos_bump_user_data_version;

UPDATE todos
SET list_id = todos.user_id,
    created_by = todos.user_id,
    position = 'h' || lpad(numbered.n::text, 8, '0')
FROM (
    SELECT id, row_number() OVER (PARTITION BY user_id ORDER BY created_at, id) AS n FROM todos
) AS numbered
WHERE numbered.id = todos.id;

ALTER TABLE todos ENABLE TRIGGER todos_bump_user_data_version;

-- Manual order of a list's top-level todos and of a parent's subtasks, and the per-list
-- keyset pagination of every sort (as the per-user ones of 20261126000008).
CREATE INDEX todos_list_position_idx ON todos (list_id, position, id);
CREATE INDEX todos_parent_position_idx ON todos (parent_id, position, id) WHERE parent_id IS NOT NULL;
CREATE INDEX todos_list_created_idx ON todos (list_id, created_at DESC, id DESC);
CREATE INDEX todos_list_updated_idx ON todos (list_id, updated_at DESC, id DESC);
CREATE INDEX todos_list_priority_idx ON todos (list_id, priority DESC, id DESC);
CREATE INDEX todos_list_title_idx ON todos (list_id, title, id);
CREATE INDEX todos_list_due_idx ON todos (list_id, (COALESCE(due_at, 'infinity'::timestamptz)), id);

-- Deleting an account sets these to NULL: without an index each would scan all todos.
CREATE INDEX todos_created_by_idx ON todos (created_by);
CREATE INDEX todos_updated_by_idx ON todos (updated_by);
CREATE INDEX todos_completed_by_idx ON todos (completed_by);

-- Every account has an Inbox, whichever binary or path inserts the user.
CREATE FUNCTION create_user_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO lists (id, name, color, is_default, version, created_at, updated_at)
    VALUES (NEW.id, 'Inbox', NULL, true, 1, NEW.created_at, NEW.created_at);
    INSERT INTO list_members (list_id, user_id, role, position, created_at)
    VALUES (NEW.id, NEW.id, 'owner', 'a0', NEW.created_at);
    RETURN NEW;
END
$$;

CREATE TRIGGER users_create_inbox AFTER INSERT ON users
    FOR EACH ROW EXECUTE FUNCTION create_user_inbox();

-- A todo inserted without a list (the previous release) goes into its owner's Inbox; one
-- without a position goes after its last sibling: that key with its last digit incremented,
-- or with 'V' appended when the last digit is 'z' (valid keys after it, ADR 0024; keys grow
-- by one character per ~37 such inserts, not per insert). The list's row lock serialises
-- this with the application's own writers to the list.
CREATE FUNCTION todos_default_list_position() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    last_key text;
BEGIN
    NEW.list_id := COALESCE(NEW.list_id, NEW.user_id);
    IF NEW.position IS NULL THEN
        PERFORM 1 FROM lists WHERE id = NEW.list_id FOR UPDATE;
        IF NEW.parent_id IS NULL THEN
            SELECT max(position) INTO last_key
            FROM todos WHERE list_id = NEW.list_id AND parent_id IS NULL AND id <> NEW.id;
        ELSE
            SELECT max(position) INTO last_key
            FROM todos WHERE list_id = NEW.list_id AND parent_id = NEW.parent_id AND id <> NEW.id;
        END IF;
        NEW.position := CASE
            WHEN last_key IS NULL THEN 'a0'
            WHEN right(last_key, 1) = 'z' THEN last_key || 'V'
            -- The next digit ('9' -> 'A', 'Z' -> 'a', else the next character).
            ELSE left(last_key, -1) || CASE right(last_key, 1)
                WHEN '9' THEN 'A'
                WHEN 'Z' THEN 'a'
                ELSE chr(ascii(right(last_key, 1)) + 1)
            END
        END;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER todos_default_list_position BEFORE INSERT ON todos
    FOR EACH ROW EXECUTE FUNCTION todos_default_list_position();

-- Every todo write bumps the data version of the todo's user and of every member of its list
-- (the old and the new one, for a move); also run for list_members below. The rows are locked in id order, so that two writers
-- bumping the same members cannot deadlock on each other.
CREATE OR REPLACE FUNCTION bump_user_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_user uuid;
    old_list uuid;
    new_user uuid;
    new_list uuid;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_user := OLD.user_id;
        old_list := OLD.list_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_user := NEW.user_id;
        new_list := NEW.list_id;
    END IF;
    UPDATE users SET data_version = users.data_version + 1
    FROM (
        SELECT u.id FROM users AS u
        WHERE u.id IN (old_user, new_user)
           OR u.id IN (SELECT m.user_id FROM list_members AS m WHERE m.list_id IN (old_list, new_list))
        ORDER BY u.id
        FOR NO KEY UPDATE
    ) AS bumped
    WHERE users.id = bumped.id;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;

-- A membership change changes what every member (and the one who came or went) sees; the
-- function above serves, since list_members has the same user_id and list_id.
CREATE TRIGGER list_members_bump_user_data_version AFTER INSERT OR UPDATE OR DELETE ON list_members
    FOR EACH ROW EXECUTE FUNCTION bump_user_data_version();
