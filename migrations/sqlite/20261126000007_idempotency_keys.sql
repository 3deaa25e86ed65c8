-- Idempotency keys of POST /todos (SQLite): one row per user and key, kept 24 hours.
-- response_status is NULL while the first request is still running.
CREATE TABLE idempotency_keys (
    user_id          BLOB    NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idempotency_key  TEXT    NOT NULL,
    request_hash     BLOB    NOT NULL,
    created_at       TEXT    NOT NULL,
    locked_at        TEXT    NOT NULL,
    response_status  INTEGER,
    response_body    TEXT,
    resource_id      BLOB,
    PRIMARY KEY (user_id, idempotency_key)
) STRICT;

-- The janitor deletes keys older than 24 hours.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
