//! Rewrites every error response the implementation did not write itself (axum's
//! extractor rejections, the generated code's empty 401, unknown routes, panics) into
//! problem+json, or into RFC 6749 JSON on the token endpoint. See ADR 0003.

use axum::body::{Body, to_bytes};
use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{
    ALLOW, AUTHORIZATION, CACHE_CONTROL, CONNECTION, CONTENT_TYPE, WWW_AUTHENTICATE,
};
use http::{HeaderValue, Method, StatusCode};

use super::problem::{ProblemKind, count, problem_response};
use crate::domain::ValidationErrors;

/// OAuth2 endpoints answer errors in RFC 6749 §5.2's format (RFC 7009 for revocation too).
const OAUTH_PATHS: [&str; 2] = [
    const_format::concatcp!(todo_api_gen::BASE_PATH, "/auth/token"),
    const_format::concatcp!(todo_api_gen::BASE_PATH, "/auth/revoke"),
];

/// Rejection texts are short; anything longer is cut before it is looked at.
const MAX_REJECTION_TEXT: usize = 16 * 1024;

pub async fn errors_as_problems(request: Request, next: Next) -> Response {
    let sent_token = request.headers().contains_key(AUTHORIZATION);
    let oauth_endpoint =
        request.method() == Method::POST && OAUTH_PATHS.contains(&request.uri().path());
    let path_param = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|m| path_param_name(m.as_str()));
    let response = next.run(request).await;

    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) || is_json(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = to_bytes(body, MAX_REJECTION_TEXT).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);

    if oauth_endpoint && status.is_client_error() {
        return keep_connection_close(&parts.headers, oauth_invalid_request(status, &text));
    }
    let mut rewritten = match status {
        StatusCode::BAD_REQUEST => bad_request(&text, path_param.as_deref().unwrap_or("path")),
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
        StatusCode::UNPROCESSABLE_ENTITY => unprocessable(&text),
        _ => {
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

/// axum's 400 rejections: JSON syntax, path and query parameters, a missing Host header.
fn bad_request(text: &str, path_param: &str) -> Response {
    if let Some(rest) = text.strip_prefix("Failed to parse the request body as JSON: ") {
        return problem_response(
            ProblemKind::MalformedJson,
            format!("The body is not valid JSON: {rest}"),
            None,
        );
    }
    if text.starts_with("Failed to buffer the request body") {
        return problem_response(
            ProblemKind::BadRequest,
            "The request body could not be read.",
            None,
        );
    }
    if let Some(rest) = text.strip_prefix("Failed to deserialize query string: ") {
        let errors = field_errors(rest, "query");
        return problem_response(
            ProblemKind::BadRequest,
            "The query string is invalid.",
            Some(&errors),
        );
    }
    if text.starts_with("Invalid URL") || text.starts_with("Wrong number of path arguments") {
        let errors = ValidationErrors::single(path_param, "must be a UUID");
        return problem_response(
            ProblemKind::BadRequest,
            "A path parameter is invalid.",
            Some(&errors),
        );
    }
    if text.contains("`host`") || text.contains("Host") {
        return problem_response(
            ProblemKind::BadRequest,
            "The Host header is missing or invalid.",
            None,
        );
    }
    problem_response(ProblemKind::BadRequest, "The request is malformed.", None)
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

/// axum's 422 rejections: JSON or form data that does not fit the schema's types.
fn unprocessable(text: &str) -> Response {
    let rest = text
        .strip_prefix("Failed to deserialize the JSON body into the target type: ")
        .or_else(|| text.strip_prefix("Failed to deserialize form body: "))
        .unwrap_or(text);
    let errors = field_errors(rest, "body");
    problem_response(
        ProblemKind::Validation,
        count(&errors, "request body"),
        Some(&errors),
    )
}

/// Turns serde's `path: message at line L column C` (or `missing field `x``) into a field error.
fn field_errors(message: &str, whole: &str) -> ValidationErrors {
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or(whole);
        return ValidationErrors::single(field, "is required");
    }
    match message.split_once(": ") {
        Some((path, msg))
            if !path.is_empty() && !path.contains(' ') && !path.starts_with(['.', '[']) =>
        {
            ValidationErrors::single(path, msg)
        }
        _ => ValidationErrors::single(whole, message),
    }
}

/// The OAuth2 endpoints keep RFC 6749 §5.2's format for malformed requests.
fn oauth_invalid_request(status: StatusCode, text: &str) -> Response {
    let description = if status == StatusCode::PAYLOAD_TOO_LARGE {
        "The request body is too large.".to_owned()
    } else if status == StatusCode::UNSUPPORTED_MEDIA_TYPE {
        "The body must be application/x-www-form-urlencoded.".to_owned()
    } else {
        let errors = field_errors(
            text.strip_prefix("Failed to deserialize form body: ")
                .unwrap_or(text),
            "body",
        );
        format!("The request is malformed: {errors}.")
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

    #[test]
    fn serde_messages_become_field_errors() {
        let e = field_errors(
            "title: invalid type: integer `5`, expected a string at line 1 column 11",
            "body",
        );
        assert_eq!(e.errors()[0].field, "title");
        assert_eq!(
            e.errors()[0].message,
            "invalid type: integer `5`, expected a string"
        );
        let e = field_errors("missing field `title` at line 1 column 2", "body");
        assert_eq!(
            (e.errors()[0].field.as_str(), e.errors()[0].message.as_str()),
            ("title", "is required")
        );
        let e = field_errors(
            "invalid type: null, expected struct TodoCreate at line 1 column 4",
            "body",
        );
        assert_eq!(e.errors()[0].field, "body");
    }
}
