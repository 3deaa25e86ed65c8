-- Administration lists accounts newest first, optionally filtered by an email substring
-- (PostgreSQL): a trigram index serves the case-insensitive substring match.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX users_created_idx ON users (created_at DESC, id DESC);
CREATE INDEX users_email_trgm_idx ON users USING gin (email_normalized gin_trgm_ops);
