//! The change feed (ADR 0026): every row the caller can see whose change number passed
//! their cursor, read in one snapshot below its watermark, in `(change, kind, own, list,
//! id)` order (`domain::FeedPosition`). Membership is part of every statement (ADR 0025).
//!
//! A page is one statement, whatever its size. Five parts select the keys of their rows:
//! the caller's lists, the members of those lists, their todos (one index walk per list on
//! `(list_id, change_id, id)`), the tombstones of those lists (one walk per list) and the
//! caller's own tombstones (lists they lost). Each returns at most `limit + 1` keys in feed
//! order; the page is the first `limit + 1` of their union, whose rows are then read whole
//! (one arm per kind), with the watermark and the purge horizon in one more row.
//!
//! Joining: a list whose membership row of the caller was made (`joined_change_id`) after
//! the cursor delivers all its todos and members: their effective change number is
//! `max(own, joined)`. Within one list that order is the index order `(change_id, id)`
//! (the effective number only grows with the row's own), so the walk needs no sort.

use super::lists::{LIST_FROM, ListRow};
use super::members::MemberRow;
use super::todos::push_member;
use super::{D, Db, Store};
use crate::domain::{FeedEntry, FeedPosition, FeedRead, SyncItem, SyncKind, SyncOp};
use crate::repo::dialect::Dialect;
use crate::repo::rows::{self, TodoRow};
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};
use sqlx::Execute;
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

/// The watermark as every part of the page's statement reads it: an expression, not a CTE,
/// so that each use is no subquery to plan (one statement, one snapshot: the same value).
const W: &str = D::WATERMARK;

/// Each part of a page selects the keys of its rows, in feed order, at most `limit + 1`:
/// `kind` (as tombstones name it), `rnk` (its rank), `del` (1 for a tombstone), `eff` (the
/// effective change number), `own`, `scope` (the list), `entity` (the item's id) and, for
/// a todo, `rid` (`Dialect::ROW_ID`: where its walk found it, to read it back by).
const KEYS: &str = "kind, rnk, del, eff, own, scope, entity, rid";

/// `rid` of the parts whose rows are not read back by it.
const NO_RID: &str = const_format::concatcp!(D::NO_ROW_ID, " AS rid");

/// The caller's lists changed after `after` (the list row, or their membership: role,
/// position, joining).
fn push_list_keys(q: &mut Builder, me: Uuid, after: &FeedPosition, fetch: u32) {
    q.push(
        "SELECT 'list' AS kind, 0 AS rnk, 0 AS del, eff, eff AS own, id AS scope, id AS entity, ",
    )
    .push(NO_RID)
    .push(" FROM (SELECT l.id, ")
    .push(D::GREATEST)
    .push("(l.change_id, m.change_id) AS eff ")
    .push(LIST_FROM)
    .push(" WHERE m.user_id = ")
    .push_bind(me)
    .push(") AS f WHERE eff < ")
    .push(W);
    push_after(q, SyncKind::List, ["eff", "eff", "id", "id"], after);
    q.push(" ORDER BY eff, id LIMIT ").push(fetch);
}

/// The members of the caller's lists changed after `after`, or all of a list's members
/// when the caller joined it after `after` (at most 50 per list, 200 lists).
fn push_member_keys(q: &mut Builder, me: Uuid, after: &FeedPosition, fetch: u32) {
    q.push(
        "SELECT 'member' AS kind, 1 AS rnk, 0 AS del, eff, change_id AS own, list_id AS scope, \
         user_id AS entity, ",
    )
    .push(NO_RID)
    .push(" FROM (SELECT m.list_id, m.user_id, m.change_id, ")
    .push(D::GREATEST)
    .push(
        "(m.change_id, mine.joined_change_id) AS eff \
         FROM list_members mine JOIN list_members m ON m.list_id = mine.list_id \
         WHERE mine.user_id = ",
    )
    .push_bind(me)
    .push(" AND mine.joined_change_id < ")
    .push(W)
    .push(" AND m.change_id < ")
    .push(W)
    .push(") AS f WHERE TRUE");
    push_after(
        q,
        SyncKind::Member,
        ["eff", "change_id", "list_id", "user_id"],
        after,
    );
    q.push(" ORDER BY eff, change_id, list_id, user_id LIMIT ")
        .push(fetch);
}

/// The todos of the caller's lists changed after `after` (all of a list joined after it):
/// one walk per list on `(list_id, change_id, id)`, merged.
fn push_todo_keys(q: &mut Builder, me: Uuid, after: &FeedPosition, fetch: u32) {
    let eff = const_format::concatcp!(D::GREATEST, "(todos.change_id, lm.joined_change_id)");
    q.push("SELECT 'todo' AS kind, 2 AS rnk, 0 AS del, ")
        .push(D::GREATEST)
        .push(
            "(f.change_id, f.joined) AS eff, f.change_id AS own, f.list_id AS scope, \
             f.id AS entity, f.rid FROM (",
        );
    D::open_each_list(
        q,
        "todos",
        const_format::concatcp!(
            "todos.change_id, todos.id, todos.list_id, todos.",
            D::ROW_ID,
            " AS rid"
        ),
    );
    q.push(" AND lm.joined_change_id < ")
        .push(W)
        .push(" AND todos.change_id < ")
        .push(W);
    push_walk_start(
        q,
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
        q,
        SyncKind::Todo,
        [eff, "todos.change_id", "todos.list_id", "todos.id"],
        after,
    );
    q.push(" ORDER BY todos.change_id, todos.id LIMIT ")
        .push(fetch);
    D::close_each_list(q, "todos", me);
    q.push(") AS f ORDER BY eff, f.change_id, f.list_id, f.id LIMIT ")
        .push(fetch);
}

/// Appends ` AND NOT EXISTS (<a later tombstone the caller also gets for the same item>)`,
/// so that an item deleted twice (moved out, back in, out again) is deleted once.
fn push_no_later_tombstone(q: &mut Builder, me: Uuid) {
    q.push(
        " AND NOT EXISTS (SELECT 1 FROM sync_tombstones n WHERE \
         n.entity_id = sync_tombstones.entity_id AND n.kind = sync_tombstones.kind \
         AND n.change_id > sync_tombstones.change_id AND n.change_id < ",
    )
    .push(W)
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
fn push_list_tombstone_keys(q: &mut Builder, me: Uuid, after: &FeedPosition, fetch: u32) {
    let columns = "sync_tombstones.kind, sync_tombstones.list_id, sync_tombstones.entity_id, \
                   sync_tombstones.change_id";
    let key = [
        "sync_tombstones.change_id",
        "sync_tombstones.change_id",
        "sync_tombstones.list_id",
        "sync_tombstones.entity_id",
    ];
    // Rank order is name order: 'member' (1) < 'todo' (2).
    q.push(
        "SELECT f.kind, CASE f.kind WHEN 'member' THEN 1 ELSE 2 END AS rnk, 1 AS del, \
         f.change_id AS eff, f.change_id AS own, f.list_id AS scope, f.entity_id AS entity, ",
    )
    .push(NO_RID)
    .push(" FROM (");
    D::open_each_list(q, "sync_tombstones", columns);
    q.push(" AND sync_tombstones.change_id >= ")
        .push_bind(after.change.max(after.floor))
        .push(" AND sync_tombstones.change_id < ")
        .push(W)
        .push(" AND ((sync_tombstones.kind = 'member'");
    push_after(q, SyncKind::Member, key, after);
    q.push(") OR (sync_tombstones.kind = 'todo'");
    push_after(q, SyncKind::Todo, key, after);
    // Each tombstone walked is checked by one probe of a primary key. `OFFSET 0` keeps
    // PostgreSQL from replacing the probes by a hash of the subquery's whole answer (every
    // member of every list; every todo of the caller's lists: 65 ms a page at 100,000
    // todos), which it chooses when it expects many tombstones: it never hashes an
    // `EXISTS` with an offset.
    q.push(
        ")) AND NOT ((sync_tombstones.kind = 'member' AND EXISTS (SELECT 1 FROM list_members v \
         WHERE v.list_id = sync_tombstones.list_id AND v.user_id = sync_tombstones.entity_id \
         LIMIT 1 OFFSET 0)) \
         OR (sync_tombstones.kind = 'todo' AND EXISTS (SELECT 1 FROM todos t \
         WHERE t.id = sync_tombstones.entity_id AND ",
    );
    push_member(q, "t.list_id", me, false);
    q.push(" LIMIT 1 OFFSET 0)))");
    push_no_later_tombstone(q, me);
    q.push(
        " ORDER BY sync_tombstones.change_id, sync_tombstones.kind, \
         sync_tombstones.entity_id LIMIT ",
    )
    .push(fetch);
    D::close_each_list(q, "sync_tombstones", me);
    q.push(") AS f ORDER BY f.change_id, f.kind, f.list_id, f.entity_id LIMIT ")
        .push(fetch);
}

/// Lists the caller lost (removed, left, deleted) after `after`, unless they are a member
/// again now.
fn push_user_tombstone_keys(q: &mut Builder, me: Uuid, after: &FeedPosition, fetch: u32) {
    q.push(
        "SELECT kind, 0 AS rnk, 1 AS del, change_id AS eff, change_id AS own, \
         entity_id AS scope, entity_id AS entity, ",
    )
    .push(NO_RID)
    .push(" FROM sync_tombstones WHERE user_id = ")
    .push_bind(me)
    .push(" AND change_id >= ")
    .push_bind(after.change.max(after.floor))
    .push(" AND change_id < ")
    .push(W)
    .push(" AND kind = 'list'");
    push_after(
        q,
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
    push_no_later_tombstone(q, me);
    q.push(" ORDER BY change_id, entity_id LIMIT ").push(fetch);
}

/// The columns of a page's rows after their keys, in order: a todo's, as
/// `rows::TODO_COLUMNS` and `tags` name them, then what only lists and members carry. The
/// row types read them by name (`TodoRow`, `ListRow`, `MemberRow`).
const ITEM_COLUMNS: [&str; 27] = [
    "id",
    "user_id",
    "title",
    "notes",
    "completed",
    "completed_at",
    "due_at",
    "priority",
    "created_at",
    "updated_at",
    "version",
    "list_id",
    "parent_id",
    "position",
    "created_by",
    "updated_by",
    "completed_by",
    "subtask_count",
    "completed_subtask_count",
    "tags",
    "name",
    "color",
    "is_default",
    "role",
    "member_count",
    "email",
    "display_name",
];

/// How many of [`ITEM_COLUMNS`] a todo has (the rest are a list's or a member's).
const TODO_ITEM_COLUMNS: usize = 20;

/// The keys every arm of the payload passes on (`keys`, the page's keys).
const PAGE_KEYS: &str = "keys.kind, keys.del, keys.eff, keys.own, keys.scope, keys.entity";

/// The item columns of a payload arm, in [`ITEM_COLUMNS`] order: the expression `items`
/// gives for a column, NULL for the others (typed by the todo arm, which comes first, or
/// the list arm, second: PostgreSQL types a column that is NULL in both as text).
fn item_columns(items: &[(&str, &str)]) -> String {
    ITEM_COLUMNS
        .iter()
        .map(|name| {
            items
                .iter()
                .find(|(column, _)| column == name)
                .map_or("NULL", |(_, expr)| expr)
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The payload arms' select lists (after `SELECT`), built once: a todo, a list, a member,
/// a tombstone, the watermark.
struct PayloadArms {
    todo: String,
    list: String,
    member: String,
    tombstone: String,
    mark: String,
}

fn payload_arms() -> &'static PayloadArms {
    static ARMS: std::sync::LazyLock<PayloadArms> = std::sync::LazyLock::new(|| {
        PayloadArms {
            // First: it names the columns. The watermark's two are typed here, as
            // PostgreSQL would otherwise type them as text before the arm that has them.
            todo: format!(
                "CAST(NULL AS BIGINT) AS horizon, {PAGE_KEYS}, {}, {} AS tags, {}, \
                 CAST(NULL AS BIGINT) AS mark",
                rows::TODO_COLUMNS,
                D::tags_of("todos.id"),
                ITEM_COLUMNS[TODO_ITEM_COLUMNS..]
                    .iter()
                    .map(|c| format!("NULL AS {c}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            list: format!(
                "NULL, {PAGE_KEYS}, {}, NULL",
                item_columns(&[
                    ("id", "l.id"),
                    ("created_at", "l.created_at"),
                    ("updated_at", "l.updated_at"),
                    ("version", "l.version"),
                    ("position", "lp.position"),
                    ("name", "l.name"),
                    ("color", "l.color"),
                    ("is_default", "l.is_default"),
                    ("role", "lp.role"),
                    (
                        "member_count",
                        "(SELECT COUNT(*) FROM list_members c WHERE c.list_id = l.id)",
                    ),
                ])
            ),
            member: format!(
                "NULL, {PAGE_KEYS}, {}, NULL",
                item_columns(&[
                    ("user_id", "mm.user_id"),
                    ("created_at", "mm.created_at"),
                    ("role", "mm.role"),
                    ("email", "u.email"),
                    ("display_name", "u.display_name"),
                ])
            ),
            tombstone: format!("NULL, {PAGE_KEYS}, {}, NULL", item_columns(&[])),
            mark: format!(
                "wm.horizon, NULL, NULL, NULL, NULL, NULL, NULL, {}, {W}",
                item_columns(&[])
            ),
        }
    });
    &ARMS
}

/// What the page's rows carry besides their keys: the state of each upsert, read in the
/// same statement (so at the same snapshot), one `UNION ALL` arm per kind so that a row
/// only reads its own kind's tables (a todo by the row id its walk found), then one row
/// with the watermark and the purge horizon. Rows come in no particular order.
fn push_payload(q: &mut Builder, me: Uuid) {
    let arms = payload_arms();
    q.push("SELECT ").push(&arms.todo).push(" FROM keys");
    D::open_join_one(q, "todos", "todos");
    q.push(const_format::concatcp!("todos.", D::ROW_ID, " = keys.rid"));
    D::close_join_one(q, "todos");
    q.push(" WHERE keys.del = 0 AND keys.kind = 'todo' UNION ALL SELECT ")
        .push(&arms.list)
        .push(" FROM keys");
    D::open_join_one(q, "lists", "l");
    q.push("l.id = keys.entity");
    D::close_join_one(q, "l");
    D::open_join_one(q, "list_members", "lp");
    q.push("lp.list_id = keys.entity AND lp.user_id = ")
        .push_bind(me);
    D::close_join_one(q, "lp");
    q.push(" WHERE keys.del = 0 AND keys.kind = 'list' UNION ALL SELECT ")
        .push(&arms.member)
        .push(" FROM keys");
    D::open_join_one(q, "list_members", "mm");
    q.push("mm.list_id = keys.scope AND mm.user_id = keys.entity");
    D::close_join_one(q, "mm");
    D::open_join_one(q, "users", "u");
    q.push("u.id = keys.entity");
    D::close_join_one(q, "u");
    q.push(" WHERE keys.del = 0 AND keys.kind = 'member' UNION ALL SELECT ")
        .push(&arms.tombstone)
        .push(" FROM keys WHERE keys.del = 1 UNION ALL SELECT ")
        .push(&arms.mark)
        .push(" FROM sync_state wm WHERE wm.id = 1");
}

/// One row of a page's statement as a feed entry (`None` for the row that only carries the
/// watermark and the purge horizon).
fn entry(row: &<Db as sqlx::Database>::Row, floor: i64) -> Result<Option<FeedEntry>, RepoError> {
    use sqlx::{FromRow, Row};
    let Some(kind) = row.try_get::<Option<&str>, _>("kind")? else {
        return Ok(None);
    };
    let kind = SyncKind::parse(kind)
        .ok_or_else(|| RepoError::Corrupt(format!("unknown feed kind {kind:?}")))?;
    let del: i32 = row.try_get("del")?;
    let (eff, own): (i64, i64) = (row.try_get("eff")?, row.try_get("own")?);
    let (scope, id): (Uuid, Uuid) = (row.try_get("scope")?, row.try_get("entity")?);
    let item = if del != 0 {
        None
    } else {
        Some(match kind {
            SyncKind::Todo => SyncItem::Todo(TodoRow::from_row(row)?.try_into()?),
            SyncKind::List => SyncItem::List(ListRow::from_row(row)?.try_into()?),
            SyncKind::Member => SyncItem::Member(MemberRow::from_row(row)?.try_into()?),
        })
    };
    Ok(Some(FeedEntry {
        position: position(eff, kind, own, scope, id, floor),
        kind,
        op: if item.is_some() {
            SyncOp::Upsert
        } else {
            SyncOp::Delete
        },
        id,
        list_id: scope,
        item,
    }))
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
        // A snapshot starts at the origin; its floor (this watermark) is known once read,
        // and its first page has no tombstones.
        let snapshot = after.is_none();
        let after = after.unwrap_or(FeedPosition::origin(0));
        // The parts' union is sorted as a subquery: sorted as a compound, SQLite would sort
        // each part again (a temporary b-tree per part) to merge them.
        let mut q = Builder::new("WITH keys AS (SELECT * FROM (SELECT ");
        q.push(KEYS).push(" FROM (");
        push_list_keys(&mut q, me, &after, fetch);
        q.push(") AS p1 UNION ALL SELECT ")
            .push(KEYS)
            .push(" FROM (");
        push_member_keys(&mut q, me, &after, fetch);
        q.push(") AS p2 UNION ALL SELECT ")
            .push(KEYS)
            .push(" FROM (");
        push_todo_keys(&mut q, me, &after, fetch);
        if !snapshot {
            q.push(") AS p3 UNION ALL SELECT ")
                .push(KEYS)
                .push(" FROM (");
            push_list_tombstone_keys(&mut q, me, &after, fetch);
            q.push(") AS p4 UNION ALL SELECT ")
                .push(KEYS)
                .push(" FROM (");
            push_user_tombstone_keys(&mut q, me, &after, fetch);
        }
        q.push(") AS pn) AS parts ORDER BY eff, rnk, own, scope, entity LIMIT ")
            .push(fetch)
            .push(") ");
        push_payload(&mut q, me);
        // One statement on a connection kept between reads (ADR 0031), its values out of
        // the planner's sight so that it keeps its generic plan (`Dialect::generic_plan_sql`).
        let mut built = q.build();
        let arguments = built.take_arguments().map_err(sqlx::Error::Encode)?;
        let sql = D::generic_plan_sql(built.sql().as_str()).into_owned();
        let mut conn = self.readers.get(&self.pool).await?;
        let rows = sqlx::query_with(sqlx::AssertSqlSafe(sql), arguments.unwrap_or_default())
            .fetch_all(&mut *conn)
            .await?;
        conn.finished();
        // The one row without a kind carries the watermark and the purge horizon.
        let (w, horizon): (i64, i64) = {
            use sqlx::Row;
            let mut mark = None;
            for row in rows.iter().rev() {
                if row.try_get::<Option<&str>, _>("kind")?.is_none() {
                    mark = Some(row);
                    break;
                }
            }
            let mark = mark.ok_or_else(|| RepoError::Corrupt("no sync_state row".into()))?;
            (mark.try_get("mark")?, mark.try_get("horizon")?)
        };
        if !snapshot && after.expired(horizon) {
            return Ok(FeedRead::Expired);
        }
        let floor = if snapshot { w } else { after.floor };
        let mut entries = Vec::with_capacity(rows.len());
        for row in &rows {
            entries.extend(entry(row, floor)?);
        }
        entries.sort_by_key(|e| e.position.key());
        Ok(FeedRead::Entries {
            entries,
            watermark: w,
        })
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn feed_watermark(&self) -> Result<i64, RepoError> {
        // One statement, one snapshot.
        let (w,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {} FROM sync_state WHERE id = 1",
            D::WATERMARK
        )))
        .fetch_one(&self.pool)
        .await?;
        Ok(w)
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn purge_tombstones(&self, before: DateTime<Utc>, batch: u32) -> Result<u64, RepoError> {
        let mut total = 0;
        loop {
            let mut writer = self.writer().await?;
            let mut tx = writer.begin().await?;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The todo arm names its columns by `rows::TODO_COLUMNS` and `tags`; the other arms
    /// fill them by position in `ITEM_COLUMNS` order: the two must agree.
    #[test]
    fn item_columns_follow_the_todo_columns() {
        let mut depth = 0;
        let mut names = Vec::new();
        let mut current = String::new();
        for c in rows::TODO_COLUMNS.chars().chain([',']) {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                ',' if depth == 0 => {
                    let column = current.split_whitespace().last().unwrap_or_default();
                    names.push(column.to_owned());
                    current.clear();
                    continue;
                }
                _ => {}
            }
            current.push(c);
        }
        names.push("tags".to_owned());
        assert_eq!(names, ITEM_COLUMNS[..TODO_ITEM_COLUMNS]);
    }
}
