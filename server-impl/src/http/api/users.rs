//! The generated `Users` trait: the caller's own account and statistics.

use async_trait::async_trait;
use http::Extensions;
use todo_api_gen::apis::users::{
    ChangePasswordResponse, DeleteCurrentUserResponse, GetCurrentUserResponse,
    GetStatisticsResponse, UpdateCurrentUserResponse, Users,
};
use todo_api_gen::models;

use super::ApiImpl;
use crate::auth::AuthContext;
use crate::error::AppError;
use crate::http::context::RequestContext;
use crate::http::convert::{stats_to_model, user_to_model};
use crate::http::etag::{content_etag, none_match_hits};

#[async_trait]
impl Users<AppError> for ApiImpl {
    type Claims = AuthContext;

    async fn get_current_user(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
    ) -> Result<GetCurrentUserResponse, AppError> {
        let user = self.accounts.current_user(claims).await?;
        Ok(GetCurrentUserResponse::Status200_TheAccount(user_to_model(
            user,
        )))
    }

    async fn get_statistics(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        headers: &models::GetStatisticsHeaderParams,
        query: &models::GetStatisticsQueryParams,
    ) -> Result<GetStatisticsResponse, AppError> {
        let computed = self.stats.statistics(claims.user_id, query.days).await?;
        let body = stats_to_model(&computed.stats);
        let json = serde_json::to_vec(&body).map_err(anyhow::Error::from)?;
        let e_tag = content_etag("s", &json);
        if none_match_hits(headers.if_none_match.as_deref(), &e_tag) {
            return Ok(GetStatisticsResponse::Status304_StatisticsNotModified { e_tag });
        }
        Ok(GetStatisticsResponse::Status200_TheStatistics { body, e_tag })
    }

    async fn update_current_user(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        body: &models::UserUpdate,
    ) -> Result<UpdateCurrentUserResponse, AppError> {
        let user = self
            .accounts
            .update_display_name(claims, body.display_name.as_deref())
            .await?;
        Ok(UpdateCurrentUserResponse::Status200_Updated(user_to_model(
            user,
        )))
    }

    async fn change_password(
        &self,
        extensions: &Extensions,
        claims: &AuthContext,
        body: &models::PasswordChange,
    ) -> Result<ChangePasswordResponse, AppError> {
        let origin = RequestContext::of(extensions).client().origin();
        self.accounts
            .change_password(claims, &body.current_password, &body.new_password, &origin)
            .await?;
        Ok(ChangePasswordResponse::Status204_Changed)
    }

    async fn delete_current_user(
        &self,
        extensions: &Extensions,
        claims: &AuthContext,
        body: &models::AccountDeletion,
    ) -> Result<DeleteCurrentUserResponse, AppError> {
        let origin = RequestContext::of(extensions).client().origin();
        self.accounts
            .delete_account(claims, &body.password, &origin)
            .await?;
        Ok(DeleteCurrentUserResponse::Status204_Deleted)
    }
}
