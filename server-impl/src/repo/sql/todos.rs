//! Todos: stored with their tags, listed by keyset pages, changed conditionally, in batches,
//! moved in their list's manual order. Every statement carries the caller's membership of
//! the todo's list (ADR 0025): any role to read, owner or editor to write.

use super::offline::{self, Entity};
use super::{D, Db, Store};
use crate::domain::position::{self, key_between, keys_between, needs_rebalance};
use crate::domain::{
    BatchAction, BatchOutcome, Conditional, NewTodo, SortField, SortKey, SortValue, Todo,
    TodoChanges, TodoFilter, TodoMoveTarget, TodoSort, ValidationErrors, todo::MAX_SUBTASKS,
};
use crate::repo::dialect::Dialect;
use crate::repo::rows;
use crate::repo::text_estimate::{self, TextStats, TextStatsCache};
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

type Conn = <Db as sqlx::Database>::Connection;

/// The list a membership check is about: a column of the statement's row, or a bound id.
pub(super) enum ListRef {
    Column(&'static str),
    Id(Uuid),
}

impl From<&'static str> for ListRef {
    fn from(column: &'static str) -> ListRef {
        ListRef::Column(column)
    }
}

impl From<Uuid> for ListRef {
    fn from(id: Uuid) -> ListRef {
        ListRef::Id(id)
    }
}

/// Appends `EXISTS (<me is a member of the list>)`; with `write`, as owner or editor. The
/// one spelling of the membership check every todo statement carries (ADR 0025).
pub(super) fn push_member(
    q: &mut sqlx::QueryBuilder<Db>,
    list: impl Into<ListRef>,
    me: Uuid,
    write: bool,
) {
    q.push("EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = ");
    match list.into() {
        ListRef::Column(column) => q.push(column),
        ListRef::Id(id) => q.push_bind(id),
    };
    q.push(" AND m.user_id = ").push_bind(me);
    if write {
        q.push(" AND m.role IN ('owner', 'editor')");
    }
    q.push(")");
}

/// Appends the lists a page covers: the one named (if `me` is a member) or all of `me`'s,
/// `column` being how the statement names the todo's list.
pub(super) fn push_scope(
    q: &mut sqlx::QueryBuilder<Db>,
    me: Uuid,
    list: Option<Uuid>,
    column: &str,
) {
    match list {
        Some(list) => {
            q.push(column).push(" = ").push_bind(list).push(" AND ");
            push_member(q, "todos.list_id", me, false);
        }
        None => {
            q.push(column)
                .push(" IN (SELECT m.list_id FROM list_members m WHERE m.user_id = ")
                .push_bind(me)
                .push(")");
        }
    }
}

/// How a page with a search term finds its rows (ADR 0010): `Some` (the text-index query) if
/// the term has fewer than `cap` candidates over all accounts (SQLite counts them; PostgreSQL
/// asks its planner's estimate), to read them through the text index; `None` to walk the
/// page's index in page order, checking each row (a common term fills a page after a few
/// rows), or if there is no search. Either way every row is checked by
/// `Dialect::push_text_search`, so both answer the same rows. The count stops at `cap`: one
/// bounded statement whatever the term, on the connection the page is then read on.
pub(super) async fn text_candidates(
    conn: &mut Conn,
    filter: &TodoFilter,
    cap: u32,
    stats: &TextStatsCache,
) -> Result<Option<String>, RepoError> {
    if cap == 0 {
        return Ok(None);
    }
    let Some(text) = filter.text.as_deref() else {
        return Ok(None);
    };
    let Some(candidates) = D::text_candidates(text) else {
        return Ok(None);
    };
    if D::ESTIMATES_TEXT_IN_SERVER
        && let Some(stats) = text_stats(conn, stats).await?
    {
        let rows = stats.estimate_rows(text, &candidates);
        return Ok((rows < i64::from(cap)).then_some(candidates));
    }
    let mut q = sqlx::QueryBuilder::<Db>::new("");
    D::push_count_text_candidates(&mut q, &candidates, cap);
    let count: i64 = q.build_query_scalar().fetch_one(&mut *conn).await?;
    Ok((count < i64::from(cap)).then_some(candidates))
}

/// The statistics a search's estimate is computed from (PostgreSQL), read on `conn` when
/// this node's are older than `text_estimate::MAX_AGE`; `None` before a first `ANALYZE`.
pub(super) async fn text_stats(
    conn: &mut Conn,
    cache: &TextStatsCache,
) -> Result<Option<std::sync::Arc<TextStats>>, RepoError> {
    if let Some(stats) = cache.fresh() {
        return Ok(stats);
    }
    let json: String = sqlx::query_scalar(text_estimate::STATS_SQL)
        .fetch_one(&mut *conn)
        .await?;
    Ok(cache.store(&json))
}

/// What a todo read selects, from `todos`: its columns, subtask counts and tags (aggregated
/// by `Dialect::tags_of`, decoded as `DbTags`), so that a page or a single todo is one
/// statement, not the rows and then their tags.
fn tagged_select() -> &'static str {
    static SELECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!(
            "SELECT {}, {} AS tags FROM todos",
            rows::TODO_COLUMNS,
            D::tags_of("todos.id")
        )
    });
    &SELECT
}

/// What a tag page on PostgreSQL selects (`Dialect::push_tag_summary`): [`tagged_select`] of
/// the todos whose ids the walk of `todos` that follows selects (at most a page of them).
fn summary_select() -> &'static str {
    static SELECT: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        format!("{} WHERE id IN (SELECT id FROM todos", tagged_select())
    });
    &SELECT
}

/// The query of one page of todos (see `list_todos`), after `prefix` (e.g. `EXPLAIN `);
/// with `candidates` (from `text_candidates`), read from the text index's candidates.
#[allow(clippy::too_many_arguments)]
pub(super) fn list_query(
    prefix: &'static str,
    me: Uuid,
    filter: &TodoFilter,
    sort: TodoSort,
    after: Option<SortKey>,
    limit: u32,
    now: DateTime<Utc>,
    candidates: Option<&str>,
) -> sqlx::QueryBuilder<Db> {
    // Every sort has an index on (list_id, sort expression, id); the filters are
    // checked on the rows that index walk meets, and the keyset condition makes
    // a deep page start where the previous one ended. Subtask counts are correlated
    // subqueries on the parent index, evaluated for the page's rows.
    let expr = match sort.field {
        SortField::CreatedAt => "created_at",
        SortField::UpdatedAt => "updated_at",
        SortField::DueAt => const_format::concatcp!("COALESCE(due_at, ", D::NO_DUE, ")"),
        SortField::Priority => "priority",
        SortField::Title => "title",
        SortField::Position => "position",
    };
    // Over all of the caller's lists: the merge of one page per list, each one index
    // walk (the membership is the merge's other side), instead of every todo of those
    // lists sorted. A search's few candidates are read by id instead, then kept if in
    // scope, and sorted.
    let merge = filter.list_id.is_none() && candidates.is_none();
    // PostgreSQL's tag pages walk the sort index's summary of the keys (ids only, an
    // index-only scan), test the row of each entry that matches, and read the page's rows
    // by id (`Dialect::push_tag_summary`).
    let summary = D::TAG_SUMMARY && !filter.tag_keys.is_empty() && candidates.is_none();
    let select = if summary {
        summary_select()
    } else {
        tagged_select()
    };
    let (cmp, dir) = if sort.descending {
        ("<", " DESC")
    } else {
        (">", " ASC")
    };
    let mut q = sqlx::QueryBuilder::<Db>::new(prefix);
    if merge {
        D::open_lists_merge(&mut q, select);
    } else {
        q.push(select).push(" WHERE ");
        let column = match candidates {
            Some(candidates) => D::open_text_candidates(&mut q, candidates),
            None => "list_id",
        };
        push_scope(&mut q, me, filter.list_id, column);
    }
    if summary {
        // The walk (ids only): its scope (above) and the summary; then the row of each entry
        // that passes, by its primary key, tested against the page's filters (a subplan per
        // entry, closed below: `OFFSET 0` keeps it one, where a join could be planned as a
        // read of every todo carrying the keys, of all accounts).
        D::push_tag_summary(&mut q, &filter.tag_keys);
        q.push(" AND EXISTS (SELECT 1 FROM todos t WHERE t.id = todos.id");
    }
    if let Some(parent) = filter.parent_id {
        q.push(" AND parent_id = ").push_bind(parent);
    }
    match filter.top_level {
        Some(true) => {
            q.push(" AND parent_id IS NULL");
        }
        Some(false) => {
            q.push(" AND parent_id IS NOT NULL");
        }
        None => {}
    }
    // Literals, not binds: each of their few values is a statement of its own, planned for
    // that value once and kept (`narrows_by_value`). Nothing from the request is spliced.
    if let Some(completed) = filter.completed {
        q.push(if completed {
            " AND completed = TRUE"
        } else {
            " AND completed = FALSE"
        });
    }
    if let Some(priority) = filter.priority {
        q.push(" AND priority = ").push(priority.to_db());
    }
    if !filter.tag_keys.is_empty() {
        D::push_tag_keys(&mut q, &filter.tag_keys);
    }
    if let Some(t) = filter.due_before {
        q.push(" AND due_at < ").push_bind(DbTime(t));
    }
    if let Some(t) = filter.due_after {
        q.push(" AND due_at > ").push_bind(DbTime(t));
    }
    match filter.overdue {
        Some(true) => {
            q.push(" AND completed = FALSE AND due_at < ")
                .push_bind(DbTime(now));
        }
        Some(false) => {
            q.push(" AND NOT (completed = FALSE AND due_at IS NOT NULL AND due_at < ")
                .push_bind(DbTime(now))
                .push(")");
        }
        None => {}
    }
    if let Some(text) = &filter.text {
        D::push_text_search(&mut q, text);
    }
    if summary {
        q.push(" OFFSET 0)");
    }
    push_after(&mut q, expr, cmp, after);
    q.push(" ORDER BY ")
        .push(expr)
        .push(dir)
        .push(", id")
        .push(dir);
    // A literal, not a bound parameter: SQLite re-prepares a statement whose LIMIT
    // is bound on every execution (about 70 µs of CPU per page here). `limit` is a
    // validated u32 (at most 101), so the text stays small and safe.
    q.push(" LIMIT ").push(limit);
    if summary {
        // The page's rows, read by id, in its order.
        q.push(") ORDER BY ")
            .push(expr)
            .push(dir)
            .push(", id")
            .push(dir);
    }
    if merge {
        D::close_lists_merge(&mut q, me);
        q.push(" ORDER BY ")
            .push(expr)
            .push(dir)
            .push(", id")
            .push(dir)
            .push(" LIMIT ")
            .push(limit);
    }
    q
}

/// Appends ` AND (<expr>, id) <cmp> (<the key's value>, <its id>)`: where a page starts,
/// after the last row of the previous one.
fn push_after(q: &mut sqlx::QueryBuilder<Db>, expr: &str, cmp: &str, after: Option<SortKey>) {
    let Some(key) = after else {
        return;
    };
    q.push(" AND (")
        .push(expr)
        .push(", id) ")
        .push(cmp)
        .push(" (");
    match key.value {
        SortValue::Time(t) => {
            q.push_bind(DbTime(t));
        }
        SortValue::MaybeTime(t) => {
            q.push("COALESCE(")
                .push_bind(t.map(DbTime))
                .push(const_format::concatcp!(", ", D::NO_DUE, ")"));
        }
        SortValue::Priority(p) => {
            q.push_bind(p);
        }
        SortValue::Text(s) | SortValue::Position(s) => {
            q.push_bind(s);
        }
    }
    q.push(", ").push_bind(key.id).push(")");
}

/// Whether a page's filters narrow it by values whose share of the rows varies and that an
/// index can find (a search term, a date range): the best plan then depends on the values
/// (walk the list in page order for a common value, find the rows of a rare one first), so
/// the statement is planned for them on every execution (`Dialect::CACHE_VALUE_PLANS`). A
/// list, a parent, top-level-only, a completion state, a priority and tags keep a cached
/// plan. The completion state and the priority are literals in the statement (a statement
/// per value, planned for it). No index finds a todo by its tag keys (`todos.tag_keys`, ADR
/// 0010), so every plan for a tag reads the list's rows (PostgreSQL: its index entries, with a
/// summary of the keys) until the page is full, and the walk in page order is the one that
/// stops first; planning it for each request cost a third to a
/// half of running it (PostgreSQL, two tags: 0.34 ms of planning against 0.5–1.4 ms of
/// walking). The keys are bound out of the planner's sight (`Dialect::push_tag_keys`), so
/// that the statement settles on its generic plan.
fn narrows_by_value(filter: &TodoFilter) -> bool {
    filter.due_before.is_some()
        || filter.due_after.is_some()
        || filter.overdue.is_some()
        || filter.text.is_some()
}

/// Appends ` <column> IN (<ids>)`, all bound, never spliced.
fn push_ids(q: &mut sqlx::QueryBuilder<Db>, column: &str, ids: &[Uuid]) {
    q.push(" ").push(column).push(" IN (");
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    q.push(")");
}

/// The todo as `me` may read it, with its tags (one statement on `conn`).
pub(super) async fn read_todo(
    conn: &mut Conn,
    me: Uuid,
    id: Uuid,
) -> Result<Option<Todo>, RepoError> {
    let row: Option<rows::TodoRow> = sqlx::query_as(read_todo_sql())
        .bind(id)
        .bind(me)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(Todo::try_from).transpose()
}

/// [`read_todo`]'s statement, binding the todo's id, then `me`: spelled once, not built
/// again for every read.
fn read_todo_sql() -> &'static str {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let mut q = sqlx::QueryBuilder::<Db>::new(tagged_select());
        q.push(" WHERE id = ").push_bind(Uuid::nil()).push(" AND ");
        push_member(&mut q, "todos.list_id", Uuid::nil(), false);
        q.into_string()
    });
    &SQL
}

/// Inside a write transaction: locks the rows of `lists` that `me` is a member of (in id
/// order, PostgreSQL; SQLite's write transaction already excludes other writers), so that
/// ordering writes to a list run one after the other. Returns each locked list's role.
async fn lock_lists(
    conn: &mut Conn,
    me: Uuid,
    lists: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, String>, RepoError> {
    let rows: Vec<(Uuid, String)> = lock_lists_query("", me, lists)
        .build_query_as()
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().collect())
}

/// The statement [`lock_lists`] sends, after `prefix` (empty, or the dialect's `EXPLAIN`).
pub(super) fn lock_lists_query(prefix: &str, me: Uuid, lists: &[Uuid]) -> sqlx::QueryBuilder<Db> {
    let mut q = sqlx::QueryBuilder::<Db>::new(prefix);
    q.push(
        "SELECT id, (SELECT m.role FROM list_members m WHERE m.list_id = lists.id AND m.user_id = ",
    )
    .push_bind(me)
    .push(") FROM lists WHERE");
    push_ids(&mut q, "id", lists);
    q.push(" AND ");
    push_member(&mut q, "lists.id", me, false);
    q.push(" ORDER BY id").push(D::FOR_UPDATE);
    q
}

/// Whether a role may change a list's todos.
fn writes(role: Option<&String>) -> Result<(), Conditional<()>> {
    match role.map(String::as_str) {
        None => Err(Conditional::NotFound),
        Some("owner" | "editor") => Ok(()),
        Some(_) => Err(Conditional::Forbidden),
    }
}

fn recast<T>(c: Conditional<()>) -> Conditional<T> {
    match c {
        Conditional::Done(()) | Conditional::NotFound | Conditional::Exists(()) => {
            Conditional::NotFound
        }
        Conditional::VersionMismatch => Conditional::VersionMismatch,
        Conditional::Forbidden => Conditional::Forbidden,
        Conditional::Invalid(e) => Conditional::Invalid(e),
        Conditional::IdTaken => Conditional::IdTaken,
    }
}

fn invalid<T>(field: &str, message: &str) -> Conditional<T> {
    Conditional::Invalid(ValidationErrors::single(field, message))
}

/// The siblings of a position: the top-level todos of `list`, or the subtasks of `parent`.
fn push_siblings(q: &mut sqlx::QueryBuilder<Db>, list: Uuid, parent: Option<Uuid>) {
    match parent {
        None => {
            q.push(" list_id = ")
                .push_bind(list)
                .push(" AND parent_id IS NULL");
        }
        Some(parent) => {
            q.push(" parent_id = ").push_bind(parent);
        }
    }
}

/// PostgreSQL: locks, in id order, the account rows a todo write will touch: `me` (whose id
/// the write stores in `created_by`/`updated_by`/`completed_by`, a foreign-key check that
/// takes a key-share lock on the row) and every account whose data version the trigger
/// bumps (the todos' creators and the members of their lists and of `lists`). Taken up
/// front and in the trigger's order, so that two writers never hold a key-share lock on a
/// row the other is about to update (a deadlock seen under load). Of `todos`, only those in
/// a list `me` may write count; `lists` must be lists the write has already found `me`
/// may write. SQLite: nothing to do.
///
/// Returns, when sent, the caller's role in the list of the first of `todos` as the
/// statement saw it: a write that has not checked the caller's role yet answers from it
/// (a later statement finding them a writer would have its trigger lock the members this
/// one did not, out of order).
async fn lock_authors(
    conn: &mut Conn,
    me: Uuid,
    todos: &[Uuid],
    lists: &[Uuid],
) -> Result<Option<Option<String>>, RepoError> {
    if D::LOCK_ROW.is_empty() {
        return Ok(None);
    }
    let rows: Vec<(Uuid, Option<String>)> = lock_authors_query("", me, todos, lists)
        .build_query_as()
        .fetch_all(&mut *conn)
        .await?;
    Ok(Some(rows.into_iter().next().and_then(|(_, role)| role)))
}

/// The statement [`lock_authors`] sends, after `prefix` (empty, or the dialect's `EXPLAIN`).
/// One `IN` over a `UNION` of lookups by key: an `OR` of `id = $me` and `id IN (…)` is a
/// sequential scan of every account (and of every membership) on PostgreSQL, the shape
/// migration 20 took out of the data-version trigger.
pub(super) fn lock_authors_query(
    prefix: &str,
    me: Uuid,
    todos: &[Uuid],
    lists: &[Uuid],
) -> sqlx::QueryBuilder<Db> {
    let mut q = sqlx::QueryBuilder::<Db>::new(prefix);
    q.push("SELECT id, ");
    match todos.first() {
        Some(todo) => {
            q.push(
                "(SELECT m.role FROM todos t JOIN list_members m ON m.list_id = t.list_id \
                 WHERE t.id = ",
            )
            .push_bind(*todo)
            .push(" AND m.user_id = ")
            .push_bind(me)
            .push(")");
        }
        None => {
            q.push("CAST(NULL AS TEXT)");
        }
    }
    q.push(" FROM users WHERE id IN (SELECT ").push_bind(me);
    if !todos.is_empty() {
        // Only todos the caller may write: the statement may run before the write checks
        // that, and a stranger's request must not hold (or wait for) the accounts of a
        // list they cannot see (tests/api/security/stranger_locks.rs).
        q.push(" UNION SELECT t.user_id FROM todos t WHERE");
        push_ids(&mut q, "t.id", todos);
        q.push(" AND ");
        push_member(&mut q, "t.list_id", me, true);
        q.push(
            " UNION SELECT lm.user_id FROM todos t JOIN list_members lm ON lm.list_id = t.list_id WHERE",
        );
        push_ids(&mut q, "t.id", todos);
        q.push(" AND ");
        push_member(&mut q, "t.list_id", me, true);
    }
    if !lists.is_empty() {
        q.push(" UNION SELECT m.user_id FROM list_members m WHERE");
        push_ids(&mut q, "m.list_id", lists);
    }
    q.push(") ORDER BY id").push(D::LOCK_ROW);
    q
}

/// Where a todo goes among its siblings.
#[derive(Clone, Copy)]
enum Slot {
    After(Uuid),
    Before(Uuid),
    First,
    Last,
}

/// The key for `moved` at `slot` among the siblings (itself excluded): one between its new
/// neighbours, or, when none fits or it would be longer than the rebalance length, after
/// respacing every sibling evenly (in this transaction).
async fn place(
    conn: &mut Conn,
    list: Uuid,
    parent: Option<Uuid>,
    moved: Uuid,
    slot: Slot,
) -> Result<String, RepoError> {
    let bound =
        |agg: &str, cmp: Option<(&str, Uuid)>| bound_query("", agg, list, parent, moved, cmp);
    let position_of = |id: Uuid| {
        let mut q = sqlx::QueryBuilder::<Db>::new("SELECT position FROM todos WHERE id = ");
        q.push_bind(id);
        q
    };
    let fetch = async |mut q: sqlx::QueryBuilder<Db>,
                       conn: &mut Conn|
           -> Result<Option<String>, RepoError> {
        let row: Option<(Option<String>,)> = q.build_query_as().fetch_optional(&mut *conn).await?;
        Ok(row.and_then(|(p,)| p))
    };
    let (prev, next) = match slot {
        Slot::After(x) => (
            fetch(position_of(x), conn).await?,
            fetch(bound("MIN", Some((">", x))), conn).await?,
        ),
        Slot::Before(x) => (
            fetch(bound("MAX", Some(("<", x))), conn).await?,
            fetch(position_of(x), conn).await?,
        ),
        Slot::First => (None, fetch(bound("MIN", None), conn).await?),
        Slot::Last => (fetch(bound("MAX", None), conn).await?, None),
    };
    match key_between(prev.as_deref(), next.as_deref()) {
        Ok(key) if !needs_rebalance(&key) => Ok(key),
        _ => respace(conn, list, parent, moved, slot).await,
    }
}

/// The first (`MIN`) or last (`MAX`) key among the siblings of `moved` (itself excluded),
/// beyond `cmp`'s sibling if given; after `prefix` (empty, or the dialect's `EXPLAIN`).
pub(super) fn bound_query(
    prefix: &str,
    agg: &str,
    list: Uuid,
    parent: Option<Uuid>,
    moved: Uuid,
    cmp: Option<(&str, Uuid)>,
) -> sqlx::QueryBuilder<Db> {
    let mut q = sqlx::QueryBuilder::<Db>::new(prefix);
    q.push("SELECT ")
        .push(agg)
        .push("(position) FROM todos WHERE");
    push_siblings(&mut q, list, parent);
    q.push(" AND id <> ").push_bind(moved);
    if let Some((op, of)) = cmp {
        q.push(" AND position ")
            .push(op)
            .push(" (SELECT t.position FROM todos t WHERE t.id = ")
            .push_bind(of)
            .push(")");
    }
    q
}

/// Gives every sibling of `moved` (itself excluded) an evenly spaced key, in their order
/// with `moved` at `slot`; returns the key left for `moved`. Respaced siblings get a new
/// version (their representation changed).
async fn respace(
    conn: &mut Conn,
    list: Uuid,
    parent: Option<Uuid>,
    moved: Uuid,
    slot: Slot,
) -> Result<String, RepoError> {
    let mut q = sqlx::QueryBuilder::<Db>::new("SELECT id FROM todos WHERE");
    push_siblings(&mut q, list, parent);
    q.push(" AND id <> ")
        .push_bind(moved)
        .push(" ORDER BY position, id");
    let mut order: Vec<Uuid> = q
        .build_query_as::<(Uuid,)>()
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(id,)| id)
        .collect();
    let at = match slot {
        Slot::First => 0,
        Slot::Last => order.len(),
        Slot::After(x) => order
            .iter()
            .position(|id| *id == x)
            .map_or(order.len(), |i| i + 1),
        Slot::Before(x) => order.iter().position(|id| *id == x).unwrap_or(0),
    };
    order.insert(at, moved);
    let keys = keys_between(None, None, order.len())
        .map_err(|e| RepoError::Corrupt(format!("respacing positions: {e}")))?;
    let mut mine = position::FIRST_KEY.to_owned();
    let mut siblings = Vec::with_capacity(order.len());
    for (id, key) in order.into_iter().zip(keys) {
        if id == moved {
            mine = key;
        } else {
            siblings.push((id, key));
        }
    }
    super::positions::set_todo_positions(conn, &siblings).await?;
    Ok(mine)
}

/// Inside a write transaction: stores a new todo (last among its siblings) and its tags,
/// if `me` may write to its list and its parent fits.
pub(super) async fn insert_todo_in(
    tx: &mut sqlx::Transaction<'_, Db>,
    me: Uuid,
    todo: &NewTodo,
) -> Result<Conditional<Todo>, RepoError> {
    let list = match (todo.list_id, todo.parent_id) {
        (Some(list), _) => list,
        (None, Some(parent)) => {
            let mut q = sqlx::QueryBuilder::<Db>::new("SELECT list_id FROM todos WHERE id = ");
            q.push_bind(parent).push(" AND ");
            push_member(&mut q, "todos.list_id", me, false);
            let row: Option<(Option<Uuid>,)> = q.build_query_as().fetch_optional(&mut **tx).await?;
            match row.and_then(|(l,)| l) {
                Some(list) => list,
                None => return Ok(invalid("parent_id", "is not a todo you can see")),
            }
        }
        // The Inbox has the caller's id.
        (None, None) => me,
    };
    let roles = lock_lists(tx, me, &[list]).await?;
    if let Err(c) = writes(roles.get(&list)) {
        return Ok(recast(c));
    }
    lock_authors(tx, me, &[], &[list]).await?;
    if let Some(parent) = todo.parent_id
        && let Some(refusal) = parent_refusal(tx, list, parent, None).await?
    {
        return Ok(refusal);
    }
    let key = place(tx, list, todo.parent_id, todo.id, Slot::Last).await?;
    let mut q = sqlx::QueryBuilder::<Db>::new(
        "INSERT INTO todos (id, user_id, title, notes, completed, completed_at, due_at, \
            priority, created_at, updated_at, list_id, parent_id, position, created_by, updated_by, \
            tag_keys) SELECT ",
    );
    let mut values = q.separated(", ");
    values
        .push_bind(todo.id)
        .push_bind(me)
        .push_bind(todo.title.clone())
        .push_bind(todo.notes.clone())
        .push("FALSE")
        .push("NULL")
        .push_bind(todo.due_at.map(DbTime))
        .push_bind(todo.priority.to_db())
        .push_bind(DbTime(todo.created_at))
        .push_bind(DbTime(todo.created_at))
        .push_bind(list)
        .push_bind(todo.parent_id)
        .push_bind(key.clone())
        .push_bind(me)
        .push_bind(me)
        .push_bind(D::created_tag_keys(&todo.tags));
    q.push(" WHERE ");
    push_member(&mut q, list, me, true);
    // A client-chosen id may be taken: the primary key decides (two concurrent creates with
    // one id: the second waits for the first and fails here); `settle_client_id` tells a
    // replay from a conflict once this transaction is rolled back.
    let inserted = match q.build().execute(&mut **tx).await {
        Ok(done) => done.rows_affected(),
        Err(e) => match RepoError::from(e) {
            e if todo.client_id && offline::is_primary_key(&e, Entity::Todo) => {
                return Ok(Conditional::IdTaken);
            }
            e => return Err(e),
        },
    };
    if inserted == 0 {
        return Ok(Conditional::NotFound);
    }
    // Never a resurrection: a deleted todo's id stays taken while its tombstone is kept.
    // Asked after the insert, so that a delete committing meanwhile is seen (its tombstone
    // commits with it, before the insert could take the id).
    if todo.client_id && offline::tombstoned(&mut **tx, Entity::Todo, todo.id).await? {
        return Ok(Conditional::IdTaken);
    }
    insert_tags(tx, me, todo.id, &todo.tags).await?;
    // No read after the write: the row is what was bound (the triggers set only the feed's
    // change number), new (version 1, no subtasks), with the tags just stored, in key order.
    Ok(Conditional::Done(Todo {
        id: todo.id,
        owner_id: me,
        title: todo.title.clone(),
        notes: todo.notes.clone(),
        completed: false,
        completed_at: None,
        due_at: todo.due_at,
        priority: todo.priority,
        created_at: todo.created_at,
        updated_at: todo.created_at,
        version: 1,
        tags: todo.tags.clone(),
        list_id: list,
        parent_id: todo.parent_id,
        position: key,
        subtask_count: 0,
        completed_subtask_count: 0,
        created_by: Some(me),
        updated_by: Some(me),
        completed_by: None,
    }))
}

/// After a create with a client-chosen id did not happen (its id taken, or refused, and
/// its transaction rolled back): one more read tells an offline queue's replay (the
/// caller's todo with that id: `Exists`, as it is now) from an id that is not the caller's
/// to use (`IdTaken`: someone else's todo, or a deleted one); other refusals stand.
pub(super) async fn settle_client_id(
    pool: &sqlx::Pool<Db>,
    me: Uuid,
    todo: &NewTodo,
    outcome: Conditional<Todo>,
) -> Result<Conditional<Todo>, RepoError> {
    if !todo.client_id || matches!(outcome, Conditional::Done(_)) {
        return Ok(outcome);
    }
    let mut conn = pool.acquire().await?;
    if let Some(existing) = read_todo(&mut conn, me, todo.id).await? {
        return Ok(Conditional::Exists(existing));
    }
    Ok(
        if offline::id_taken(&mut *conn, Entity::Todo, todo.id).await? {
            Conditional::IdTaken
        } else {
            outcome
        },
    )
}

/// Why `parent` cannot take another subtask in `list` (`moved`: the todo that would join,
/// already its subtask or not), if it cannot: it must be a top-level todo of the same list,
/// not the todo itself, with fewer than 100 subtasks.
async fn parent_refusal<T>(
    conn: &mut Conn,
    list: Uuid,
    parent: Uuid,
    moved: Option<Uuid>,
) -> Result<Option<Conditional<T>>, RepoError> {
    if moved == Some(parent) {
        return Ok(Some(invalid("parent_id", "cannot be the todo itself")));
    }
    let row: Option<(Option<Uuid>, Option<Uuid>, i64)> = sqlx::query_as(
        "SELECT list_id, parent_id, (SELECT COUNT(*) FROM todos s WHERE s.parent_id = todos.id \
            AND s.id <> $2) FROM todos WHERE id = $1",
    )
    .bind(parent)
    .bind(moved.unwrap_or(Uuid::nil()))
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match row {
        Some((Some(l), None, count)) if l == list => (count >= MAX_SUBTASKS).then(|| {
            invalid(
                "parent_id",
                "already has the most subtasks a todo may have (100)",
            )
        }),
        Some((Some(l), Some(_), _)) if l == list => Some(invalid(
            "parent_id",
            "is a subtask itself (subtasks have one level)",
        )),
        _ => Some(invalid("parent_id", "is not a todo of the same list")),
    })
}

/// Inside a transaction: makes `tags` the todo's tags.
async fn replace_tags(
    tx: &mut sqlx::Transaction<'_, Db>,
    owner: Uuid,
    todo_id: Uuid,
    tags: &[String],
) -> Result<(), RepoError> {
    sqlx::query("DELETE FROM todo_tags WHERE todo_id = $1")
        .bind(todo_id)
        .execute(&mut **tx)
        .await?;
    insert_tags(tx, owner, todo_id, tags).await
}

/// Inside a transaction: stores `tags` for a todo that has none.
async fn insert_tags(
    tx: &mut sqlx::Transaction<'_, Db>,
    owner: Uuid,
    todo_id: Uuid,
    tags: &[String],
) -> Result<(), RepoError> {
    if tags.is_empty() {
        return Ok(());
    }
    let mut insert = sqlx::QueryBuilder::<Db>::new(
        "INSERT INTO todo_tags (todo_id, user_id, tag, tag_key) \
            ",
    );
    insert.push_values(tags, |mut row, tag| {
        row.push_bind(todo_id)
            .push_bind(owner)
            .push_bind(tag.clone())
            .push_bind(crate::domain::todo_query::tag_key(tag));
    });
    insert.build().execute(&mut **tx).await?;
    Ok(())
}

/// After a conditional write changed nothing: was the todo missing (or in a list `me` is
/// not a member of), read-only for `me`, or at another version?
pub(super) async fn missing_or_changed<T>(
    pool: &sqlx::Pool<Db>,
    me: Uuid,
    id: Uuid,
) -> Result<Conditional<T>, RepoError> {
    let row: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT (SELECT m.role FROM list_members m WHERE m.list_id = todos.list_id \
            AND m.user_id = $2) FROM todos WHERE id = $1",
    )
    .bind(id)
    .bind(me)
    .fetch_optional(pool)
    .await?;
    Ok(match writes(row.and_then(|(role,)| role).as_ref()) {
        Ok(()) => Conditional::VersionMismatch,
        Err(refusal) => recast(refusal),
    })
}

/// The todo as it is now comes back from the update itself (RETURNING), not from a read
/// after it.
fn push_returning_todo(q: &mut sqlx::QueryBuilder<Db>) {
    q.push(" RETURNING ")
        .push(rows::TODO_COLUMNS)
        .push(", ")
        .push(D::tags_of("todos.id"))
        .push(" AS tags");
}

/// The statement of a partial update (see `update_todo`); `moving` is (from, to, position).
fn update_statement(
    me: Uuid,
    id: Uuid,
    changes: &TodoChanges,
    expected_version: Option<i64>,
    moving: Option<(Uuid, Uuid, &str)>,
) -> sqlx::QueryBuilder<Db> {
    // One statement, so concurrent updates never interleave half-way; the version
    // condition makes exactly one of several updates expecting the same version win.
    // Every right-hand side sees the row as it was before this update.
    let now = DbTime(changes.updated_at);
    let mut q = sqlx::QueryBuilder::<Db>::new("UPDATE todos SET title = CASE WHEN ");
    q.push_bind(changes.title.is_some())
        .push(" THEN ")
        .push_bind(changes.title.clone())
        .push(" ELSE title END, notes = CASE WHEN ")
        .push_bind(changes.notes.is_some())
        .push(" THEN ")
        .push_bind(changes.notes.clone().flatten())
        .push(" ELSE notes END, due_at = CASE WHEN ")
        .push_bind(changes.due_at.is_some())
        .push(" THEN ")
        .push_bind(changes.due_at.flatten().map(DbTime))
        .push(" ELSE due_at END, priority = CASE WHEN ")
        .push_bind(changes.priority.is_some())
        .push(" THEN ")
        .push_bind(changes.priority.unwrap_or_default().to_db())
        .push(" ELSE priority END");
    if let Some(done) = changes.completed {
        if done {
            q.push(", completed_at = COALESCE(completed_at, ")
                .push_bind(now)
                .push("), completed_by = CASE WHEN completed THEN completed_by ELSE ")
                .push_bind(me)
                .push(" END, completed = TRUE");
        } else {
            q.push(", completed_at = NULL, completed_by = NULL, completed = FALSE");
        }
    }
    if let Some((_, to, key)) = moving {
        // A subtask moved alone becomes top-level in the other list.
        q.push(", list_id = ")
            .push_bind(to)
            .push(", parent_id = NULL, position = ")
            .push_bind(key.to_owned());
    }
    q.push(", updated_at = ")
        .push_bind(now)
        .push(", updated_by = ")
        .push_bind(me)
        .push(", version = version + 1 WHERE id = ")
        .push_bind(id)
        .push(" AND ");
    push_member(&mut q, "todos.list_id", me, true);
    if let Some(version) = expected_version {
        q.push(" AND version = ").push_bind(version);
    }
    if let Some((from, to, _)) = moving {
        q.push(" AND list_id = ").push_bind(from).push(" AND ");
        push_member(&mut q, to, me, true);
    }
    q
}

/// Where a move puts the todo: its parent afterwards and its slot among those siblings,
/// or why it cannot go there.
async fn move_destination(
    conn: &mut Conn,
    list: Uuid,
    todo: &MoveSubject,
    target: &TodoMoveTarget,
) -> Result<Result<(Option<Uuid>, Slot), Conditional<Todo>>, RepoError> {
    let (parent, slot) = match *target {
        TodoMoveTarget::After(x) | TodoMoveTarget::Before(x) => {
            let field = if matches!(target, TodoMoveTarget::After(_)) {
                "after"
            } else {
                "before"
            };
            if x == todo.id {
                return Ok(Err(invalid(field, "cannot be the todo itself")));
            }
            let row: Option<(Option<Uuid>, Option<Uuid>)> =
                sqlx::query_as("SELECT list_id, parent_id FROM todos WHERE id = $1")
                    .bind(x)
                    .fetch_optional(&mut *conn)
                    .await?;
            let Some((Some(l), parent)) = row else {
                return Ok(Err(invalid(field, "is not a todo of the same list")));
            };
            if l != list {
                return Ok(Err(invalid(field, "is not a todo of the same list")));
            }
            let slot = if field == "after" {
                Slot::After(x)
            } else {
                Slot::Before(x)
            };
            (parent, slot)
        }
        TodoMoveTarget::End { last, parent } => (
            parent.unwrap_or(todo.parent_id),
            if last { Slot::Last } else { Slot::First },
        ),
    };
    if let Some(p) = parent
        && todo.parent_id != Some(p)
    {
        if todo.subtasks > 0 {
            return Ok(Err(invalid(
                "parent_id",
                "a todo with subtasks cannot become a subtask (subtasks have one level)",
            )));
        }
        if let Some(refusal) = parent_refusal(&mut *conn, list, p, Some(todo.id)).await? {
            return Ok(Err(refusal));
        }
    }
    Ok(Ok((parent, slot)))
}

/// What a move needs to know of the todo it moves.
struct MoveSubject {
    id: Uuid,
    parent_id: Option<Uuid>,
    subtasks: i64,
}

#[async_trait::async_trait]
impl crate::repo::TodoRepository for Store {
    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me))]
    async fn insert_todo(&self, me: Uuid, todo: &NewTodo) -> Result<Conditional<Todo>, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        let created = insert_todo_in(&mut tx, me, todo).await?;
        if matches!(created, Conditional::Done(_)) {
            tx.commit().await?;
            return Ok(created);
        }
        drop(tx);
        drop(writer);
        settle_client_id(&self.pool, me, todo, created).await
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, todo_id = %id))]
    async fn find_todo(&self, me: Uuid, id: Uuid) -> Result<Option<Todo>, RepoError> {
        let mut conn = self.readers.get(&self.pool).await?;
        let todo = read_todo(&mut conn, me, id).await?;
        conn.finished();
        Ok(todo)
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, limit))]
    async fn list_todos(
        &self,
        me: Uuid,
        filter: &TodoFilter,
        sort: TodoSort,
        after: Option<SortKey>,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<Todo>, RepoError> {
        // One statement: the page with its tags (after, for a search, the probe of its
        // text-index candidates, on the same connection).
        let mut conn = self.readers.get(&self.pool).await?;
        let candidates = text_candidates(
            &mut conn,
            filter,
            self.search_candidate_cap,
            &self.text_stats,
        )
        .await?;
        let mut q = list_query(
            "",
            me,
            filter,
            sort,
            after,
            limit,
            now,
            candidates.as_deref(),
        );
        let rows: Vec<rows::TodoRow> = q
            .build_query_as()
            .persistent(D::CACHE_VALUE_PLANS || !narrows_by_value(filter))
            .fetch_all(&mut *conn)
            .await?;
        conn.finished();
        rows.into_iter().map(TryInto::try_into).collect()
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me))]
    async fn can_see(
        &self,
        me: Uuid,
        list: Option<Uuid>,
        parent: Option<Uuid>,
    ) -> Result<bool, RepoError> {
        let mut q = sqlx::QueryBuilder::<Db>::new("SELECT ");
        q.push_bind(true);
        let mut conditions = Vec::new();
        if let Some(list) = list {
            conditions.push(("list", list));
        }
        if let Some(parent) = parent {
            conditions.push(("parent", parent));
        }
        q.push(" WHERE TRUE");
        for (kind, id) in conditions {
            q.push(" AND ");
            if kind == "list" {
                q.push("EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = ")
                    .push_bind(id)
                    .push(" AND m.user_id = ")
                    .push_bind(me)
                    .push(")");
            } else {
                q.push("EXISTS (SELECT 1 FROM todos WHERE todos.id = ")
                    .push_bind(id)
                    .push(" AND ");
                push_member(&mut q, "todos.list_id", me, false);
                q.push(")");
            }
        }
        let row: Option<(bool,)> = q.build_query_as().fetch_optional(&self.pool).await?;
        Ok(row.is_some())
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, todo_id = %id))]
    async fn update_todo(
        &self,
        me: Uuid,
        id: Uuid,
        changes: &TodoChanges,
        expected_version: Option<i64>,
    ) -> Result<Conditional<Todo>, RepoError> {
        if D::LOCK_ROW.is_empty() && changes.list_id.is_none() && changes.tags.is_none() {
            // No account rows to lock (SQLite) and nothing to write beside the row: one
            // autocommit statement, which takes SQLite's write lock when it starts as
            // `BEGIN IMMEDIATE` would, so the write turn is held for one hop to the
            // connection's thread instead of three (ADR 0030).
            let mut q = update_statement(me, id, changes, expected_version, None);
            push_returning_todo(&mut q);
            let row: Option<rows::TodoRow> = {
                let mut writer = self.writer().await?;
                super::store::written_row(writer.conn(), q.build_query_as()).await?
            };
            return match row {
                Some(row) => Ok(Conditional::Done(Todo::try_from(row)?)),
                None => missing_or_changed(&self.pool, me, id).await,
            };
        }
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        let mut moving = None;
        if let Some(to) = changes.list_id {
            let row: Option<(Option<Uuid>,)> =
                sqlx::query_as("SELECT list_id FROM todos WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some((Some(from),)) = row else {
                drop(tx);
                drop(writer);
                return missing_or_changed(&self.pool, me, id).await;
            };
            if from != to {
                let roles = lock_lists(&mut tx, me, &[from, to]).await?;
                for list in [from, to] {
                    if let Err(c) = writes(roles.get(&list)) {
                        return Ok(recast(c));
                    }
                }
                let key = place(&mut tx, to, None, id, Slot::Last).await?;
                moving = Some((from, to, key));
            }
        }
        let lists: Vec<Uuid> = moving.iter().flat_map(|(f, t, _)| [*f, *t]).collect();
        let locked = lock_authors(&mut tx, me, &[id], &lists).await?;
        if moving.is_none()
            && let Some(role) = locked
            && let Err(refusal) = writes(role.as_ref())
        {
            return Ok(recast(refusal));
        }
        let mut q = update_statement(
            me,
            id,
            changes,
            expected_version,
            moving.as_ref().map(|(f, t, k)| (*f, *t, k.as_str())),
        );
        push_returning_todo(&mut q);
        let row: Option<rows::TodoRow> = q.build_query_as().fetch_optional(&mut *tx).await?;
        let Some(row) = row else {
            drop(tx);
            drop(writer);
            return missing_or_changed(&self.pool, me, id).await;
        };
        let mut todo = Todo::try_from(row)?;
        if let Some((_, to, _)) = moving {
            // Its subtasks go with it, keeping their order under it.
            sqlx::query(
                "UPDATE todos SET list_id = $1, updated_at = $2, updated_by = $3, \
                    version = version + 1 WHERE parent_id = $4",
            )
            .bind(to)
            .bind(DbTime(changes.updated_at))
            .bind(me)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        if let Some(tags) = &changes.tags {
            replace_tags(&mut tx, todo.owner_id, id, tags).await?;
            // In key order, as parsed.
            todo.tags = tags.clone();
        }
        tx.commit().await?;
        Ok(Conditional::Done(todo))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, todo_id = %id))]
    async fn move_todo(
        &self,
        me: Uuid,
        id: Uuid,
        target: &TodoMoveTarget,
        expected_version: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Conditional<Todo>, RepoError> {
        // The list is known only from the todo; a concurrent move to another list between
        // reading it and locking the list is seen after the lock, and retried.
        for _ in 0..3 {
            let mut writer = self.writer().await?;
            let mut tx = writer.begin().await?;
            let mut q = sqlx::QueryBuilder::<Db>::new("SELECT list_id FROM todos WHERE id = ");
            q.push_bind(id).push(" AND ");
            push_member(&mut q, "todos.list_id", me, false);
            let row: Option<(Option<Uuid>,)> = q.build_query_as().fetch_optional(&mut *tx).await?;
            let Some((Some(list),)) = row else {
                return Ok(Conditional::NotFound);
            };
            let roles = lock_lists(&mut tx, me, &[list]).await?;
            if let Err(c) = writes(roles.get(&list)) {
                return Ok(recast(c));
            }
            let row: Option<(Option<Uuid>, i64, i64)> = sqlx::query_as(
                "SELECT parent_id, version, (SELECT COUNT(*) FROM todos s WHERE s.parent_id = todos.id) \
                    FROM todos WHERE id = $1 AND list_id = $2",
            )
            .bind(id)
            .bind(list)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((parent_id, version, subtasks)) = row else {
                continue;
            };
            if expected_version.is_some_and(|v| v != version) {
                return Ok(Conditional::VersionMismatch);
            }
            let subject = MoveSubject {
                id,
                parent_id,
                subtasks,
            };
            let (parent, slot) = match move_destination(&mut tx, list, &subject, target).await? {
                Ok(destination) => destination,
                Err(refusal) => return Ok(refusal),
            };
            lock_authors(&mut tx, me, &[id], &[list]).await?;
            let key = place(&mut tx, list, parent, id, slot).await?;
            let mut q = sqlx::QueryBuilder::<Db>::new("UPDATE todos SET position = ");
            q.push_bind(key)
                .push(", parent_id = ")
                .push_bind(parent)
                .push(", updated_at = ")
                .push_bind(DbTime(now))
                .push(", updated_by = ")
                .push_bind(me)
                .push(", version = version + 1 WHERE id = ")
                .push_bind(id)
                .push(" AND ");
            push_member(&mut q, "todos.list_id", me, true);
            // A concurrent edit of other fields (which takes no list lock) only matters
            // to a conditional move.
            if let Some(version) = expected_version {
                q.push(" AND version = ").push_bind(version);
            }
            if q.build().execute(&mut *tx).await?.rows_affected() == 0 {
                drop(tx);
                drop(writer);
                return missing_or_changed(&self.pool, me, id).await;
            }
            let todo = read_todo(&mut tx, me, id).await?;
            tx.commit().await?;
            return Ok(todo.map_or(Conditional::NotFound, Conditional::Done));
        }
        Ok(Conditional::NotFound)
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, action = ?action, count = ids.len()))]
    async fn batch_todos(
        &self,
        me: Uuid,
        action: BatchAction,
        ids: &[Uuid],
        now: DateTime<Utc>,
    ) -> Result<BatchOutcome, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        // Lock the batch's rows first (PostgreSQL), so that the check holds until commit.
        let mut select = sqlx::QueryBuilder::<Db>::new("SELECT id FROM todos WHERE");
        push_ids(&mut select, "id", ids);
        select.push(" AND ");
        push_member(&mut select, "todos.list_id", me, true);
        select.push(D::FOR_UPDATE);
        let found: std::collections::HashSet<Uuid> = select
            .build_query_as::<(Uuid,)>()
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|(id,)| id)
            .collect();
        let missing: Vec<usize> = ids
            .iter()
            .enumerate()
            .filter(|(_, id)| !found.contains(id))
            .map(|(i, _)| i)
            .collect();
        if !missing.is_empty() {
            return Ok(BatchOutcome::Missing(missing));
        }
        lock_authors(&mut tx, me, ids, &[]).await?;
        let mut change = sqlx::QueryBuilder::<Db>::new("");
        match action {
            BatchAction::Complete => {
                change
                    .push("UPDATE todos SET completed = TRUE, completed_at = ")
                    .push_bind(DbTime(now))
                    .push(", completed_by = ")
                    .push_bind(me);
            }
            BatchAction::Reopen => {
                change.push(
                    "UPDATE todos SET completed = FALSE, completed_at = NULL, completed_by = NULL",
                );
            }
            BatchAction::Delete => {
                change.push("DELETE FROM todos");
            }
        }
        if action != BatchAction::Delete {
            change
                .push(", updated_at = ")
                .push_bind(DbTime(now))
                .push(", updated_by = ")
                .push_bind(me)
                .push(", version = version + 1");
        }
        change.push(" WHERE");
        push_ids(&mut change, "id", ids);
        change.push(" AND ");
        push_member(&mut change, "todos.list_id", me, true);
        // Only todos the action changes get a new version.
        match action {
            BatchAction::Complete => {
                change.push(" AND completed = FALSE");
            }
            BatchAction::Reopen => {
                change.push(" AND completed = TRUE");
            }
            BatchAction::Delete => {}
        }
        let affected = change.build().execute(&mut *tx).await?.rows_affected();
        let mut items = Vec::new();
        if action != BatchAction::Delete {
            let mut rows = sqlx::QueryBuilder::<Db>::new(tagged_select());
            rows.push(" WHERE");
            push_ids(&mut rows, "id", ids);
            rows.push(" AND ");
            push_member(&mut rows, "todos.list_id", me, false);
            let mut by_id: std::collections::HashMap<Uuid, Todo> = std::collections::HashMap::new();
            for row in rows
                .build_query_as::<rows::TodoRow>()
                .fetch_all(&mut *tx)
                .await?
            {
                let todo: Todo = row.try_into()?;
                by_id.insert(todo.id, todo);
            }
            items = ids.iter().filter_map(|id| by_id.remove(id)).collect();
        }
        tx.commit().await?;
        Ok(BatchOutcome::Done { affected, items })
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, todo_id = %id))]
    async fn delete_todo(
        &self,
        me: Uuid,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<Conditional<()>, RepoError> {
        // Its subtasks go by the foreign key's cascade.
        let mut q = sqlx::QueryBuilder::<Db>::new("DELETE FROM todos WHERE id = ");
        q.push_bind(id).push(" AND ");
        push_member(&mut q, "todos.list_id", me, true);
        if let Some(version) = expected_version {
            q.push(" AND version = ").push_bind(version);
        }
        let mut writer = self.writer().await?;
        let done = q.build().execute(writer.conn()).await?;
        drop(writer);
        if done.rows_affected() > 0 {
            return Ok(Conditional::Done(()));
        }
        // A replayed delete (its tombstone kept, in a list the caller still writes to) is
        // done already, whatever version it named.
        if offline::todo_already_deleted(&self.pool, me, id).await? {
            return Ok(Conditional::Done(()));
        }
        missing_or_changed(&self.pool, me, id).await
    }
}
