-- Sessions (one per password login) and their rotating refresh tokens (SQLite).
CREATE TABLE sessions (
    id                  BLOB PRIMARY KEY NOT NULL,
    user_id             BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at          TEXT NOT NULL,
    last_used_at        TEXT NOT NULL,
    expires_at          TEXT NOT NULL,
    absolute_expires_at TEXT NOT NULL,
    revoked_at          TEXT,
    user_agent          TEXT,
    ip                  TEXT
) STRICT;

-- Lists a user's sessions newest first; revokes all sessions of a user.
CREATE INDEX sessions_user_created_idx ON sessions (user_id, created_at DESC, id DESC);

-- Only SHA-256 hashes of refresh tokens are stored. A used token stays (used_at set)
-- until its session is deleted, so presenting it again is recognised as reuse.
CREATE TABLE refresh_tokens (
    token_hash BLOB PRIMARY KEY NOT NULL,
    session_id BLOB NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    used_at    TEXT
) STRICT;

CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
