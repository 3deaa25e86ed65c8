-- Sessions (one per password login) and their rotating refresh tokens (PostgreSQL).
CREATE TABLE sessions (
    id                  uuid        PRIMARY KEY,
    user_id             uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at          timestamptz NOT NULL,
    last_used_at        timestamptz NOT NULL,
    expires_at          timestamptz NOT NULL,
    absolute_expires_at timestamptz NOT NULL,
    revoked_at          timestamptz,
    user_agent          text,
    ip                  text
);

-- Lists a user's sessions newest first; revokes all sessions of a user.
CREATE INDEX sessions_user_created_idx ON sessions (user_id, created_at DESC, id DESC);

-- Only SHA-256 hashes of refresh tokens are stored. A used token stays (used_at set)
-- until its session is deleted, so presenting it again is recognised as reuse.
CREATE TABLE refresh_tokens (
    token_hash bytea       PRIMARY KEY,
    session_id uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    used_at    timestamptz
);

CREATE INDEX refresh_tokens_session_idx ON refresh_tokens (session_id);
