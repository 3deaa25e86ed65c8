//! Lists as their members see them. Every statement names the caller and carries their
//! membership, with the role it needs, in its own conditions (ADR 0025): there is no
//! separate "may they?" query whose answer could be stale by the time of the act. When a
//! write changed nothing, a follow-up read tells the answers apart (404, 403, 412, 409).

use super::offline::{self, Entity};
use super::todos::push_member;
use super::{D, Db, Store};
use crate::domain::position::{REBALANCE_LEN, key_between, keys_between};
use crate::domain::{
    ListChanges, ListConflict, ListKey, ListOutcome, MemberRole, MoveTarget, NewList, TodoList,
    ValidationErrors, list::MAX_LISTS_PER_ACCOUNT,
};
use crate::repo::dialect::Dialect;
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// A list joined with the caller's membership (`m`) and its member count.
pub(super) const LIST_SELECT: &str =
    const_format::concatcp!("SELECT ", LIST_COLUMNS, " ", LIST_FROM);
/// What [`LIST_SELECT`] selects, of `l` (the list) and `m` (the caller's membership).
pub(super) const LIST_COLUMNS: &str = "l.id, l.name, l.color, l.is_default, l.version, \
     l.created_at, l.updated_at, m.role, m.position, \
     (SELECT COUNT(*) FROM list_members c WHERE c.list_id = l.id) AS member_count";
pub(super) const LIST_FROM: &str = "FROM list_members m JOIN lists l ON l.id = m.list_id";

#[derive(sqlx::FromRow)]
pub(super) struct ListRow {
    id: Uuid,
    name: String,
    color: Option<String>,
    is_default: bool,
    version: i64,
    created_at: DbTime,
    updated_at: DbTime,
    role: String,
    position: String,
    member_count: i64,
}

pub(super) fn parse_role(role: &str) -> Result<MemberRole, RepoError> {
    MemberRole::parse(role)
        .ok_or_else(|| RepoError::Corrupt(format!("unknown member role {role:?}")))
}

impl TryFrom<ListRow> for TodoList {
    type Error = RepoError;

    fn try_from(row: ListRow) -> Result<Self, Self::Error> {
        Ok(TodoList {
            id: row.id,
            name: row.name,
            color: row.color,
            is_default: row.is_default,
            role: parse_role(&row.role)?,
            member_count: row.member_count,
            version: row.version,
            position: row.position,
            created_at: row.created_at.0,
            updated_at: row.updated_at.0,
        })
    }
}

/// The list as the caller sees it, if they are a member.
pub(super) async fn find_in<'c, E>(
    executor: E,
    me: Uuid,
    id: Uuid,
) -> Result<Option<TodoList>, RepoError>
where
    E: sqlx::Executor<'c, Database = Db>,
{
    let sql = const_format::concatcp!(LIST_SELECT, " WHERE m.user_id = $1 AND m.list_id = $2");
    let row: Option<ListRow> = sqlx::query_as(sql)
        .bind(me)
        .bind(id)
        .fetch_optional(executor)
        .await?;
    row.map(TryInto::try_into).transpose()
}

/// After a create with a client-chosen id did not happen (its transaction rolled back):
/// the caller's list with that id (`Exists`: a replay), an id that is not theirs to use
/// (`IdTaken`), or the refusal as it was.
async fn settle_client_id(
    pool: &sqlx::Pool<Db>,
    me: Uuid,
    list: &NewList,
    outcome: ListOutcome<TodoList>,
) -> Result<ListOutcome<TodoList>, RepoError> {
    if !list.client_id {
        return Ok(outcome);
    }
    if let Some(existing) = find_in(pool, me, list.id).await? {
        return Ok(ListOutcome::Exists(existing));
    }
    Ok(if offline::id_taken(pool, Entity::List, list.id).await? {
        ListOutcome::IdTaken
    } else {
        outcome
    })
}

/// Which lists' members a change of the caller's memberships touches (see
/// [`lock_member_order`]).
#[derive(Clone, Copy)]
pub(super) enum Touching {
    /// Only the caller's own row (a new list of theirs).
    Nobody,
    /// The members of this list, if the caller is one (else only the caller's row: a
    /// stranger's refused write must not hold a list's accounts).
    List(Uuid),
    /// The members of the list the caller is joining (its invitation already checked).
    Joining(Uuid),
    /// The members of every list of the caller (a respacing of their order).
    AllTheirLists,
}

/// Inside a write transaction: serialises changes to the caller's own order of lists (and
/// their count) by locking their account row (PostgreSQL; SQLite's write lock already
/// does), together with the rows of the other members the change touches. The data-version
/// trigger of `list_members` locks those members' rows too; taking them all here first, in
/// id order (the trigger's order), keeps two writers from locking them in opposite orders
/// and deadlocking.
///
/// Returns `false` if, for [`Touching::List`], the statement found the caller no member of
/// the list (and so locked only their own row): the write must then answer from that, not
/// go on to find them a member in a later statement, whose trigger would lock the members
/// this one did not (out of order). `true` otherwise, and on SQLite.
pub(super) async fn lock_member_order(
    tx: &mut sqlx::Transaction<'_, Db>,
    me: Uuid,
    touching: Touching,
) -> Result<bool, RepoError> {
    if D::LOCK_ROW.is_empty() {
        return Ok(true);
    }
    let rows: Vec<(Uuid, bool)> = lock_member_order_query("", me, touching)
        .build_query_as()
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows.first().is_some_and(|(_, member)| *member))
}

/// The statement [`lock_member_order`] sends, after `prefix` (empty, or the dialect's
/// `EXPLAIN`). One `IN` over a `UNION` of lookups by key, not `id = $me OR id IN (…)`: that
/// is a sequential scan of every account on PostgreSQL (migration 20).
pub(super) fn lock_member_order_query(
    prefix: &str,
    me: Uuid,
    touching: Touching,
) -> sqlx::QueryBuilder<Db> {
    let mut q = sqlx::QueryBuilder::<Db>::new(prefix);
    q.push("SELECT id, ");
    match touching {
        Touching::List(list) => push_member(&mut q, list, me, false),
        _ => {
            q.push("TRUE");
        }
    }
    q.push(" FROM users WHERE id IN (SELECT ").push_bind(me);
    match touching {
        Touching::Nobody => {}
        Touching::List(list) => {
            q.push(" UNION SELECT lm.user_id FROM list_members lm WHERE lm.list_id = ")
                .push_bind(list)
                .push(" AND ");
            push_member(&mut q, list, me, false);
        }
        Touching::Joining(list) => {
            q.push(" UNION SELECT m.user_id FROM list_members m WHERE m.list_id = ")
                .push_bind(list);
        }
        Touching::AllTheirLists => {
            q.push(
                " UNION SELECT m.user_id FROM list_members mine \
                   JOIN list_members m ON m.list_id = mine.list_id WHERE mine.user_id = ",
            )
            .push_bind(me);
        }
    }
    q.push(") ORDER BY id").push(D::LOCK_ROW);
    q
}

/// Inside a transaction that holds the caller's order lock: how many lists they are a
/// member of, and the key that places one more last in their order.
pub(super) async fn next_position(
    tx: &mut sqlx::Transaction<'_, Db>,
    me: Uuid,
) -> Result<(i64, String), RepoError> {
    let (count, last): (i64, Option<String>) =
        sqlx::query_as("SELECT COUNT(*), MAX(position) FROM list_members WHERE user_id = $1")
            .bind(me)
            .fetch_one(&mut **tx)
            .await?;
    let key = key_between(last.as_deref(), None).map_err(|e| RepoError::Corrupt(e.to_string()))?;
    Ok((count, key))
}

/// The caller's role in the list and the list's version, for telling apart why a write
/// that needed a role changed nothing.
async fn role_and_version<'c, E>(
    executor: E,
    me: Uuid,
    id: Uuid,
) -> Result<Option<(MemberRole, i64)>, RepoError>
where
    E: sqlx::Executor<'c, Database = Db>,
{
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT m.role, l.version FROM list_members m JOIN lists l ON l.id = m.list_id \
         WHERE m.list_id = $1 AND m.user_id = $2",
    )
    .bind(id)
    .bind(me)
    .fetch_optional(executor)
    .await?;
    row.map(|(role, version)| Ok((parse_role(&role)?, version)))
        .transpose()
}

enum Moved {
    Done,
    NeedsRespace,
    NotFound,
    Invalid(ValidationErrors),
}

/// Inside a transaction holding the caller's order lock: gives the list its new key in the
/// caller's order, or (with `respace`) respaces the caller's whole order evenly with the
/// list at its new place. Without `respace`, a key longer than `REBALANCE_LEN` changes
/// nothing and answers `NeedsRespace`.
async fn move_in(
    tx: &mut sqlx::Transaction<'_, Db>,
    me: Uuid,
    id: Uuid,
    target: MoveTarget,
    respace: bool,
) -> Result<Moved, RepoError> {
    // The caller's order without the moved list (at most MAX_LISTS_PER_ACCOUNT rows).
    let order: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT list_id, position FROM list_members WHERE user_id = $1 \
         ORDER BY position, list_id",
    )
    .bind(me)
    .fetch_all(&mut **tx)
    .await?;
    if !order.iter().any(|(list, _)| *list == id) {
        return Ok(Moved::NotFound);
    }
    let others: Vec<&(Uuid, String)> = order.iter().filter(|(l, _)| *l != id).collect();
    let index = match target {
        MoveTarget::First => 0,
        MoveTarget::Last => others.len(),
        MoveTarget::After(neighbour) | MoveTarget::Before(neighbour) => {
            let field = if matches!(target, MoveTarget::After(_)) {
                "after"
            } else {
                "before"
            };
            if neighbour == id {
                return Ok(Moved::Invalid(ValidationErrors::single(
                    field,
                    "must be another list than the moved one",
                )));
            }
            let Some(at) = others.iter().position(|(l, _)| *l == neighbour) else {
                return Ok(Moved::Invalid(ValidationErrors::single(
                    field,
                    "is not one of your lists",
                )));
            };
            if matches!(target, MoveTarget::After(_)) {
                at + 1
            } else {
                at
            }
        }
    };
    let before = index.checked_sub(1).map(|i| others[i].1.as_str());
    let after = others.get(index).map(|(_, p)| p.as_str());
    let key = key_between(before, after).map_err(|e| RepoError::Corrupt(e.to_string()))?;
    if key.len() > REBALANCE_LEN {
        if !respace {
            return Ok(Moved::NeedsRespace);
        }
        // Respace the caller's whole order evenly, the moved list at its place.
        let mut ids: Vec<Uuid> = others.iter().map(|(l, _)| *l).collect();
        ids.insert(index, id);
        let keys =
            keys_between(None, None, ids.len()).map_err(|e| RepoError::Corrupt(e.to_string()))?;
        let keys: Vec<(Uuid, String)> = ids.into_iter().zip(keys).collect();
        super::positions::set_list_positions(tx, me, &keys).await?;
    } else {
        // The membership in the statement: a member removed meanwhile moves nothing.
        let done = sqlx::query(
            "UPDATE list_members SET position = $3 WHERE list_id = $1 AND user_id = $2",
        )
        .bind(id)
        .bind(me)
        .bind(&key)
        .execute(&mut **tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(Moved::NotFound);
        }
    }
    Ok(Moved::Done)
}

#[async_trait::async_trait]
impl crate::repo::ListRepository for Store {
    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, limit))]
    async fn list_lists(
        &self,
        me: Uuid,
        after: Option<ListKey>,
        limit: u32,
    ) -> Result<Vec<TodoList>, RepoError> {
        // Served by list_members (user_id, position, list_id); the count is a per-row
        // index lookup on the primary key (list_id, user_id), at most one page's worth.
        let sql = format!(
            "{LIST_SELECT} WHERE m.user_id = $1 \
             AND ($2 IS NULL OR (m.position, m.list_id) > ($2, $3)) \
             ORDER BY m.position, m.list_id LIMIT {limit}"
        );
        let rows: Vec<ListRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            // `$n IS NULL OR` keyset: planned for its values, so the cursor bounds the walk.
            .persistent(D::CACHE_VALUE_PLANS)
            .bind(me)
            .bind(after.as_ref().map(|k| k.position.clone()))
            .bind(after.map(|k| k.id))
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, list_id = %id))]
    async fn find_list(&self, me: Uuid, id: Uuid) -> Result<Option<TodoList>, RepoError> {
        find_in(&self.pool, me, id).await
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, list_id = %list.id))]
    async fn insert_list(
        &self,
        me: Uuid,
        list: &NewList,
    ) -> Result<ListOutcome<TodoList>, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        lock_member_order(&mut tx, me, Touching::Nobody).await?;
        let (count, position) = next_position(&mut tx, me).await?;
        if count >= MAX_LISTS_PER_ACCOUNT {
            drop(tx);
            drop(writer);
            return settle_client_id(
                &self.pool,
                me,
                list,
                ListOutcome::Conflict(ListConflict::TooManyLists),
            )
            .await;
        }
        let now = DbTime(list.created_at);
        // A client-chosen id may be taken: the primary key decides, then one more read
        // tells a replay from a conflict (as for todos).
        let inserted = sqlx::query(
            "INSERT INTO lists (id, name, color, is_default, version, created_at, updated_at) \
             VALUES ($1, $2, $3, FALSE, 1, $4, $4)",
        )
        .bind(list.id)
        .bind(&list.name)
        .bind(list.color.as_deref())
        .bind(now)
        .execute(&mut *tx)
        .await
        .map_err(RepoError::from);
        match inserted {
            Err(e) if list.client_id && offline::is_primary_key(&e, Entity::List) => {
                drop(tx);
                drop(writer);
                return settle_client_id(&self.pool, me, list, ListOutcome::IdTaken).await;
            }
            Err(e) => return Err(e),
            Ok(_) => {}
        }
        // Never a resurrection (asked after the insert; see `todos::insert_todo_in`).
        if list.client_id && offline::tombstoned(&mut *tx, Entity::List, list.id).await? {
            return Ok(ListOutcome::IdTaken);
        }
        sqlx::query(
            "INSERT INTO list_members (list_id, user_id, role, position, created_at) \
             VALUES ($1, $2, 'owner', $3, $4)",
        )
        .bind(list.id)
        .bind(me)
        .bind(&position)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let created = find_in(&mut *tx, me, list.id).await?;
        tx.commit().await?;
        created
            .map(ListOutcome::Done)
            .ok_or_else(|| RepoError::Corrupt("a created list is missing".into()))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, list_id = %id))]
    async fn update_list(
        &self,
        me: Uuid,
        id: Uuid,
        changes: &ListChanges,
        expected_version: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<ListOutcome<TodoList>, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        let done = sqlx::query(
            "UPDATE lists SET \
                 name = CASE WHEN $3 THEN $4 ELSE name END, \
                 color = CASE WHEN $5 THEN $6 ELSE color END, \
                 updated_at = $7, version = version + 1 \
             WHERE id = $1 AND ($8 IS NULL OR version = $8) \
               AND EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = lists.id \
                           AND m.user_id = $2 AND m.role = 'owner')",
        )
        .bind(id)
        .bind(me)
        .bind(changes.name.is_some())
        .bind(changes.name.as_deref())
        .bind(changes.color.is_some())
        .bind(changes.color.clone().flatten())
        .bind(DbTime(now))
        .bind(expected_version)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            drop(tx);
            drop(writer);
            return Ok(match role_and_version(&self.pool, me, id).await? {
                None => ListOutcome::NotFound,
                Some((role, _)) if role != MemberRole::Owner => ListOutcome::Forbidden,
                Some(_) => ListOutcome::VersionMismatch,
            });
        }
        let updated = find_in(&mut *tx, me, id).await?;
        tx.commit().await?;
        Ok(updated.map_or(ListOutcome::NotFound, ListOutcome::Done))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, list_id = %id))]
    async fn delete_list(
        &self,
        me: Uuid,
        id: Uuid,
        delete_todos: bool,
        expected_version: Option<i64>,
    ) -> Result<ListOutcome<()>, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        // The list's row lock (taken with the caller's membership in one statement) keeps
        // todos from arriving between the emptiness check and the delete: every writer of
        // a list's todos takes it first (ADR 0024).
        let state: Option<(String, i64, bool, bool)> = sqlx::query_as(const_format::concatcp!(
            "SELECT m.role, l.version, l.is_default, \
                    EXISTS (SELECT 1 FROM todos t WHERE t.list_id = l.id) \
             FROM lists l JOIN list_members m ON m.list_id = l.id AND m.user_id = $2 \
             WHERE l.id = $1",
            D::FOR_UPDATE
        ))
        .bind(id)
        .bind(me)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((role, version, is_default, has_todos)) = state else {
            drop(tx);
            drop(writer);
            // A replayed delete: the list is gone and the caller lost it with it.
            return Ok(
                if offline::list_already_deleted(&self.pool, me, id).await? {
                    ListOutcome::Done(())
                } else {
                    ListOutcome::NotFound
                },
            );
        };
        if parse_role(&role)? != MemberRole::Owner {
            return Ok(ListOutcome::Forbidden);
        }
        if expected_version.is_some_and(|v| v != version) {
            return Ok(ListOutcome::VersionMismatch);
        }
        if is_default {
            return Ok(ListOutcome::Conflict(ListConflict::DefaultList));
        }
        if has_todos && !delete_todos {
            return Ok(ListOutcome::Conflict(ListConflict::HasTodos));
        }
        // Its todos (and their subtasks and tags), members and invitations go with it
        // (ON DELETE CASCADE).
        let done = sqlx::query(
            "DELETE FROM lists WHERE id = $1 AND is_default = FALSE \
               AND EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = lists.id \
                           AND m.user_id = $2 AND m.role = 'owner')",
        )
        .bind(id)
        .bind(me)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(if done.rows_affected() > 0 {
            ListOutcome::Done(())
        } else {
            ListOutcome::NotFound
        })
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, list_id = %id))]
    async fn move_list(
        &self,
        me: Uuid,
        id: Uuid,
        target: MoveTarget,
    ) -> Result<Result<ListOutcome<TodoList>, ValidationErrors>, RepoError> {
        // Usually one membership row changes (and its list's members are locked); a
        // respacing changes all of the caller's, so it starts again holding every member of
        // every list of theirs, taken in one go in the trigger's order.
        let mut respace = false;
        // One turn for both tries: the commit is inside it.
        let mut writer = self.writer().await?;
        loop {
            let mut tx = writer.begin().await?;
            let touching = if respace {
                Touching::AllTheirLists
            } else {
                Touching::List(id)
            };
            if !lock_member_order(&mut tx, me, touching).await? {
                return Ok(Ok(ListOutcome::NotFound));
            }
            match move_in(&mut tx, me, id, target, respace).await? {
                Moved::Done => {
                    let moved = find_in(&mut *tx, me, id).await?;
                    tx.commit().await?;
                    return Ok(Ok(moved.map_or(ListOutcome::NotFound, ListOutcome::Done)));
                }
                Moved::NeedsRespace => {
                    tx.rollback().await?;
                    respace = true;
                }
                Moved::NotFound => return Ok(Ok(ListOutcome::NotFound)),
                Moved::Invalid(errors) => return Ok(Err(errors)),
            }
        }
    }
}
