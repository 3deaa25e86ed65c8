-- Tags, one index per sort order, and full-text search (SQLite).

CREATE TABLE todo_tags (
    todo_id BLOB NOT NULL REFERENCES todos (id) ON DELETE CASCADE,
    user_id BLOB NOT NULL,
    tag     TEXT NOT NULL,
    tag_key TEXT NOT NULL,
    PRIMARY KEY (todo_id, tag_key)
) STRICT;

-- GET /tags (per user, alphabetical, with counts).
CREATE INDEX todo_tags_user_key_idx ON todo_tags (user_id, tag_key, todo_id);

-- Keyset pagination for each sort (scanned backwards for the other direction).
CREATE INDEX todos_user_updated_idx ON todos (user_id, updated_at DESC, id DESC);
CREATE INDEX todos_user_priority_idx ON todos (user_id, priority DESC, id DESC);
CREATE INDEX todos_user_title_idx ON todos (user_id, title, id);
CREATE INDEX todos_user_due_idx ON todos (user_id, COALESCE(due_at, '9999-12-31T23:59:59.999999Z'), id);

-- Case-insensitive substring search in title and notes: FTS5 with the trigram tokenizer,
-- kept in step with todos by triggers.
CREATE VIRTUAL TABLE todos_fts USING fts5(title, notes, content = 'todos', content_rowid = 'rowid', tokenize = 'trigram');

CREATE TRIGGER todos_fts_insert AFTER INSERT ON todos BEGIN
    INSERT INTO todos_fts (rowid, title, notes) VALUES (new.rowid, new.title, new.notes);
END;

CREATE TRIGGER todos_fts_delete AFTER DELETE ON todos BEGIN
    INSERT INTO todos_fts (todos_fts, rowid, title, notes) VALUES ('delete', old.rowid, old.title, old.notes);
END;

CREATE TRIGGER todos_fts_update AFTER UPDATE OF title, notes ON todos BEGIN
    INSERT INTO todos_fts (todos_fts, rowid, title, notes) VALUES ('delete', old.rowid, old.title, old.notes);
    INSERT INTO todos_fts (rowid, title, notes) VALUES (new.rowid, new.title, new.notes);
END;

INSERT INTO todos_fts (todos_fts) VALUES ('rebuild');
