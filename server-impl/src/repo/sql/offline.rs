//! What offline clients' replays ask (issue 14): whether a client-chosen id is taken by
//! something else or by a deleted item (its tombstone still kept, migration 17), and whether
//! a delete that finds nothing was already applied. Only ever asked after the write itself
//! decided (a primary-key violation, a refusal, a delete that changed nothing): they tell
//! the answers apart, they never let a write happen (ADR 0025).

use super::Db;
use super::todos::push_member;
use crate::repo::RepoError;
use uuid::Uuid;

/// What a client may create with its own id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Entity {
    Todo,
    List,
}

impl Entity {
    fn table(self) -> &'static str {
        match self {
            Entity::Todo => "todos",
            Entity::List => "lists",
        }
    }

    /// Its `kind` in `sync_tombstones`.
    fn kind(self) -> &'static str {
        match self {
            Entity::Todo => "todo",
            Entity::List => "list",
        }
    }
}

/// Whether a unique violation is `entity`'s primary key: PostgreSQL names the constraint
/// (`<table>_pkey`); SQLite names none, and the statements asking write one row of a table
/// whose only unique key is its primary key.
pub(super) fn is_primary_key(error: &RepoError, entity: Entity) -> bool {
    match error {
        RepoError::UniqueViolation { constraint: None } => true,
        RepoError::UniqueViolation {
            constraint: Some(name),
        } => name.strip_suffix("_pkey") == Some(entity.table()),
        _ => false,
    }
}

/// Whether a deleted `entity` with this id left a tombstone that is still kept.
pub(super) async fn tombstoned<'c, E>(
    executor: E,
    entity: Entity,
    id: Uuid,
) -> Result<bool, RepoError>
where
    E: sqlx::Executor<'c, Database = Db>,
{
    let (found,): (bool,) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM sync_tombstones WHERE entity_id = $1 AND kind = $2)",
    )
    .bind(id)
    .bind(entity.kind())
    .fetch_one(executor)
    .await?;
    Ok(found)
}

/// Whether the id is not the caller's to create with: a row with it exists (that the caller
/// cannot see: asked after looking for theirs), or a tombstone of a deleted one is kept.
pub(super) async fn id_taken<'c, E>(
    executor: E,
    entity: Entity,
    id: Uuid,
) -> Result<bool, RepoError>
where
    E: sqlx::Executor<'c, Database = Db>,
{
    let sql = match entity {
        Entity::Todo => {
            "SELECT EXISTS (SELECT 1 FROM todos WHERE id = $1) \
                 OR EXISTS (SELECT 1 FROM sync_tombstones WHERE entity_id = $1 AND kind = $2)"
        }
        Entity::List => {
            "SELECT EXISTS (SELECT 1 FROM lists WHERE id = $1) \
                 OR EXISTS (SELECT 1 FROM sync_tombstones WHERE entity_id = $1 AND kind = $2)"
        }
    };
    let (taken,): (bool,) = sqlx::query_as(sql)
        .bind(id)
        .bind(entity.kind())
        .fetch_one(executor)
        .await?;
    Ok(taken)
}

/// After a delete of a todo found nothing: whether it was deleted already (or moved out)
/// from a list the caller still writes to, its tombstone still kept, and no todo with that
/// id exists any more (a replayed delete, which answers 204 again).
pub(super) async fn todo_already_deleted<'c, E>(
    executor: E,
    me: Uuid,
    id: Uuid,
) -> Result<bool, RepoError>
where
    E: sqlx::Executor<'c, Database = Db>,
{
    let mut q = sqlx::QueryBuilder::<Db>::new(
        "SELECT EXISTS (SELECT 1 FROM sync_tombstones t WHERE t.entity_id = ",
    );
    q.push_bind(id)
        .push(" AND t.kind = 'todo' AND t.list_id IS NOT NULL AND ");
    push_member(&mut q, "t.list_id", me, true);
    q.push(") AND NOT EXISTS (SELECT 1 FROM todos WHERE id = ")
        .push_bind(id)
        .push(")");
    let (deleted,): (bool,) = q.build_query_as().fetch_one(executor).await?;
    Ok(deleted)
}

/// After a delete of a list found nothing: whether the list is gone and the caller lost it
/// with it (their own list tombstone is still kept): a replayed delete.
pub(super) async fn list_already_deleted<'c, E>(
    executor: E,
    me: Uuid,
    id: Uuid,
) -> Result<bool, RepoError>
where
    E: sqlx::Executor<'c, Database = Db>,
{
    let (deleted,): (bool,) = sqlx::query_as(
        "SELECT EXISTS (SELECT 1 FROM sync_tombstones WHERE entity_id = $1 AND kind = 'list' \
             AND user_id = $2) \
           AND NOT EXISTS (SELECT 1 FROM lists WHERE id = $1)",
    )
    .bind(id)
    .bind(me)
    .fetch_one(executor)
    .await?;
    Ok(deleted)
}
