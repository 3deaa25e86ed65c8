-- A password change or reset bumps the account's credentials version. A session (and its
-- refresh tokens) works only while it carries the account's current version, and a reset
-- token only while its version is current: a login that verified the old password but
-- committed its session after the change, or a reset link sent before it, is dead.
ALTER TABLE users ADD COLUMN credentials_version bigint NOT NULL DEFAULT 1;
ALTER TABLE sessions ADD COLUMN credentials_version bigint NOT NULL DEFAULT 1;
ALTER TABLE password_resets ADD COLUMN credentials_version bigint NOT NULL DEFAULT 1;
