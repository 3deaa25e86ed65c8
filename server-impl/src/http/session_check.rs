//! A session check that could not reach the database answers 503, not 401.
//!
//! The generated code asks `ApiAuthBasic::extract_claims_from_auth_header` for the caller
//! and answers an empty 401 when it gets `None`; it has no way to hear "could not tell".
//! A 401 makes clients throw their tokens away, which is wrong when only the database was
//! down. So the claims extraction records the failure (`note_unavailable`) in a task-local
//! flag that this module's middleware sets up around each request, and the middleware
//! turns that request's 401 into 503 problem+json with `Retry-After`.

use std::cell::Cell;

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use http::StatusCode;

use super::problem::unavailable;

tokio::task_local! {
    static SESSION_CHECK_FAILED: Cell<bool>;
}

/// Called by the claims extraction when the session could not be read.
pub fn note_unavailable() {
    // Outside a request (no scope) there is no response to correct.
    let _ = SESSION_CHECK_FAILED.try_with(|failed| failed.set(true));
}

/// The middleware: a 401 after a failed session check becomes 503.
pub async fn unavailable_session_check_as_503(request: Request, next: Next) -> Response {
    SESSION_CHECK_FAILED
        .scope(Cell::new(false), async move {
            let response = next.run(request).await;
            if response.status() == StatusCode::UNAUTHORIZED && SESSION_CHECK_FAILED.with(Cell::get)
            {
                unavailable(
                    "The database is not answering, so the access token could not be checked.",
                )
            } else {
                response
            }
        })
        .await
}
