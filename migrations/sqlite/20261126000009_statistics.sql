-- Statistics (SQLite): a per-user data version that every todo write bumps (so that cached
-- statistics are never used after a change, on any node), and the completions index.
ALTER TABLE users ADD COLUMN data_version INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER todos_bump_version_insert AFTER INSERT ON todos BEGIN
    UPDATE users SET data_version = data_version + 1 WHERE id = new.user_id;
END;

CREATE TRIGGER todos_bump_version_update AFTER UPDATE ON todos BEGIN
    UPDATE users SET data_version = data_version + 1 WHERE id = new.user_id;
END;

CREATE TRIGGER todos_bump_version_delete AFTER DELETE ON todos BEGIN
    UPDATE users SET data_version = data_version + 1 WHERE id = old.user_id;
END;

-- Completions per day over a window.
CREATE INDEX todos_user_completed_at_idx ON todos (user_id, completed_at) WHERE completed_at IS NOT NULL;
