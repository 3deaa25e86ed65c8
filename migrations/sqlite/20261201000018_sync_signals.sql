-- Live-update signals (SQLite; issue 14, ADR 0027). Expand-only (ADR 0022): a new table and
-- triggers. PostgreSQL needs none of this: migration 17's triggers `pg_notify` at commit.
--
-- SQLite triggers cannot wake anyone, so they leave a note instead: one row per scope that
-- changed, 'l' (a list: its members' streams) or 'u' (an account: its own streams), with the
-- sequence number of its latest change. The server reads the rows past the last number it
-- saw after each commit that wrote here (and once a second, for writers in other processes)
-- and wakes only the streams of those scopes. One row per scope, so the table stays as small
-- as the number of lists and accounts ever changed; `seq` is taken in the write transaction
-- and SQLite has one writer at a time, so numbers grow in commit order and a reader that
-- saw number N has seen every commit up to it.
CREATE TABLE sync_signals (
    kind TEXT    NOT NULL CHECK (kind IN ('l', 'u')),
    id   BLOB    NOT NULL,
    seq  INTEGER NOT NULL,
    PRIMARY KEY (kind, id)
) STRICT;
CREATE INDEX sync_signals_seq_idx ON sync_signals (seq);

-- Todos: their list (both lists when a todo moves). A todo inserted by the release before
-- lists has no list yet; the trigger that puts it in its owner's Inbox signals.
CREATE TRIGGER todos_signal_insert AFTER INSERT ON todos BEGIN
    INSERT INTO sync_signals (kind, id, seq)
    SELECT 'l', new.list_id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals)
    WHERE new.list_id IS NOT NULL
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER todos_signal_update AFTER UPDATE ON todos BEGIN
    INSERT INTO sync_signals (kind, id, seq)
    SELECT 'l', new.list_id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals)
    WHERE new.list_id IS NOT NULL
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
    INSERT INTO sync_signals (kind, id, seq)
    SELECT 'l', old.list_id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals)
    WHERE old.list_id IS NOT new.list_id AND old.list_id IS NOT NULL
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER todos_signal_delete AFTER DELETE ON todos BEGIN
    INSERT INTO sync_signals (kind, id, seq)
    SELECT 'l', old.list_id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals)
    WHERE old.list_id IS NOT NULL
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
END;

-- Lists: the list (a deleted list's members also get their own signal, from their
-- memberships' deletion below).
CREATE TRIGGER lists_signal_insert AFTER INSERT ON lists BEGIN
    INSERT INTO sync_signals (kind, id, seq)
    VALUES ('l', new.id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals))
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER lists_signal_update AFTER UPDATE ON lists BEGIN
    INSERT INTO sync_signals (kind, id, seq)
    VALUES ('l', new.id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals))
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER lists_signal_delete AFTER DELETE ON lists BEGIN
    INSERT INTO sync_signals (kind, id, seq)
    VALUES ('l', old.id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals))
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
END;

-- Memberships: the list (its members see the member and the list's counts) and the account
-- (it gains or loses the list: its streams re-read which lists they follow).
CREATE TRIGGER list_members_signal_insert AFTER INSERT ON list_members BEGIN
    INSERT INTO sync_signals (kind, id, seq)
    SELECT 'l', new.list_id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals)
    WHERE new.list_id IS NOT NULL
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
    INSERT INTO sync_signals (kind, id, seq)
    VALUES ('u', new.user_id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals))
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER list_members_signal_update AFTER UPDATE ON list_members BEGIN
    INSERT INTO sync_signals (kind, id, seq)
    SELECT 'l', new.list_id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals)
    WHERE new.list_id IS NOT NULL
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
    INSERT INTO sync_signals (kind, id, seq)
    VALUES ('u', new.user_id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals))
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
END;

CREATE TRIGGER list_members_signal_delete AFTER DELETE ON list_members BEGIN
    INSERT INTO sync_signals (kind, id, seq)
    SELECT 'l', old.list_id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals)
    WHERE old.list_id IS NOT NULL
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
    INSERT INTO sync_signals (kind, id, seq)
    VALUES ('u', old.user_id, (SELECT coalesce(max(seq), 0) + 1 FROM sync_signals))
    ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq;
END;
