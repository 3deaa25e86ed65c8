-- Administration lists accounts newest first (SQLite). The email substring filter scans
-- this index in order; SQLite has no trigram index for it.
CREATE INDEX users_created_idx ON users (created_at DESC, id DESC);
