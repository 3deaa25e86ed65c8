-- A 63-bit summary of each todo's tag keys, carried in the sort indexes (issue 12, T040;
-- ADR 0010 amended): a page filtered by tags walks its sort index as an index-only scan that
-- tests the summary in each entry, and reads a todo's row (to test its exact keys and the
-- other filters) only where the summary holds every requested key's bit. Before, a plain index scan
-- could test `tag_keys @>` only on the heap row: two tags that one todo in 70 carries read
-- ≈1,200 rows of the heavy user's list per page.
--
-- One bit per key, chosen by the first byte of the SHA-256 of its UTF-8 bytes modulo 63 (a
-- function that cannot change between PostgreSQL versions, unlike the internal hash
-- functions, so a summary stored by one server is read right by the next; the server
-- computes the requested keys' bits the same way, `repo::dialect::tag_bits`). 63 bits, not
-- 64: the sign bit stays clear, so a summary is never negative (the page's test relies on
-- it). Keys that share a bit are told apart by the exact test on the row; a todo without
-- tags has NULL, which no filter matches. (`convert_to` is STABLE because a conversion
-- between two encodings could be redefined; to UTF-8 it gives the text's UTF-8 bytes.)
CREATE FUNCTION todo_tag_bits(keys text[]) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(bit_or(1::bigint << (get_byte(sha256(convert_to(k, 'UTF8')), 0) % 63)), 0)
    FROM unnest(keys) AS k
$$;

-- Generated from `tag_keys`, so every writer that keeps the keys (the triggers of migration
-- 26, a create, the seed's COPY) keeps the summary without knowing it. Adding a stored
-- column rewrites the table and builds each index afresh under ACCESS EXCLUSIVE until this
-- migration commits (as migration 26 did).
ALTER TABLE todos ADD COLUMN tag_bits bigint GENERATED ALWAYS AS (todo_tag_bits(tag_keys)) STORED;

-- The six sort indexes of a list again, each with the summary as a non-key column (the due
-- order's also with `due_at`, which its key holds only inside an expression: an index-only
-- scan needs the column itself). Built under new names, then given the old ones.
CREATE INDEX todos_list_position_bits_idx ON todos (list_id, position, id) INCLUDE (tag_bits);
CREATE INDEX todos_list_created_bits_idx ON todos (list_id, created_at DESC, id DESC) INCLUDE (tag_bits);
CREATE INDEX todos_list_updated_bits_idx ON todos (list_id, updated_at DESC, id DESC) INCLUDE (tag_bits);
CREATE INDEX todos_list_priority_bits_idx ON todos (list_id, priority DESC, id DESC) INCLUDE (tag_bits);
CREATE INDEX todos_list_title_bits_idx ON todos (list_id, title, id) INCLUDE (tag_bits);
CREATE INDEX todos_list_due_bits_idx ON todos (list_id, (COALESCE(due_at, 'infinity'::timestamptz)), id)
    INCLUDE (tag_bits, due_at);
DROP INDEX todos_list_position_idx, todos_list_created_idx, todos_list_updated_idx,
    todos_list_priority_idx, todos_list_title_idx, todos_list_due_idx;
ALTER INDEX todos_list_position_bits_idx RENAME TO todos_list_position_idx;
ALTER INDEX todos_list_created_bits_idx RENAME TO todos_list_created_idx;
ALTER INDEX todos_list_updated_bits_idx RENAME TO todos_list_updated_idx;
ALTER INDEX todos_list_priority_bits_idx RENAME TO todos_list_priority_idx;
ALTER INDEX todos_list_title_bits_idx RENAME TO todos_list_title_idx;
ALTER INDEX todos_list_due_bits_idx RENAME TO todos_list_due_idx;
