//! RFC 9457 problem details: the one shape every error leaves the server in
//! (except the OAuth2 token endpoint, which keeps RFC 6749's format).

use std::sync::Arc;

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::header::{CONTENT_TYPE, WWW_AUTHENTICATE};
use http::{HeaderValue, StatusCode};
use todo_api_gen::models;

use crate::domain::ValidationErrors;
use crate::error::AppError;

pub const PROBLEM_JSON: &str = "application/problem+json";

/// The kinds of problem the API reports; each has a stable `type` URI and title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    BadRequest,
    MalformedJson,
    Validation,
    Unauthorized,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    EmailTaken,
    LastAdmin,
    PreconditionFailed,
    IdempotencyInProgress,
    IdempotencyKeyReused,
    PayloadTooLarge,
    UnsupportedMediaType,
    TooManyRequests,
    Internal,
    NotReady,
    /// The request body did not arrive within the body-read timeout.
    BodyTimeout,
    /// The handler ran past the request timeout.
    RequestTimeout,
    /// The server already holds its most connections.
    TooManyConnections,
    InsufficientStorage,
    /// An admin has closed registration.
    RegistrationClosed,
    /// Maintenance mode: writes are refused for now.
    Maintenance,
    /// The request conflicts with the state of a list, its members or invitations.
    Conflict,
    /// A create's client-chosen id is taken by something else, or by a deleted item.
    IdConflict,
    /// A capability is switched off by its feature flag.
    FeatureDisabled,
    /// A feed cursor older than the kept tombstones.
    SyncCursorExpired,
}

/// What a 503 tells the client to wait before retrying (`Retry-After`, seconds): a
/// database that comes back is used again within about a second (see `repo::postgres`).
pub const RETRY_AFTER_UNAVAILABLE: u64 = 5;

impl ProblemKind {
    fn describe(self) -> (StatusCode, &'static str, &'static str) {
        use ProblemKind::*;
        match self {
            BadRequest => (
                StatusCode::BAD_REQUEST,
                "/problems/bad-request",
                "Bad request",
            ),
            MalformedJson => (
                StatusCode::BAD_REQUEST,
                "/problems/malformed-json",
                "Malformed JSON",
            ),
            Validation => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/validation-error",
                "Validation failed",
            ),
            Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "/problems/unauthorized",
                "Unauthorized",
            ),
            Forbidden => (StatusCode::FORBIDDEN, "/problems/forbidden", "Forbidden"),
            NotFound => (StatusCode::NOT_FOUND, "/problems/not-found", "Not found"),
            LastAdmin => (StatusCode::CONFLICT, "/problems/last-admin", "Last admin"),
            MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "/problems/method-not-allowed",
                "Method not allowed",
            ),
            EmailTaken => (
                StatusCode::CONFLICT,
                "/problems/email-taken",
                "Email already registered",
            ),
            PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "/problems/payload-too-large",
                "Payload too large",
            ),
            UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "/problems/unsupported-media-type",
                "Unsupported media type",
            ),
            IdempotencyInProgress => (
                StatusCode::CONFLICT,
                "/problems/idempotency-in-progress",
                "Request in progress",
            ),
            IdempotencyKeyReused => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/idempotency-key-reused",
                "Idempotency key reused",
            ),
            PreconditionFailed => (
                StatusCode::PRECONDITION_FAILED,
                "/problems/precondition-failed",
                "Precondition failed",
            ),
            TooManyRequests => (
                StatusCode::TOO_MANY_REQUESTS,
                "/problems/rate-limited",
                "Too many requests",
            ),
            Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "/problems/internal-error",
                "Internal server error",
            ),
            NotReady => (
                StatusCode::SERVICE_UNAVAILABLE,
                "/problems/not-ready",
                "Service unavailable",
            ),
            BodyTimeout => (
                StatusCode::REQUEST_TIMEOUT,
                "/problems/body-timeout",
                "Request body too slow",
            ),
            RequestTimeout => (
                StatusCode::SERVICE_UNAVAILABLE,
                "/problems/request-timeout",
                "Request took too long",
            ),
            TooManyConnections => (
                StatusCode::SERVICE_UNAVAILABLE,
                "/problems/too-many-connections",
                "Too many connections",
            ),
            InsufficientStorage => (
                StatusCode::INSUFFICIENT_STORAGE,
                "/problems/insufficient-storage",
                "Insufficient storage",
            ),
            RegistrationClosed => (
                StatusCode::FORBIDDEN,
                "/problems/registration-closed",
                "Registration closed",
            ),
            Maintenance => (
                StatusCode::SERVICE_UNAVAILABLE,
                "/problems/maintenance",
                "Maintenance",
            ),
            Conflict => (StatusCode::CONFLICT, "/problems/conflict", "Conflict"),
            IdConflict => (StatusCode::CONFLICT, "/problems/id-conflict", "Id conflict"),
            FeatureDisabled => (
                StatusCode::SERVICE_UNAVAILABLE,
                "/problems/feature-disabled",
                "Feature disabled",
            ),
            SyncCursorExpired => (
                StatusCode::GONE,
                "/problems/sync-cursor-expired",
                "Sync cursor expired",
            ),
        }
    }
}

/// Builds an `application/problem+json` response.
pub fn problem_response(
    kind: ProblemKind,
    detail: impl Into<String>,
    errors: Option<&ValidationErrors>,
) -> Response {
    let (status, json) = problem_body(kind, detail, errors);
    let mut response = Response::new(Body::from(json));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    if status == StatusCode::UNAUTHORIZED {
        response.headers_mut().insert(
            WWW_AUTHENTICATE,
            HeaderValue::from_static(r#"Bearer error="invalid_token""#),
        );
    }
    response
}

/// The status and JSON body of a problem (for answers written outside the router).
pub fn problem_body(
    kind: ProblemKind,
    detail: impl Into<String>,
    errors: Option<&ValidationErrors>,
) -> (StatusCode, Vec<u8>) {
    let (status, type_uri, title) = kind.describe();
    let body = models::Problem {
        r_type: type_uri.to_owned(),
        title: title.to_owned(),
        status: i32::from(status.as_u16()),
        detail: detail.into(),
        instance: None,
        r_errors: errors.map(|e| {
            e.errors()
                .iter()
                .map(|f| models::FieldError {
                    field: f.field.clone(),
                    message: f.message.clone(),
                })
                .collect()
        }),
    };
    (status, serde_json::to_vec(&body).unwrap_or_default())
}

/// `The <what> has N invalid field(s).`
pub(super) fn count(errors: &ValidationErrors, what: &str) -> String {
    match errors.errors().len() {
        1 => format!("The {what} has 1 invalid field."),
        n => format!("The {what} has {n} invalid fields."),
    }
}

/// What went wrong behind an error response, left in the response's extensions for
/// `router::log_failures`, which writes the request's one log line about it (inside the
/// request span, so the line carries the request id). Client errors carry only their
/// kind; server errors their whole cause chain too, which never reaches the client.
#[derive(Clone)]
pub struct ErrorReport(Arc<Report>);

struct Report {
    kind: &'static str,
    cause: Option<anyhow::Error>,
}

impl ErrorReport {
    pub fn new(kind: &'static str, cause: Option<anyhow::Error>) -> ErrorReport {
        ErrorReport(Arc::new(Report { kind, cause }))
    }

    /// The error's kind (`not_found`, `internal`, ...).
    pub fn kind(&self) -> &'static str {
        self.0.kind
    }

    /// The cause chain (`outer: inner: ...`), for server errors.
    pub fn cause(&self) -> Option<&anyhow::Error> {
        self.0.cause.as_ref()
    }
}

/// The `kind` an error is reported as.
pub fn error_kind(error: &AppError) -> &'static str {
    match error {
        AppError::Validation(_) => "validation",
        AppError::BadParameter(_) => "bad_parameter",
        AppError::NotFound(_) => "not_found",
        AppError::EmailTaken => "email_taken",
        AppError::Unauthorized => "unauthorized",
        AppError::Forbidden | AppError::ListRoleTooLow => "forbidden",
        AppError::PreconditionFailed => "precondition_failed",
        AppError::IdempotencyInProgress => "idempotency_in_progress",
        AppError::IdempotencyKeyReused => "idempotency_key_reused",
        AppError::RateLimited { .. } => "rate_limited",
        AppError::LastAdmin => "last_admin",
        AppError::Conflict(_) => "conflict",
        AppError::IdConflict(_) => "id_conflict",
        AppError::FeatureDisabled(_) => "feature_disabled",
        AppError::SyncCursorExpired => "sync_cursor_expired",
        AppError::RegistrationClosed => "registration_closed",
        AppError::Unavailable { .. } => "unavailable",
        AppError::Overloaded(_) => "overloaded",
        AppError::StorageFull { .. } => "storage_full",
        AppError::Internal(_) => "internal",
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        // A database fault behind an internal error still answers 503 or 507.
        let error = match self {
            AppError::Internal(error) => AppError::from_anyhow(error),
            error => error,
        };
        let mut response = problem_for(&error);
        let kind = error_kind(&error);
        let cause = match error {
            AppError::Internal(error) => Some(error),
            error if response.status().is_server_error() => Some(anyhow::Error::new(error)),
            _ => None,
        };
        response
            .extensions_mut()
            .insert(ErrorReport::new(kind, cause));
        response
    }
}

fn problem_for(error: &AppError) -> Response {
    match error {
        AppError::Validation(errors) => problem_response(
            ProblemKind::Validation,
            count(errors, "request body"),
            Some(errors),
        ),
        AppError::BadParameter(errors) => problem_response(
            ProblemKind::BadRequest,
            count(errors, "request"),
            Some(errors),
        ),
        AppError::NotFound(what) => problem_response(
            ProblemKind::NotFound,
            format!("No {what} with this id exists."),
            None,
        ),
        AppError::EmailTaken => problem_response(
            ProblemKind::EmailTaken,
            "An account with this email already exists.",
            None,
        ),
        AppError::Unauthorized => problem_response(
            ProblemKind::Unauthorized,
            "The access token is no longer valid for any account.",
            None,
        ),
        AppError::Forbidden => problem_response(
            ProblemKind::Forbidden,
            "This operation needs the admin role.",
            None,
        ),
        AppError::ListRoleTooLow => problem_response(
            ProblemKind::Forbidden,
            "Your role in this list does not allow this operation.",
            None,
        ),
        AppError::Conflict(detail) => problem_response(ProblemKind::Conflict, *detail, None),
        AppError::IdConflict(what) => problem_response(
            ProblemKind::IdConflict,
            format!(
                "This id belongs to a {what} you cannot see, or to a deleted one; \
                 choose another id (nothing was created)."
            ),
            None,
        ),
        AppError::FeatureDisabled(detail) => {
            problem_response(ProblemKind::FeatureDisabled, *detail, None)
        }
        AppError::SyncCursorExpired => problem_response(
            ProblemKind::SyncCursorExpired,
            "Changes this old are no longer kept; drop the local copy and start again without \
             a cursor.",
            None,
        ),
        AppError::RegistrationClosed => problem_response(
            ProblemKind::RegistrationClosed,
            "This service does not accept new accounts at the moment.",
            None,
        ),
        AppError::LastAdmin => problem_response(
            ProblemKind::LastAdmin,
            "This would leave the service without an active admin.",
            None,
        ),
        AppError::IdempotencyInProgress => problem_response(
            ProblemKind::IdempotencyInProgress,
            "A request with this Idempotency-Key is still being processed; retry later.",
            None,
        ),
        AppError::IdempotencyKeyReused => problem_response(
            ProblemKind::IdempotencyKeyReused,
            "This Idempotency-Key was already used with a different request body.",
            None,
        ),
        AppError::PreconditionFailed => problem_response(
            ProblemKind::PreconditionFailed,
            "It has changed since the version in If-Match; fetch it again.",
            None,
        ),
        AppError::RateLimited { what, retry_after } => {
            let mut response = problem_response(
                ProblemKind::TooManyRequests,
                format!("Too many {what}; retry in {retry_after} seconds."),
                None,
            );
            response
                .headers_mut()
                .insert(http::header::RETRY_AFTER, HeaderValue::from(*retry_after));
            response
        }
        AppError::Unavailable { what, .. } => unavailable(&format!("The {what} is not answering.")),
        AppError::Overloaded(detail) => {
            let mut response = problem_response(ProblemKind::TooManyConnections, *detail, None);
            response
                .headers_mut()
                .insert(http::header::RETRY_AFTER, HeaderValue::from_static("1"));
            response
        }
        AppError::StorageFull { .. } => problem_response(
            ProblemKind::InsufficientStorage,
            "The server has no room left to store this change; nothing was changed.",
            None,
        ),
        // The cause goes to the log (see `ErrorReport`), never to the client.
        AppError::Internal(_) => problem_response(
            ProblemKind::Internal,
            "The server could not complete the request.",
            None,
        ),
    }
}

/// 503 `/problems/maintenance` with `Retry-After`: maintenance mode refuses the write.
pub fn maintenance(retry_after: u64) -> Response {
    let mut response = problem_response(
        ProblemKind::Maintenance,
        "The service is in read-only maintenance; nothing was changed. Reads keep working.",
        None,
    );
    response
        .headers_mut()
        .insert(http::header::RETRY_AFTER, HeaderValue::from(retry_after));
    response
        .extensions_mut()
        .insert(ErrorReport::new("maintenance", None));
    response
}

/// 503 problem+json with `Retry-After`: a dependency is down, the request changed nothing.
pub fn unavailable(detail: &str) -> Response {
    let mut response = problem_response(ProblemKind::NotReady, detail, None);
    response.headers_mut().insert(
        http::header::RETRY_AFTER,
        HeaderValue::from(RETRY_AFTER_UNAVAILABLE),
    );
    response
}
