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
    /// The caller's role does not allow the operation (an admin operation).
    #[error("forbidden")]
    Forbidden,
    /// The caller is a member of the list, but their role in it does not allow the
    /// operation (403; a non-member gets `NotFound`).
    #[error("list role too low")]
    ListRoleTooLow,
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
    /// An admin has closed registration (flag `registration`).
    #[error("registration closed")]
    RegistrationClosed,
    /// The request conflicts with the state of a list, its members or invitations (409).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// A feed cursor older than the kept tombstones (410): start again from a snapshot.
    #[error("sync cursor expired")]
    SyncCursorExpired,
    /// A create's client-chosen id belongs to something the caller cannot see, or to a
    /// deleted item whose tombstone is still kept (409 `/problems/id-conflict`); names what.
    #[error("id conflict: {0}")]
    IdConflict(&'static str),
    /// A capability is switched off by its feature flag (503).
    #[error("feature disabled: {0}")]
    FeatureDisabled(&'static str),
    /// This node holds as many long-lived connections of a kind as it may, or is shutting
    /// down (503 with `Retry-After`; another node, or this one later, will do).
    #[error("overloaded: {0}")]
    Overloaded(&'static str),
    /// The change would leave no active admin.
    #[error("would leave no active admin")]
    LastAdmin,
    /// A dependency (the database) is not answering; the client should retry later.
    #[error("dependency unavailable: {what}")]
    Unavailable {
        what: &'static str,
        /// Why, for the log (never for the client).
        #[source]
        cause: Option<Cause>,
    },
    /// The database has no room left for the write.
    #[error("insufficient storage")]
    StorageFull {
        #[source]
        cause: Option<Cause>,
    },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// What is behind an `Unavailable` or `StorageFull`: kept for the one log line the HTTP
/// layer writes about the request (`http::problem::ErrorReport`).
pub type Cause = Box<dyn std::error::Error + Send + Sync>;

impl From<RepoError> for AppError {
    fn from(e: RepoError) -> Self {
        match e {
            RepoError::Unavailable(cause) => AppError::Unavailable {
                what: "database",
                cause: Some(cause.into()),
            },
            RepoError::StorageFull(cause) => AppError::StorageFull {
                cause: Some(cause.into()),
            },
            e => AppError::Internal(e.into()),
        }
    }
}

impl AppError {
    /// `Internal`, unless a database fault is behind it: services that pass repository
    /// errors on as `anyhow::Error` (the login path) still answer 503 or 507 for them.
    pub fn from_anyhow(error: anyhow::Error) -> AppError {
        match error.downcast::<RepoError>() {
            Ok(repo) => AppError::from(repo),
            Err(error) => {
                let unavailable = match error.chain().find_map(|e| e.downcast_ref::<RepoError>()) {
                    Some(RepoError::Unavailable(_)) => true,
                    Some(RepoError::StorageFull(_)) => false,
                    _ => return AppError::Internal(error),
                };
                let cause = Some(error.into());
                if unavailable {
                    AppError::Unavailable {
                        what: "database",
                        cause,
                    }
                } else {
                    AppError::StorageFull { cause }
                }
            }
        }
    }
}

impl From<ValidationErrors> for AppError {
    fn from(e: ValidationErrors) -> Self {
        AppError::Validation(e)
    }
}
