//! The generated `Admin` trait: accounts as administrators see them.

use async_trait::async_trait;
use http::Extensions;
use todo_api_gen::apis::admin::{
    Admin, DeleteUserResponse, GetFlagsResponse, GetUserResponse, ListAuditEventsResponse,
    ListUsersResponse, UpdateFlagsResponse, UpdateUserResponse,
};
use todo_api_gen::models;
use todo_api_gen::types::Nullable;

use super::ApiImpl;
use crate::auth::AuthContext;
use crate::error::AppError;
use crate::http::context::RequestContext;
use crate::http::convert::{
    account_change_from_model, admin_user_to_model, audit_event_to_model, audit_filter_from_model,
    flags_to_model, user_filter_from_model,
};
use crate::http::links::next_link;

#[async_trait]
impl Admin<AppError> for ApiImpl {
    type Claims = AuthContext;

    async fn list_users(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        query: &models::ListUsersQueryParams,
    ) -> Result<ListUsersResponse, AppError> {
        let filter = user_filter_from_model(query);
        let page = self
            .admin
            .list(claims, filter, query.limit, query.cursor.as_deref())
            .await?;
        let link = next_link("admin/users", page.limit, page.next_cursor.as_deref());
        Ok(ListUsersResponse::Status200_APageOfAccounts {
            body: models::AdminUserPage {
                items: page.items.into_iter().map(admin_user_to_model).collect(),
                next_cursor: page.next_cursor.map_or(Nullable::Null, Nullable::Present),
            },
            link,
        })
    }

    async fn get_user(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        path: &models::GetUserPathParams,
    ) -> Result<GetUserResponse, AppError> {
        let user = self.admin.get(claims, path.user_id).await?;
        Ok(GetUserResponse::Status200_TheAccount(admin_user_to_model(
            user,
        )))
    }

    async fn update_user(
        &self,
        extensions: &Extensions,
        claims: &AuthContext,
        path: &models::UpdateUserPathParams,
        body: &models::AdminUserUpdate,
    ) -> Result<UpdateUserResponse, AppError> {
        let change = account_change_from_model(body);
        let origin = RequestContext::of(extensions).client().origin();
        let user = self
            .admin
            .update(claims, path.user_id, change, &origin)
            .await?;
        Ok(UpdateUserResponse::Status200_Updated(admin_user_to_model(
            user,
        )))
    }

    async fn delete_user(
        &self,
        extensions: &Extensions,
        claims: &AuthContext,
        path: &models::DeleteUserPathParams,
    ) -> Result<DeleteUserResponse, AppError> {
        let origin = RequestContext::of(extensions).client().origin();
        self.admin.delete(claims, path.user_id, &origin).await?;
        Ok(DeleteUserResponse::Status204_Deleted)
    }

    async fn get_flags(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
    ) -> Result<GetFlagsResponse, AppError> {
        let flags = self.flags.get(claims).await?;
        Ok(GetFlagsResponse::Status200_TheFlags(flags_to_model(flags)))
    }

    async fn update_flags(
        &self,
        extensions: &Extensions,
        claims: &AuthContext,
        body: &models::FlagsUpdate,
    ) -> Result<UpdateFlagsResponse, AppError> {
        let origin = RequestContext::of(extensions).client().origin();
        let flags = self.flags.update(claims, body, &origin).await?;
        Ok(UpdateFlagsResponse::Status200_TheFlagsAfterTheChange(
            flags_to_model(flags),
        ))
    }

    async fn list_audit_events(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        query: &models::ListAuditEventsQueryParams,
    ) -> Result<ListAuditEventsResponse, AppError> {
        let filter = audit_filter_from_model(query);
        let page = self
            .audit
            .list(claims, filter, query.limit, query.cursor.as_deref())
            .await?;
        let link = next_link(
            "admin/audit-events",
            page.limit,
            page.next_cursor.as_deref(),
        );
        Ok(ListAuditEventsResponse::Status200_APageOfAuditEvents {
            body: models::AuditEventPage {
                items: page.items.into_iter().map(audit_event_to_model).collect(),
                next_cursor: page.next_cursor.map_or(Nullable::Null, Nullable::Present),
            },
            link,
        })
    }
}
