-- Tags, one index per sort order, and substring search (PostgreSQL).

CREATE TABLE todo_tags (
    todo_id uuid NOT NULL REFERENCES todos (id) ON DELETE CASCADE,
    user_id uuid NOT NULL,
    tag     text NOT NULL,
    tag_key text NOT NULL,
    PRIMARY KEY (todo_id, tag_key)
);

-- GET /tags (per user, alphabetical, with counts).
CREATE INDEX todo_tags_user_key_idx ON todo_tags (user_id, tag_key, todo_id);

-- Keyset pagination for each sort (scanned backwards for the other direction).
CREATE INDEX todos_user_updated_idx ON todos (user_id, updated_at DESC, id DESC);
CREATE INDEX todos_user_priority_idx ON todos (user_id, priority DESC, id DESC);
CREATE INDEX todos_user_title_idx ON todos (user_id, title, id);
CREATE INDEX todos_user_due_idx ON todos (user_id, (COALESCE(due_at, 'infinity'::timestamptz)), id);

-- Case-insensitive substring search in title and notes (ILIKE), served by trigram indexes.
CREATE INDEX todos_title_trgm_idx ON todos USING gin (title gin_trgm_ops);
CREATE INDEX todos_notes_trgm_idx ON todos USING gin (notes gin_trgm_ops);
