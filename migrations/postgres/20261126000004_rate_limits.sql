-- Fixed-window rate-limit counters (PostgreSQL), one row per policy and key (IP or
-- account); shared by every API node on this database.
CREATE TABLE rate_limits (
    bucket       text        PRIMARY KEY,
    window_start timestamptz NOT NULL,
    hits         integer     NOT NULL
);

-- The janitor deletes windows that ended long ago.
CREATE INDEX rate_limits_window_idx ON rate_limits (window_start);
