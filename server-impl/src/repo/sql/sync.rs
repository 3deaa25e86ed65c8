//! The change feed (ADR 0026): every row the caller can see whose change number passed
//! their cursor, read in one snapshot below its watermark, in `(change, kind, own, list,
//! id)` order (`domain::FeedPosition`). Membership is part of every statement (ADR 0025).
//!
//! A page is a fixed number of statements, whatever its size: the watermark (with the purge
//! horizon), the caller's lists, the members of those lists, their todos (one index walk
//! per list on `(list_id, change_id, id)`), the todos' tags, the tombstones of those lists
//! (one walk per list) and the caller's own tombstones (lists they lost). Each returns at
//! most `limit + 1` rows in feed order; the page is the first `limit + 1` of their merge.
//!
//! Joining: a list whose membership row of the caller was made (`joined_change_id`) after
//! the cursor delivers all its todos and members: their effective change number is
//! `max(own, joined)`. Within one list that order is the index order `(change_id, id)`
//! (the effective number only grows with the row's own), so the walk needs no sort.

use super::lists::{LIST_COLUMNS, LIST_FROM, ListRow};
use super::members::MemberRow;
use super::todos::{attach_tags, push_member};
use super::{D, Db, Store};
use crate::domain::{
    FeedEntry, FeedPosition, FeedRead, SyncItem, SyncKind, SyncOp, Todo, TodoList,
};
use crate::repo::dialect::Dialect;
use crate::repo::rows::{TODO_COLUMNS, TodoRow};
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

type Builder = sqlx::QueryBuilder<Db>;

/// Appends ` AND <the row's key comes after `after`>`, for rows of `kind` whose effective
/// change number, own change number, list and id are the given expressions.
fn push_after(
    q: &mut Builder,
    kind: SyncKind,
    [change, own, list, id]: [&str; 4],
    after: &FeedPosition,
) {
    let rank = kind.rank();
    q.push(" AND ");
    if rank > after.kind {
        q.push(change).push(" >= ").push_bind(after.change);
    } else if rank < after.kind {
        q.push(change).push(" > ").push_bind(after.change);
    } else {
        q.push("(")
            .push(change)
            .push(", ")
            .push(own)
            .push(", ")
            .push(list)
            .push(", ")
            .push(id)
            .push(") > (")
            .push_bind(after.change)
            .push(", ")
            .push_bind(after.own)
            .push(", ")
            .push_bind(after.list)
            .push(", ")
            .push_bind(after.id)
            .push(")");
    }
}

/// Appends where the walk of one list (joined at `joined`, its id `list`: SQL expressions)
/// starts for rows of `kind` after `after`: `(change_id, id) > (<own>, <id>)` on its index
/// `(list_id, change_id, id)`, so that a deep page starts where the last one ended even
/// inside a band of rows with one change number (a list joined after the position, or rows
/// older than the feed, all at 0). The exact condition (`push_after`) still follows; this is
/// the greatest lower bound of the rows it admits.
fn push_walk_start(
    q: &mut Builder,
    kind: SyncKind,
    [own, id, joined, list]: [&str; 4],
    after: &FeedPosition,
) {
    let (c, rank) = (after.change, kind.rank());
    let (nil, max) = (Uuid::nil(), Uuid::max());
    q.push(" AND (").push(own).push(", ").push(id).push(") > (");
    if rank == after.kind {
        // Joined after: all. Joined at the position: after the cursor's own and id (in
        // its list; other lists' rows with that own sort before or after it whole).
        // Joined before: rows changed at the position's number (all of them if the
        // position was inside a band below) and after.
        let before_own = if after.own == c { c } else { c - 1 };
        q.push("CASE WHEN ")
            .push(joined)
            .push(" > ")
            .push_bind(c)
            .push(" THEN -1 WHEN ")
            .push(joined)
            .push(" = ")
            .push_bind(c)
            .push(" THEN ")
            .push_bind(after.own)
            .push(" ELSE ")
            .push_bind(before_own)
            .push(" END, CASE WHEN ")
            .push(joined)
            .push(" > ")
            .push_bind(c)
            .push(" THEN ")
            .push_bind(nil)
            .push(" WHEN ")
            .push(joined)
            .push(" < ")
            .push_bind(c)
            .push(" AND ")
            .push_bind(after.own)
            .push(" < ")
            .push_bind(c)
            .push(" THEN ")
            .push_bind(max)
            .push(" WHEN ")
            .push(list)
            .push(" = ")
            .push_bind(after.list)
            .push(" THEN ")
            .push_bind(after.id)
            .push(" WHEN ")
            .push(list)
            .push(" > ")
            .push_bind(after.list)
            .push(" THEN ")
            .push_bind(nil)
            .push(" ELSE ")
            .push_bind(max)
            .push(" END");
    } else {
        // Later kind: effective number >= c; earlier kind: > c.
        let (joined_cmp, below) = if rank > after.kind {
            (" >= ", c - 1)
        } else {
            (" > ", c)
        };
        q.push("CASE WHEN ")
            .push(joined)
            .push(joined_cmp)
            .push_bind(c)
            .push(" THEN -1 ELSE ")
            .push_bind(below)
            .push(" END, CASE WHEN ")
            .push(joined)
            .push(joined_cmp)
            .push_bind(c)
            .push(" THEN ")
            .push_bind(nil)
            .push(" ELSE ")
            .push_bind(max)
            .push(" END");
    }
    q.push(")");
}

#[derive(sqlx::FromRow)]
struct FeedListRow {
    #[sqlx(flatten)]
    list: ListRow,
    eff: i64,
}

#[derive(sqlx::FromRow)]
struct FeedMemberRow {
    #[sqlx(flatten)]
    member: MemberRow,
    list_id: Uuid,
    change_id: i64,
    eff: i64,
}

#[derive(sqlx::FromRow)]
struct FeedTodoRow {
    #[sqlx(flatten)]
    todo: TodoRow,
    change_id: i64,
    eff: i64,
}

#[derive(sqlx::FromRow)]
struct TombstoneRow {
    kind: String,
    scope: Uuid,
    entity_id: Uuid,
    change_id: i64,
}

fn position(
    change: i64,
    kind: SyncKind,
    own: i64,
    list: Uuid,
    id: Uuid,
    floor: i64,
) -> FeedPosition {
    FeedPosition {
        change,
        kind: kind.rank(),
        own,
        list,
        id,
        floor,
    }
}

/// The current state of `item` (its kind follows from it), named by `list_id` and `id`, at
/// feed position `change` (`own`: the row's own change number).
fn upsert(item: SyncItem, list_id: Uuid, id: Uuid, change: i64, own: i64, floor: i64) -> FeedEntry {
    let kind = item.kind();
    FeedEntry {
        position: position(change, kind, own, list_id, id, floor),
        kind,
        op: SyncOp::Upsert,
        id,
        list_id,
        item: Some(item),
    }
}

/// The caller's lists changed after `after` (the list row, or their membership: role,
/// position, joining).
async fn lists(
    conn: &mut <Db as sqlx::Database>::Connection,
    me: Uuid,
    after: &FeedPosition,
    w: i64,
    fetch: u32,
) -> Result<Vec<FeedEntry>, RepoError> {
    let mut q = Builder::new("SELECT * FROM (SELECT ");
    q.push(LIST_COLUMNS)
        .push(", ")
        .push(D::GREATEST)
        .push("(l.change_id, m.change_id) AS eff ")
        .push(LIST_FROM)
        .push(" WHERE m.user_id = ")
        .push_bind(me)
        .push(") AS f WHERE eff < ")
        .push_bind(w);
    push_after(&mut q, SyncKind::List, ["eff", "eff", "id", "id"], after);
    q.push(" ORDER BY eff, id LIMIT ").push(fetch);
    let rows: Vec<FeedListRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    rows.into_iter()
        .map(|row| {
            let list: TodoList = row.list.try_into()?;
            let id = list.id;
            Ok(upsert(
                SyncItem::List(list),
                id,
                id,
                row.eff,
                row.eff,
                after.floor,
            ))
        })
        .collect()
}

/// The members of the caller's lists changed after `after`, or all of a list's members
/// when the caller joined it after `after` (at most 50 per list, 200 lists).
async fn members(
    conn: &mut <Db as sqlx::Database>::Connection,
    me: Uuid,
    after: &FeedPosition,
    w: i64,
    fetch: u32,
) -> Result<Vec<FeedEntry>, RepoError> {
    let mut q = Builder::new(
        "SELECT * FROM (SELECT m.list_id, m.user_id, u.email, u.display_name, m.role, \
         m.created_at, m.change_id, ",
    );
    q.push(D::GREATEST)
        .push(
            "(m.change_id, mine.joined_change_id) AS eff \
             FROM list_members mine JOIN list_members m ON m.list_id = mine.list_id \
             JOIN users u ON u.id = m.user_id WHERE mine.user_id = ",
        )
        .push_bind(me)
        .push(" AND mine.joined_change_id < ")
        .push_bind(w)
        .push(" AND m.change_id < ")
        .push_bind(w)
        .push(") AS f WHERE TRUE");
    push_after(
        &mut q,
        SyncKind::Member,
        ["eff", "change_id", "list_id", "user_id"],
        after,
    );
    q.push(" ORDER BY eff, change_id, list_id, user_id LIMIT ")
        .push(fetch);
    let rows: Vec<FeedMemberRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    rows.into_iter()
        .map(|row| {
            let member: crate::domain::Member = row.member.try_into()?;
            let id = member.user_id;
            Ok(upsert(
                SyncItem::Member(member),
                row.list_id,
                id,
                row.eff,
                row.change_id,
                after.floor,
            ))
        })
        .collect()
}

/// The todos of the caller's lists changed after `after` (all of a list joined after it):
/// one walk per list on `(list_id, change_id, id)`, merged.
async fn todos(
    conn: &mut <Db as sqlx::Database>::Connection,
    me: Uuid,
    after: &FeedPosition,
    w: i64,
    fetch: u32,
) -> Result<Vec<FeedEntry>, RepoError> {
    let columns = const_format::concatcp!("todos.change_id, ", TODO_COLUMNS);
    let eff = const_format::concatcp!(D::GREATEST, "(todos.change_id, lm.joined_change_id)");
    let mut q = Builder::new("SELECT f.*, ");
    q.push(D::GREATEST)
        .push("(f.change_id, f.joined) AS eff FROM (");
    D::open_each_list(&mut q, me, "todos", columns);
    q.push(" AND lm.joined_change_id < ")
        .push_bind(w)
        .push(" AND todos.change_id < ")
        .push_bind(w);
    push_walk_start(
        &mut q,
        SyncKind::Todo,
        [
            "todos.change_id",
            "todos.id",
            "lm.joined_change_id",
            "lm.list_id",
        ],
        after,
    );
    push_after(
        &mut q,
        SyncKind::Todo,
        [eff, "todos.change_id", "todos.list_id", "todos.id"],
        after,
    );
    q.push(" ORDER BY todos.change_id, todos.id LIMIT ")
        .push(fetch);
    D::close_each_list(&mut q, me);
    q.push(") AS f ORDER BY eff, f.change_id, f.list_id, f.id LIMIT ")
        .push(fetch);
    let rows: Vec<FeedTodoRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    rows.into_iter()
        .map(|row| {
            let todo: Todo = row.todo.try_into()?;
            let (list_id, id) = (todo.list_id, todo.id);
            Ok(upsert(
                SyncItem::Todo(todo),
                list_id,
                id,
                row.eff,
                row.change_id,
                after.floor,
            ))
        })
        .collect()
}

/// Appends ` AND NOT EXISTS (<a later tombstone the caller also gets for the same item>)`,
/// so that an item deleted twice (moved out, back in, out again) is deleted once.
fn push_no_later_tombstone(q: &mut Builder, me: Uuid, w: i64) {
    q.push(
        " AND NOT EXISTS (SELECT 1 FROM sync_tombstones n WHERE \
         n.entity_id = sync_tombstones.entity_id AND n.kind = sync_tombstones.kind \
         AND n.change_id > sync_tombstones.change_id AND n.change_id < ",
    )
    .push_bind(w)
    .push(
        " AND (n.list_id = sync_tombstones.list_id OR n.user_id = sync_tombstones.user_id \
         OR (n.kind = 'todo' AND n.list_id IN (SELECT o.list_id FROM list_members o \
         WHERE o.user_id = ",
    )
    .push_bind(me)
    .push("))))");
}

/// Todos and members that left the caller's lists after `after` (and at or above its
/// floor), unless the caller sees them now (a todo moved to another of their lists).
async fn list_tombstones(
    conn: &mut <Db as sqlx::Database>::Connection,
    me: Uuid,
    after: &FeedPosition,
    w: i64,
    fetch: u32,
) -> Result<Vec<FeedEntry>, RepoError> {
    let columns = "sync_tombstones.kind, sync_tombstones.list_id, sync_tombstones.entity_id, \
                   sync_tombstones.change_id";
    let key = [
        "sync_tombstones.change_id",
        "sync_tombstones.change_id",
        "sync_tombstones.list_id",
        "sync_tombstones.entity_id",
    ];
    let mut q = Builder::new("SELECT f.kind, f.list_id AS scope, f.entity_id, f.change_id FROM (");
    D::open_each_list(&mut q, me, "sync_tombstones", columns);
    q.push(" AND sync_tombstones.change_id >= ")
        .push_bind(after.change.max(after.floor))
        .push(" AND sync_tombstones.change_id < ")
        .push_bind(w)
        .push(" AND ((sync_tombstones.kind = 'member'");
    push_after(&mut q, SyncKind::Member, key, after);
    q.push(") OR (sync_tombstones.kind = 'todo'");
    push_after(&mut q, SyncKind::Todo, key, after);
    q.push(
        ")) AND NOT ((sync_tombstones.kind = 'member' AND EXISTS (SELECT 1 FROM list_members v \
         WHERE v.list_id = sync_tombstones.list_id AND v.user_id = sync_tombstones.entity_id)) \
         OR (sync_tombstones.kind = 'todo' AND EXISTS (SELECT 1 FROM todos t \
         WHERE t.id = sync_tombstones.entity_id AND ",
    );
    push_member(&mut q, "t.list_id", me, false);
    q.push(")))");
    push_no_later_tombstone(&mut q, me, w);
    q.push(
        " ORDER BY sync_tombstones.change_id, sync_tombstones.kind, \
         sync_tombstones.entity_id LIMIT ",
    )
    .push(fetch);
    D::close_each_list(&mut q, me);
    q.push(") AS f ORDER BY f.change_id, f.kind, f.list_id, f.entity_id LIMIT ")
        .push(fetch);
    let rows: Vec<TombstoneRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    tombstone_entries(rows, after.floor)
}

/// Lists the caller lost (removed, left, deleted) after `after`, unless they are a member
/// again now.
async fn user_tombstones(
    conn: &mut <Db as sqlx::Database>::Connection,
    me: Uuid,
    after: &FeedPosition,
    w: i64,
    fetch: u32,
) -> Result<Vec<FeedEntry>, RepoError> {
    let mut q = Builder::new(
        "SELECT kind, entity_id AS scope, entity_id, change_id FROM sync_tombstones \
         WHERE user_id = ",
    );
    q.push_bind(me)
        .push(" AND change_id >= ")
        .push_bind(after.change.max(after.floor))
        .push(" AND change_id < ")
        .push_bind(w)
        .push(" AND kind = 'list'");
    push_after(
        &mut q,
        SyncKind::List,
        ["change_id", "change_id", "entity_id", "entity_id"],
        after,
    );
    q.push(
        " AND NOT EXISTS (SELECT 1 FROM list_members v WHERE v.list_id = \
         sync_tombstones.entity_id AND v.user_id = ",
    )
    .push_bind(me)
    .push(")");
    push_no_later_tombstone(&mut q, me, w);
    q.push(" ORDER BY change_id, entity_id LIMIT ").push(fetch);
    let rows: Vec<TombstoneRow> = q.build_query_as().fetch_all(&mut *conn).await?;
    tombstone_entries(rows, after.floor)
}

fn tombstone_entries(rows: Vec<TombstoneRow>, floor: i64) -> Result<Vec<FeedEntry>, RepoError> {
    rows.into_iter()
        .map(|row| {
            let kind = SyncKind::parse(&row.kind).ok_or_else(|| {
                RepoError::Corrupt(format!("unknown tombstone kind {:?}", row.kind))
            })?;
            Ok(FeedEntry {
                position: position(
                    row.change_id,
                    kind,
                    row.change_id,
                    row.scope,
                    row.entity_id,
                    floor,
                ),
                kind,
                op: SyncOp::Delete,
                id: row.entity_id,
                list_id: row.scope,
                item: None,
            })
        })
        .collect()
}

#[async_trait::async_trait]
impl crate::repo::SyncRepository for Store {
    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, limit))]
    async fn feed_page(
        &self,
        me: Uuid,
        after: Option<FeedPosition>,
        limit: u32,
    ) -> Result<FeedRead, RepoError> {
        let fetch = limit + 1;
        let mut tx = self.pool.begin_with(D::BEGIN_FEED).await?;
        // The first statement: it fixes the snapshot every other statement reads.
        let (w, horizon): (i64, i64) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {}, horizon FROM sync_state WHERE id = 1",
            D::WATERMARK
        )))
        .fetch_one(&mut *tx)
        .await?;
        let snapshot = after.is_none();
        let after = after.unwrap_or(FeedPosition::origin(w));
        if after.expired(horizon) {
            return Ok(FeedRead::Expired);
        }
        let mut entries = lists(&mut tx, me, &after, w, fetch).await?;
        entries.extend(members(&mut tx, me, &after, w, fetch).await?);
        entries.extend(todos(&mut tx, me, &after, w, fetch).await?);
        // A snapshot's first page has no tombstones (its floor is this watermark).
        if !snapshot {
            entries.extend(list_tombstones(&mut tx, me, &after, w, fetch).await?);
            entries.extend(user_tombstones(&mut tx, me, &after, w, fetch).await?);
        }
        entries.sort_by_key(|e| e.position.key());
        entries.truncate(fetch as usize);
        // The tags of the todos that made the page, in one statement.
        let mut todos: Vec<Todo> = Vec::new();
        for entry in &mut entries {
            if matches!(entry.item, Some(SyncItem::Todo(_)))
                && let Some(SyncItem::Todo(todo)) = entry.item.take()
            {
                todos.push(todo);
            }
        }
        attach_tags(&mut *tx, &mut todos).await?;
        let mut tagged = todos.into_iter();
        for entry in &mut entries {
            if entry.kind == SyncKind::Todo && entry.op == SyncOp::Upsert {
                entry.item = tagged.next().map(SyncItem::Todo);
            }
        }
        tx.commit().await?;
        Ok(FeedRead::Entries {
            entries,
            watermark: w,
        })
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn feed_watermark(&self) -> Result<i64, RepoError> {
        let mut tx = self.pool.begin_with(D::BEGIN_FEED).await?;
        let (w,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM sync_state WHERE id = 1",
            D::WATERMARK
        )))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(w)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn purge_tombstones(&self, before: DateTime<Utc>, batch: u32) -> Result<u64, RepoError> {
        let mut total = 0;
        loop {
            let mut tx = self.pool.begin_with(D::BEGIN_WRITE).await?;
            let purged: Vec<(i64,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                "DELETE FROM sync_tombstones WHERE id IN (SELECT id FROM sync_tombstones \
                 WHERE deleted_at < $1 ORDER BY deleted_at LIMIT {batch}) RETURNING change_id"
            )))
            .bind(DbTime(before))
            .fetch_all(&mut *tx)
            .await?;
            if let Some((highest,)) = purged.iter().max() {
                // A cursor below this may have missed what was purged: it answers 410.
                sqlx::query(
                    "UPDATE sync_state SET horizon = CASE WHEN horizon < $1 THEN $1 ELSE horizon END \
                     WHERE id = 1",
                )
                .bind(*highest)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            total += purged.len() as u64;
            if purged.len() < batch as usize {
                return Ok(total);
            }
        }
    }
}
