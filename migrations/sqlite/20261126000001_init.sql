-- Accounts and todos (SQLite). Ids are UUIDv7 stored as 16-byte blobs; timestamps are
-- fixed-width UTC text (YYYY-MM-DDTHH:MM:SS.ffffffZ) so that text order is time order.
CREATE TABLE users (
    id               BLOB    PRIMARY KEY NOT NULL,
    email            TEXT    NOT NULL,
    email_normalized TEXT    NOT NULL,
    display_name     TEXT    NOT NULL,
    password_hash    TEXT    NOT NULL,
    role             TEXT    NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
    disabled         INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
) STRICT;

-- Login and registration look users up by normalized email; it is also what makes emails unique.
CREATE UNIQUE INDEX users_email_normalized_key ON users (email_normalized);

CREATE TABLE todos (
    id           BLOB    PRIMARY KEY NOT NULL,
    user_id      BLOB    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title        TEXT    NOT NULL,
    notes        TEXT,
    completed    INTEGER NOT NULL DEFAULT 0 CHECK (completed IN (0, 1)),
    completed_at TEXT,
    due_at       TEXT,
    priority     INTEGER NOT NULL DEFAULT 1 CHECK (priority BETWEEN 0 AND 2),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
) STRICT;

-- Serves the newest-first keyset pagination of one user's todos (and the foreign key).
CREATE INDEX todos_user_created_idx ON todos (user_id, created_at DESC, id DESC);
