//! Everything that differs between the SQL of SQLite and of PostgreSQL, in one place. The
//! repositories (`repo/sql/`) are written once against [`Dialect`]; each back end compiles
//! them with its own dialect (ADR 0002).

use sqlx::QueryBuilder;

/// One back end's spelling of the few things the two databases say differently.
pub trait Dialect {
    /// The sqlx database type.
    type Db: sqlx::Database;
    /// `todos.tag_keys` as bound (`created_tag_keys`).
    type TagKeys: for<'q> sqlx::Encode<'q, Self::Db> + sqlx::Type<Self::Db> + Send + 'static;
    /// `sqlite` or `postgres`, for messages.
    const NAME: &'static str;
    /// Gives back the memory an idle connection caches (SQLite: its page cache, up to 2 MiB
    /// per connection); `None`: the connection's memory is the server's (PostgreSQL).
    const RELEASE_MEMORY: Option<&'static str>;
    /// Opens a write transaction. SQLite: `BEGIN IMMEDIATE`, which takes the write lock up
    /// front (a deferred transaction that upgrades later can fail with SQLITE_BUSY).
    const BEGIN_WRITE: &'static str;
    /// Row-locking suffix of a `SELECT` inside a write transaction. SQLite needs none: its
    /// write transaction already excludes other writers.
    const FOR_UPDATE: &'static str;
    /// Row-locking suffix that serialises writers of one row without blocking inserts that
    /// only reference it (PostgreSQL `FOR NO KEY UPDATE`, which foreign-key checks do not
    /// wait for); SQLite needs none.
    const LOCK_ROW: &'static str;
    /// The value todos without a due date sort as (the end of time, as the due-date
    /// index spells it).
    const NO_DUE: &'static str;
    /// What turns a query into its plan.
    const EXPLAIN: &'static str;
    /// The column of the plan's rows that holds the readable text.
    const EXPLAIN_DETAIL_COLUMN: usize;
    /// Whether a search's candidate probe is the planner's estimate, computed in the server
    /// from the columns' statistics (`repo::text_estimate`), rather than a statement.
    const ESTIMATES_TEXT_IN_SERVER: bool;
    /// The day of a `list_completions` row `c` (the UTC day of `completed_at`, kept by the
    /// triggers of migration 23) as `YYYY-MM-DD` text.
    const COUNTED_DAY: &'static str;

    /// The feed's watermark in the reader's snapshot: every change number below it belongs
    /// to a finished transaction, and any transaction still to commit gets one at or above
    /// it (ADR 0026).
    const WATERMARK: &'static str;
    /// The larger of two numbers (`GREATEST(a, b)` / `MAX(a, b)`).
    const GREATEST: &'static str;
    /// The column a statement that found a row by walking an index reads it back by, later
    /// in the same statement: SQLite `rowid` (the table's own key, no second index
    /// descent), PostgreSQL `id` (the primary key).
    const ROW_ID: &'static str;
    /// A NULL of [`Dialect::ROW_ID`]'s type, for the arms of a `UNION` whose rows are not
    /// read back by it (PostgreSQL types an untyped NULL as text).
    const NO_ROW_ID: &'static str;

    /// Whether a statement whose best plan depends on its values (a tag, a search term, a
    /// date range) may keep a prepared statement across executions. PostgreSQL: no. A
    /// named statement may settle on one generic plan for all values after five executions
    /// (`plan_cache_mode = auto`), which for a rare tag walks a whole list; an unnamed one
    /// is planned for its values every time. SQLite: yes; its planner does not look at
    /// bound values, and re-preparing costs more than it could win.
    const CACHE_VALUE_PLANS: bool;
    /// The SQL of a large read whose best plan does not depend on its values, with every
    /// bound value (`$n`) out of the planner's sight, so that its prepared statement keeps
    /// one generic plan. PostgreSQL: `(SELECT $n)`, an init plan whose value the planner
    /// does not know (it is typed by the bind, and still an index key). Under
    /// `plan_cache_mode = auto` a custom plan then costs what the generic one does plus its
    /// planning, so the statement settles on the generic plan after five executions. With
    /// the values in sight, the change feed's custom plans looked cheaper on paper and `auto`
    /// replanned each page (1.3–2.7 ms), although the generic plan runs as fast. SQLite:
    /// unchanged; it plans once per prepared statement anyway. The SQL must hold no `$` but
    /// its placeholders' (no string literal with one).
    fn generic_plan_sql(sql: &str) -> std::borrow::Cow<'_, str>;

    /// Appends ` AND <title or notes of todos contain text, ignoring case>`, checked on
    /// each row read (ADR 0010). PostgreSQL: `ILIKE`, which its trigram indexes serve when
    /// the planner prefers them. SQLite: `REGEXP` with the escaped text under `(?i)`
    /// (Unicode simple case folding), whatever found the row.
    fn push_text_search(q: &mut QueryBuilder<Self::Db>, text: &str);

    /// Appends ` AND <the todo carries every one of keys>`, checked on the tag keys the row
    /// itself carries (`todos.tag_keys`, kept by the triggers of migration 26), not by a
    /// lookup in `todo_tags` per key and row walked.
    fn push_tag_keys(q: &mut QueryBuilder<Self::Db>, keys: &[String]);

    /// Whether a page filtered by tags walks its sort index's summary of the keys first
    /// (`push_tag_summary`): PostgreSQL, whose plain index scan can test a condition only on
    /// the heap row. SQLite tests the keys in the default order's index entry itself
    /// (`push_tag_keys`).
    const TAG_SUMMARY: bool;

    /// With `TAG_SUMMARY`, on the walk of a tag page's sort index (`todos`, after its scope):
    /// ` AND <the entry's summary holds the bit of every one of keys>`. The walk is an
    /// index-only scan that passes on only the entries whose summary matches; their rows are
    /// then read and tested against the exact keys and the other filters (ADR 0010).
    fn push_tag_summary(q: &mut QueryBuilder<Self::Db>, keys: &[String]);

    /// What a create stores in `todos.tag_keys` with its row, for its `tags`. PostgreSQL:
    /// their keys as migration 26's triggers would write them (`sorted_tag_keys`), so
    /// that the trigger on the create's tags finds the keys there and updates nothing (the
    /// update cost ≈1.1 ms inside the list's lock). SQLite: `None`, as before: its row trigger
    /// rewrites the column after each tag row anyway, and the update triggers it guards tell
    /// that update from a change of the todo by the column changing.
    fn created_tag_keys(tags: &[String]) -> Option<Self::TagKeys>;

    /// The text-index query whose matches include every row whose title or notes contain
    /// `text` (ignoring case), for [`Dialect::push_count_text_candidates`] and
    /// [`Dialect::open_text_candidates`]; `None` if there is none to ask. SQLite: the FTS5
    /// trigram query (`repo::fts_folding`). PostgreSQL: the `ILIKE` pattern its trigram
    /// indexes serve.
    fn text_candidates(text: &str) -> Option<String>;

    /// The statement counting the rows the text index proposes for `candidates` (from
    /// [`Dialect::text_candidates`]), over all accounts, stopping at `cap`: what tells a
    /// rare term (read its few rows) from a common one (walk the page, checking each row).
    /// PostgreSQL answers its planner's estimate instead (migration 27): its trigram
    /// indexes cannot stop at a count, and a common term's exact count is what costs.
    fn push_count_text_candidates(q: &mut QueryBuilder<Self::Db>, candidates: &str, cap: u32);

    /// Opens the conditions of a page read from the text index's `candidates`: appends
    /// `<the row is one of them> AND ` (nothing on PostgreSQL, where the search condition
    /// itself is what the trigram indexes serve) and returns how the page's scope then names
    /// the list column, spelled so that it is no index's key and the candidates drive the
    /// plan.
    fn open_text_candidates(q: &mut QueryBuilder<Self::Db>, candidates: &str) -> &'static str;

    /// The tags of the todo whose id is the SQL expression `todo_id`, in tag-key order, as
    /// one value (`repo::DbTags` decodes it): a correlated subquery on the primary key
    /// `(todo_id, tag_key)`, evaluated for the rows returned only.
    fn tags_of(todo_id: &str) -> String;

    /// Opens a left join of at most one row of `table` (as `alias`) per row so far, found by
    /// key: the join condition follows, then [`Dialect::close_join_one`]. PostgreSQL joins
    /// it `LATERAL`, so that it is always a key lookup per row (never a hash join over the
    /// whole table, which the planner may prefer when it misjudges the row count).
    fn open_join_one(q: &mut QueryBuilder<Self::Db>, table: &str, alias: &str);

    /// Closes [`Dialect::open_join_one`].
    fn close_join_one(q: &mut QueryBuilder<Self::Db>, alias: &str);

    /// Opens a page over all of a user's lists as the merge of one page per list (each
    /// one index walk, `lm` the membership): then come the conditions of the per-list
    /// page (after `WHERE list_id = lm.list_id`), its `ORDER BY … LIMIT`, and
    /// [`Dialect::close_lists_merge`]. `select` is what a todo row selects, from `todos`.
    fn open_lists_merge(q: &mut QueryBuilder<Self::Db>, select: &str);

    /// Closes [`Dialect::open_lists_merge`] for the lists of `me`; the merged page's own
    /// `ORDER BY … LIMIT` follows.
    fn close_lists_merge(q: &mut QueryBuilder<Self::Db>, me: uuid::Uuid);

    /// Opens one walk of `table` per list of the caller (each one index walk, `lm` the
    /// membership, which the walk's conditions may name): selects `columns` of `table` and
    /// `joined` (`lm.joined_change_id`). Then come the walk's conditions (after
    /// `WHERE list_id = lm.list_id`, columns qualified with `table`), its
    /// `ORDER BY … LIMIT`, and [`Dialect::close_each_list`] with the caller.
    fn open_each_list(q: &mut QueryBuilder<Self::Db>, table: &str, columns: &str);

    /// Closes [`Dialect::open_each_list`] of `table` for the lists of `me`.
    fn close_each_list(q: &mut QueryBuilder<Self::Db>, table: &str, me: uuid::Uuid);
}

/// SQLite (embedded; times stored as fixed-width RFC 3339 text).
pub struct Sqlite;

impl Dialect for Sqlite {
    type Db = sqlx::Sqlite;
    type TagKeys = Vec<u8>;
    const NAME: &'static str = "sqlite";
    const RELEASE_MEMORY: Option<&'static str> = Some("PRAGMA shrink_memory");
    const BEGIN_WRITE: &'static str = "BEGIN IMMEDIATE";
    const FOR_UPDATE: &'static str = "";
    const LOCK_ROW: &'static str = "";
    const NO_DUE: &'static str = "'9999-12-31T23:59:59.999999Z'";
    const EXPLAIN: &'static str = "EXPLAIN QUERY PLAN ";
    // One writer at a time: the counter as this statement's snapshot sees it was given out
    // by transactions that all committed.
    const WATERMARK: &'static str = "(SELECT clock FROM sync_state WHERE id = 1) + 1";
    const GREATEST: &'static str = "MAX";
    const ROW_ID: &'static str = "rowid";
    const NO_ROW_ID: &'static str = "NULL";
    const CACHE_VALUE_PLANS: bool = true;
    const EXPLAIN_DETAIL_COLUMN: usize = 3;
    const ESTIMATES_TEXT_IN_SERVER: bool = false;
    const COUNTED_DAY: &'static str = "c.day";

    fn open_join_one(q: &mut QueryBuilder<sqlx::Sqlite>, table: &str, alias: &str) {
        q.push(" LEFT JOIN ")
            .push(table)
            .push(" ")
            .push(alias)
            .push(" ON ");
    }

    fn close_join_one(_q: &mut QueryBuilder<sqlx::Sqlite>, _alias: &str) {}

    fn generic_plan_sql(sql: &str) -> std::borrow::Cow<'_, str> {
        sql.into()
    }

    fn tags_of(todo_id: &str) -> String {
        // The primary key hands them out in key order (BINARY collation: byte order).
        format!(
            "(SELECT json_group_array(g.tag) FROM (SELECT tag FROM todo_tags \
             WHERE todo_id = {todo_id} ORDER BY tag_key) AS g)"
        )
    }

    fn push_text_search(q: &mut QueryBuilder<sqlx::Sqlite>, text: &str) {
        // sqlx's `regexp` function (`with_regexp`), whose compiled pattern SQLite keeps for
        // the statement's run. A NULL note is NULL, not a match.
        let pattern = format!("(?i){}", regex::escape(text));
        q.push(" AND (todos.title REGEXP ")
            .push_bind(pattern.clone())
            .push(" OR todos.notes REGEXP ")
            .push_bind(pattern)
            .push(")");
    }

    fn created_tag_keys(_tags: &[String]) -> Option<Vec<u8>> {
        None
    }

    fn push_tag_keys(q: &mut QueryBuilder<sqlx::Sqlite>, keys: &[String]) {
        // Each key between NUL bytes, as the column holds them (a BLOB: instr compares
        // bytes; no key holds a NUL, so a match is a whole key). The default order's index
        // carries the column: the walk checks it without reading the row.
        for key in keys {
            let mut needle = Vec::with_capacity(key.len() + 2);
            needle.push(0);
            needle.extend_from_slice(key.as_bytes());
            needle.push(0);
            q.push(" AND instr(todos.tag_keys, ")
                .push_bind(needle)
                .push(") > 0");
        }
    }

    const TAG_SUMMARY: bool = false;

    fn push_tag_summary(_q: &mut QueryBuilder<sqlx::Sqlite>, _keys: &[String]) {
        unreachable!("SQLite tests the tag keys in the index entry itself")
    }

    fn text_candidates(text: &str) -> Option<String> {
        super::fts_folding::fts_query(text)
    }

    fn push_count_text_candidates(q: &mut QueryBuilder<sqlx::Sqlite>, candidates: &str, cap: u32) {
        // The cap as a literal: a bound LIMIT makes SQLite re-prepare on every execution.
        q.push("SELECT count(*) FROM (SELECT 1 FROM todos_fts WHERE todos_fts MATCH ")
            .push_bind(candidates.to_owned())
            .push(" LIMIT ")
            .push(cap)
            .push(")");
    }

    fn open_text_candidates(q: &mut QueryBuilder<sqlx::Sqlite>, candidates: &str) -> &'static str {
        // FTS5 trigram index: a quoted phrase matches as a substring, ignoring case. The
        // unary `+` keeps the list indexes out, which would otherwise walk the whole list
        // checking each row against the candidates.
        q.push("todos.rowid IN (SELECT rowid FROM todos_fts WHERE todos_fts MATCH ")
            .push_bind(candidates.to_owned())
            .push(") AND ");
        "+todos.list_id"
    }

    fn open_lists_merge(q: &mut QueryBuilder<sqlx::Sqlite>, select: &str) {
        // No LATERAL: each list's page is a correlated subquery, whose rowids are handed
        // out by json_each; the outer query reads those rows by rowid and sorts them.
        q.push(select).push(
            " WHERE rowid IN (SELECT value FROM list_members lm, json_each((SELECT \
             json_group_array(rowid) FROM (SELECT rowid FROM todos WHERE list_id = lm.list_id",
        );
    }

    fn close_lists_merge(q: &mut QueryBuilder<sqlx::Sqlite>, me: uuid::Uuid) {
        q.push("))) WHERE lm.user_id = ").push_bind(me).push(")");
    }

    fn open_each_list(q: &mut QueryBuilder<sqlx::Sqlite>, table: &str, columns: &str) {
        // As `open_lists_merge`, each list's walk hands out rowids, but joined (`CROSS
        // JOIN` keeps this order): the membership is at hand for every row (a correlated
        // lookup instead would be copied by the flattener into each use of the column),
        // and each row is read once, by rowid.
        q.push("SELECT ")
            .push(columns)
            .push(
                ", lm.joined_change_id AS joined FROM list_members lm CROSS JOIN json_each((SELECT \
                 json_group_array(rowid) FROM (SELECT rowid FROM ",
            )
            .push(table)
            .push(" WHERE list_id = lm.list_id");
    }

    fn close_each_list(q: &mut QueryBuilder<sqlx::Sqlite>, table: &str, me: uuid::Uuid) {
        q.push("))) AS each_row CROSS JOIN ")
            .push(table)
            .push(" ON ")
            .push(table)
            .push(".rowid = each_row.value WHERE lm.user_id = ")
            .push_bind(me);
    }
}

/// PostgreSQL (`timestamptz`, `pg_trgm`).
pub struct Postgres;

impl Dialect for Postgres {
    type Db = sqlx::Postgres;
    type TagKeys = Vec<String>;
    const NAME: &'static str = "postgres";
    const RELEASE_MEMORY: Option<&'static str> = None;
    const BEGIN_WRITE: &'static str = "BEGIN";
    const FOR_UPDATE: &'static str = " FOR UPDATE";
    const LOCK_ROW: &'static str = " FOR NO KEY UPDATE";
    const NO_DUE: &'static str = "'infinity'::timestamptz";
    const EXPLAIN: &'static str = "EXPLAIN ";
    // The oldest transaction still running when the snapshot was taken: every id below it
    // has finished (and is visible to this snapshot, or rolled back).
    const WATERMARK: &'static str = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint";
    const GREATEST: &'static str = "GREATEST";
    const ROW_ID: &'static str = "id";
    const NO_ROW_ID: &'static str = "NULL::uuid";
    const CACHE_VALUE_PLANS: bool = false;
    const EXPLAIN_DETAIL_COLUMN: usize = 0;
    const ESTIMATES_TEXT_IN_SERVER: bool = true;
    const COUNTED_DAY: &'static str = "to_char(c.day, 'YYYY-MM-DD')";

    fn open_join_one(q: &mut QueryBuilder<sqlx::Postgres>, table: &str, alias: &str) {
        q.push(" LEFT JOIN LATERAL (SELECT ")
            .push(alias)
            .push(".* FROM ")
            .push(table)
            .push(" ")
            .push(alias)
            .push(" WHERE ");
    }

    fn close_join_one(q: &mut QueryBuilder<sqlx::Postgres>, alias: &str) {
        // LIMIT 1 (it is at most one row anyway) keeps the planner from pulling the
        // subquery up into a plain join.
        q.push(" LIMIT 1) AS ").push(alias).push(" ON TRUE");
    }

    fn generic_plan_sql(sql: &str) -> std::borrow::Cow<'_, str> {
        let mut out = String::with_capacity(sql.len() + sql.len() / 4);
        let mut rest = sql;
        while let Some(at) = rest.find('$') {
            let digits = rest[at + 1..]
                .bytes()
                .take_while(u8::is_ascii_digit)
                .count();
            let end = at + 1 + digits;
            out.push_str(&rest[..at]);
            if digits == 0 {
                out.push('$');
            } else {
                out.push_str("(SELECT ");
                out.push_str(&rest[at..end]);
                out.push(')');
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        out.into()
    }

    fn tags_of(todo_id: &str) -> String {
        // Byte order ("C"), as Rust orders the keys, whatever the database's collation.
        format!(
            "COALESCE((SELECT array_agg(g.tag ORDER BY g.tag_key COLLATE \"C\") \
             FROM todo_tags AS g WHERE g.todo_id = {todo_id}), '{{}}')"
        )
    }

    fn push_text_search(q: &mut QueryBuilder<sqlx::Postgres>, text: &str) {
        // pg_trgm indexes serve ILIKE '%text%'.
        let pattern = super::rows::like_contains(text);
        q.push(" AND (title ILIKE ")
            .push_bind(pattern.clone())
            .push(" OR notes ILIKE ")
            .push_bind(pattern)
            .push(")");
    }

    fn created_tag_keys(tags: &[String]) -> Option<Vec<String>> {
        let keys = crate::domain::todo_query::sorted_tag_keys(tags);
        (!keys.is_empty()).then_some(keys)
    }

    fn push_tag_keys(q: &mut QueryBuilder<sqlx::Postgres>, keys: &[String]) {
        // Array containment on the row the walk reads anyway. The keys are out of the
        // planner's sight (`generic_plan_sql`): every plan reads the list until the page is
        // full, so the statement keeps its generic plan instead of a custom one per request.
        // Unqualified: under a summary walk it names the row read by primary key
        // (`push_tag_summary`).
        q.push(" AND tag_keys @> (SELECT ")
            .push_bind(keys.to_vec())
            .push(")");
    }

    const TAG_SUMMARY: bool = true;

    fn push_tag_summary(q: &mut QueryBuilder<sqlx::Postgres>, keys: &[String]) {
        // `todos.tag_bits` (migration 28) is in every sort index (`INCLUDE`): none of the
        // requested keys' bits may be missing from it; NULL (no tags) matches nothing. `< 1`,
        // not `= 0`, which is the same for these never negative values: the planner guesses a
        // third of the rows for an inequality but 0.5% for an equality, and with 0.5% it
        // costed the walk as reading most of the list (then compiled the statement with JIT:
        // 30 ms). Bound out of the planner's sight, as the keys (`generic_plan_sql`).
        q.push(" AND ((SELECT ")
            .push_bind(tag_bits(keys))
            .push("::int8) & ~tag_bits) < 1");
    }

    fn text_candidates(text: &str) -> Option<String> {
        // Only a term with a trigram the index can look up: pg_trgm takes the words of a
        // pattern (runs of alphanumerics) and, between wildcards, only their inner trigrams,
        // so a term without a run of three ("a.b", "%_%") would read the whole index, every
        // account's todos, where the walk reads the caller's lists. ASCII runs only: whether
        // PostgreSQL counts "ä" as a letter depends on the database's character type.
        has_trigram_run(text).then(|| super::rows::like_contains(text))
    }

    fn push_count_text_candidates(
        q: &mut QueryBuilder<sqlx::Postgres>,
        candidates: &str,
        _cap: u32,
    ) {
        // The planner's estimate over all accounts (migration 27): planned, not run, so it
        // costs the same for any term; it is compared with the cap like SQLite's count.
        q.push("SELECT todos_text_estimate(")
            .push_bind(candidates.to_owned())
            .push(")");
    }

    fn open_text_candidates(_q: &mut QueryBuilder<sqlx::Postgres>, _: &str) -> &'static str {
        // The search condition that follows (`push_text_search`) finds them through the
        // trigram indexes; the list column, spelled as no index's key, keeps the planner
        // from ANDing them with a bitmap of the whole list.
        "COALESCE(todos.list_id, todos.list_id)"
    }

    fn open_lists_merge(q: &mut QueryBuilder<sqlx::Postgres>, select: &str) {
        q.push("SELECT todos.* FROM list_members lm CROSS JOIN LATERAL (")
            .push(select)
            .push(" WHERE list_id = lm.list_id");
    }

    fn close_lists_merge(q: &mut QueryBuilder<sqlx::Postgres>, me: uuid::Uuid) {
        q.push(") AS todos WHERE lm.user_id = ").push_bind(me);
    }

    fn open_each_list(q: &mut QueryBuilder<sqlx::Postgres>, table: &str, columns: &str) {
        q.push("SELECT w.*, lm.joined_change_id AS joined FROM list_members lm CROSS JOIN LATERAL (SELECT ")
            .push(columns)
            .push(" FROM ")
            .push(table)
            .push(" WHERE list_id = lm.list_id");
    }

    fn close_each_list(q: &mut QueryBuilder<sqlx::Postgres>, _table: &str, me: uuid::Uuid) {
        q.push(") AS w WHERE lm.user_id = ").push_bind(me);
    }
}

/// The summary of tag keys that `todos.tag_bits` holds (migration 28's `todo_tag_bits`): for
/// each key, bit `b % 63` where `b` is the first byte of the SHA-256 of its UTF-8 bytes.
pub(crate) fn tag_bits(keys: &[String]) -> i64 {
    use sha2::{Digest, Sha256};
    keys.iter().fold(0, |bits, key| {
        bits | 1 << (Sha256::digest(key.as_bytes())[0] % 63)
    })
}

/// Whether `text` holds three ASCII letters or digits in a row: a trigram pg_trgm can look
/// up for `%text%`.
fn has_trigram_run(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .any(|word| word.len() >= 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_bits_are_the_databases() {
        // `SELECT k, get_byte(sha256(convert_to(k, 'UTF8')), 0) % 63` on PostgreSQL 15.
        let bit = |k: &str| tag_bits(&[k.to_owned()]);
        assert_eq!(bit("travel"), 1 << 2);
        assert_eq!(bit("urgent"), 1 << 60);
        assert_eq!(bit("ärzte"), 1 << 49);
        assert_eq!(bit("tag34"), 1 << 22);
        assert_eq!(
            tag_bits(&["travel".into(), "urgent".into()]),
            1 << 2 | 1 << 60
        );
        assert_eq!(tag_bits(&[]), 0);
    }

    #[test]
    fn postgres_asks_its_trigram_indexes_only_for_a_term_they_can_look_up() {
        for term in ["4321", "dentist", "a.b dotted", "x 50% off", "Ärzte"] {
            assert!(Postgres::text_candidates(term).is_some(), "{term}");
        }
        for term in ["a.b", "%_%", "ab cd", "(xy)", "Äää", "Работа"] {
            assert!(Postgres::text_candidates(term).is_none(), "{term}");
        }
    }

    #[test]
    fn a_generic_plan_hides_every_value_from_the_postgres_planner() {
        let sql = "SELECT a FROM t WHERE (b, c) > ($1, $2) AND d = $10 AND e = $3::int LIMIT 5";
        assert_eq!(
            Postgres::generic_plan_sql(sql),
            "SELECT a FROM t WHERE (b, c) > ((SELECT $1), (SELECT $2)) AND d = (SELECT $10) \
             AND e = (SELECT $3)::int LIMIT 5"
        );
        // A dollar that is not a placeholder stays as it is.
        assert_eq!(Postgres::generic_plan_sql("SELECT $ , x$"), "SELECT $ , x$");
        assert_eq!(Sqlite::generic_plan_sql(sql), sql);
    }
}
