-- no-transaction
-- VACUUM cannot run in a transaction, so it has a migration of its own (issue 12, T040). Migration
-- 28 rewrote `todos`, and a rewritten table has no visibility map: until a vacuum sets it, every
-- index-only scan also reads the heap, and the tag pages' walk of their sort index (ADR 0010) is
-- one. Autovacuum would set it only after enough later writes. Readers and writers go on meanwhile
-- (VACUUM takes SHARE UPDATE EXCLUSIVE); about a second at 1,000,000 todos on the bench machine.
VACUUM (ANALYZE) todos;
