-- Todo versions for ETags and optimistic concurrency (If-Match): +1 on every change (SQLite).
ALTER TABLE todos ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
