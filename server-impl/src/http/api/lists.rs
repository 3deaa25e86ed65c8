//! The generated `Lists` trait. SCAFFOLD: every operation is still to be implemented.

use async_trait::async_trait;
use http::Extensions;
use todo_api_gen::apis::lists::{
    CreateListResponse, DeleteListResponse, GetListResponse, ListListsResponse, Lists,
    MoveListResponse, UpdateListResponse,
};
use todo_api_gen::models;

use super::ApiImpl;
use crate::auth::AuthContext;
use crate::error::AppError;

#[async_trait]
impl Lists<AppError> for ApiImpl {
    type Claims = AuthContext;

    async fn create_list(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _body: &models::ListCreate,
    ) -> Result<CreateListResponse, AppError> {
        Err(anyhow::anyhow!("create_list is not implemented yet").into())
    }

    async fn delete_list(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _header_params: &models::DeleteListHeaderParams,
        _path_params: &models::DeleteListPathParams,
        _query_params: &models::DeleteListQueryParams,
    ) -> Result<DeleteListResponse, AppError> {
        Err(anyhow::anyhow!("delete_list is not implemented yet").into())
    }

    async fn get_list(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _header_params: &models::GetListHeaderParams,
        _path_params: &models::GetListPathParams,
    ) -> Result<GetListResponse, AppError> {
        Err(anyhow::anyhow!("get_list is not implemented yet").into())
    }

    async fn list_lists(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _query_params: &models::ListListsQueryParams,
    ) -> Result<ListListsResponse, AppError> {
        Err(anyhow::anyhow!("list_lists is not implemented yet").into())
    }

    async fn move_list(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _path_params: &models::MoveListPathParams,
        _body: &models::ListMove,
    ) -> Result<MoveListResponse, AppError> {
        Err(anyhow::anyhow!("move_list is not implemented yet").into())
    }

    async fn update_list(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _header_params: &models::UpdateListHeaderParams,
        _path_params: &models::UpdateListPathParams,
        _body: &models::ListUpdate,
    ) -> Result<UpdateListResponse, AppError> {
        Err(anyhow::anyhow!("update_list is not implemented yet").into())
    }
}
