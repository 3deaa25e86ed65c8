-- The data-version bump (migration 14) found the users to bump with
-- `u.id IN (old, new) OR u.id IN (SELECT … list_members …)`: PostgreSQL plans an OR of a list and
-- a subquery as a sequential scan of users, and then hash-joined users again, on every todo and
-- membership write (33 ms per write at 10,000 users; inserting 10,000 users took 78 s in
-- `todo-api seed`). One IN over a UNION is a semi-join on the primary key: 0.2 ms. Same rows,
-- same lock order (issue 12, ADR 0028).
CREATE OR REPLACE FUNCTION bump_user_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_user uuid;
    old_list uuid;
    new_user uuid;
    new_list uuid;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        old_user := OLD.user_id;
        old_list := OLD.list_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        new_user := NEW.user_id;
        new_list := NEW.list_id;
    END IF;
    UPDATE users SET data_version = users.data_version + 1
    FROM (
        SELECT u.id FROM users AS u
        WHERE u.id IN (
            SELECT old_user
            UNION SELECT new_user
            UNION SELECT m.user_id FROM list_members AS m WHERE m.list_id IN (old_list, new_list)
        )
        ORDER BY u.id
        FOR NO KEY UPDATE
    ) AS bumped
    WHERE users.id = bumped.id;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END
$$;
