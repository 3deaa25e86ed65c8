-- Idempotency keys of POST /todos (PostgreSQL): one row per user and key, kept 24 hours,
-- shared by every node. response_status is NULL while the first request is still running.
CREATE TABLE idempotency_keys (
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    idempotency_key  text        NOT NULL,
    request_hash     bytea       NOT NULL,
    created_at       timestamptz NOT NULL,
    locked_at        timestamptz NOT NULL,
    response_status  integer,
    response_body    text,
    resource_id      uuid,
    PRIMARY KEY (user_id, idempotency_key)
);

-- The janitor deletes keys older than 24 hours.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
