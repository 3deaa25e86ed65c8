//! The generated `Sharing` trait. SCAFFOLD: every operation is still to be implemented.

use async_trait::async_trait;
use http::Extensions;
use todo_api_gen::apis::sharing::{
    AcceptInvitationResponse, CreateInvitationResponse, DeclineInvitationResponse,
    ListInvitationsResponse, ListListInvitationsResponse, ListMembersResponse,
    RemoveMemberResponse, RevokeInvitationResponse, Sharing, UpdateMemberResponse,
};
use todo_api_gen::models;

use super::ApiImpl;
use crate::auth::AuthContext;
use crate::error::AppError;

#[async_trait]
impl Sharing<AppError> for ApiImpl {
    type Claims = AuthContext;

    async fn accept_invitation(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _path_params: &models::AcceptInvitationPathParams,
    ) -> Result<AcceptInvitationResponse, AppError> {
        Err(anyhow::anyhow!("accept_invitation is not implemented yet").into())
    }

    async fn create_invitation(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _path_params: &models::CreateInvitationPathParams,
        _body: &models::InvitationCreate,
    ) -> Result<CreateInvitationResponse, AppError> {
        Err(anyhow::anyhow!("create_invitation is not implemented yet").into())
    }

    async fn decline_invitation(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _path_params: &models::DeclineInvitationPathParams,
    ) -> Result<DeclineInvitationResponse, AppError> {
        Err(anyhow::anyhow!("decline_invitation is not implemented yet").into())
    }

    async fn list_invitations(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _query_params: &models::ListInvitationsQueryParams,
    ) -> Result<ListInvitationsResponse, AppError> {
        Err(anyhow::anyhow!("list_invitations is not implemented yet").into())
    }

    async fn list_list_invitations(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _path_params: &models::ListListInvitationsPathParams,
        _query_params: &models::ListListInvitationsQueryParams,
    ) -> Result<ListListInvitationsResponse, AppError> {
        Err(anyhow::anyhow!("list_list_invitations is not implemented yet").into())
    }

    async fn list_members(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _path_params: &models::ListMembersPathParams,
        _query_params: &models::ListMembersQueryParams,
    ) -> Result<ListMembersResponse, AppError> {
        Err(anyhow::anyhow!("list_members is not implemented yet").into())
    }

    async fn remove_member(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _path_params: &models::RemoveMemberPathParams,
    ) -> Result<RemoveMemberResponse, AppError> {
        Err(anyhow::anyhow!("remove_member is not implemented yet").into())
    }

    async fn revoke_invitation(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _path_params: &models::RevokeInvitationPathParams,
    ) -> Result<RevokeInvitationResponse, AppError> {
        Err(anyhow::anyhow!("revoke_invitation is not implemented yet").into())
    }

    async fn update_member(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _path_params: &models::UpdateMemberPathParams,
        _body: &models::MemberUpdate,
    ) -> Result<UpdateMemberResponse, AppError> {
        Err(anyhow::anyhow!("update_member is not implemented yet").into())
    }
}
