-- Single-use password-reset tokens (SQLite); only SHA-256 hashes are stored.
CREATE TABLE password_resets (
    token_hash BLOB PRIMARY KEY NOT NULL,
    user_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
) STRICT;

-- A successful reset voids the account's other outstanding tokens; also serves the foreign key.
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
