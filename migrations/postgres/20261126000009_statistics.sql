-- Statistics (PostgreSQL): a per-user data version that every todo write bumps (so that
-- cached statistics are never used after a change, on any node), and the completions index.
ALTER TABLE users ADD COLUMN data_version bigint NOT NULL DEFAULT 0;

CREATE FUNCTION bump_user_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        UPDATE users SET data_version = data_version + 1 WHERE id = OLD.user_id;
        RETURN OLD;
    END IF;
    UPDATE users SET data_version = data_version + 1 WHERE id = NEW.user_id;
    RETURN NEW;
END
$$;

CREATE TRIGGER todos_bump_user_data_version AFTER INSERT OR UPDATE OR DELETE ON todos
    FOR EACH ROW EXECUTE FUNCTION bump_user_data_version();

-- Completions per day over a window.
CREATE INDEX todos_user_completed_at_idx ON todos (user_id, completed_at) WHERE completed_at IS NOT NULL;
