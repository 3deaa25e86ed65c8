use std::collections::HashMap;

use axum::{body::Body, extract::*, response::Response, routing::*};
use axum_extra::{
    TypedHeader,
    extract::{CookieJar, Query as QueryExtra},
};
use bytes::Bytes;
use headers::Host;
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header::CONTENT_TYPE};
use tracing::error;
use validator::{Validate, ValidationErrors};

#[allow(unused_imports)]
use crate::{apis, models};
use crate::{header, types::*};
#[allow(unused_imports)]
use crate::{
    models::check_xss_map, models::check_xss_map_nested, models::check_xss_map_string,
    models::check_xss_string, models::check_xss_vec_string,
};

/// Setup API Server.
pub fn new<I, A, E, C>(api_impl: I) -> Router
where
    I: AsRef<A> + Clone + Send + Sync + 'static,
    A: apis::admin::Admin<E, Claims = C>
        + apis::auth::Auth<E, Claims = C>
        + apis::changes::Changes<E, Claims = C>
        + apis::health::Health<E>
        + apis::lists::Lists<E, Claims = C>
        + apis::sharing::Sharing<E, Claims = C>
        + apis::todos::Todos<E, Claims = C>
        + apis::users::Users<E, Claims = C>
        + apis::ApiAuthBasic<Claims = C>
        + Send
        + Sync
        + 'static,
    E: std::fmt::Debug + Send + Sync + 'static,
    C: Send + Sync + 'static,
{
    // build our application with a route
    Router::new()
        .route(
            "/api/v1/admin/audit-events",
            get(list_audit_events::<I, A, E, C>),
        )
        .route(
            "/api/v1/admin/flags",
            get(get_flags::<I, A, E, C>).patch(update_flags::<I, A, E, C>),
        )
        .route("/api/v1/admin/users", get(list_users::<I, A, E, C>))
        .route(
            "/api/v1/admin/users/{user_id}",
            delete(delete_user::<I, A, E, C>)
                .get(get_user::<I, A, E, C>)
                .patch(update_user::<I, A, E, C>),
        )
        .route(
            "/api/v1/auth/password-reset",
            post(request_password_reset::<I, A, E, C>),
        )
        .route(
            "/api/v1/auth/password-reset/confirm",
            post(confirm_password_reset::<I, A, E, C>),
        )
        .route("/api/v1/auth/register", post(register::<I, A, E, C>))
        .route("/api/v1/auth/revoke", post(revoke_token::<I, A, E, C>))
        .route("/api/v1/auth/sessions", get(list_sessions::<I, A, E, C>))
        .route(
            "/api/v1/auth/sessions/{session_id}",
            delete(revoke_session::<I, A, E, C>),
        )
        .route("/api/v1/auth/token", post(issue_token::<I, A, E, C>))
        .route("/api/v1/events", get(stream_events::<I, A, E, C>))
        .route("/api/v1/health/live", get(get_liveness::<I, A, E>))
        .route("/api/v1/health/ready", get(get_readiness::<I, A, E>))
        .route("/api/v1/invitations", get(list_invitations::<I, A, E, C>))
        .route(
            "/api/v1/invitations/{invitation_id}/accept",
            post(accept_invitation::<I, A, E, C>),
        )
        .route(
            "/api/v1/invitations/{invitation_id}/decline",
            post(decline_invitation::<I, A, E, C>),
        )
        .route(
            "/api/v1/lists",
            get(list_lists::<I, A, E, C>).post(create_list::<I, A, E, C>),
        )
        .route(
            "/api/v1/lists/{list_id}",
            delete(delete_list::<I, A, E, C>)
                .get(get_list::<I, A, E, C>)
                .patch(update_list::<I, A, E, C>),
        )
        .route(
            "/api/v1/lists/{list_id}/invitations",
            get(list_list_invitations::<I, A, E, C>).post(create_invitation::<I, A, E, C>),
        )
        .route(
            "/api/v1/lists/{list_id}/invitations/{invitation_id}",
            delete(revoke_invitation::<I, A, E, C>),
        )
        .route(
            "/api/v1/lists/{list_id}/members",
            get(list_members::<I, A, E, C>),
        )
        .route(
            "/api/v1/lists/{list_id}/members/{user_id}",
            delete(remove_member::<I, A, E, C>).patch(update_member::<I, A, E, C>),
        )
        .route(
            "/api/v1/lists/{list_id}/move",
            post(move_list::<I, A, E, C>),
        )
        .route("/api/v1/sync", get(get_sync::<I, A, E, C>))
        .route("/api/v1/tags", get(list_tags::<I, A, E, C>))
        .route(
            "/api/v1/todos",
            get(list_todos::<I, A, E, C>).post(create_todo::<I, A, E, C>),
        )
        .route("/api/v1/todos/batch", post(batch_todos::<I, A, E, C>))
        .route(
            "/api/v1/todos/{todo_id}",
            delete(delete_todo::<I, A, E, C>)
                .get(get_todo::<I, A, E, C>)
                .patch(update_todo::<I, A, E, C>),
        )
        .route(
            "/api/v1/todos/{todo_id}/move",
            post(move_todo::<I, A, E, C>),
        )
        .route(
            "/api/v1/users/me",
            delete(delete_current_user::<I, A, E, C>)
                .get(get_current_user::<I, A, E, C>)
                .patch(update_current_user::<I, A, E, C>),
        )
        .route(
            "/api/v1/users/me/password",
            put(change_password::<I, A, E, C>),
        )
        .route("/api/v1/users/me/stats", get(get_statistics::<I, A, E, C>))
        .with_state(api_impl)
}

/// DeleteUser - DELETE /api/v1/admin/users/{userId}
#[tracing::instrument(skip_all)]
async fn delete_user<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::DeleteUserPathParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::admin::Admin<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .delete_user(&extensions, &claims, &path_params)
        .await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::admin::DeleteUserResponse::Status204_Deleted => {
                let mut response = Response::builder();
                let mut response = response.status(204);
                response.body(Body::empty())
            }
            apis::admin::DeleteUserResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::DeleteUserResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::DeleteUserResponse::Status403_NotAllowed(body) => {
                let mut response = Response::builder();
                let mut response = response.status(403);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::DeleteUserResponse::Status404_NotFound(body) => {
                let mut response = Response::builder();
                let mut response = response.status(404);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::DeleteUserResponse::Status409_Conflict(body) => {
                let mut response = Response::builder();
                let mut response = response.status(409);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::DeleteUserResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::DeleteUserResponse::Status503_ServiceUnavailable { body, retry_after } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::DeleteUserResponse::Status507_InsufficientStorage(body) => {
                let mut response = Response::builder();
                let mut response = response.status(507);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// GetFlags - GET /api/v1/admin/flags
#[tracing::instrument(skip_all)]
async fn get_flags<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::admin::Admin<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl.as_ref().get_flags(&extensions, &claims).await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::admin::GetFlagsResponse::Status200_TheFlags(body) => {
                let mut response = Response::builder();
                let mut response = response.status(200);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers
                        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::GetFlagsResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::GetFlagsResponse::Status403_NotAllowed(body) => {
                let mut response = Response::builder();
                let mut response = response.status(403);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::GetFlagsResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::GetFlagsResponse::Status503_ServiceUnavailable { body, retry_after } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// GetUser - GET /api/v1/admin/users/{userId}
#[tracing::instrument(skip_all)]
async fn get_user<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::GetUserPathParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::admin::Admin<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .get_user(&extensions, &claims, &path_params)
        .await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::admin::GetUserResponse::Status200_TheAccount(body) => {
                let mut response = Response::builder();
                let mut response = response.status(200);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers
                        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::GetUserResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::GetUserResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::GetUserResponse::Status403_NotAllowed(body) => {
                let mut response = Response::builder();
                let mut response = response.status(403);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::GetUserResponse::Status404_NotFound(body) => {
                let mut response = Response::builder();
                let mut response = response.status(404);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::GetUserResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::admin::GetUserResponse::Status503_ServiceUnavailable { body, retry_after } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// ListAuditEvents - GET /api/v1/admin/audit-events
#[tracing::instrument(skip_all)]
async fn list_audit_events<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(QueryExtra(query_params)): Extracted<QueryExtra<models::ListAuditEventsQueryParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::admin::Admin<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .list_audit_events(&extensions, &claims, &query_params)
        .await;

    let resp = match result {
        Ok(rsp) => {
            match rsp {
                apis::admin::ListAuditEventsResponse::Status200_APageOfAuditEvents {
                    body,
                    link,
                } => {
                    let mut response = Response::builder();
                    if let Some(link) = link {
                        let link = match header::IntoHeaderValue(link).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling link header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("link"), link);
                    }
                    let mut response = response.status(200);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::admin::ListAuditEventsResponse::Status400_MalformedRequest(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(400);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::admin::ListAuditEventsResponse::Status401_NotAuthenticated {
                    body,
                    www_authenticate,
                } => {
                    let mut response = Response::builder();
                    {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                            .try_into()
                        {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            HeaderName::from_static("www-authenticate"),
                            www_authenticate,
                        );
                    }
                    let mut response = response.status(401);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::admin::ListAuditEventsResponse::Status403_NotAllowed(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(403);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::admin::ListAuditEventsResponse::Status500_ServerError(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(500);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::admin::ListAuditEventsResponse::Status503_ServiceUnavailable {
                    body,
                    retry_after,
                } => {
                    let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(HeaderName::from_static("retry-after"), retry_after);
                    }
                    let mut response = response.status(503);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
            }
        }
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// ListUsers - GET /api/v1/admin/users
#[tracing::instrument(skip_all)]
async fn list_users<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(QueryExtra(query_params)): Extracted<QueryExtra<models::ListUsersQueryParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::admin::Admin<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .list_users(&extensions, &claims, &query_params)
        .await;

    let resp = match result {
        Ok(rsp) => {
            match rsp {
                apis::admin::ListUsersResponse::Status200_APageOfAccounts { body, link } => {
                    let mut response = Response::builder();
                    if let Some(link) = link {
                        let link = match header::IntoHeaderValue(link).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling link header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("link"), link);
                    }
                    let mut response = response.status(200);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::admin::ListUsersResponse::Status400_MalformedRequest(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(400);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::admin::ListUsersResponse::Status401_NotAuthenticated {
                    body,
                    www_authenticate,
                } => {
                    let mut response = Response::builder();
                    {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                            .try_into()
                        {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            HeaderName::from_static("www-authenticate"),
                            www_authenticate,
                        );
                    }
                    let mut response = response.status(401);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::admin::ListUsersResponse::Status403_NotAllowed(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(403);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::admin::ListUsersResponse::Status500_ServerError(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(500);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::admin::ListUsersResponse::Status503_ServiceUnavailable {
                    body,
                    retry_after,
                } => {
                    let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(HeaderName::from_static("retry-after"), retry_after);
                    }
                    let mut response = response.status(503);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
            }
        }
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// UpdateFlags - PATCH /api/v1/admin/flags
#[tracing::instrument(skip_all)]
async fn update_flags<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::FlagsUpdate>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::admin::Admin<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .update_flags(&extensions, &claims, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::admin::UpdateFlagsResponse::Status200_TheFlagsAfterTheChange
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(200);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateFlagsResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateFlagsResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateFlagsResponse::Status403_NotAllowed
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(403);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateFlagsResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateFlagsResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateFlagsResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateFlagsResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateFlagsResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateFlagsResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateFlagsResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// UpdateUser - PATCH /api/v1/admin/users/{userId}
#[tracing::instrument(skip_all)]
async fn update_user<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    Extracted(Path(path_params)): Extracted<Path<models::UpdateUserPathParams>>,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::AdminUserUpdate>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::admin::Admin<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .update_user(&extensions, &claims, &path_params, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::admin::UpdateUserResponse::Status200_Updated
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(200);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateUserResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateUserResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateUserResponse::Status403_NotAllowed
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(403);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateUserResponse::Status404_NotFound
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(404);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateUserResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateUserResponse::Status409_Conflict
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(409);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateUserResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateUserResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateUserResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateUserResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateUserResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::admin::UpdateUserResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// ConfirmPasswordReset - POST /api/v1/auth/password-reset/confirm
#[tracing::instrument(skip_all)]
async fn confirm_password_reset<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::PasswordResetConfirmation>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::auth::Auth<E, Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    let result = api_impl
        .as_ref()
        .confirm_password_reset(&extensions, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::auth::ConfirmPasswordResetResponse::Status204_PasswordSet
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(204);
                                                  response.body(Body::empty())
                                                },
                                                apis::auth::ConfirmPasswordResetResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::ConfirmPasswordResetResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::ConfirmPasswordResetResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::ConfirmPasswordResetResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::ConfirmPasswordResetResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::ConfirmPasswordResetResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::ConfirmPasswordResetResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::ConfirmPasswordResetResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// IssueToken - POST /api/v1/auth/token
#[tracing::instrument(skip_all)]
async fn issue_token<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    State(api_impl): State<I>,
    Extracted(Form(body)): Extracted<Form<models::TokenRequest>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::auth::Auth<E, Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    let result = api_impl.as_ref().issue_token(&extensions, &body).await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::auth::IssueTokenResponse::Status200_Issued
                                                    {
                                                        body,
                                                        cache_control,
                                                        pragma,
                                                        rate_limit_policy,
                                                        rate_limit
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let cache_control = match header::IntoHeaderValue(cache_control).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling cache_control header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("cache-control"),
                              cache_control
                        );
                    }
                     {
                        let pragma = match header::IntoHeaderValue(pragma).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling pragma header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("pragma"),
                              pragma
                        );
                    }
                    if let Some(rate_limit_policy) = rate_limit_policy {
                        let rate_limit_policy = match header::IntoHeaderValue(rate_limit_policy).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit_policy header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit-policy"),
                              rate_limit_policy
                        );
                    }
                    if let Some(rate_limit) = rate_limit {
                        let rate_limit = match header::IntoHeaderValue(rate_limit).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit"),
                              rate_limit
                        );
                    }
                                                  let mut response = response.status(200);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::IssueTokenResponse::Status400_Rejected
                                                    {
                                                        body,
                                                        cache_control
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let cache_control = match header::IntoHeaderValue(cache_control).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling cache_control header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("cache-control"),
                              cache_control
                        );
                    }
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::IssueTokenResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::IssueTokenResponse::Status413_TooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::IssueTokenResponse::Status429_RateLimited
                                                    {
                                                        body,
                                                        retry_after,
                                                        rate_limit_policy,
                                                        rate_limit
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                    if let Some(rate_limit_policy) = rate_limit_policy {
                        let rate_limit_policy = match header::IntoHeaderValue(rate_limit_policy).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit_policy header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit-policy"),
                              rate_limit_policy
                        );
                    }
                    if let Some(rate_limit) = rate_limit {
                        let rate_limit = match header::IntoHeaderValue(rate_limit).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit"),
                              rate_limit
                        );
                    }
                                                  let mut response = response.status(429);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::IssueTokenResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::IssueTokenResponse::Status503_DatabaseUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::IssueTokenResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// ListSessions - GET /api/v1/auth/sessions
#[tracing::instrument(skip_all)]
async fn list_sessions<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(QueryExtra(query_params)): Extracted<QueryExtra<models::ListSessionsQueryParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::auth::Auth<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .list_sessions(&extensions, &claims, &query_params)
        .await;

    let resp = match result {
        Ok(rsp) => {
            match rsp {
                apis::auth::ListSessionsResponse::Status200_APageOfSessions { body, link } => {
                    let mut response = Response::builder();
                    if let Some(link) = link {
                        let link = match header::IntoHeaderValue(link).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling link header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("link"), link);
                    }
                    let mut response = response.status(200);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::auth::ListSessionsResponse::Status400_MalformedRequest(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(400);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::auth::ListSessionsResponse::Status401_NotAuthenticated {
                    body,
                    www_authenticate,
                } => {
                    let mut response = Response::builder();
                    {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                            .try_into()
                        {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            HeaderName::from_static("www-authenticate"),
                            www_authenticate,
                        );
                    }
                    let mut response = response.status(401);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::auth::ListSessionsResponse::Status500_ServerError(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(500);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::auth::ListSessionsResponse::Status503_ServiceUnavailable {
                    body,
                    retry_after,
                } => {
                    let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(HeaderName::from_static("retry-after"), retry_after);
                    }
                    let mut response = response.status(503);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
            }
        }
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// Register - POST /api/v1/auth/register
#[tracing::instrument(skip_all)]
async fn register<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::Registration>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::auth::Auth<E, Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    let result = api_impl.as_ref().register(&extensions, &body).await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::auth::RegisterResponse::Status201_Created {
                body,
                location,
                rate_limit_policy,
                rate_limit,
            } => {
                let mut response = Response::builder();
                {
                    let location = match header::IntoHeaderValue(location).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling location header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("location"), location);
                }
                if let Some(rate_limit_policy) = rate_limit_policy {
                    let rate_limit_policy = match header::IntoHeaderValue(rate_limit_policy)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit_policy header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("ratelimit-policy"),
                        rate_limit_policy,
                    );
                }
                if let Some(rate_limit) = rate_limit {
                    let rate_limit = match header::IntoHeaderValue(rate_limit).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("ratelimit"), rate_limit);
                }
                let mut response = response.status(201);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers
                        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RegisterResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RegisterResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer {
                body,
                connection,
            } => {
                let mut response = Response::builder();
                if let Some(connection) = connection {
                    let connection = match header::IntoHeaderValue(connection).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("connection"), connection);
                }
                let mut response = response.status(408);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RegisterResponse::Status403_RegistrationClosed(body) => {
                let mut response = Response::builder();
                let mut response = response.status(403);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RegisterResponse::Status409_Conflict(body) => {
                let mut response = Response::builder();
                let mut response = response.status(409);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RegisterResponse::Status413_BodyTooLarge(body) => {
                let mut response = Response::builder();
                let mut response = response.status(413);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RegisterResponse::Status415_WrongContentType(body) => {
                let mut response = Response::builder();
                let mut response = response.status(415);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RegisterResponse::Status422_InvalidBody(body) => {
                let mut response = Response::builder();
                let mut response = response.status(422);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RegisterResponse::Status429_RateLimited {
                body,
                retry_after,
                rate_limit_policy,
                rate_limit,
            } => {
                let mut response = Response::builder();
                {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                if let Some(rate_limit_policy) = rate_limit_policy {
                    let rate_limit_policy = match header::IntoHeaderValue(rate_limit_policy)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit_policy header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("ratelimit-policy"),
                        rate_limit_policy,
                    );
                }
                if let Some(rate_limit) = rate_limit {
                    let rate_limit = match header::IntoHeaderValue(rate_limit).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("ratelimit"), rate_limit);
                }
                let mut response = response.status(429);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RegisterResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RegisterResponse::Status503_ServiceUnavailable { body, retry_after } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RegisterResponse::Status507_InsufficientStorage(body) => {
                let mut response = Response::builder();
                let mut response = response.status(507);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// RequestPasswordReset - POST /api/v1/auth/password-reset
#[tracing::instrument(skip_all)]
async fn request_password_reset<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::PasswordResetRequest>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::auth::Auth<E, Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    let result = api_impl
        .as_ref()
        .request_password_reset(&extensions, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::auth::RequestPasswordResetResponse::Status202_Accepted
                                                    {
                                                        rate_limit_policy,
                                                        rate_limit
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(rate_limit_policy) = rate_limit_policy {
                        let rate_limit_policy = match header::IntoHeaderValue(rate_limit_policy).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit_policy header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit-policy"),
                              rate_limit_policy
                        );
                    }
                    if let Some(rate_limit) = rate_limit {
                        let rate_limit = match header::IntoHeaderValue(rate_limit).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit"),
                              rate_limit
                        );
                    }
                                                  let mut response = response.status(202);
                                                  response.body(Body::empty())
                                                },
                                                apis::auth::RequestPasswordResetResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RequestPasswordResetResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RequestPasswordResetResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RequestPasswordResetResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RequestPasswordResetResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RequestPasswordResetResponse::Status429_RateLimited
                                                    {
                                                        body,
                                                        retry_after,
                                                        rate_limit_policy,
                                                        rate_limit
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                    if let Some(rate_limit_policy) = rate_limit_policy {
                        let rate_limit_policy = match header::IntoHeaderValue(rate_limit_policy).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit_policy header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit-policy"),
                              rate_limit_policy
                        );
                    }
                    if let Some(rate_limit) = rate_limit {
                        let rate_limit = match header::IntoHeaderValue(rate_limit).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit"),
                              rate_limit
                        );
                    }
                                                  let mut response = response.status(429);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RequestPasswordResetResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RequestPasswordResetResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RequestPasswordResetResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// RevokeSession - DELETE /api/v1/auth/sessions/{sessionId}
#[tracing::instrument(skip_all)]
async fn revoke_session<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::RevokeSessionPathParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::auth::Auth<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .revoke_session(&extensions, &claims, &path_params)
        .await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::auth::RevokeSessionResponse::Status204_Revoked => {
                let mut response = Response::builder();
                let mut response = response.status(204);
                response.body(Body::empty())
            }
            apis::auth::RevokeSessionResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RevokeSessionResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RevokeSessionResponse::Status404_NotFound(body) => {
                let mut response = Response::builder();
                let mut response = response.status(404);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RevokeSessionResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RevokeSessionResponse::Status503_ServiceUnavailable {
                body,
                retry_after,
            } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::auth::RevokeSessionResponse::Status507_InsufficientStorage(body) => {
                let mut response = Response::builder();
                let mut response = response.status(507);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// RevokeToken - POST /api/v1/auth/revoke
#[tracing::instrument(skip_all)]
async fn revoke_token<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    State(api_impl): State<I>,
    Extracted(Form(body)): Extracted<Form<models::RevokeRequest>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::auth::Auth<E, Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    let result = api_impl.as_ref().revoke_token(&extensions, &body).await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::auth::RevokeTokenResponse::Status200_Revoked
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(200);
                                                  response.body(Body::empty())
                                                },
                                                apis::auth::RevokeTokenResponse::Status400_Rejected
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RevokeTokenResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RevokeTokenResponse::Status413_TooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RevokeTokenResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RevokeTokenResponse::Status503_DatabaseUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::auth::RevokeTokenResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// GetSync - GET /api/v1/sync
#[tracing::instrument(skip_all)]
async fn get_sync<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(QueryExtra(query_params)): Extracted<QueryExtra<models::GetSyncQueryParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::changes::Changes<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .get_sync(&extensions, &claims, &query_params)
        .await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::changes::GetSyncResponse::Status200_ChangesSinceTheCursor(body) => {
                let mut response = Response::builder();
                let mut response = response.status(200);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers
                        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::changes::GetSyncResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::changes::GetSyncResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::changes::GetSyncResponse::Status410_TheCursorIsOlderThanTheKeptHistory(body) => {
                let mut response = Response::builder();
                let mut response = response.status(410);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::changes::GetSyncResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::changes::GetSyncResponse::Status503_ServiceUnavailable { body, retry_after } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// StreamEvents - GET /api/v1/events
#[tracing::instrument(skip_all)]
async fn stream_events<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(QueryExtra(query_params)): Extracted<QueryExtra<models::StreamEventsQueryParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::changes::Changes<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    // Header parameters
    let header_params = {
        let header_last_event_id = headers.get(HeaderName::from_static("last-event-id"));

        let header_last_event_id = match header_last_event_id {
            Some(v) => match header::IntoHeaderValue::<String>::try_from((*v).clone()) {
                Ok(result) => Some(result.0),
                Err(err) => {
                    return Response::builder()
                        .status(StatusCode::BAD_REQUEST)
                        .body(Body::from(format!("Invalid header Last-Event-ID - {err}")))
                        .map_err(|e| {
                            error!(error = ?e);
                            StatusCode::INTERNAL_SERVER_ERROR
                        });
                }
            },
            None => None,
        };

        models::StreamEventsHeaderParams {
            last_event_id: header_last_event_id,
        }
    };

    let result = api_impl
        .as_ref()
        .stream_events(&extensions, &claims, &header_params, &query_params)
        .await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::changes::StreamEventsResponse::Status200_TheEventStream(body) => {
                use axum::response::IntoResponse;

                let (mut parts, body) = axum::response::Sse::new(body).into_response().into_parts();
                parts.status = 200.try_into().unwrap_or_default();

                Ok::<_, http::Error>((parts, body).into_response())
            }
            apis::changes::StreamEventsResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::changes::StreamEventsResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::changes::StreamEventsResponse::Status410_TheCursorIsOlderThanTheKeptHistory(
                body,
            ) => {
                let mut response = Response::builder();
                let mut response = response.status(410);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::changes::StreamEventsResponse::Status429_RateLimited {
                body,
                retry_after,
                rate_limit_policy,
                rate_limit,
            } => {
                let mut response = Response::builder();
                {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                if let Some(rate_limit_policy) = rate_limit_policy {
                    let rate_limit_policy = match header::IntoHeaderValue(rate_limit_policy)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit_policy header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("ratelimit-policy"),
                        rate_limit_policy,
                    );
                }
                if let Some(rate_limit) = rate_limit {
                    let rate_limit = match header::IntoHeaderValue(rate_limit).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("ratelimit"), rate_limit);
                }
                let mut response = response.status(429);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::changes::StreamEventsResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::changes::StreamEventsResponse::Status503_ServiceUnavailable {
                body,
                retry_after,
            } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// GetLiveness - GET /api/v1/health/live
#[tracing::instrument(skip_all)]
async fn get_liveness<I, A, E>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::health::Health<E> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    let result = api_impl.as_ref().get_liveness(&extensions).await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::health::GetLivenessResponse::Status200_Alive(body) => {
                let mut response = Response::builder();
                let mut response = response.status(200);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers
                        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::health::GetLivenessResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// GetReadiness - GET /api/v1/health/ready
#[tracing::instrument(skip_all)]
async fn get_readiness<I, A, E>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::health::Health<E> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    let result = api_impl.as_ref().get_readiness(&extensions).await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::health::GetReadinessResponse::Status200_Ready(body) => {
                let mut response = Response::builder();
                let mut response = response.status(200);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers
                        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::health::GetReadinessResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::health::GetReadinessResponse::Status503_ServiceUnavailable {
                body,
                retry_after,
            } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// CreateList - POST /api/v1/lists
#[tracing::instrument(skip_all)]
async fn create_list<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::ListCreate>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::lists::Lists<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .create_list(&extensions, &claims, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::lists::CreateListResponse::Status200_AlreadyCreatedWithThis
                                                    {
                                                        body,
                                                        location,
                                                        e_tag
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let location = match header::IntoHeaderValue(location).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling location header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("location"),
                              location
                        );
                    }
                     {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("etag"),
                              e_tag
                        );
                    }
                                                  let mut response = response.status(200);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::CreateListResponse::Status201_Created
                                                    {
                                                        body,
                                                        location,
                                                        e_tag
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let location = match header::IntoHeaderValue(location).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling location header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("location"),
                              location
                        );
                    }
                     {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("etag"),
                              e_tag
                        );
                    }
                                                  let mut response = response.status(201);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::CreateListResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::CreateListResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::CreateListResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::CreateListResponse::Status409_Conflict
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(409);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::CreateListResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::CreateListResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::CreateListResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::CreateListResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::CreateListResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::CreateListResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// DeleteList - DELETE /api/v1/lists/{listId}
#[tracing::instrument(skip_all)]
async fn delete_list<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::DeleteListPathParams>>,
    Extracted(QueryExtra(query_params)): Extracted<QueryExtra<models::DeleteListQueryParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::lists::Lists<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    // Header parameters
    let header_params = {
        let header_if_match = headers.get(HeaderName::from_static("if-match"));

        let header_if_match = match header_if_match {
            Some(v) => match header::IntoHeaderValue::<String>::try_from((*v).clone()) {
                Ok(result) => Some(result.0),
                Err(err) => {
                    return Response::builder()
                        .status(StatusCode::BAD_REQUEST)
                        .body(Body::from(format!("Invalid header If-Match - {err}")))
                        .map_err(|e| {
                            error!(error = ?e);
                            StatusCode::INTERNAL_SERVER_ERROR
                        });
                }
            },
            None => None,
        };

        models::DeleteListHeaderParams {
            if_match: header_if_match,
        }
    };

    let result = api_impl
        .as_ref()
        .delete_list(
            &extensions,
            &claims,
            &header_params,
            &path_params,
            &query_params,
        )
        .await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::lists::DeleteListResponse::Status204_Deleted => {
                let mut response = Response::builder();
                let mut response = response.status(204);
                response.body(Body::empty())
            }
            apis::lists::DeleteListResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::lists::DeleteListResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::lists::DeleteListResponse::Status403_NotAllowed(body) => {
                let mut response = Response::builder();
                let mut response = response.status(403);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::lists::DeleteListResponse::Status404_NotFound(body) => {
                let mut response = Response::builder();
                let mut response = response.status(404);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::lists::DeleteListResponse::Status409_Conflict(body) => {
                let mut response = Response::builder();
                let mut response = response.status(409);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::lists::DeleteListResponse::Status412_VersionChanged(body) => {
                let mut response = Response::builder();
                let mut response = response.status(412);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::lists::DeleteListResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::lists::DeleteListResponse::Status503_ServiceUnavailable { body, retry_after } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::lists::DeleteListResponse::Status507_InsufficientStorage(body) => {
                let mut response = Response::builder();
                let mut response = response.status(507);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// GetList - GET /api/v1/lists/{listId}
#[tracing::instrument(skip_all)]
async fn get_list<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::GetListPathParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::lists::Lists<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    // Header parameters
    let header_params = {
        let header_if_none_match = headers.get(HeaderName::from_static("if-none-match"));

        let header_if_none_match = match header_if_none_match {
            Some(v) => match header::IntoHeaderValue::<String>::try_from((*v).clone()) {
                Ok(result) => Some(result.0),
                Err(err) => {
                    return Response::builder()
                        .status(StatusCode::BAD_REQUEST)
                        .body(Body::from(format!("Invalid header If-None-Match - {err}")))
                        .map_err(|e| {
                            error!(error = ?e);
                            StatusCode::INTERNAL_SERVER_ERROR
                        });
                }
            },
            None => None,
        };

        models::GetListHeaderParams {
            if_none_match: header_if_none_match,
        }
    };

    let result = api_impl
        .as_ref()
        .get_list(&extensions, &claims, &header_params, &path_params)
        .await;

    let resp = match result {
        Ok(rsp) => {
            match rsp {
                apis::lists::GetListResponse::Status200_TheList { body, e_tag } => {
                    let mut response = Response::builder();
                    {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("etag"), e_tag);
                    }
                    let mut response = response.status(200);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::lists::GetListResponse::Status304_NotModified { e_tag } => {
                    let mut response = Response::builder();
                    {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("etag"), e_tag);
                    }
                    let mut response = response.status(304);
                    response.body(Body::empty())
                }
                apis::lists::GetListResponse::Status400_MalformedRequest(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(400);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::lists::GetListResponse::Status401_NotAuthenticated {
                    body,
                    www_authenticate,
                } => {
                    let mut response = Response::builder();
                    {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                            .try_into()
                        {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            HeaderName::from_static("www-authenticate"),
                            www_authenticate,
                        );
                    }
                    let mut response = response.status(401);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::lists::GetListResponse::Status404_NotFound(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(404);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::lists::GetListResponse::Status500_ServerError(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(500);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::lists::GetListResponse::Status503_ServiceUnavailable {
                    body,
                    retry_after,
                } => {
                    let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(HeaderName::from_static("retry-after"), retry_after);
                    }
                    let mut response = response.status(503);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
            }
        }
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// ListLists - GET /api/v1/lists
#[tracing::instrument(skip_all)]
async fn list_lists<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(QueryExtra(query_params)): Extracted<QueryExtra<models::ListListsQueryParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::lists::Lists<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .list_lists(&extensions, &claims, &query_params)
        .await;

    let resp = match result {
        Ok(rsp) => {
            match rsp {
                apis::lists::ListListsResponse::Status200_APageOfLists { body, link } => {
                    let mut response = Response::builder();
                    if let Some(link) = link {
                        let link = match header::IntoHeaderValue(link).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling link header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("link"), link);
                    }
                    let mut response = response.status(200);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::lists::ListListsResponse::Status400_MalformedRequest(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(400);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::lists::ListListsResponse::Status401_NotAuthenticated {
                    body,
                    www_authenticate,
                } => {
                    let mut response = Response::builder();
                    {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                            .try_into()
                        {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            HeaderName::from_static("www-authenticate"),
                            www_authenticate,
                        );
                    }
                    let mut response = response.status(401);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::lists::ListListsResponse::Status500_ServerError(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(500);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::lists::ListListsResponse::Status503_ServiceUnavailable {
                    body,
                    retry_after,
                } => {
                    let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(HeaderName::from_static("retry-after"), retry_after);
                    }
                    let mut response = response.status(503);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
            }
        }
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// MoveList - POST /api/v1/lists/{listId}/move
#[tracing::instrument(skip_all)]
async fn move_list<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    Extracted(Path(path_params)): Extracted<Path<models::MoveListPathParams>>,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::ListMove>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::lists::Lists<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .move_list(&extensions, &claims, &path_params, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::lists::MoveListResponse::Status200_Moved
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(200);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::MoveListResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::MoveListResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::MoveListResponse::Status404_NotFound
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(404);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::MoveListResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::MoveListResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::MoveListResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::MoveListResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::MoveListResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::MoveListResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::MoveListResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// UpdateList - PATCH /api/v1/lists/{listId}
#[tracing::instrument(skip_all)]
async fn update_list<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    Extracted(Path(path_params)): Extracted<Path<models::UpdateListPathParams>>,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::ListUpdate>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::lists::Lists<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    // Header parameters
    let header_params = {
        let header_if_match = headers.get(HeaderName::from_static("if-match"));

        let header_if_match = match header_if_match {
            Some(v) => match header::IntoHeaderValue::<String>::try_from((*v).clone()) {
                Ok(result) => Some(result.0),
                Err(err) => {
                    return Response::builder()
                        .status(StatusCode::BAD_REQUEST)
                        .body(Body::from(format!("Invalid header If-Match - {err}")))
                        .map_err(|e| {
                            error!(error = ?e);
                            StatusCode::INTERNAL_SERVER_ERROR
                        });
                }
            },
            None => None,
        };

        models::UpdateListHeaderParams {
            if_match: header_if_match,
        }
    };

    let result = api_impl
        .as_ref()
        .update_list(&extensions, &claims, &header_params, &path_params, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::lists::UpdateListResponse::Status200_Updated
                                                    {
                                                        body,
                                                        e_tag
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("etag"),
                              e_tag
                        );
                    }
                                                  let mut response = response.status(200);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::UpdateListResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::UpdateListResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::UpdateListResponse::Status403_NotAllowed
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(403);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::UpdateListResponse::Status404_NotFound
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(404);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::UpdateListResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::UpdateListResponse::Status412_VersionChanged
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(412);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::UpdateListResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::UpdateListResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::UpdateListResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::UpdateListResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::UpdateListResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::lists::UpdateListResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// AcceptInvitation - POST /api/v1/invitations/{invitationId}/accept
#[tracing::instrument(skip_all)]
async fn accept_invitation<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::AcceptInvitationPathParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::sharing::Sharing<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .accept_invitation(&extensions, &claims, &path_params)
        .await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::sharing::AcceptInvitationResponse::Status200_Joined(body) => {
                let mut response = Response::builder();
                let mut response = response.status(200);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers
                        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::AcceptInvitationResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::AcceptInvitationResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::AcceptInvitationResponse::Status404_NotFound(body) => {
                let mut response = Response::builder();
                let mut response = response.status(404);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::AcceptInvitationResponse::Status409_Conflict(body) => {
                let mut response = Response::builder();
                let mut response = response.status(409);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::AcceptInvitationResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::AcceptInvitationResponse::Status503_ServiceUnavailable {
                body,
                retry_after,
            } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::AcceptInvitationResponse::Status507_InsufficientStorage(body) => {
                let mut response = Response::builder();
                let mut response = response.status(507);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// CreateInvitation - POST /api/v1/lists/{listId}/invitations
#[tracing::instrument(skip_all)]
async fn create_invitation<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    Extracted(Path(path_params)): Extracted<Path<models::CreateInvitationPathParams>>,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::InvitationCreate>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::sharing::Sharing<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .create_invitation(&extensions, &claims, &path_params, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::sharing::CreateInvitationResponse::Status201_Invited
                                                    {
                                                        body,
                                                        location
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let location = match header::IntoHeaderValue(location).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling location header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("location"),
                              location
                        );
                    }
                                                  let mut response = response.status(201);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status403_NotAllowed
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(403);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status404_NotFound
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(404);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status409_Conflict
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(409);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status429_RateLimited
                                                    {
                                                        body,
                                                        retry_after,
                                                        rate_limit_policy,
                                                        rate_limit
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                    if let Some(rate_limit_policy) = rate_limit_policy {
                        let rate_limit_policy = match header::IntoHeaderValue(rate_limit_policy).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit_policy header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit-policy"),
                              rate_limit_policy
                        );
                    }
                    if let Some(rate_limit) = rate_limit {
                        let rate_limit = match header::IntoHeaderValue(rate_limit).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit"),
                              rate_limit
                        );
                    }
                                                  let mut response = response.status(429);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::CreateInvitationResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// DeclineInvitation - POST /api/v1/invitations/{invitationId}/decline
#[tracing::instrument(skip_all)]
async fn decline_invitation<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::DeclineInvitationPathParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::sharing::Sharing<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .decline_invitation(&extensions, &claims, &path_params)
        .await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::sharing::DeclineInvitationResponse::Status204_Declined => {
                let mut response = Response::builder();
                let mut response = response.status(204);
                response.body(Body::empty())
            }
            apis::sharing::DeclineInvitationResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::DeclineInvitationResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::DeclineInvitationResponse::Status404_NotFound(body) => {
                let mut response = Response::builder();
                let mut response = response.status(404);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::DeclineInvitationResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::DeclineInvitationResponse::Status503_ServiceUnavailable {
                body,
                retry_after,
            } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::DeclineInvitationResponse::Status507_InsufficientStorage(body) => {
                let mut response = Response::builder();
                let mut response = response.status(507);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// ListInvitations - GET /api/v1/invitations
#[tracing::instrument(skip_all)]
async fn list_invitations<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(QueryExtra(query_params)): Extracted<QueryExtra<models::ListInvitationsQueryParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::sharing::Sharing<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .list_invitations(&extensions, &claims, &query_params)
        .await;

    let resp = match result {
        Ok(rsp) => {
            match rsp {
                apis::sharing::ListInvitationsResponse::Status200_APageOfInvitations {
                    body,
                    link,
                } => {
                    let mut response = Response::builder();
                    if let Some(link) = link {
                        let link = match header::IntoHeaderValue(link).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling link header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("link"), link);
                    }
                    let mut response = response.status(200);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListInvitationsResponse::Status400_MalformedRequest(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(400);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListInvitationsResponse::Status401_NotAuthenticated {
                    body,
                    www_authenticate,
                } => {
                    let mut response = Response::builder();
                    {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                            .try_into()
                        {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            HeaderName::from_static("www-authenticate"),
                            www_authenticate,
                        );
                    }
                    let mut response = response.status(401);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListInvitationsResponse::Status500_ServerError(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(500);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListInvitationsResponse::Status503_ServiceUnavailable {
                    body,
                    retry_after,
                } => {
                    let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(HeaderName::from_static("retry-after"), retry_after);
                    }
                    let mut response = response.status(503);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
            }
        }
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// ListListInvitations - GET /api/v1/lists/{listId}/invitations
#[tracing::instrument(skip_all)]
async fn list_list_invitations<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::ListListInvitationsPathParams>>,
    Extracted(QueryExtra(query_params)): Extracted<
        QueryExtra<models::ListListInvitationsQueryParams>,
    >,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::sharing::Sharing<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .list_list_invitations(&extensions, &claims, &path_params, &query_params)
        .await;

    let resp = match result {
        Ok(rsp) => {
            match rsp {
                apis::sharing::ListListInvitationsResponse::Status200_APageOfInvitations {
                    body,
                    link,
                } => {
                    let mut response = Response::builder();
                    if let Some(link) = link {
                        let link = match header::IntoHeaderValue(link).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling link header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("link"), link);
                    }
                    let mut response = response.status(200);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListListInvitationsResponse::Status400_MalformedRequest(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(400);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListListInvitationsResponse::Status401_NotAuthenticated {
                    body,
                    www_authenticate,
                } => {
                    let mut response = Response::builder();
                    {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                            .try_into()
                        {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            HeaderName::from_static("www-authenticate"),
                            www_authenticate,
                        );
                    }
                    let mut response = response.status(401);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListListInvitationsResponse::Status403_NotAllowed(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(403);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListListInvitationsResponse::Status404_NotFound(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(404);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListListInvitationsResponse::Status500_ServerError(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(500);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListListInvitationsResponse::Status503_ServiceUnavailable {
                    body,
                    retry_after,
                } => {
                    let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(HeaderName::from_static("retry-after"), retry_after);
                    }
                    let mut response = response.status(503);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
            }
        }
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// ListMembers - GET /api/v1/lists/{listId}/members
#[tracing::instrument(skip_all)]
async fn list_members<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::ListMembersPathParams>>,
    Extracted(QueryExtra(query_params)): Extracted<QueryExtra<models::ListMembersQueryParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::sharing::Sharing<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .list_members(&extensions, &claims, &path_params, &query_params)
        .await;

    let resp = match result {
        Ok(rsp) => {
            match rsp {
                apis::sharing::ListMembersResponse::Status200_APageOfMembers { body, link } => {
                    let mut response = Response::builder();
                    if let Some(link) = link {
                        let link = match header::IntoHeaderValue(link).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling link header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("link"), link);
                    }
                    let mut response = response.status(200);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListMembersResponse::Status400_MalformedRequest(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(400);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListMembersResponse::Status401_NotAuthenticated {
                    body,
                    www_authenticate,
                } => {
                    let mut response = Response::builder();
                    {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                            .try_into()
                        {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            HeaderName::from_static("www-authenticate"),
                            www_authenticate,
                        );
                    }
                    let mut response = response.status(401);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListMembersResponse::Status404_NotFound(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(404);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListMembersResponse::Status500_ServerError(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(500);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::sharing::ListMembersResponse::Status503_ServiceUnavailable {
                    body,
                    retry_after,
                } => {
                    let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(HeaderName::from_static("retry-after"), retry_after);
                    }
                    let mut response = response.status(503);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
            }
        }
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// RemoveMember - DELETE /api/v1/lists/{listId}/members/{userId}
#[tracing::instrument(skip_all)]
async fn remove_member<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::RemoveMemberPathParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::sharing::Sharing<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .remove_member(&extensions, &claims, &path_params)
        .await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::sharing::RemoveMemberResponse::Status204_Removed => {
                let mut response = Response::builder();
                let mut response = response.status(204);
                response.body(Body::empty())
            }
            apis::sharing::RemoveMemberResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RemoveMemberResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RemoveMemberResponse::Status403_NotAllowed(body) => {
                let mut response = Response::builder();
                let mut response = response.status(403);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RemoveMemberResponse::Status404_NotFound(body) => {
                let mut response = Response::builder();
                let mut response = response.status(404);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RemoveMemberResponse::Status409_Conflict(body) => {
                let mut response = Response::builder();
                let mut response = response.status(409);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RemoveMemberResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RemoveMemberResponse::Status503_ServiceUnavailable {
                body,
                retry_after,
            } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RemoveMemberResponse::Status507_InsufficientStorage(body) => {
                let mut response = Response::builder();
                let mut response = response.status(507);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// RevokeInvitation - DELETE /api/v1/lists/{listId}/invitations/{invitationId}
#[tracing::instrument(skip_all)]
async fn revoke_invitation<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::RevokeInvitationPathParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::sharing::Sharing<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .revoke_invitation(&extensions, &claims, &path_params)
        .await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::sharing::RevokeInvitationResponse::Status204_Revoked => {
                let mut response = Response::builder();
                let mut response = response.status(204);
                response.body(Body::empty())
            }
            apis::sharing::RevokeInvitationResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RevokeInvitationResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RevokeInvitationResponse::Status403_NotAllowed(body) => {
                let mut response = Response::builder();
                let mut response = response.status(403);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RevokeInvitationResponse::Status404_NotFound(body) => {
                let mut response = Response::builder();
                let mut response = response.status(404);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RevokeInvitationResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RevokeInvitationResponse::Status503_ServiceUnavailable {
                body,
                retry_after,
            } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::sharing::RevokeInvitationResponse::Status507_InsufficientStorage(body) => {
                let mut response = Response::builder();
                let mut response = response.status(507);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// UpdateMember - PATCH /api/v1/lists/{listId}/members/{userId}
#[tracing::instrument(skip_all)]
async fn update_member<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    Extracted(Path(path_params)): Extracted<Path<models::UpdateMemberPathParams>>,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::MemberUpdate>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::sharing::Sharing<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .update_member(&extensions, &claims, &path_params, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::sharing::UpdateMemberResponse::Status200_Updated
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(200);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::UpdateMemberResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::UpdateMemberResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::UpdateMemberResponse::Status403_NotAllowed
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(403);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::UpdateMemberResponse::Status404_NotFound
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(404);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::UpdateMemberResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::UpdateMemberResponse::Status409_Conflict
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(409);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::UpdateMemberResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::UpdateMemberResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::UpdateMemberResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::UpdateMemberResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::UpdateMemberResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::sharing::UpdateMemberResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// BatchTodos - POST /api/v1/todos/batch
#[tracing::instrument(skip_all)]
async fn batch_todos<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::BatchRequest>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::todos::Todos<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .batch_todos(&extensions, &claims, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::todos::BatchTodosResponse::Status200_Applied
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(200);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::BatchTodosResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::BatchTodosResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::BatchTodosResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::BatchTodosResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::BatchTodosResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::BatchTodosResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::BatchTodosResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::BatchTodosResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::BatchTodosResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// CreateTodo - POST /api/v1/todos
#[tracing::instrument(skip_all)]
async fn create_todo<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::TodoCreate>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::todos::Todos<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    // Header parameters
    let header_params = {
        let header_idempotency_key = headers.get(HeaderName::from_static("idempotency-key"));

        let header_idempotency_key = match header_idempotency_key {
            Some(v) => match header::IntoHeaderValue::<String>::try_from((*v).clone()) {
                Ok(result) => Some(result.0),
                Err(err) => {
                    return Response::builder()
                        .status(StatusCode::BAD_REQUEST)
                        .body(Body::from(format!(
                            "Invalid header Idempotency-Key - {err}"
                        )))
                        .map_err(|e| {
                            error!(error = ?e);
                            StatusCode::INTERNAL_SERVER_ERROR
                        });
                }
            },
            None => None,
        };

        models::CreateTodoHeaderParams {
            idempotency_key: header_idempotency_key,
        }
    };

    let result = api_impl
        .as_ref()
        .create_todo(&extensions, &claims, &header_params, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::todos::CreateTodoResponse::Status200_AlreadyCreatedWithThis
                                                    {
                                                        body,
                                                        location,
                                                        e_tag
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let location = match header::IntoHeaderValue(location).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling location header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("location"),
                              location
                        );
                    }
                     {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("etag"),
                              e_tag
                        );
                    }
                                                  let mut response = response.status(200);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status201_Created
                                                    {
                                                        body,
                                                        location,
                                                        e_tag,
                                                        idempotent_replayed
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let location = match header::IntoHeaderValue(location).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling location header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("location"),
                              location
                        );
                    }
                     {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("etag"),
                              e_tag
                        );
                    }
                    if let Some(idempotent_replayed) = idempotent_replayed {
                        let idempotent_replayed = match header::IntoHeaderValue(idempotent_replayed).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling idempotent_replayed header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("idempotent-replayed"),
                              idempotent_replayed
                        );
                    }
                                                  let mut response = response.status(201);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status403_NotAllowed
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(403);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status404_NotFound
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(404);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status409_Conflict
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(409);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::CreateTodoResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// DeleteTodo - DELETE /api/v1/todos/{todoId}
#[tracing::instrument(skip_all)]
async fn delete_todo<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::DeleteTodoPathParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::todos::Todos<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    // Header parameters
    let header_params = {
        let header_if_match = headers.get(HeaderName::from_static("if-match"));

        let header_if_match = match header_if_match {
            Some(v) => match header::IntoHeaderValue::<String>::try_from((*v).clone()) {
                Ok(result) => Some(result.0),
                Err(err) => {
                    return Response::builder()
                        .status(StatusCode::BAD_REQUEST)
                        .body(Body::from(format!("Invalid header If-Match - {err}")))
                        .map_err(|e| {
                            error!(error = ?e);
                            StatusCode::INTERNAL_SERVER_ERROR
                        });
                }
            },
            None => None,
        };

        models::DeleteTodoHeaderParams {
            if_match: header_if_match,
        }
    };

    let result = api_impl
        .as_ref()
        .delete_todo(&extensions, &claims, &header_params, &path_params)
        .await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::todos::DeleteTodoResponse::Status204_Deleted => {
                let mut response = Response::builder();
                let mut response = response.status(204);
                response.body(Body::empty())
            }
            apis::todos::DeleteTodoResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::todos::DeleteTodoResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::todos::DeleteTodoResponse::Status403_NotAllowed(body) => {
                let mut response = Response::builder();
                let mut response = response.status(403);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::todos::DeleteTodoResponse::Status404_NotFound(body) => {
                let mut response = Response::builder();
                let mut response = response.status(404);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::todos::DeleteTodoResponse::Status412_VersionChanged(body) => {
                let mut response = Response::builder();
                let mut response = response.status(412);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::todos::DeleteTodoResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::todos::DeleteTodoResponse::Status503_ServiceUnavailable { body, retry_after } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::todos::DeleteTodoResponse::Status507_InsufficientStorage(body) => {
                let mut response = Response::builder();
                let mut response = response.status(507);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// GetTodo - GET /api/v1/todos/{todoId}
#[tracing::instrument(skip_all)]
async fn get_todo<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(Path(path_params)): Extracted<Path<models::GetTodoPathParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::todos::Todos<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    // Header parameters
    let header_params = {
        let header_if_none_match = headers.get(HeaderName::from_static("if-none-match"));

        let header_if_none_match = match header_if_none_match {
            Some(v) => match header::IntoHeaderValue::<String>::try_from((*v).clone()) {
                Ok(result) => Some(result.0),
                Err(err) => {
                    return Response::builder()
                        .status(StatusCode::BAD_REQUEST)
                        .body(Body::from(format!("Invalid header If-None-Match - {err}")))
                        .map_err(|e| {
                            error!(error = ?e);
                            StatusCode::INTERNAL_SERVER_ERROR
                        });
                }
            },
            None => None,
        };

        models::GetTodoHeaderParams {
            if_none_match: header_if_none_match,
        }
    };

    let result = api_impl
        .as_ref()
        .get_todo(&extensions, &claims, &header_params, &path_params)
        .await;

    let resp = match result {
        Ok(rsp) => {
            match rsp {
                apis::todos::GetTodoResponse::Status200_TheTodo { body, e_tag } => {
                    let mut response = Response::builder();
                    {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("etag"), e_tag);
                    }
                    let mut response = response.status(200);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::GetTodoResponse::Status304_NotModified { e_tag } => {
                    let mut response = Response::builder();
                    {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("etag"), e_tag);
                    }
                    let mut response = response.status(304);
                    response.body(Body::empty())
                }
                apis::todos::GetTodoResponse::Status400_MalformedRequest(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(400);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::GetTodoResponse::Status401_NotAuthenticated {
                    body,
                    www_authenticate,
                } => {
                    let mut response = Response::builder();
                    {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                            .try_into()
                        {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            HeaderName::from_static("www-authenticate"),
                            www_authenticate,
                        );
                    }
                    let mut response = response.status(401);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::GetTodoResponse::Status404_NotFound(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(404);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::GetTodoResponse::Status500_ServerError(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(500);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::GetTodoResponse::Status503_ServiceUnavailable {
                    body,
                    retry_after,
                } => {
                    let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(HeaderName::from_static("retry-after"), retry_after);
                    }
                    let mut response = response.status(503);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
            }
        }
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// ListTags - GET /api/v1/tags
#[tracing::instrument(skip_all)]
async fn list_tags<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(QueryExtra(query_params)): Extracted<QueryExtra<models::ListTagsQueryParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::todos::Todos<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .list_tags(&extensions, &claims, &query_params)
        .await;

    let resp = match result {
        Ok(rsp) => {
            match rsp {
                apis::todos::ListTagsResponse::Status200_APageOfTags { body, link } => {
                    let mut response = Response::builder();
                    if let Some(link) = link {
                        let link = match header::IntoHeaderValue(link).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling link header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("link"), link);
                    }
                    let mut response = response.status(200);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::ListTagsResponse::Status400_MalformedRequest(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(400);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::ListTagsResponse::Status401_NotAuthenticated {
                    body,
                    www_authenticate,
                } => {
                    let mut response = Response::builder();
                    {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                            .try_into()
                        {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            HeaderName::from_static("www-authenticate"),
                            www_authenticate,
                        );
                    }
                    let mut response = response.status(401);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::ListTagsResponse::Status500_ServerError(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(500);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::ListTagsResponse::Status503_ServiceUnavailable {
                    body,
                    retry_after,
                } => {
                    let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(HeaderName::from_static("retry-after"), retry_after);
                    }
                    let mut response = response.status(503);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
            }
        }
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// ListTodos - GET /api/v1/todos
#[tracing::instrument(skip_all)]
async fn list_todos<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(QueryExtra(query_params)): Extracted<QueryExtra<models::ListTodosQueryParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::todos::Todos<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    // Header parameters
    let header_params = {
        let header_if_none_match = headers.get(HeaderName::from_static("if-none-match"));

        let header_if_none_match = match header_if_none_match {
            Some(v) => match header::IntoHeaderValue::<String>::try_from((*v).clone()) {
                Ok(result) => Some(result.0),
                Err(err) => {
                    return Response::builder()
                        .status(StatusCode::BAD_REQUEST)
                        .body(Body::from(format!("Invalid header If-None-Match - {err}")))
                        .map_err(|e| {
                            error!(error = ?e);
                            StatusCode::INTERNAL_SERVER_ERROR
                        });
                }
            },
            None => None,
        };

        models::ListTodosHeaderParams {
            if_none_match: header_if_none_match,
        }
    };

    let result = api_impl
        .as_ref()
        .list_todos(&extensions, &claims, &header_params, &query_params)
        .await;

    let resp = match result {
        Ok(rsp) => {
            match rsp {
                apis::todos::ListTodosResponse::Status200_APageOfTodos { body, link, e_tag } => {
                    let mut response = Response::builder();
                    if let Some(link) = link {
                        let link = match header::IntoHeaderValue(link).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling link header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("link"), link);
                    }
                    {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("etag"), e_tag);
                    }
                    let mut response = response.status(200);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::ListTodosResponse::Status304_PageNotModified { e_tag } => {
                    let mut response = Response::builder();
                    {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("etag"), e_tag);
                    }
                    let mut response = response.status(304);
                    response.body(Body::empty())
                }
                apis::todos::ListTodosResponse::Status400_MalformedRequest(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(400);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::ListTodosResponse::Status401_NotAuthenticated {
                    body,
                    www_authenticate,
                } => {
                    let mut response = Response::builder();
                    {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                            .try_into()
                        {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            HeaderName::from_static("www-authenticate"),
                            www_authenticate,
                        );
                    }
                    let mut response = response.status(401);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::ListTodosResponse::Status404_NotFound(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(404);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::ListTodosResponse::Status500_ServerError(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(500);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::todos::ListTodosResponse::Status503_ServiceUnavailable {
                    body,
                    retry_after,
                } => {
                    let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(HeaderName::from_static("retry-after"), retry_after);
                    }
                    let mut response = response.status(503);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
            }
        }
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// MoveTodo - POST /api/v1/todos/{todoId}/move
#[tracing::instrument(skip_all)]
async fn move_todo<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    Extracted(Path(path_params)): Extracted<Path<models::MoveTodoPathParams>>,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::TodoMove>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::todos::Todos<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    // Header parameters
    let header_params = {
        let header_if_match = headers.get(HeaderName::from_static("if-match"));

        let header_if_match = match header_if_match {
            Some(v) => match header::IntoHeaderValue::<String>::try_from((*v).clone()) {
                Ok(result) => Some(result.0),
                Err(err) => {
                    return Response::builder()
                        .status(StatusCode::BAD_REQUEST)
                        .body(Body::from(format!("Invalid header If-Match - {err}")))
                        .map_err(|e| {
                            error!(error = ?e);
                            StatusCode::INTERNAL_SERVER_ERROR
                        });
                }
            },
            None => None,
        };

        models::MoveTodoHeaderParams {
            if_match: header_if_match,
        }
    };

    let result = api_impl
        .as_ref()
        .move_todo(&extensions, &claims, &header_params, &path_params, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::todos::MoveTodoResponse::Status200_Moved
                                                    {
                                                        body,
                                                        e_tag
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("etag"),
                              e_tag
                        );
                    }
                                                  let mut response = response.status(200);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::MoveTodoResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::MoveTodoResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::MoveTodoResponse::Status403_NotAllowed
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(403);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::MoveTodoResponse::Status404_NotFound
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(404);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::MoveTodoResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::MoveTodoResponse::Status412_VersionChanged
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(412);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::MoveTodoResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::MoveTodoResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::MoveTodoResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::MoveTodoResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::MoveTodoResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::MoveTodoResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// UpdateTodo - PATCH /api/v1/todos/{todoId}
#[tracing::instrument(skip_all)]
async fn update_todo<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    Extracted(Path(path_params)): Extracted<Path<models::UpdateTodoPathParams>>,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::TodoUpdate>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::todos::Todos<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    // Header parameters
    let header_params = {
        let header_if_match = headers.get(HeaderName::from_static("if-match"));

        let header_if_match = match header_if_match {
            Some(v) => match header::IntoHeaderValue::<String>::try_from((*v).clone()) {
                Ok(result) => Some(result.0),
                Err(err) => {
                    return Response::builder()
                        .status(StatusCode::BAD_REQUEST)
                        .body(Body::from(format!("Invalid header If-Match - {err}")))
                        .map_err(|e| {
                            error!(error = ?e);
                            StatusCode::INTERNAL_SERVER_ERROR
                        });
                }
            },
            None => None,
        };

        models::UpdateTodoHeaderParams {
            if_match: header_if_match,
        }
    };

    let result = api_impl
        .as_ref()
        .update_todo(&extensions, &claims, &header_params, &path_params, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::todos::UpdateTodoResponse::Status200_Updated
                                                    {
                                                        body,
                                                        e_tag
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("etag"),
                              e_tag
                        );
                    }
                                                  let mut response = response.status(200);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::UpdateTodoResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::UpdateTodoResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::UpdateTodoResponse::Status403_NotAllowed
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(403);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::UpdateTodoResponse::Status404_NotFound
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(404);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::UpdateTodoResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::UpdateTodoResponse::Status412_VersionChanged
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(412);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::UpdateTodoResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::UpdateTodoResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::UpdateTodoResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::UpdateTodoResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::UpdateTodoResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::todos::UpdateTodoResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// ChangePassword - PUT /api/v1/users/me/password
#[tracing::instrument(skip_all)]
async fn change_password<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::PasswordChange>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::users::Users<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .change_password(&extensions, &claims, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::users::ChangePasswordResponse::Status204_Changed
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(204);
                                                  response.body(Body::empty())
                                                },
                                                apis::users::ChangePasswordResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::ChangePasswordResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::ChangePasswordResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::ChangePasswordResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::ChangePasswordResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::ChangePasswordResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::ChangePasswordResponse::Status429_RateLimited
                                                    {
                                                        body,
                                                        retry_after,
                                                        rate_limit_policy,
                                                        rate_limit
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                    if let Some(rate_limit_policy) = rate_limit_policy {
                        let rate_limit_policy = match header::IntoHeaderValue(rate_limit_policy).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit_policy header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit-policy"),
                              rate_limit_policy
                        );
                    }
                    if let Some(rate_limit) = rate_limit {
                        let rate_limit = match header::IntoHeaderValue(rate_limit).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit"),
                              rate_limit
                        );
                    }
                                                  let mut response = response.status(429);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::ChangePasswordResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::ChangePasswordResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::ChangePasswordResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// DeleteCurrentUser - DELETE /api/v1/users/me
#[tracing::instrument(skip_all)]
async fn delete_current_user<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::AccountDeletion>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::users::Users<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .delete_current_user(&extensions, &claims, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::users::DeleteCurrentUserResponse::Status204_Deleted
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(204);
                                                  response.body(Body::empty())
                                                },
                                                apis::users::DeleteCurrentUserResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::DeleteCurrentUserResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::DeleteCurrentUserResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::DeleteCurrentUserResponse::Status409_Conflict
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(409);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::DeleteCurrentUserResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::DeleteCurrentUserResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::DeleteCurrentUserResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::DeleteCurrentUserResponse::Status429_RateLimited
                                                    {
                                                        body,
                                                        retry_after,
                                                        rate_limit_policy,
                                                        rate_limit
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                    if let Some(rate_limit_policy) = rate_limit_policy {
                        let rate_limit_policy = match header::IntoHeaderValue(rate_limit_policy).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit_policy header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit-policy"),
                              rate_limit_policy
                        );
                    }
                    if let Some(rate_limit) = rate_limit {
                        let rate_limit = match header::IntoHeaderValue(rate_limit).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit"),
                              rate_limit
                        );
                    }
                                                  let mut response = response.status(429);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::DeleteCurrentUserResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::DeleteCurrentUserResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::DeleteCurrentUserResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// GetCurrentUser - GET /api/v1/users/me
#[tracing::instrument(skip_all)]
async fn get_current_user<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::users::Users<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .get_current_user(&extensions, &claims)
        .await;

    let resp = match result {
        Ok(rsp) => match rsp {
            apis::users::GetCurrentUserResponse::Status200_TheAccount(body) => {
                let mut response = Response::builder();
                let mut response = response.status(200);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers
                        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::users::GetCurrentUserResponse::Status400_MalformedRequest(body) => {
                let mut response = Response::builder();
                let mut response = response.status(400);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::users::GetCurrentUserResponse::Status401_NotAuthenticated {
                body,
                www_authenticate,
            } => {
                let mut response = Response::builder();
                {
                    let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                        .try_into()
                    {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        HeaderName::from_static("www-authenticate"),
                        www_authenticate,
                    );
                }
                let mut response = response.status(401);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::users::GetCurrentUserResponse::Status500_ServerError(body) => {
                let mut response = Response::builder();
                let mut response = response.status(500);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
            apis::users::GetCurrentUserResponse::Status503_ServiceUnavailable {
                body,
                retry_after,
            } => {
                let mut response = Response::builder();
                if let Some(retry_after) = retry_after {
                    let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                        Ok(val) => val,
                        Err(e) => {
                            return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                        }
                    };

                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(HeaderName::from_static("retry-after"), retry_after);
                }
                let mut response = response.status(503);
                {
                    let mut response_headers = response.headers_mut().unwrap();
                    response_headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/problem+json"),
                    );
                }

                let body_content = serde_json::to_vec(&body).map_err(|e| {
                    error!(error = ?e);
                    StatusCode::INTERNAL_SERVER_ERROR
                })?;
                response.body(Body::from(body_content))
            }
        },
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// GetStatistics - GET /api/v1/users/me/stats
#[tracing::instrument(skip_all)]
async fn get_statistics<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    Taken(headers): Taken<HeaderMap>,
    Extracted(QueryExtra(query_params)): Extracted<QueryExtra<models::GetStatisticsQueryParams>>,
    Taken(extensions): Taken<http::Extensions>,
    State(api_impl): State<I>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::users::Users<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    // Header parameters
    let header_params = {
        let header_if_none_match = headers.get(HeaderName::from_static("if-none-match"));

        let header_if_none_match = match header_if_none_match {
            Some(v) => match header::IntoHeaderValue::<String>::try_from((*v).clone()) {
                Ok(result) => Some(result.0),
                Err(err) => {
                    return Response::builder()
                        .status(StatusCode::BAD_REQUEST)
                        .body(Body::from(format!("Invalid header If-None-Match - {err}")))
                        .map_err(|e| {
                            error!(error = ?e);
                            StatusCode::INTERNAL_SERVER_ERROR
                        });
                }
            },
            None => None,
        };

        models::GetStatisticsHeaderParams {
            if_none_match: header_if_none_match,
        }
    };

    let result = api_impl
        .as_ref()
        .get_statistics(&extensions, &claims, &header_params, &query_params)
        .await;

    let resp = match result {
        Ok(rsp) => {
            match rsp {
                apis::users::GetStatisticsResponse::Status200_TheStatistics { body, e_tag } => {
                    let mut response = Response::builder();
                    {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("etag"), e_tag);
                    }
                    let mut response = response.status(200);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::users::GetStatisticsResponse::Status304_StatisticsNotModified { e_tag } => {
                    let mut response = Response::builder();
                    {
                        let e_tag = match header::IntoHeaderValue(e_tag).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling e_tag header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(HeaderName::from_static("etag"), e_tag);
                    }
                    let mut response = response.status(304);
                    response.body(Body::empty())
                }
                apis::users::GetStatisticsResponse::Status400_MalformedRequest(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(400);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::users::GetStatisticsResponse::Status401_NotAuthenticated {
                    body,
                    www_authenticate,
                } => {
                    let mut response = Response::builder();
                    {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate)
                            .try_into()
                        {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            HeaderName::from_static("www-authenticate"),
                            www_authenticate,
                        );
                    }
                    let mut response = response.status(401);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::users::GetStatisticsResponse::Status500_ServerError(body) => {
                    let mut response = Response::builder();
                    let mut response = response.status(500);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
                apis::users::GetStatisticsResponse::Status503_ServiceUnavailable {
                    body,
                    retry_after,
                } => {
                    let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers
                            .insert(HeaderName::from_static("retry-after"), retry_after);
                    }
                    let mut response = response.status(503);
                    {
                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                            CONTENT_TYPE,
                            HeaderValue::from_static("application/problem+json"),
                        );
                    }

                    let body_content = serde_json::to_vec(&body).map_err(|e| {
                        error!(error = ?e);
                        StatusCode::INTERNAL_SERVER_ERROR
                    })?;
                    response.body(Body::from(body_content))
                }
            }
        }
        Err(why) => {
            // Application code returned an error. This should not happen, as the implementation should
            // return a valid response.
            return api_impl.as_ref().handle_error(&extensions, why).await;
        }
    };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

/// UpdateCurrentUser - PATCH /api/v1/users/me
#[tracing::instrument(skip_all)]
async fn update_current_user<I, A, E, C>(
    Extracted(TypedHeader(_host)): Extracted<TypedHeader<Host>>,
    extensions: http::Extensions,
    headers: HeaderMap,
    State(api_impl): State<I>,
    Extracted(Json(body)): Extracted<Json<models::UserUpdate>>,
) -> Result<Response, StatusCode>
where
    I: AsRef<A> + Send + Sync,
    A: apis::users::Users<E, Claims = C> + apis::ApiAuthBasic<Claims = C> + Send + Sync,
    E: std::fmt::Debug + Send + Sync + 'static,
{
    // Authentication
    let claims_in_auth_header = match api_impl
        .as_ref()
        .extract_claims_from_auth_header(apis::BasicAuthKind::Bearer, &headers, "authorization")
        .await
    {
        Ok(claims) => claims,
        Err(response) => return Ok(response),
    };
    let claims = None.or(claims_in_auth_header);
    let Some(claims) = claims else {
        return response_with_status_code_only(StatusCode::UNAUTHORIZED);
    };

    let result = api_impl
        .as_ref()
        .update_current_user(&extensions, &claims, &body)
        .await;

    let resp = match result {
                                            Ok(rsp) => match rsp {
                                                apis::users::UpdateCurrentUserResponse::Status200_Updated
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(200);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::UpdateCurrentUserResponse::Status400_MalformedRequest
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(400);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::UpdateCurrentUserResponse::Status401_NotAuthenticated
                                                    {
                                                        body,
                                                        www_authenticate
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let www_authenticate = match header::IntoHeaderValue(www_authenticate).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling www_authenticate header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("www-authenticate"),
                              www_authenticate
                        );
                    }
                                                  let mut response = response.status(401);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::UpdateCurrentUserResponse::Status408_TheRequestBodyDidNotArriveWithinTheServer
                                                    {
                                                        body,
                                                        connection
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(connection) = connection {
                        let connection = match header::IntoHeaderValue(connection).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling connection header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("connection"),
                              connection
                        );
                    }
                                                  let mut response = response.status(408);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::UpdateCurrentUserResponse::Status413_BodyTooLarge
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(413);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::UpdateCurrentUserResponse::Status415_WrongContentType
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(415);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::UpdateCurrentUserResponse::Status422_InvalidBody
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(422);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::UpdateCurrentUserResponse::Status429_RateLimited
                                                    {
                                                        body,
                                                        retry_after,
                                                        rate_limit_policy,
                                                        rate_limit
                                                    }
                                                => {
                                                let mut response = Response::builder();
                     {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                    if let Some(rate_limit_policy) = rate_limit_policy {
                        let rate_limit_policy = match header::IntoHeaderValue(rate_limit_policy).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit_policy header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit-policy"),
                              rate_limit_policy
                        );
                    }
                    if let Some(rate_limit) = rate_limit {
                        let rate_limit = match header::IntoHeaderValue(rate_limit).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling rate_limit header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("ratelimit"),
                              rate_limit
                        );
                    }
                                                  let mut response = response.status(429);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::UpdateCurrentUserResponse::Status500_ServerError
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(500);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::UpdateCurrentUserResponse::Status503_ServiceUnavailable
                                                    {
                                                        body,
                                                        retry_after
                                                    }
                                                => {
                                                let mut response = Response::builder();
                    if let Some(retry_after) = retry_after {
                        let retry_after = match header::IntoHeaderValue(retry_after).try_into() {
                            Ok(val) => val,
                            Err(e) => {
                                return Response::builder()
                                        .status(StatusCode::INTERNAL_SERVER_ERROR)
                                        .body(Body::from(format!("An internal server error occurred handling retry_after header - {e}"))).map_err(|e| { error!(error = ?e); StatusCode::INTERNAL_SERVER_ERROR });
                            }
                        };

                        let mut response_headers = response.headers_mut().unwrap();
                        response_headers.insert(
                              HeaderName::from_static("retry-after"),
                              retry_after
                        );
                    }
                                                  let mut response = response.status(503);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                                apis::users::UpdateCurrentUserResponse::Status507_InsufficientStorage
                                                    (body)
                                                => {
                                                let mut response = Response::builder();
                                                  let mut response = response.status(507);
                                                  {
                                                    let mut response_headers = response.headers_mut().unwrap();
                                                    response_headers.insert(
                                                        CONTENT_TYPE,
                                                        HeaderValue::from_static("application/problem+json"));
                                                  }

                                                  let body_content =
                                                      serde_json::to_vec(&body).map_err(|e| {
                                                        error!(error = ?e);
                                                        StatusCode::INTERNAL_SERVER_ERROR
                                                      })?;
                                                  response.body(Body::from(body_content))
                                                },
                                            },
                                            Err(why) => {
                                                    // Application code returned an error. This should not happen, as the implementation should
                                                    // return a valid response.
                                                    return api_impl.as_ref().handle_error(&extensions, why).await;
                                            },
                                        };

    resp.map_err(|e| {
        error!(error = ?e);
        StatusCode::INTERNAL_SERVER_ERROR
    })
}

#[allow(dead_code)]
#[inline]
fn response_with_status_code_only(code: StatusCode) -> Result<Response, StatusCode> {
    Response::builder()
        .status(code)
        .body(Body::empty())
        .map_err(|_| code)
}

/// Why an extractor turned the request away. The rejection response carries it as an
/// extension, so that middleware can tell the cases apart by type, not by message text.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum RequestRejection {
    Host(std::sync::Arc<axum_extra::typed_header::TypedHeaderRejection>),
    Path(std::sync::Arc<rejection::PathRejection>),
    Query(std::sync::Arc<axum_extra::extract::QueryRejection>),
    Json(std::sync::Arc<rejection::JsonRejection>),
    Form(std::sync::Arc<rejection::FormRejection>),
}

impl axum::response::IntoResponse for RequestRejection {
    fn into_response(self) -> Response {
        let (status, text) = match &self {
            Self::Host(r) => (StatusCode::BAD_REQUEST, r.to_string()),
            Self::Path(r) => (r.status(), r.body_text()),
            Self::Query(r) => (r.status(), r.body_text()),
            Self::Json(r) => (r.status(), r.body_text()),
            Self::Form(r) => (r.status(), r.body_text()),
        };
        let mut response = (status, text).into_response();
        response.extensions_mut().insert(self);
        response
    }
}

/// The extractor `T`, whose rejection answers as a [`RequestRejection`].
pub struct Extracted<T>(pub T);

impl<S: Send + Sync, T> FromRequestParts<S> for Extracted<T>
where
    T: FromRequestParts<S>,
    RequestRejection: From<T::Rejection>,
{
    type Rejection = RequestRejection;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        state: &S,
    ) -> Result<Self, RequestRejection> {
        T::from_request_parts(parts, state)
            .await
            .map(Self)
            .map_err(RequestRejection::from)
    }
}

impl<S: Send + Sync, T> FromRequest<S> for Extracted<T>
where
    T: FromRequest<S>,
    RequestRejection: From<T::Rejection>,
{
    type Rejection = RequestRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, RequestRejection> {
        T::from_request(request, state)
            .await
            .map(Self)
            .map_err(RequestRejection::from)
    }
}

macro_rules! request_rejection_from {
    ($($variant:ident($rejection:ty)),*) => {
        $(impl From<$rejection> for RequestRejection {
            fn from(rejection: $rejection) -> Self {
                Self::$variant(std::sync::Arc::new(rejection))
            }
        })*
    };
}
request_rejection_from!(
    Host(axum_extra::typed_header::TypedHeaderRejection),
    Path(rejection::PathRejection),
    Query(axum_extra::extract::QueryRejection),
    Json(rejection::JsonRejection),
    Form(rejection::FormRejection)
);

/// A part of the request moved out of it instead of cloned (`http::Extensions` and
/// `HeaderMap` as extractors copy every entry). Only for operations without a body (one
/// with a body still clones both: its body extractor reads the `Content-Type` and the body
/// limit from them), and the extensions only after the path and query parameters, which
/// read the route's parameters from them.
pub struct Taken<T>(pub T);

impl<S: Send + Sync> FromRequestParts<S> for Taken<HeaderMap> {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(std::mem::take(&mut parts.headers)))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Taken<http::Extensions> {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self(std::mem::take(&mut parts.extensions)))
    }
}
