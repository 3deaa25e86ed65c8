-- Single-use password-reset tokens (PostgreSQL); only SHA-256 hashes are stored.
CREATE TABLE password_resets (
    token_hash bytea       PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);

-- A successful reset voids the account's other outstanding tokens; also serves the foreign key.
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
