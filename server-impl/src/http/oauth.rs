//! The OAuth2 endpoints' own answers (RFC 6749 and RFC 7009 JSON instead of
//! problem+json): the token request's length limits, error bodies, and the shaping of
//! grant and revocation results into the generated responses.

use todo_api_gen::apis::auth::{IssueTokenResponse, RevokeTokenResponse};
use todo_api_gen::models::{self, TokenErrorCode as Code};

use super::context::RequestContext;
use super::problem::{ErrorReport, error_kind};
use crate::domain::validation::fits_chars as fits;
use crate::error::AppError;
use crate::service::IssuedTokens;
use crate::service::accounts::LoginError;

/// The longest token the token and revocation endpoints look at (an access token, sent
/// by mistake, is a few hundred bytes and must still get `invalid_grant`).
const REVOKE_TOKEN_MAX: usize = 4096;

/// The OAuth2 endpoints' texts for database faults and oversized fields.
const UNAVAILABLE: &str = "The database is not answering; retry later.";
const FULL: &str = "The server has no room left to store this change.";
const FAILED: &str = "The server could not complete the request.";
pub const TOO_LONG: &str = "A field of the request is longer than the contract allows.";
const RETRY_AFTER: i32 = super::problem::RETRY_AFTER_UNAVAILABLE as i32;

/// The token request's length limits from the contract (username and password are
/// checked with the password grant).
pub fn token_request_fits(body: &models::TokenRequest) -> bool {
    let within = |v: &Option<String>, max| v.as_deref().is_none_or(|v| fits(v, max));
    fits(&body.grant_type, 64)
        && within(&body.refresh_token, REVOKE_TOKEN_MAX)
        && within(&body.scope, 1000)
}

/// The revocation request's length limits from the contract.
pub fn revoke_request_fits(body: &models::RevokeRequest) -> bool {
    fits(&body.token, REVOKE_TOKEN_MAX)
        && body.token_type_hint.as_deref().is_none_or(|h| fits(h, 64))
}

pub fn oauth_error(code: Code, description: &str) -> models::TokenError {
    models::TokenError {
        error: code,
        error_description: Some(description.to_owned()),
    }
}

/// A 400 from the token endpoint.
pub fn rejected(code: Code, description: &str) -> IssueTokenResponse {
    IssueTokenResponse::Status400_Rejected {
        body: oauth_error(code, description),
        cache_control: "no-store".to_owned(),
    }
}

/// The token endpoint's answer to a grant that was tried.
pub fn token_response(
    result: Result<IssuedTokens, LoginError>,
    context: &RequestContext,
) -> IssueTokenResponse {
    match result {
        Ok(issued) => IssueTokenResponse::Status200_Issued {
            body: models::TokenResponse {
                access_token: issued.access.token,
                token_type: models::TokenType::Bearer,
                expires_in: issued.access.expires_in,
                refresh_token: issued.refresh_token,
            },
            cache_control: "no-store".to_owned(),
            pragma: "no-cache".to_owned(),
            // Set for every answer of this endpoint by the rate-limit middleware.
            rate_limit_policy: None,
            rate_limit: None,
        },
        Err(LoginError::InvalidGrant) => rejected(
            Code::InvalidGrant,
            "The credentials or the refresh token are not valid.",
        ),
        Err(LoginError::Internal(error)) => {
            let error = AppError::from_anyhow(error);
            let response = match error {
                AppError::Unavailable { .. } => IssueTokenResponse::Status503_DatabaseUnavailable {
                    body: oauth_error(Code::ServerError, UNAVAILABLE),
                    retry_after: Some(RETRY_AFTER),
                },
                AppError::StorageFull { .. } => IssueTokenResponse::Status507_InsufficientStorage(
                    oauth_error(Code::ServerError, FULL),
                ),
                _ => IssueTokenResponse::Status500_ServerError(oauth_error(
                    Code::ServerError,
                    FAILED,
                )),
            };
            report(error, context);
            response
        }
    }
}

/// The revocation endpoint's answer to a revocation that was tried.
pub fn revoke_response(
    result: Result<(), AppError>,
    context: &RequestContext,
) -> RevokeTokenResponse {
    let Err(error) = result else {
        return RevokeTokenResponse::Status200_Revoked;
    };
    let response = match error {
        AppError::Unavailable { .. } => RevokeTokenResponse::Status503_DatabaseUnavailable {
            body: oauth_error(Code::ServerError, UNAVAILABLE),
            retry_after: Some(RETRY_AFTER),
        },
        AppError::StorageFull { .. } => {
            RevokeTokenResponse::Status507_InsufficientStorage(oauth_error(Code::ServerError, FULL))
        }
        _ => RevokeTokenResponse::Status500_ServerError(oauth_error(Code::ServerError, FAILED)),
    };
    report(error, context);
    response
}

/// Leaves a server error's cause for the logging middleware: these answers are typed
/// responses the generated code turns into HTTP, so they carry no `ErrorReport` of their own.
fn report(error: AppError, context: &RequestContext) {
    let kind = error_kind(&error);
    let cause = match error {
        AppError::Internal(cause) => cause,
        error => anyhow::Error::new(error),
    };
    context.leave_report(ErrorReport::new(kind, Some(cause)));
}
