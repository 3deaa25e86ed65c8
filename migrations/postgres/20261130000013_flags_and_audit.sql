-- Feature flags and kill switches (PostgreSQL): one row per flag; a missing row reads as the
-- flag's default. Every node reads them through a short cache (FLAGS_CACHE_TTL_MILLIS).
CREATE TABLE feature_flags (
    name       text        PRIMARY KEY,
    enabled    boolean     NOT NULL,
    updated_at timestamptz NOT NULL
);

INSERT INTO feature_flags (name, enabled, updated_at) VALUES
    ('registration', TRUE, '2026-11-30T00:00:00Z'),
    ('maintenance', FALSE, '2026-11-30T00:00:00Z'),
    ('sharing', FALSE, '2026-11-30T00:00:00Z'),
    ('sync', FALSE, '2026-11-30T00:00:00Z'),
    ('live_events', FALSE, '2026-11-30T00:00:00Z');

-- The audit log: security-relevant events, each written in the transaction of its change.
-- No foreign keys: an event outlives the account or session it names.
CREATE TABLE audit_events (
    id          uuid        PRIMARY KEY,
    at          timestamptz NOT NULL,
    kind        text        NOT NULL,
    actor_id    uuid,
    target_type text,
    target_id   text,
    request_id  text,
    ip          text,
    details     text        NOT NULL
);

-- Newest first (the unfiltered list, time filters and the retention purge), and per filter.
CREATE INDEX audit_events_at_idx ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_id, at DESC, id DESC);
CREATE INDEX audit_events_target_idx ON audit_events (target_id, at DESC, id DESC);
CREATE INDEX audit_events_kind_idx ON audit_events (kind, at DESC, id DESC);
