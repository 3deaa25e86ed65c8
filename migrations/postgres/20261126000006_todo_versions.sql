-- Todo versions for ETags and optimistic concurrency (If-Match): +1 on every change (PostgreSQL).
ALTER TABLE todos ADD COLUMN version bigint NOT NULL DEFAULT 1;
