-- Feature flags and kill switches (SQLite): one row per flag; a missing row reads as the
-- flag's default. Every node reads them through a short cache (FLAGS_CACHE_TTL_MILLIS).
CREATE TABLE feature_flags (
    name       TEXT PRIMARY KEY NOT NULL,
    enabled    INTEGER NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

INSERT INTO feature_flags (name, enabled, updated_at) VALUES
    ('registration', 1, '2026-11-30T00:00:00.000000Z'),
    ('maintenance', 0, '2026-11-30T00:00:00.000000Z'),
    ('sharing', 0, '2026-11-30T00:00:00.000000Z'),
    ('sync', 0, '2026-11-30T00:00:00.000000Z'),
    ('live_events', 0, '2026-11-30T00:00:00.000000Z');

-- The audit log: security-relevant events, each written in the transaction of its change.
-- No foreign keys: an event outlives the account or session it names.
CREATE TABLE audit_events (
    id          BLOB PRIMARY KEY NOT NULL,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    actor_id    BLOB,
    target_type TEXT,
    target_id   TEXT,
    request_id  TEXT,
    ip          TEXT,
    details     TEXT NOT NULL
) STRICT;

-- Newest first (the unfiltered list, time filters and the retention purge), and per filter.
CREATE INDEX audit_events_at_idx ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, at DESC, id DESC);
CREATE INDEX audit_events_target_idx ON audit_events (target_id, at DESC, id DESC);
CREATE INDEX audit_events_kind_idx ON audit_events (kind, at DESC, id DESC);
