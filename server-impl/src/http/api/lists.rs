//! The generated `Lists` trait: the caller's lists, in their own order.

use async_trait::async_trait;
use http::Extensions;
use todo_api_gen::apis::lists::{
    CreateListResponse, DeleteListResponse, GetListResponse, ListListsResponse, Lists,
    MoveListResponse, UpdateListResponse,
};
use todo_api_gen::models;
use todo_api_gen::types::Nullable;

use super::{ApiImpl, BASE};
use crate::auth::AuthContext;
use crate::domain::ListChanges;
use crate::error::AppError;
use crate::http::convert_lists::{list_move_from_model, list_to_model, nullable_color};
use crate::http::etag::{if_match, none_match_hits, todo_etag as list_etag};
use crate::http::links::next_link;

#[async_trait]
impl Lists<AppError> for ApiImpl {
    type Claims = AuthContext;

    async fn create_list(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        body: &models::ListCreate,
    ) -> Result<CreateListResponse, AppError> {
        let color = nullable_color(&body.color).flatten();
        let made = self
            .lists
            .create(claims.user_id, body.id, &body.name, color)
            .await?;
        let new = made.is_new();
        let list = made.into_inner();
        let (location, e_tag) = (format!("{BASE}/lists/{}", list.id), list_etag(list.version));
        let body = list_to_model(list);
        Ok(if new {
            CreateListResponse::Status201_Created {
                location,
                e_tag,
                body,
            }
        } else {
            CreateListResponse::Status200_AlreadyCreatedWithThis {
                location,
                e_tag,
                body,
            }
        })
    }

    async fn delete_list(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        headers: &models::DeleteListHeaderParams,
        path: &models::DeleteListPathParams,
        query: &models::DeleteListQueryParams,
    ) -> Result<DeleteListResponse, AppError> {
        let precondition = if_match(headers.if_match.as_deref());
        self.lists
            .delete(
                claims.user_id,
                path.list_id,
                query.delete_todos.unwrap_or(false),
                &precondition,
            )
            .await?;
        Ok(DeleteListResponse::Status204_Deleted)
    }

    async fn get_list(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        headers: &models::GetListHeaderParams,
        path: &models::GetListPathParams,
    ) -> Result<GetListResponse, AppError> {
        let list = self.lists.get(claims.user_id, path.list_id).await?;
        let e_tag = list_etag(list.version);
        if none_match_hits(headers.if_none_match.as_deref(), &e_tag) {
            return Ok(GetListResponse::Status304_NotModified { e_tag });
        }
        Ok(GetListResponse::Status200_TheList {
            body: list_to_model(list),
            e_tag,
        })
    }

    async fn list_lists(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        query: &models::ListListsQueryParams,
    ) -> Result<ListListsResponse, AppError> {
        let page = self
            .lists
            .list(claims.user_id, query.limit, query.cursor.as_deref())
            .await?;
        let link = next_link("lists", page.limit, page.next_cursor.as_deref());
        Ok(ListListsResponse::Status200_APageOfLists {
            body: models::ListPage {
                items: page.items.into_iter().map(list_to_model).collect(),
                next_cursor: page.next_cursor.map_or(Nullable::Null, Nullable::Present),
            },
            link,
        })
    }

    async fn move_list(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        path: &models::MoveListPathParams,
        body: &models::ListMove,
    ) -> Result<MoveListResponse, AppError> {
        let target = list_move_from_model(body)?;
        let list = self
            .lists
            .move_list(claims.user_id, path.list_id, target)
            .await?;
        Ok(MoveListResponse::Status200_Moved(list_to_model(list)))
    }

    async fn update_list(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        headers: &models::UpdateListHeaderParams,
        path: &models::UpdateListPathParams,
        body: &models::ListUpdate,
    ) -> Result<UpdateListResponse, AppError> {
        let changes = ListChanges::parse(body.name.as_deref(), nullable_color(&body.color))?;
        let precondition = if_match(headers.if_match.as_deref());
        let list = self
            .lists
            .update(claims.user_id, path.list_id, changes, &precondition)
            .await?;
        Ok(UpdateListResponse::Status200_Updated {
            e_tag: list_etag(list.version),
            body: list_to_model(list),
        })
    }
}
