//! The application's error type. It names what went wrong in domain terms; the HTTP
//! layer (`http::problem`) decides how each kind is presented.

use crate::domain::ValidationErrors;
use crate::repo::RepoError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request body is well-formed but breaks the contract's rules.
    #[error("validation failed: {0}")]
    Validation(ValidationErrors),
    /// A query-string or path parameter is unusable (e.g. a tampered cursor).
    #[error("bad request parameter: {0}")]
    BadParameter(ValidationErrors),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("email already registered")]
    EmailTaken,
    /// The access token is valid but its account no longer exists.
    #[error("unauthorized")]
    Unauthorized,
    /// The caller's role does not allow the operation.
    #[error("forbidden")]
    Forbidden,
    /// `If-Match` named a version the resource is no longer at.
    #[error("precondition failed")]
    PreconditionFailed,
    /// A request with the same idempotency key is still running.
    #[error("idempotent request in progress")]
    IdempotencyInProgress,
    /// The idempotency key was used before with a different request.
    #[error("idempotency key reused")]
    IdempotencyKeyReused,
    /// A rate limit was hit; retry after this many seconds.
    #[error("rate limited: {what}")]
    RateLimited {
        what: &'static str,
        retry_after: u64,
    },
    /// The change would leave no active admin.
    #[error("would leave no active admin")]
    LastAdmin,
    #[error("dependency unavailable: {0}")]
    Unavailable(&'static str),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<RepoError> for AppError {
    fn from(e: RepoError) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<ValidationErrors> for AppError {
    fn from(e: ValidationErrors) -> Self {
        AppError::Validation(e)
    }
}
