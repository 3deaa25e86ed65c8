//! The caller's lists: every repository call names the caller, whose membership (and the
//! role it needs) is part of the statement (ADR 0025). A list the caller is not a member
//! of is indistinguishable from a missing one.

use std::sync::Arc;

use uuid::Uuid;

use super::conditional::{expected_version, failed_if};
use super::pagination::{CursorCodec, Page};
use crate::domain::{
    self, Creation, ListChanges, ListKey, ListOutcome, MoveTarget, NewList, Precondition, TodoList,
};
use crate::error::AppError;
use crate::repo::ListRepository;

const LIST: &str = "lists";

#[derive(Clone)]
pub struct ListService {
    lists: Arc<dyn ListRepository>,
    cursors: CursorCodec,
}

/// An outcome as the API answers it; `what` names the missing thing of a 404.
pub(crate) fn resolve<T>(outcome: ListOutcome<T>, what: &'static str) -> Result<T, AppError> {
    match outcome {
        // Only creates find an existing item; `create` tells it apart first.
        ListOutcome::Done(value) | ListOutcome::Exists(value) => Ok(value),
        ListOutcome::IdTaken => Err(AppError::IdConflict("list")),
        ListOutcome::NotFound => Err(AppError::NotFound(what)),
        ListOutcome::Forbidden => Err(AppError::ListRoleTooLow),
        ListOutcome::VersionMismatch => Err(AppError::PreconditionFailed),
        ListOutcome::Conflict(c) => Err(AppError::Conflict(c.describe())),
    }
}

impl ListService {
    pub fn new(lists: Arc<dyn ListRepository>, cursors: CursorCodec) -> Self {
        ListService { lists, cursors }
    }

    /// A page of the caller's lists in their own order.
    #[tracing::instrument(skip_all, fields(user_id = %me, limit = ?limit))]
    pub async fn list(
        &self,
        me: Uuid,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<TodoList>, AppError> {
        let request = self.cursors.request::<ListKey>(LIST, me, limit, cursor)?;
        let rows = self
            .lists
            .list_lists(me, request.after.clone(), request.fetch())
            .await?;
        Ok(self.cursors.page(LIST, me, &request, rows, ListKey::of))
    }

    /// Creates a list (`id`: one the client chose, if any); with a client-chosen id that is
    /// already the caller's list (an offline queue's replay), changes nothing and gives it
    /// as it is now.
    #[tracing::instrument(skip_all, fields(user_id = %me))]
    pub async fn create(
        &self,
        me: Uuid,
        id: Option<Uuid>,
        name: &str,
        color: Option<&str>,
    ) -> Result<Creation<TodoList>, AppError> {
        let list = NewList::parse(id, name, color, domain::now())?;
        match self.lists.insert_list(me, &list).await? {
            ListOutcome::Exists(list) => Ok(Creation::Existing(list)),
            outcome => resolve(outcome, "list").map(Creation::New),
        }
    }

    #[tracing::instrument(skip_all, fields(user_id = %me, list_id = %id))]
    pub async fn get(&self, me: Uuid, id: Uuid) -> Result<TodoList, AppError> {
        self.lists
            .find_list(me, id)
            .await?
            .ok_or(AppError::NotFound("list"))
    }

    /// Renames/recolours (owner), if `precondition` allows the list's current version.
    #[tracing::instrument(skip_all, fields(user_id = %me, list_id = %id))]
    pub async fn update(
        &self,
        me: Uuid,
        id: Uuid,
        changes: ListChanges,
        precondition: &Precondition,
    ) -> Result<TodoList, AppError> {
        let expected = self.expected_version(me, id, precondition).await?;
        if changes.is_empty() {
            // Nothing to write; the caller still needs the owner role to "update".
            let list = self
                .get(me, id)
                .await
                .map_err(|e| failed_if(e, precondition))?;
            if list.role != domain::MemberRole::Owner {
                return Err(AppError::ListRoleTooLow);
            }
            return if precondition.allows(list.version) {
                Ok(list)
            } else {
                Err(AppError::PreconditionFailed)
            };
        }
        let outcome = self
            .lists
            .update_list(me, id, &changes, expected, domain::now())
            .await?;
        resolve(outcome, "list").map_err(|e| failed_if(e, precondition))
    }

    #[tracing::instrument(skip_all, fields(user_id = %me, list_id = %id))]
    pub async fn delete(
        &self,
        me: Uuid,
        id: Uuid,
        delete_todos: bool,
        precondition: &Precondition,
    ) -> Result<(), AppError> {
        let expected = self.expected_version(me, id, precondition).await?;
        let outcome = self
            .lists
            .delete_list(me, id, delete_todos, expected)
            .await?;
        resolve(outcome, "list").map_err(|e| failed_if(e, precondition))
    }

    /// Moves the list in the caller's own order (any member).
    #[tracing::instrument(skip_all, fields(user_id = %me, list_id = %id))]
    pub async fn move_list(
        &self,
        me: Uuid,
        id: Uuid,
        target: MoveTarget,
    ) -> Result<TodoList, AppError> {
        let outcome = self.lists.move_list(me, id, target).await??;
        resolve(outcome, "list")
    }

    /// The one version a conditional write may apply to (`service::conditional`).
    async fn expected_version(
        &self,
        me: Uuid,
        id: Uuid,
        precondition: &Precondition,
    ) -> Result<Option<i64>, AppError> {
        expected_version(precondition, || async {
            Ok(self.get(me, id).await?.version)
        })
        .await
    }
}
