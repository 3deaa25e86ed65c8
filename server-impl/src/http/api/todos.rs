//! The generated `Todos` trait: the caller's todos and their tags.

use async_trait::async_trait;
use http::Extensions;
use todo_api_gen::apis::todos::{
    BatchTodosResponse, CreateTodoResponse, DeleteTodoResponse, GetTodoResponse, ListTagsResponse,
    ListTodosResponse, MoveTodoResponse, Todos, UpdateTodoResponse,
};
use todo_api_gen::models;
use todo_api_gen::types::Nullable;

use super::{ApiImpl, BASE};
use crate::auth::AuthContext;
use crate::domain::{Creation, IdempotencyKey, Todo, ValidationErrors};
use crate::error::AppError;
use crate::http::convert::{
    batch_action_from_model, draft_from_model, filter_from_model, move_from_model,
    patch_from_model, sort_from_model, todo_to_model,
};
use crate::http::etag::{if_match, none_match_hits, page_etag, todo_etag};
use crate::http::links::{next_link, todos_next_link};
use crate::service::Created;

/// A 201 for a todo (`version` as of its creation).
fn created(todo: models::Todo, version: i64, replayed: Option<String>) -> CreateTodoResponse {
    CreateTodoResponse::Status201_Created {
        location: format!("{BASE}/todos/{}", todo.id),
        e_tag: todo_etag(version),
        idempotent_replayed: replayed,
        body: todo,
    }
}

/// A 200 for a create whose client-chosen id is already the caller's todo (a replay): the
/// todo as it is now.
fn existing(todo: Todo) -> CreateTodoResponse {
    CreateTodoResponse::Status200_AlreadyCreatedWithThis {
        location: format!("{BASE}/todos/{}", todo.id),
        e_tag: todo_etag(todo.version),
        body: todo_to_model(todo),
    }
}

impl ApiImpl {
    /// The todo of a replayed creation: the stored response, or, for one stored before
    /// todos had lists (it lacks their fields), the stored response completed with the
    /// fields of the todo as it is now (or, if it is gone, as it was created: in the
    /// caller's Inbox, top-level).
    async fn replayed_todo(
        &self,
        me: uuid::Uuid,
        stored: &str,
        id: uuid::Uuid,
    ) -> Result<models::Todo, AppError> {
        let bad = |e: serde_json::Error| anyhow::anyhow!("stored response of todo {id}: {e}");
        if let Ok(todo) = serde_json::from_str::<models::Todo>(stored) {
            return Ok(todo);
        }
        let mut value: serde_json::Value = serde_json::from_str(stored).map_err(bad)?;
        let current = match self.todos.get(me, id).await {
            Ok(todo) => serde_json::to_value(todo_to_model(todo)).map_err(bad)?,
            Err(AppError::NotFound(_)) => serde_json::json!({
                "list_id": me, "parent_id": null, "position": "", "subtask_count": 0,
                "completed_subtask_count": 0, "created_by": me, "updated_by": null,
                "completed_by": null,
            }),
            Err(e) => return Err(e),
        };
        if let (Some(fields), Some(now)) = (value.as_object_mut(), current.as_object()) {
            for (name, v) in now {
                fields.entry(name.clone()).or_insert_with(|| v.clone());
            }
        }
        Ok(serde_json::from_value(value).map_err(bad)?)
    }
}

#[async_trait]
impl Todos<AppError> for ApiImpl {
    type Claims = AuthContext;

    async fn move_todo(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        headers: &models::MoveTodoHeaderParams,
        path: &models::MoveTodoPathParams,
        body: &models::TodoMove,
    ) -> Result<MoveTodoResponse, AppError> {
        let target = move_from_model(body)?;
        let precondition = if_match(headers.if_match.as_deref());
        let todo = self
            .todos
            .move_to(claims.user_id, path.todo_id, target, &precondition)
            .await?;
        Ok(MoveTodoResponse::Status200_Moved {
            e_tag: todo_etag(todo.version),
            body: todo_to_model(todo),
        })
    }

    async fn create_todo(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        headers: &models::CreateTodoHeaderParams,
        body: &models::TodoCreate,
    ) -> Result<CreateTodoResponse, AppError> {
        let draft = draft_from_model(body);
        let Some(raw_key) = headers.idempotency_key.as_deref() else {
            return Ok(match self.todos.create(claims.user_id, draft).await? {
                Creation::New(todo) => created(todo_to_model(todo), 1, None),
                Creation::Existing(todo) => existing(todo),
            });
        };
        let key = IdempotencyKey::parse(raw_key)
            .map_err(|m| AppError::BadParameter(ValidationErrors::single("Idempotency-Key", m)))?;
        // The request is identified by its parsed body, so spacing and field order do not matter.
        let request = serde_json::to_vec(body).map_err(anyhow::Error::from)?;
        let render: fn(&Todo) -> String =
            |todo| serde_json::to_string(&todo_to_model(todo.clone())).unwrap_or_default();
        match self
            .todos
            .create_idempotent(claims.user_id, draft, &key, &request, render)
            .await?
        {
            Created::New(todo) => Ok(created(todo_to_model(*todo), 1, None)),
            Created::Existing(todo) => Ok(existing(*todo)),
            Created::Replayed { response_body, id } => {
                let todo = self
                    .replayed_todo(claims.user_id, &response_body, id)
                    .await?;
                Ok(created(todo, 1, Some("true".to_owned())))
            }
        }
    }

    async fn list_tags(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        query: &models::ListTagsQueryParams,
    ) -> Result<ListTagsResponse, AppError> {
        let page = self
            .todos
            .tags(claims.user_id, query.limit, query.cursor.as_deref())
            .await?;
        let link = next_link("tags", page.limit, page.next_cursor.as_deref());
        Ok(ListTagsResponse::Status200_APageOfTags {
            body: models::TagPage {
                items: page
                    .items
                    .into_iter()
                    .map(|t| models::TagCount {
                        tag: t.tag,
                        count: t.count,
                    })
                    .collect(),
                next_cursor: page.next_cursor.map_or(Nullable::Null, Nullable::Present),
            },
            link,
        })
    }

    async fn batch_todos(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        body: &models::BatchRequest,
    ) -> Result<BatchTodosResponse, AppError> {
        let action = batch_action_from_model(body.action);
        let (affected, items) = self.todos.batch(claims.user_id, action, &body.ids).await?;
        Ok(BatchTodosResponse::Status200_Applied(models::BatchResult {
            action: body.action,
            affected: i32::try_from(affected).unwrap_or(i32::MAX),
            items: items.into_iter().map(todo_to_model).collect(),
        }))
    }

    async fn delete_todo(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        headers: &models::DeleteTodoHeaderParams,
        path: &models::DeleteTodoPathParams,
    ) -> Result<DeleteTodoResponse, AppError> {
        let precondition = if_match(headers.if_match.as_deref());
        self.todos
            .delete(claims.user_id, path.todo_id, &precondition)
            .await?;
        Ok(DeleteTodoResponse::Status204_Deleted)
    }

    async fn get_todo(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        headers: &models::GetTodoHeaderParams,
        path: &models::GetTodoPathParams,
    ) -> Result<GetTodoResponse, AppError> {
        let todo = self.todos.get(claims.user_id, path.todo_id).await?;
        let e_tag = todo_etag(todo.version);
        if none_match_hits(headers.if_none_match.as_deref(), &e_tag) {
            return Ok(GetTodoResponse::Status304_NotModified { e_tag });
        }
        Ok(GetTodoResponse::Status200_TheTodo {
            body: todo_to_model(todo),
            e_tag,
        })
    }

    async fn list_todos(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        headers: &models::ListTodosHeaderParams,
        query: &models::ListTodosQueryParams,
    ) -> Result<ListTodosResponse, AppError> {
        let page = self
            .todos
            .list(
                claims.user_id,
                filter_from_model(query),
                sort_from_model(query.sort),
                query.limit,
                query.cursor.as_deref(),
            )
            .await?;
        let e_tag = page_etag(
            page.items.iter().map(|t| (t.id, t.version)),
            page.next_cursor.as_deref(),
        );
        if none_match_hits(headers.if_none_match.as_deref(), &e_tag) {
            return Ok(ListTodosResponse::Status304_PageNotModified { e_tag });
        }
        let link = page
            .next_cursor
            .as_deref()
            .map(|c| todos_next_link(query, page.limit, c));
        Ok(ListTodosResponse::Status200_APageOfTodos {
            body: models::TodoPage {
                items: page.items.into_iter().map(todo_to_model).collect(),
                next_cursor: page.next_cursor.map_or(Nullable::Null, Nullable::Present),
            },
            link,
            e_tag,
        })
    }

    async fn update_todo(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        headers: &models::UpdateTodoHeaderParams,
        path: &models::UpdateTodoPathParams,
        body: &models::TodoUpdate,
    ) -> Result<UpdateTodoResponse, AppError> {
        let precondition = if_match(headers.if_match.as_deref());
        let todo = self
            .todos
            .update(
                claims.user_id,
                path.todo_id,
                patch_from_model(body),
                &precondition,
            )
            .await?;
        Ok(UpdateTodoResponse::Status200_Updated {
            e_tag: todo_etag(todo.version),
            body: todo_to_model(todo),
        })
    }
}
