use async_trait::async_trait;
use axum::extract::*;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::{models, types::*};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum CreateListResponse {
    /// Already created with this `id` (a replay); the list as it is now, unchanged by this request.
    Status200_AlreadyCreatedWithThis {
        body: models::TodoList,
        location: String,
        e_tag: String,
    },
    /// Created
    Status201_Created {
        body: models::TodoList,
        location: String,
        e_tag: String,
    },
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
pub enum DeleteListResponse {
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
    /// Conflict
    Status409_Conflict(models::Problem),
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
pub enum GetListResponse {
    /// The list
    Status200_TheList {
        body: models::TodoList,
        e_tag: String,
    },
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
pub enum ListListsResponse {
    /// A page of lists
    Status200_APageOfLists {
        body: models::ListPage,
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
pub enum MoveListResponse {
    /// Moved
    Status200_Moved(models::TodoList),
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not found
    Status404_NotFound(models::Problem),
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
pub enum UpdateListResponse {
    /// Updated
    Status200_Updated {
        body: models::TodoList,
        e_tag: String,
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

/// Lists
#[async_trait]
#[allow(clippy::ptr_arg)]
pub trait Lists<E: std::fmt::Debug + Send + Sync + 'static = ()>: super::ErrorHandler<E> {
    type Claims;

    /// Create a list.
    ///
    /// CreateList - POST /api/v1/lists
    async fn create_list(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        body: &models::ListCreate,
    ) -> Result<CreateListResponse, E>;

    /// Delete a list.
    ///
    /// DeleteList - DELETE /api/v1/lists/{listId}
    async fn delete_list(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        header_params: &models::DeleteListHeaderParams,
        path_params: &models::DeleteListPathParams,
        query_params: &models::DeleteListQueryParams,
    ) -> Result<DeleteListResponse, E>;

    /// Get a list.
    ///
    /// GetList - GET /api/v1/lists/{listId}
    async fn get_list(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        header_params: &models::GetListHeaderParams,
        path_params: &models::GetListPathParams,
    ) -> Result<GetListResponse, E>;

    /// List the caller's lists.
    ///
    /// ListLists - GET /api/v1/lists
    async fn list_lists(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        query_params: &models::ListListsQueryParams,
    ) -> Result<ListListsResponse, E>;

    /// Move a list in the caller's order.
    ///
    /// MoveList - POST /api/v1/lists/{listId}/move
    async fn move_list(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::MoveListPathParams,
        body: &models::ListMove,
    ) -> Result<MoveListResponse, E>;

    /// Rename or recolour a list.
    ///
    /// UpdateList - PATCH /api/v1/lists/{listId}
    async fn update_list(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        header_params: &models::UpdateListHeaderParams,
        path_params: &models::UpdateListPathParams,
        body: &models::ListUpdate,
    ) -> Result<UpdateListResponse, E>;
}
