//! The generated `Sharing` trait: a list's members and invitations, and the invitations
//! addressed to the caller.

use async_trait::async_trait;
use http::Extensions;
use todo_api_gen::apis::sharing::{
    AcceptInvitationResponse, CreateInvitationResponse, DeclineInvitationResponse,
    ListInvitationsResponse, ListListInvitationsResponse, ListMembersResponse,
    RemoveMemberResponse, RevokeInvitationResponse, Sharing, UpdateMemberResponse,
};
use todo_api_gen::models;
use todo_api_gen::types::Nullable;

use super::{ApiImpl, BASE};
use crate::auth::AuthContext;
use crate::error::AppError;
use crate::http::context::RequestContext;
use crate::http::convert_lists::{
    invitation_to_model, list_to_model, member_to_model, role_from_model,
};
use crate::http::links::next_link;
use crate::service::Page;
use crate::service::rate_limit::INVITATIONS_PER_ACCOUNT;

fn invitation_page(page: Page<crate::domain::Invitation>) -> models::InvitationPage {
    models::InvitationPage {
        items: page.items.into_iter().map(invitation_to_model).collect(),
        next_cursor: page.next_cursor.map_or(Nullable::Null, Nullable::Present),
    }
}

#[async_trait]
impl Sharing<AppError> for ApiImpl {
    type Claims = AuthContext;

    async fn accept_invitation(
        &self,
        extensions: &Extensions,
        claims: &AuthContext,
        path: &models::AcceptInvitationPathParams,
    ) -> Result<AcceptInvitationResponse, AppError> {
        let origin = RequestContext::of(extensions).client().origin();
        let list = self
            .sharing
            .accept(claims.user_id, path.invitation_id, &origin)
            .await?;
        Ok(AcceptInvitationResponse::Status200_Joined(list_to_model(
            list,
        )))
    }

    async fn create_invitation(
        &self,
        extensions: &Extensions,
        claims: &AuthContext,
        path: &models::CreateInvitationPathParams,
        body: &models::InvitationCreate,
    ) -> Result<CreateInvitationResponse, AppError> {
        let (rate, result) = self
            .sharing
            .invite(
                claims.user_id,
                path.list_id,
                &body.email,
                body.role.map(role_from_model),
            )
            .await;
        if let Some(rate) = rate {
            RequestContext::of(extensions).note_rate_limit(INVITATIONS_PER_ACCOUNT, rate);
        }
        let invitation = result?;
        Ok(CreateInvitationResponse::Status201_Invited {
            location: format!(
                "{BASE}/lists/{}/invitations/{}",
                path.list_id, invitation.id
            ),
            body: invitation_to_model(invitation),
        })
    }

    async fn decline_invitation(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        path: &models::DeclineInvitationPathParams,
    ) -> Result<DeclineInvitationResponse, AppError> {
        self.sharing
            .decline(claims.user_id, path.invitation_id)
            .await?;
        Ok(DeclineInvitationResponse::Status204_Declined)
    }

    async fn list_invitations(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        query: &models::ListInvitationsQueryParams,
    ) -> Result<ListInvitationsResponse, AppError> {
        let page = self
            .sharing
            .my_invitations(claims.user_id, query.limit, query.cursor.as_deref())
            .await?;
        let link = next_link("invitations", page.limit, page.next_cursor.as_deref());
        Ok(ListInvitationsResponse::Status200_APageOfInvitations {
            body: invitation_page(page),
            link,
        })
    }

    async fn list_list_invitations(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        path: &models::ListListInvitationsPathParams,
        query: &models::ListListInvitationsQueryParams,
    ) -> Result<ListListInvitationsResponse, AppError> {
        let page = self
            .sharing
            .list_invitations_of(
                claims.user_id,
                path.list_id,
                query.limit,
                query.cursor.as_deref(),
            )
            .await?;
        let link = next_link(
            &format!("lists/{}/invitations", path.list_id),
            page.limit,
            page.next_cursor.as_deref(),
        );
        Ok(ListListInvitationsResponse::Status200_APageOfInvitations {
            body: invitation_page(page),
            link,
        })
    }

    async fn list_members(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        path: &models::ListMembersPathParams,
        query: &models::ListMembersQueryParams,
    ) -> Result<ListMembersResponse, AppError> {
        let page = self
            .sharing
            .members(
                claims.user_id,
                path.list_id,
                query.limit,
                query.cursor.as_deref(),
            )
            .await?;
        let link = next_link(
            &format!("lists/{}/members", path.list_id),
            page.limit,
            page.next_cursor.as_deref(),
        );
        Ok(ListMembersResponse::Status200_APageOfMembers {
            body: models::MemberPage {
                items: page.items.into_iter().map(member_to_model).collect(),
                next_cursor: page.next_cursor.map_or(Nullable::Null, Nullable::Present),
            },
            link,
        })
    }

    async fn remove_member(
        &self,
        extensions: &Extensions,
        claims: &AuthContext,
        path: &models::RemoveMemberPathParams,
    ) -> Result<RemoveMemberResponse, AppError> {
        let origin = RequestContext::of(extensions).client().origin();
        self.sharing
            .remove_member(claims.user_id, path.list_id, path.user_id, &origin)
            .await?;
        Ok(RemoveMemberResponse::Status204_Removed)
    }

    async fn revoke_invitation(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        path: &models::RevokeInvitationPathParams,
    ) -> Result<RevokeInvitationResponse, AppError> {
        self.sharing
            .revoke(claims.user_id, path.list_id, path.invitation_id)
            .await?;
        Ok(RevokeInvitationResponse::Status204_Revoked)
    }

    async fn update_member(
        &self,
        extensions: &Extensions,
        claims: &AuthContext,
        path: &models::UpdateMemberPathParams,
        body: &models::MemberUpdate,
    ) -> Result<UpdateMemberResponse, AppError> {
        let origin = RequestContext::of(extensions).client().origin();
        let member = self
            .sharing
            .update_member(
                claims.user_id,
                path.list_id,
                path.user_id,
                role_from_model(body.role),
                &origin,
            )
            .await?;
        Ok(UpdateMemberResponse::Status200_Updated(member_to_model(
            member,
        )))
    }
}
