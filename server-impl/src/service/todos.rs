//! The todos of the caller's lists: every operation is scoped to the lists the caller is
//! a member of (in the statement itself), so a todo of another list is indistinguishable
//! from a missing one; a viewer's writes are forbidden.

use std::sync::Arc;

use uuid::Uuid;

mod idempotent;

pub use idempotent::Created;

use super::conditional::{expected_version, failed_if};
use super::pagination::{CursorCodec, Page};
use crate::domain::{
    self, BatchAction, BatchOutcome, Conditional, Creation, NewTodo, Precondition, Todo,
    TodoChanges, TodoDraft, TodoMoveTarget, TodoPatch, ValidationErrors, batch::check_batch_ids,
};
use crate::domain::{SortKey, TagCount, TodoFilter, TodoFilterDraft, TodoSort};
use crate::error::AppError;
use crate::repo::{IdempotencyRepository, TagRepository, TodoRepository};

#[derive(Clone)]
pub struct TodoService {
    todos: Arc<dyn TodoRepository>,
    tags: Arc<dyn TagRepository>,
    keys: Arc<dyn IdempotencyRepository>,
    cursors: CursorCodec,
}

impl TodoService {
    pub fn new(
        todos: Arc<dyn TodoRepository>,
        tags: Arc<dyn TagRepository>,
        keys: Arc<dyn IdempotencyRepository>,
        cursors: CursorCodec,
    ) -> Self {
        TodoService {
            todos,
            tags,
            keys,
            cursors,
        }
    }

    /// Creates a todo; with a client-chosen id that is already the caller's todo (an
    /// offline queue's replay), changes nothing and gives it as it is now.
    #[tracing::instrument(skip_all, fields(user_id = %owner))]
    pub async fn create(&self, owner: Uuid, draft: TodoDraft) -> Result<Creation<Todo>, AppError> {
        let todo = NewTodo::parse(draft, domain::now())?;
        created(self.todos.insert_todo(owner, &todo).await?)
    }

    #[tracing::instrument(skip_all, fields(user_id = %owner, todo_id = %id))]
    pub async fn get(&self, owner: Uuid, id: Uuid) -> Result<Todo, AppError> {
        self.todos
            .find_todo(owner, id)
            .await?
            .ok_or(AppError::NotFound("todo"))
    }

    /// A page of the todos of the caller's lists (or of `filter`'s list) matching `filter`,
    /// in `sort` order (by default newest first, or the manual order within one list). The
    /// cursor is bound to the sort and the filters: one from another combination answers
    /// 400. A list or parent the caller cannot see answers 404.
    #[tracing::instrument(skip_all, fields(user_id = %owner, limit = ?limit))]
    pub async fn list(
        &self,
        owner: Uuid,
        filter: TodoFilterDraft,
        sort: Option<TodoSort>,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<Todo>, AppError> {
        let filter = TodoFilter::parse(filter).map_err(AppError::BadParameter)?;
        let sort = sort.unwrap_or(if filter.list_id.is_some() {
            TodoSort {
                field: crate::domain::SortField::Position,
                descending: false,
            }
        } else {
            TodoSort::default()
        });
        let list = format!("todos|{}|{}", sort.name(), filter.fingerprint());
        let request = self
            .cursors
            .request::<SortKey>(&list, owner, limit, cursor)?;
        if request.after.as_ref().is_some_and(|k| !k.fits(sort.field)) {
            return Err(AppError::BadParameter(ValidationErrors::single(
                "cursor",
                "the cursor is malformed or was not issued for this list",
            )));
        }
        let rows = self
            .todos
            .list_todos(
                owner,
                &filter,
                sort,
                request.after.clone(),
                request.fetch(),
                domain::now(),
            )
            .await?;
        // An empty page may be a list or parent the caller cannot see (one more statement,
        // only then).
        if rows.is_empty()
            && (filter.list_id.is_some() || filter.parent_id.is_some())
            && !self
                .todos
                .can_see(owner, filter.list_id, filter.parent_id)
                .await?
        {
            return Err(AppError::NotFound(if filter.list_id.is_some() {
                "list"
            } else {
                "todo"
            }));
        }
        Ok(self
            .cursors
            .page(&list, owner, &request, rows, |t| SortKey::of(t, sort.field)))
    }

    /// A page of the owner's tags with their counts, alphabetically.
    #[tracing::instrument(skip_all, fields(user_id = %owner, limit = ?limit))]
    pub async fn tags(
        &self,
        owner: Uuid,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<TagCount>, AppError> {
        let request = self
            .cursors
            .request::<String>("tags", owner, limit, cursor)?;
        let rows = self
            .tags
            .list_tags(owner, request.after.clone(), request.fetch())
            .await?;
        Ok(self
            .cursors
            .page("tags", owner, &request, rows, |t| t.key.clone()))
    }

    /// One action on up to 100 of the owner's todos, all or nothing.
    #[tracing::instrument(skip_all, fields(user_id = %owner, action = ?action, count = ids.len()))]
    pub async fn batch(
        &self,
        owner: Uuid,
        action: BatchAction,
        ids: &[Uuid],
    ) -> Result<(u64, Vec<Todo>), AppError> {
        check_batch_ids(ids)?;
        match self
            .todos
            .batch_todos(owner, action, ids, domain::now())
            .await?
        {
            BatchOutcome::Done { affected, items } => Ok((affected, items)),
            BatchOutcome::Missing(positions) => {
                let mut errors = ValidationErrors::new();
                for i in positions {
                    errors.add(&format!("ids[{i}]"), "is not a todo you can change");
                }
                Err(AppError::Validation(errors))
            }
        }
    }

    /// Applies a partial update, if `precondition` allows the todo's current version.
    #[tracing::instrument(skip_all, fields(user_id = %owner, todo_id = %id))]
    pub async fn update(
        &self,
        owner: Uuid,
        id: Uuid,
        patch: TodoPatch,
        precondition: &Precondition,
    ) -> Result<Todo, AppError> {
        let changes = TodoChanges::parse(patch, domain::now())?;
        if changes.is_empty() {
            let todo = self
                .get(owner, id)
                .await
                .map_err(|e| failed_if(e, precondition))?;
            return if precondition.allows(todo.version) {
                Ok(todo)
            } else {
                Err(AppError::PreconditionFailed)
            };
        }
        let expected = self.expected_version(owner, id, precondition).await?;
        resolve(
            self.todos
                .update_todo(owner, id, &changes, expected)
                .await?,
            precondition,
        )
    }

    /// Moves the todo in its list's manual order, if `precondition` allows its version.
    #[tracing::instrument(skip_all, fields(user_id = %owner, todo_id = %id))]
    pub async fn move_to(
        &self,
        owner: Uuid,
        id: Uuid,
        target: TodoMoveTarget,
        precondition: &Precondition,
    ) -> Result<Todo, AppError> {
        let expected = self.expected_version(owner, id, precondition).await?;
        resolve(
            self.todos
                .move_todo(owner, id, &target, expected, domain::now())
                .await?,
            precondition,
        )
    }

    #[tracing::instrument(skip_all, fields(user_id = %owner, todo_id = %id))]
    pub async fn delete(
        &self,
        owner: Uuid,
        id: Uuid,
        precondition: &Precondition,
    ) -> Result<(), AppError> {
        let expected = self.expected_version(owner, id, precondition).await?;
        resolve(
            self.todos.delete_todo(owner, id, expected).await?,
            precondition,
        )
    }

    /// The one version a conditional write may apply to (`service::conditional`).
    async fn expected_version(
        &self,
        owner: Uuid,
        id: Uuid,
        precondition: &Precondition,
    ) -> Result<Option<i64>, AppError> {
        expected_version(precondition, || async {
            Ok(self.get(owner, id).await?.version)
        })
        .await
    }
}

/// A create's outcome: made now, made before (a replay), or refused.
fn created(outcome: Conditional<Todo>) -> Result<Creation<Todo>, AppError> {
    match outcome {
        Conditional::Exists(todo) => Ok(Creation::Existing(todo)),
        outcome => resolve(outcome, &Precondition::None).map(Creation::New),
    }
}

fn resolve<T>(outcome: Conditional<T>, precondition: &Precondition) -> Result<T, AppError> {
    match outcome {
        // Only creates find an existing item; `created` tells it apart first.
        Conditional::Done(value) | Conditional::Exists(value) => Ok(value),
        Conditional::IdTaken => Err(AppError::IdConflict("todo")),
        Conditional::VersionMismatch => Err(AppError::PreconditionFailed),
        Conditional::Forbidden => Err(AppError::ListRoleTooLow),
        Conditional::Invalid(errors) => Err(AppError::Validation(errors)),
        Conditional::NotFound => Err(failed_if(AppError::NotFound("todo"), precondition)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Priority;
    use crate::repo::MockTodoRepository;

    fn todo(owner: Uuid) -> Todo {
        let now = domain::now();
        Todo {
            id: Uuid::now_v7(),
            owner_id: owner,
            title: "t".into(),
            notes: None,
            completed: false,
            completed_at: None,
            due_at: None,
            priority: Priority::Normal,
            created_at: now,
            updated_at: now,
            version: 1,
            tags: Vec::new(),
            list_id: owner,
            parent_id: None,
            position: "a0".into(),
            subtask_count: 0,
            completed_subtask_count: 0,
            created_by: Some(owner),
            updated_by: None,
            completed_by: None,
        }
    }

    fn service(repo: MockTodoRepository) -> TodoService {
        TodoService::new(
            Arc::new(repo),
            Arc::new(crate::repo::MockTagRepository::new()),
            Arc::new(crate::repo::MockIdempotencyRepository::new()),
            CursorCodec::new(b"k"),
        )
    }

    #[tokio::test]
    async fn asks_for_one_extra_row_and_hands_out_a_cursor_to_the_last_item() {
        let owner = Uuid::now_v7();
        let rows: Vec<Todo> = (0..3).map(|_| todo(owner)).collect();
        let expected_next = SortKey::of(&rows[1], crate::domain::SortField::CreatedAt);
        let mut repo = MockTodoRepository::new();
        repo.expect_list_todos()
            .withf(move |o, _, _, after, limit, _| *o == owner && after.is_none() && *limit == 3)
            .return_once(move |_, _, _, _, _, _| Ok(rows));
        let svc = service(repo);
        let page = svc
            .list(owner, TodoFilterDraft::default(), None, Some(2), None)
            .await
            .unwrap();
        assert_eq!(page.items.len(), 2);
        assert_eq!(
            svc.cursors.decode::<SortKey>(
                &format!("todos|-created_at|{}", TodoFilter::default().fingerprint()),
                owner,
                &page.next_cursor.unwrap()
            ),
            Ok(expected_next)
        );
    }

    #[tokio::test]
    async fn last_page_has_no_cursor() {
        let owner = Uuid::now_v7();
        let mut repo = MockTodoRepository::new();
        repo.expect_list_todos()
            .return_once(move |_, _, _, _, _, _| Ok(vec![todo(owner)]));
        let page = service(repo)
            .list(owner, TodoFilterDraft::default(), None, None, None)
            .await
            .unwrap();
        assert_eq!(
            (page.items.len(), page.limit, page.next_cursor),
            (1, crate::service::pagination::DEFAULT_PAGE_SIZE, None)
        );
    }

    #[tokio::test]
    async fn bad_limit_or_cursor_never_reaches_the_database() {
        let mut repo = MockTodoRepository::new();
        repo.expect_list_todos().never();
        let svc = service(repo);
        let owner = Uuid::now_v7();
        for (limit, cursor) in [(Some(0), None), (Some(101), None), (None, Some("forged"))] {
            let err = svc
                .list(owner, TodoFilterDraft::default(), None, limit, cursor)
                .await
                .unwrap_err();
            assert!(matches!(err, AppError::BadParameter(_)), "{err:?}");
        }
    }

    #[tokio::test]
    async fn empty_patch_reads_instead_of_writing_and_missing_is_not_found() {
        let owner = Uuid::now_v7();
        let mut repo = MockTodoRepository::new();
        repo.expect_update_todo().never();
        repo.expect_find_todo().returning(|_, _| Ok(None));
        let err = service(repo)
            .update(
                owner,
                Uuid::now_v7(),
                TodoPatch::default(),
                &Precondition::None,
            )
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::NotFound("todo")));
    }

    #[tokio::test]
    async fn invalid_create_stores_nothing() {
        let mut repo = MockTodoRepository::new();
        repo.expect_insert_todo().never();
        let err = service(repo)
            .create(Uuid::now_v7(), TodoDraft::default())
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::Validation(_)));
    }
}
