-- Fixed-window rate-limit counters (SQLite), one row per policy and key (IP or account).
CREATE TABLE rate_limits (
    bucket       TEXT    PRIMARY KEY NOT NULL,
    window_start TEXT    NOT NULL,
    hits         INTEGER NOT NULL
) STRICT;

-- The janitor deletes windows that ended long ago.
CREATE INDEX rate_limits_window_idx ON rate_limits (window_start);
