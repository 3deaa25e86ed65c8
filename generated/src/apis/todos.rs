use async_trait::async_trait;
use axum::extract::*;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::{models, types::*};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum BatchTodosResponse {
    /// Applied
    Status200_Applied(models::BatchResult),
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// The request body did not arrive within the server's body-read timeout
    Status408_TheRequestBodyDidNotArriveWithinTheServer {
        body: models::Problem,
        connection: Option<String>,
    },
    /// Body too large
    Status413_BodyTooLarge(models::Problem),
    /// Wrong content type
    Status415_WrongContentType(models::Problem),
    /// Invalid body
    Status422_InvalidBody(models::Problem),
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
    /// Insufficient storage
    Status507_InsufficientStorage(models::Problem),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum CreateTodoResponse {
    /// Already created with this `id` (a replay); the todo as it is now, unchanged by this request.
    Status200_AlreadyCreatedWithThis {
        body: models::Todo,
        location: String,
        e_tag: String,
    },
    /// Created
    Status201_Created {
        body: models::Todo,
        location: String,
        e_tag: String,
        idempotent_replayed: Option<String>,
    },
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not allowed
    Status403_NotAllowed(models::Problem),
    /// Not found
    Status404_NotFound(models::Problem),
    /// The request body did not arrive within the server's body-read timeout
    Status408_TheRequestBodyDidNotArriveWithinTheServer {
        body: models::Problem,
        connection: Option<String>,
    },
    /// Conflict
    Status409_Conflict(models::Problem),
    /// Body too large
    Status413_BodyTooLarge(models::Problem),
    /// Wrong content type
    Status415_WrongContentType(models::Problem),
    /// Invalid body
    Status422_InvalidBody(models::Problem),
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
    /// Insufficient storage
    Status507_InsufficientStorage(models::Problem),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum DeleteTodoResponse {
    /// Deleted
    Status204_Deleted,
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not allowed
    Status403_NotAllowed(models::Problem),
    /// Not found
    Status404_NotFound(models::Problem),
    /// Version changed
    Status412_VersionChanged(models::Problem),
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
    /// Insufficient storage
    Status507_InsufficientStorage(models::Problem),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum GetTodoResponse {
    /// The todo
    Status200_TheTodo { body: models::Todo, e_tag: String },
    /// Not modified
    Status304_NotModified { e_tag: String },
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not found
    Status404_NotFound(models::Problem),
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum ListTagsResponse {
    /// A page of tags
    Status200_APageOfTags {
        body: models::TagPage,
        link: Option<String>,
    },
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum ListTodosResponse {
    /// A page of todos
    Status200_APageOfTodos {
        body: models::TodoPage,
        link: Option<String>,
        e_tag: String,
    },
    /// Page not modified
    Status304_PageNotModified { e_tag: String },
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not found
    Status404_NotFound(models::Problem),
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum MoveTodoResponse {
    /// Moved
    Status200_Moved { body: models::Todo, e_tag: String },
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not allowed
    Status403_NotAllowed(models::Problem),
    /// Not found
    Status404_NotFound(models::Problem),
    /// The request body did not arrive within the server's body-read timeout
    Status408_TheRequestBodyDidNotArriveWithinTheServer {
        body: models::Problem,
        connection: Option<String>,
    },
    /// Version changed
    Status412_VersionChanged(models::Problem),
    /// Body too large
    Status413_BodyTooLarge(models::Problem),
    /// Wrong content type
    Status415_WrongContentType(models::Problem),
    /// Invalid body
    Status422_InvalidBody(models::Problem),
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
    /// Insufficient storage
    Status507_InsufficientStorage(models::Problem),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum UpdateTodoResponse {
    /// Updated
    Status200_Updated { body: models::Todo, e_tag: String },
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not allowed
    Status403_NotAllowed(models::Problem),
    /// Not found
    Status404_NotFound(models::Problem),
    /// The request body did not arrive within the server's body-read timeout
    Status408_TheRequestBodyDidNotArriveWithinTheServer {
        body: models::Problem,
        connection: Option<String>,
    },
    /// Version changed
    Status412_VersionChanged(models::Problem),
    /// Body too large
    Status413_BodyTooLarge(models::Problem),
    /// Wrong content type
    Status415_WrongContentType(models::Problem),
    /// Invalid body
    Status422_InvalidBody(models::Problem),
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
    /// Insufficient storage
    Status507_InsufficientStorage(models::Problem),
}

/// Todos
#[async_trait]
#[allow(clippy::ptr_arg)]
pub trait Todos<E: std::fmt::Debug + Send + Sync + 'static = ()>: super::ErrorHandler<E> {
    type Claims;

    /// Complete, reopen or delete several todos.
    ///
    /// BatchTodos - POST /api/v1/todos/batch
    async fn batch_todos(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        body: &models::BatchRequest,
    ) -> Result<BatchTodosResponse, E>;

    /// Create a todo.
    ///
    /// CreateTodo - POST /api/v1/todos
    async fn create_todo(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        header_params: &models::CreateTodoHeaderParams,
        body: &models::TodoCreate,
    ) -> Result<CreateTodoResponse, E>;

    /// Delete a todo.
    ///
    /// DeleteTodo - DELETE /api/v1/todos/{todoId}
    async fn delete_todo(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        header_params: &models::DeleteTodoHeaderParams,
        path_params: &models::DeleteTodoPathParams,
    ) -> Result<DeleteTodoResponse, E>;

    /// Get a todo.
    ///
    /// GetTodo - GET /api/v1/todos/{todoId}
    async fn get_todo(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        header_params: &models::GetTodoHeaderParams,
        path_params: &models::GetTodoPathParams,
    ) -> Result<GetTodoResponse, E>;

    /// List the caller's tags.
    ///
    /// ListTags - GET /api/v1/tags
    async fn list_tags(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        query_params: &models::ListTagsQueryParams,
    ) -> Result<ListTagsResponse, E>;

    /// List the caller's todos.
    ///
    /// ListTodos - GET /api/v1/todos
    async fn list_todos(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        header_params: &models::ListTodosHeaderParams,
        query_params: &models::ListTodosQueryParams,
    ) -> Result<ListTodosResponse, E>;

    /// Move a todo in its list's manual order.
    ///
    /// MoveTodo - POST /api/v1/todos/{todoId}/move
    async fn move_todo(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        header_params: &models::MoveTodoHeaderParams,
        path_params: &models::MoveTodoPathParams,
        body: &models::TodoMove,
    ) -> Result<MoveTodoResponse, E>;

    /// Update a todo.
    ///
    /// UpdateTodo - PATCH /api/v1/todos/{todoId}
    async fn update_todo(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        header_params: &models::UpdateTodoHeaderParams,
        path_params: &models::UpdateTodoPathParams,
        body: &models::TodoUpdate,
    ) -> Result<UpdateTodoResponse, E>;
}
