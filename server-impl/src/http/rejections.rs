//! Rewrites every error response the implementation did not write itself (axum's
//! extractor rejections, the generated code's empty 401, unknown routes, panics) into
//! problem+json, or into RFC 6749 JSON on the token endpoint. See ADR 0003.
//!
//! Rejections are told apart by type, never by their message texts: the generated handlers
//! (template overlay, ADR 0015) attach a `RequestRejection` holding axum's rejection, and
//! field names come from the path serde walked (`serde_path_to_error`).

use std::error::Error;

use axum::body::{Body, to_bytes};
use axum::extract::rejection::JsonRejection;
use axum::extract::{MatchedPath, Request};
use axum::response::Response;
use http::header::{
    ALLOW, AUTHORIZATION, CACHE_CONTROL, CONNECTION, CONTENT_TYPE, WWW_AUTHENTICATE,
};
use http::{HeaderValue, Method, StatusCode};
use todo_api_gen::server::RequestRejection;

use super::edge::Next;
use super::problem::{ProblemKind, count, problem_response};
use crate::domain::ValidationErrors;

/// OAuth2 endpoints answer errors in RFC 6749 §5.2's format (RFC 7009 for revocation too).
const OAUTH_PATHS: [&str; 2] = [
    const_format::concatcp!(todo_api_gen::BASE_PATH, "/auth/token"),
    const_format::concatcp!(todo_api_gen::BASE_PATH, "/auth/revoke"),
];

/// Unexpected error bodies are logged, cut to this length.
const MAX_LOGGED_TEXT: usize = 16 * 1024;

/// Marks a 400 for a request body that broke off before it was read (`read_body_within`).
#[derive(Clone, Copy, Debug)]
pub struct UnreadableBody;

pub async fn errors_as_problems(request: Request, next: impl Next) -> Response {
    let sent_token = request.headers().contains_key(AUTHORIZATION);
    let oauth_endpoint =
        request.method() == Method::POST && OAUTH_PATHS.contains(&request.uri().path());
    // The route (a shared string); its parameter's name is worked out only for a 400.
    let route = request.extensions().get::<MatchedPath>().cloned();
    let response = next(request).await;

    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_json(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let rejection = parts.extensions.get::<RequestRejection>();
    let unreadable = parts.extensions.get::<UnreadableBody>().is_some();

    if oauth_endpoint && status.is_client_error() {
        return keep_connection_close(&parts.headers, oauth_invalid_request(status, rejection));
    }
    let mut rewritten = match status {
        StatusCode::BAD_REQUEST => bad_request(
            rejection,
            unreadable,
            route
                .and_then(|m| path_param_name(m.as_str()))
                .as_deref()
                .unwrap_or("path"),
        ),
        StatusCode::UNAUTHORIZED => problem_response(
            ProblemKind::Unauthorized,
            if sent_token {
                "The access token is invalid or expired."
            } else {
                "This operation needs an access token: Authorization: Bearer <token>."
            },
            None,
        ),
        StatusCode::NOT_FOUND => problem_response(
            ProblemKind::NotFound,
            "There is no resource at this path.",
            None,
        ),
        StatusCode::METHOD_NOT_ALLOWED => problem_response(
            ProblemKind::MethodNotAllowed,
            "This path does not support this method.",
            None,
        ),
        StatusCode::PAYLOAD_TOO_LARGE => problem_response(
            ProblemKind::PayloadTooLarge,
            "The request body is too large.",
            None,
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => problem_response(
            ProblemKind::UnsupportedMediaType,
            "Expected a body with content type application/json.",
            None,
        ),
        StatusCode::UNPROCESSABLE_ENTITY => unprocessable(rejection),
        _ => {
            let text = to_bytes(body, MAX_LOGGED_TEXT).await.unwrap_or_default();
            let text = String::from_utf8_lossy(&text);
            if !text.is_empty() {
                tracing::error!(status = status.as_u16(), body = %text, "unhandled error response");
            }
            problem_response(
                ProblemKind::Internal,
                "The server could not complete the request.",
                None,
            )
        }
    };
    if status == StatusCode::UNAUTHORIZED && !sent_token {
        rewritten
            .headers_mut()
            .insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    if let Some(allow) = parts.headers.get(ALLOW) {
        rewritten.headers_mut().insert(ALLOW, allow.clone());
    }
    keep_connection_close(&parts.headers, rewritten)
}

/// A `Connection: close` set below (the body was not read to its end) survives the rewrite.
fn keep_connection_close(original: &http::HeaderMap, mut rewritten: Response) -> Response {
    if let Some(connection) = original.get(CONNECTION) {
        rewritten
            .headers_mut()
            .insert(CONNECTION, connection.clone());
    }
    rewritten
}

fn is_json(response: &Response) -> bool {
    response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| {
            ct.starts_with("application/json") || ct.starts_with("application/problem+json")
        })
}

/// The 400 rejections: JSON syntax, path and query parameters, the Host header, a body
/// that could not be read.
fn bad_request(
    rejection: Option<&RequestRejection>,
    unreadable: bool,
    path_param: &str,
) -> Response {
    match rejection {
        Some(RequestRejection::Json(json))
            if matches!(**json, JsonRejection::JsonSyntaxError(_)) =>
        {
            let reason = json.source().map(ToString::to_string).unwrap_or_default();
            problem_response(
                ProblemKind::MalformedJson,
                format!("The body is not valid JSON: {reason}"),
                None,
            )
        }
        Some(RequestRejection::Query(query)) => {
            let errors = field_errors(&**query, "query");
            problem_response(
                ProblemKind::BadRequest,
                "The query string is invalid.",
                Some(&errors),
            )
        }
        Some(RequestRejection::Path(_)) => {
            let errors = ValidationErrors::single(path_param, "must be a UUID");
            problem_response(
                ProblemKind::BadRequest,
                "A path parameter is invalid.",
                Some(&errors),
            )
        }
        Some(RequestRejection::Host(_)) => problem_response(
            ProblemKind::BadRequest,
            "The Host header is missing or invalid.",
            None,
        ),
        // axum's own buffering of the body, or `read_body_within`'s.
        Some(RequestRejection::Json(_) | RequestRejection::Form(_)) => unreadable_body(),
        None if unreadable => unreadable_body(),
        _ => problem_response(ProblemKind::BadRequest, "The request is malformed.", None),
    }
}

fn unreadable_body() -> Response {
    problem_response(
        ProblemKind::BadRequest,
        "The request body could not be read.",
        None,
    )
}

/// The contract's name of a route's path parameter: `/todos/{todo_id}` → `todoId`.
fn path_param_name(route: &str) -> Option<String> {
    let start = route.find('{')?;
    let end = route[start..].find('}')? + start;
    let mut name = String::new();
    let mut upper = false;
    for c in route[start + 1..end].chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            name.extend(c.to_uppercase());
            upper = false;
        } else {
            name.push(c);
        }
    }
    Some(name)
}

/// The 422 rejections: JSON or form data that does not fit the schema's types.
fn unprocessable(rejection: Option<&RequestRejection>) -> Response {
    let errors = match rejection {
        Some(RequestRejection::Json(json)) => field_errors(&**json, "body"),
        Some(RequestRejection::Form(form)) => field_errors(&**form, "body"),
        _ => ValidationErrors::single("body", "does not fit the schema"),
    };
    problem_response(
        ProblemKind::Validation,
        count(&errors, "request body"),
        Some(&errors),
    )
}

/// serde's error inside an extractor's rejection as a field error: the path serde walked
/// to (the field, `items[2].title`), or, at the top, the field serde reports missing.
fn field_errors(rejection: &(dyn Error + 'static), whole: &str) -> ValidationErrors {
    type JsonError = serde_path_to_error::Error<serde_json::Error>;
    // Form bodies (serde_urlencoded) and query strings (serde_html_form) share this type.
    type FormError = serde_path_to_error::Error<serde::de::value::Error>;
    let (path, message) = if let Some(error) = find_source::<JsonError>(rejection) {
        (error.path(), without_position(error.inner()))
    } else if let Some(error) = find_source::<FormError>(rejection) {
        (error.path(), error.inner().to_string())
    } else {
        let reason = rejection.source().unwrap_or(rejection);
        return ValidationErrors::single(whole, reason.to_string());
    };
    match path.iter().next() {
        // An array where an object belongs: no field to name.
        Some(serde_path_to_error::Segment::Seq { .. }) => {
            return ValidationErrors::single(whole, format!("{path}: {message}"));
        }
        Some(_) => return ValidationErrors::single(&path.to_string(), message),
        None => {}
    }
    // serde names a missing field only in its message (`de::Error::missing_field`).
    match message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next())
    {
        Some(field) => ValidationErrors::single(field, "is required"),
        None => ValidationErrors::single(whole, message),
    }
}

fn find_source<'a, T: Error + 'static>(error: &'a (dyn Error + 'static)) -> Option<&'a T> {
    let mut source = error.source();
    while let Some(e) = source {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        source = e.source();
    }
    None
}

/// serde_json's message without the position it appends (` at line L column C`).
fn without_position(error: &serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match message.strip_suffix(&position) {
        Some(message) if error.line() != 0 => message.to_owned(),
        _ => message,
    }
}

/// The OAuth2 endpoints keep RFC 6749 §5.2's format for malformed requests.
fn oauth_invalid_request(status: StatusCode, rejection: Option<&RequestRejection>) -> Response {
    let description = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "The request body is too large.".to_owned()
    } else if status == StatusCode::UNSUPPORTED_MEDIA_TYPE {
        "The body must be application/x-www-form-urlencoded.".to_owned()
    } else if let Some(RequestRejection::Form(form)) = rejection {
        format!(
            "The request is malformed: {}.",
            field_errors(&**form, "body")
        )
    } else {
        "The request is malformed.".to_owned()
    };
    let status = if status == StatusCode::PAYLOAD_TOO_LARGE {
        status
    } else {
        StatusCode::BAD_REQUEST
    };
    let body = serde_json::json!({ "error": "invalid_request", "error_description": description });
    let mut response = Response::new(Body::from(body.to_string()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn route_parameters_get_their_contract_names() {
        assert_eq!(
            path_param_name("/api/v1/todos/{todo_id}").as_deref(),
            Some("todoId")
        );
        assert_eq!(
            path_param_name("/api/v1/auth/sessions/{session_id}").as_deref(),
            Some("sessionId")
        );
        assert_eq!(path_param_name("/api/v1/todos"), None);
    }

    fn json_field_errors(body: &str) -> (String, String) {
        let rejection = axum::Json::<todo_api_gen::models::TodoCreate>::from_bytes(body.as_bytes())
            .expect_err("a rejection");
        let errors = field_errors(&rejection, "body");
        let error = &errors.errors()[0];
        (error.field.clone(), error.message.clone())
    }

    #[test]
    fn serde_errors_become_field_errors() {
        assert_eq!(
            json_field_errors(r#"{"title": 5}"#),
            (
                "title".into(),
                "invalid type: integer `5`, expected a string".into()
            )
        );
        assert_eq!(
            json_field_errors("{}"),
            ("title".into(), "is required".into())
        );
        assert_eq!(json_field_errors("null").0, "body");
        assert_eq!(json_field_errors("[1, 2]").0, "body");
    }
}
