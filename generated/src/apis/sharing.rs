use async_trait::async_trait;
use axum::extract::*;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::{models, types::*};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum AcceptInvitationResponse {
    /// Joined
    Status200_Joined(models::TodoList),
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not found
    Status404_NotFound(models::Problem),
    /// Conflict
    Status409_Conflict(models::Problem),
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
pub enum CreateInvitationResponse {
    /// Invited
    Status201_Invited {
        body: models::Invitation,
        location: String,
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
    /// Rate limited
    Status429_RateLimited {
        body: models::Problem,
        retry_after: i32,
        rate_limit_policy: Option<String>,
        rate_limit: Option<String>,
    },
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
pub enum DeclineInvitationResponse {
    /// Declined
    Status204_Declined,
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
    /// Insufficient storage
    Status507_InsufficientStorage(models::Problem),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum ListInvitationsResponse {
    /// A page of invitations
    Status200_APageOfInvitations {
        body: models::InvitationPage,
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
pub enum ListListInvitationsResponse {
    /// A page of invitations
    Status200_APageOfInvitations {
        body: models::InvitationPage,
        link: Option<String>,
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
pub enum ListMembersResponse {
    /// A page of members
    Status200_APageOfMembers {
        body: models::MemberPage,
        link: Option<String>,
    },
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
pub enum RemoveMemberResponse {
    /// Removed
    Status204_Removed,
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
pub enum RevokeInvitationResponse {
    /// Revoked
    Status204_Revoked,
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
pub enum UpdateMemberResponse {
    /// Updated
    Status200_Updated(models::Member),
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

/// Sharing
#[async_trait]
#[allow(clippy::ptr_arg)]
pub trait Sharing<E: std::fmt::Debug + Send + Sync + 'static = ()>: super::ErrorHandler<E> {
    type Claims;

    /// Accept an invitation.
    ///
    /// AcceptInvitation - POST /api/v1/invitations/{invitationId}/accept
    async fn accept_invitation(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::AcceptInvitationPathParams,
    ) -> Result<AcceptInvitationResponse, E>;

    /// Invite someone to a list.
    ///
    /// CreateInvitation - POST /api/v1/lists/{listId}/invitations
    async fn create_invitation(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::CreateInvitationPathParams,
        body: &models::InvitationCreate,
    ) -> Result<CreateInvitationResponse, E>;

    /// Decline an invitation.
    ///
    /// DeclineInvitation - POST /api/v1/invitations/{invitationId}/decline
    async fn decline_invitation(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::DeclineInvitationPathParams,
    ) -> Result<DeclineInvitationResponse, E>;

    /// List the invitations addressed to the caller.
    ///
    /// ListInvitations - GET /api/v1/invitations
    async fn list_invitations(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        query_params: &models::ListInvitationsQueryParams,
    ) -> Result<ListInvitationsResponse, E>;

    /// List a list's pending invitations.
    ///
    /// ListListInvitations - GET /api/v1/lists/{listId}/invitations
    async fn list_list_invitations(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::ListListInvitationsPathParams,
        query_params: &models::ListListInvitationsQueryParams,
    ) -> Result<ListListInvitationsResponse, E>;

    /// List a list's members.
    ///
    /// ListMembers - GET /api/v1/lists/{listId}/members
    async fn list_members(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::ListMembersPathParams,
        query_params: &models::ListMembersQueryParams,
    ) -> Result<ListMembersResponse, E>;

    /// Remove a member, or leave a list.
    ///
    /// RemoveMember - DELETE /api/v1/lists/{listId}/members/{userId}
    async fn remove_member(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::RemoveMemberPathParams,
    ) -> Result<RemoveMemberResponse, E>;

    /// Revoke a pending invitation.
    ///
    /// RevokeInvitation - DELETE /api/v1/lists/{listId}/invitations/{invitationId}
    async fn revoke_invitation(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::RevokeInvitationPathParams,
    ) -> Result<RevokeInvitationResponse, E>;

    /// Change a member's role.
    ///
    /// UpdateMember - PATCH /api/v1/lists/{listId}/members/{userId}
    async fn update_member(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::UpdateMemberPathParams,
        body: &models::MemberUpdate,
    ) -> Result<UpdateMemberResponse, E>;
}
