#![allow(unused_qualifications)]

use http::HeaderValue;
use validator::Validate;

#[cfg(feature = "server")]
use crate::header;
use crate::{models, types::*};

#[allow(dead_code)]
pub type SSE = std::pin::Pin<
    std::boxed::Box<
        dyn futures_util::Stream<
                Item = std::result::Result<axum::response::sse::Event, std::convert::Infallible>,
            > + std::marker::Send
            + std::marker::Sync,
    >,
>;

#[allow(dead_code)]
fn from_validation_error(e: validator::ValidationError) -> validator::ValidationErrors {
    let mut errs = validator::ValidationErrors::new();
    errs.add("na", e);
    errs
}

// Overlay (ADR 0015): with disableValidator no generated code calls `validate()` (the
// implementation validates every request), so these checks, still named by the `#[validate]`
// attributes below, accept everything instead of parsing HTML with `ammonia`/`html5ever`.
#[allow(dead_code)]
pub fn check_xss_string(_: &str) -> std::result::Result<(), validator::ValidationError> {
    std::result::Result::Ok(())
}

#[allow(dead_code)]
pub fn check_xss_vec_string(_: &[String]) -> std::result::Result<(), validator::ValidationError> {
    std::result::Result::Ok(())
}

#[allow(dead_code)]
pub fn check_xss_map_string(
    _: &std::collections::HashMap<String, String>,
) -> std::result::Result<(), validator::ValidationError> {
    std::result::Result::Ok(())
}

#[allow(dead_code)]
pub fn check_xss_map_nested<T>(
    v: &std::collections::HashMap<String, T>,
) -> std::result::Result<(), validator::ValidationError>
where
    T: validator::Validate,
{
    if v.values().any(|v| v.validate().is_err()) {
        std::result::Result::Err(validator::ValidationError::new("xss detected"))
    } else {
        std::result::Result::Ok(())
    }
}

#[allow(dead_code)]
pub fn check_xss_map<T>(
    _: &std::collections::HashMap<String, T>,
) -> std::result::Result<(), validator::ValidationError> {
    std::result::Result::Ok(())
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct DeleteUserPathParams {
    /// The account's id.
    pub user_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct GetUserPathParams {
    /// The account's id.
    pub user_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListAuditEventsQueryParams {
    /// Page size, 1 to 100.
    #[serde(rename = "limit")]
    #[validate(range(min = 1u32, max = 100u32))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page's `next_cursor` (only the server makes valid ones; leave it out for the first page).
    #[serde(rename = "cursor")]
    #[validate(length(min = 1, max = 2048))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// Only events caused by this account.
    #[serde(rename = "actor")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor: Option<uuid::Uuid>,
    /// Only events about this target id (an account, session or flag set id, as in `target_id`).
    #[serde(rename = "target")]
    #[validate(length(min = 1, max = 100))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Only events of this kind (see `AuditEvent.kind`).
    #[serde(rename = "kind")]
    #[validate(length(min = 1, max = 64))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Only events at or after this time.
    #[serde(rename = "since")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<chrono::DateTime<chrono::Utc>>,
    /// Only events before this time.
    #[serde(rename = "until")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<chrono::DateTime<chrono::Utc>>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListUsersQueryParams {
    /// Page size, 1 to 100.
    #[serde(rename = "limit")]
    #[validate(range(min = 1u32, max = 100u32))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page's `next_cursor` (only the server makes valid ones; leave it out for the first page).
    #[serde(rename = "cursor")]
    #[validate(length(min = 1, max = 2048))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// Case-insensitive substring of the email.
    #[serde(rename = "email")]
    #[validate(length(min = 1, max = 254))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Only accounts with this role.
    #[serde(rename = "role")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<models::Role>,
    /// Only disabled (true) or enabled (false) accounts.
    #[serde(rename = "disabled")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct UpdateUserPathParams {
    /// The account's id.
    pub user_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListSessionsQueryParams {
    /// Page size, 1 to 100.
    #[serde(rename = "limit")]
    #[validate(range(min = 1u32, max = 100u32))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page's `next_cursor` (only the server makes valid ones; leave it out for the first page).
    #[serde(rename = "cursor")]
    #[validate(length(min = 1, max = 2048))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct RevokeSessionPathParams {
    /// The session's id.
    pub session_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct GetSyncQueryParams {
    /// The `next_cursor` of an earlier answer; absent for a snapshot.
    #[serde(rename = "cursor")]
    #[validate(length(min = 1, max = 2048))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// At most this many changes, 1 to 500.
    #[serde(rename = "limit")]
    #[validate(range(min = 1u32, max = 500u32))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct StreamEventsHeaderParams {
    #[validate(length(min = 1, max = 2048))]
    pub last_event_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct StreamEventsQueryParams {
    /// A feed cursor to resume after, when `Last-Event-ID` cannot be sent.
    #[serde(rename = "cursor")]
    #[validate(length(min = 1, max = 2048))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct DeleteListHeaderParams {
    #[validate(length(max = 1024))]
    pub if_match: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct DeleteListPathParams {
    /// The list's id.
    pub list_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct DeleteListQueryParams {
    /// Also delete the list's todos (otherwise a list with todos is not deleted).
    #[serde(rename = "delete_todos")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_todos: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct GetListHeaderParams {
    #[validate(length(max = 1024))]
    pub if_none_match: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct GetListPathParams {
    /// The list's id.
    pub list_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListListsQueryParams {
    /// Page size, 1 to 100.
    #[serde(rename = "limit")]
    #[validate(range(min = 1u32, max = 100u32))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page's `next_cursor` (only the server makes valid ones; leave it out for the first page).
    #[serde(rename = "cursor")]
    #[validate(length(min = 1, max = 2048))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct MoveListPathParams {
    /// The list's id.
    pub list_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct UpdateListHeaderParams {
    #[validate(length(max = 1024))]
    pub if_match: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct UpdateListPathParams {
    /// The list's id.
    pub list_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct AcceptInvitationPathParams {
    /// The invitation's id.
    pub invitation_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct CreateInvitationPathParams {
    /// The list's id.
    pub list_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct DeclineInvitationPathParams {
    /// The invitation's id.
    pub invitation_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListInvitationsQueryParams {
    /// Page size, 1 to 100.
    #[serde(rename = "limit")]
    #[validate(range(min = 1u32, max = 100u32))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page's `next_cursor` (only the server makes valid ones; leave it out for the first page).
    #[serde(rename = "cursor")]
    #[validate(length(min = 1, max = 2048))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListListInvitationsPathParams {
    /// The list's id.
    pub list_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListListInvitationsQueryParams {
    /// Page size, 1 to 100.
    #[serde(rename = "limit")]
    #[validate(range(min = 1u32, max = 100u32))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page's `next_cursor` (only the server makes valid ones; leave it out for the first page).
    #[serde(rename = "cursor")]
    #[validate(length(min = 1, max = 2048))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListMembersPathParams {
    /// The list's id.
    pub list_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListMembersQueryParams {
    /// Page size, 1 to 100.
    #[serde(rename = "limit")]
    #[validate(range(min = 1u32, max = 100u32))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page's `next_cursor` (only the server makes valid ones; leave it out for the first page).
    #[serde(rename = "cursor")]
    #[validate(length(min = 1, max = 2048))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct RemoveMemberPathParams {
    /// The list's id.
    pub list_id: uuid::Uuid,
    /// The account's id.
    pub user_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct RevokeInvitationPathParams {
    /// The list's id.
    pub list_id: uuid::Uuid,
    /// The invitation's id.
    pub invitation_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct UpdateMemberPathParams {
    /// The list's id.
    pub list_id: uuid::Uuid,
    /// The account's id.
    pub user_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct CreateTodoHeaderParams {
    #[validate(
                    length(min = 1, max = 255),
                      regex(path = *RE_CREATETODOHEADERPARAMS_IDEMPOTENCY_KEY),
            )]
    pub idempotency_key: Option<String>,
}

lazy_static::lazy_static! {
    static ref RE_CREATETODOHEADERPARAMS_IDEMPOTENCY_KEY: regex::Regex = regex::Regex::new("^[\\x21-\\x7E]+$").unwrap();
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct DeleteTodoHeaderParams {
    #[validate(length(max = 1024))]
    pub if_match: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct DeleteTodoPathParams {
    /// The todo's id.
    pub todo_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct GetTodoHeaderParams {
    #[validate(length(max = 1024))]
    pub if_none_match: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct GetTodoPathParams {
    /// The todo's id.
    pub todo_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListTagsQueryParams {
    /// Page size, 1 to 100.
    #[serde(rename = "limit")]
    #[validate(range(min = 1u32, max = 100u32))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page's `next_cursor` (only the server makes valid ones; leave it out for the first page).
    #[serde(rename = "cursor")]
    #[validate(length(min = 1, max = 2048))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListTodosHeaderParams {
    #[validate(length(max = 1024))]
    pub if_none_match: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListTodosQueryParams {
    /// Page size, 1 to 100.
    #[serde(rename = "limit")]
    #[validate(range(min = 1u32, max = 100u32))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Opaque cursor from a previous page's `next_cursor` (only the server makes valid ones; leave it out for the first page).
    #[serde(rename = "cursor")]
    #[validate(length(min = 1, max = 2048))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// Order of the list: a field, ascending, or descending with a `-` prefix; ties are broken by `id` in the same direction. Todos without `due_at` sort as if due at the end of time. `position` is the manual order of siblings (same list and parent, see `POST /todos/{todoId}/move`). Default `-created_at`, or `position` when `list_id` is given.
    #[serde(rename = "sort")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<models::TodoSort>,
    /// Only completed (true) or open (false) todos.
    #[serde(rename = "completed")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed: Option<bool>,
    /// Only todos of this priority.
    #[serde(rename = "priority")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<models::Priority>,
    /// Only todos that have every one of these tags (case-insensitive); repeat for several.
    #[serde(rename = "tag")]
    #[validate(length(max = 20))]
    #[serde(default)]
    pub tag: Vec<String>,
    /// Only todos due strictly before this time.
    #[serde(rename = "due_before")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_before: Option<chrono::DateTime<chrono::Utc>>,
    /// Only todos due strictly after this time.
    #[serde(rename = "due_after")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_after: Option<chrono::DateTime<chrono::Utc>>,
    /// Only open todos whose due time has passed (true), or only the others (false).
    #[serde(rename = "overdue")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overdue: Option<bool>,
    /// Case-insensitive text that the title or the notes must contain (3 to 200 characters).
    #[serde(rename = "q")]
    #[validate(
                        length(min = 3, max = 200),
                          regex(path = *RE_LISTTODOSQUERYPARAMS_Q),
              )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub q: Option<String>,
    /// Only todos in this list (one the caller is a member of; otherwise 404).
    #[serde(rename = "list_id")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_id: Option<uuid::Uuid>,
    /// Only the subtasks of this todo (one the caller can see; otherwise 404).
    #[serde(rename = "parent_id")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<uuid::Uuid>,
    /// Only top-level todos (true) or only subtasks (false).
    #[serde(rename = "top_level")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub top_level: Option<bool>,
}

lazy_static::lazy_static! {
    static ref RE_LISTTODOSQUERYPARAMS_Q: regex::Regex = regex::Regex::new("^[^\\x00]*[^\\x00\\t-\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000][^\\x00]*$").unwrap();
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct MoveTodoHeaderParams {
    #[validate(length(max = 1024))]
    pub if_match: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct MoveTodoPathParams {
    /// The todo's id.
    pub todo_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct UpdateTodoHeaderParams {
    #[validate(length(max = 1024))]
    pub if_match: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct UpdateTodoPathParams {
    /// The todo's id.
    pub todo_id: uuid::Uuid,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct GetStatisticsHeaderParams {
    #[validate(length(max = 1024))]
    pub if_none_match: Option<String>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct GetStatisticsQueryParams {
    /// Length of the completions-per-day window, 1 to 365 (default 30).
    #[serde(rename = "days")]
    #[validate(range(min = 1u32, max = 365u32))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

/// Confirms deleting the caller's account.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct AccountDeletion {
    /// The account's password.
    #[serde(rename = "password")]
    #[validate(length(max = 128), custom(function = "check_xss_string"))]
    pub password: String,
}

impl AccountDeletion {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(password: String) -> AccountDeletion {
        AccountDeletion { password }
    }
}

/// Converts the AccountDeletion value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for AccountDeletion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("password".to_string()),
            Some(self.password.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a AccountDeletion value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for AccountDeletion {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub password: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing AccountDeletion".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "password" => intermediate_rep.password.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing AccountDeletion".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(AccountDeletion {
            password: intermediate_rep
                .password
                .into_iter()
                .next()
                .ok_or_else(|| "password missing in AccountDeletion".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<AccountDeletion> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<AccountDeletion>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<AccountDeletion>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for AccountDeletion - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<AccountDeletion> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <AccountDeletion as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into AccountDeletion - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// An account as administrators see it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct AdminUser {
    /// The account's id.
    #[serde(rename = "id")]
    pub id: uuid::Uuid,

    /// The email as registered.
    #[serde(rename = "email")]
    #[validate(custom(function = "check_xss_string"))]
    pub email: String,

    /// Shown name.
    #[serde(rename = "display_name")]
    #[validate(custom(function = "check_xss_string"))]
    pub display_name: String,

    /// What the account may do.
    #[serde(rename = "role")]
    #[validate(nested)]
    pub role: models::Role,

    /// A disabled account cannot log in and its tokens are refused.
    #[serde(rename = "disabled")]
    pub disabled: bool,

    /// When the account was created.
    #[serde(rename = "created_at")]
    pub created_at: chrono::DateTime<chrono::Utc>,

    /// When the account was last changed.
    #[serde(rename = "updated_at")]
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl AdminUser {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        id: uuid::Uuid,
        email: String,
        display_name: String,
        role: models::Role,
        disabled: bool,
        created_at: chrono::DateTime<chrono::Utc>,
        updated_at: chrono::DateTime<chrono::Utc>,
    ) -> AdminUser {
        AdminUser {
            id,
            email,
            display_name,
            role,
            disabled,
            created_at,
            updated_at,
        }
    }
}

/// Converts the AdminUser value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for AdminUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping id in query parameter serialization
            Some("email".to_string()),
            Some(self.email.to_string()),
            Some("display_name".to_string()),
            Some(self.display_name.to_string()),
            // Skipping role in query parameter serialization
            Some("disabled".to_string()),
            Some(self.disabled.to_string()),
            // Skipping created_at in query parameter serialization

            // Skipping updated_at in query parameter serialization
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a AdminUser value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for AdminUser {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub id: Vec<uuid::Uuid>,
            pub email: Vec<String>,
            pub display_name: Vec<String>,
            pub role: Vec<models::Role>,
            pub disabled: Vec<bool>,
            pub created_at: Vec<chrono::DateTime<chrono::Utc>>,
            pub updated_at: Vec<chrono::DateTime<chrono::Utc>>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing AdminUser".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "id" => intermediate_rep.id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "email" => intermediate_rep.email.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "display_name" => intermediate_rep.display_name.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "role" => intermediate_rep.role.push(
                        <models::Role as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "disabled" => intermediate_rep.disabled.push(
                        <bool as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "created_at" => intermediate_rep.created_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "updated_at" => intermediate_rep.updated_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing AdminUser".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(AdminUser {
            id: intermediate_rep
                .id
                .into_iter()
                .next()
                .ok_or_else(|| "id missing in AdminUser".to_string())?,
            email: intermediate_rep
                .email
                .into_iter()
                .next()
                .ok_or_else(|| "email missing in AdminUser".to_string())?,
            display_name: intermediate_rep
                .display_name
                .into_iter()
                .next()
                .ok_or_else(|| "display_name missing in AdminUser".to_string())?,
            role: intermediate_rep
                .role
                .into_iter()
                .next()
                .ok_or_else(|| "role missing in AdminUser".to_string())?,
            disabled: intermediate_rep
                .disabled
                .into_iter()
                .next()
                .ok_or_else(|| "disabled missing in AdminUser".to_string())?,
            created_at: intermediate_rep
                .created_at
                .into_iter()
                .next()
                .ok_or_else(|| "created_at missing in AdminUser".to_string())?,
            updated_at: intermediate_rep
                .updated_at
                .into_iter()
                .next()
                .ok_or_else(|| "updated_at missing in AdminUser".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<AdminUser> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<AdminUser>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<AdminUser>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for AdminUser - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<AdminUser> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <AdminUser as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into AdminUser - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// One page of accounts.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct AdminUserPage {
    /// The accounts on this page, newest first.
    #[serde(rename = "items")]
    #[validate(nested)]
    pub items: Vec<models::AdminUser>,

    /// Cursor for the next page, or null on the last page.
    #[serde(rename = "next_cursor")]
    pub next_cursor: Nullable<String>,
}

impl AdminUserPage {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(items: Vec<models::AdminUser>, next_cursor: Nullable<String>) -> AdminUserPage {
        AdminUserPage { items, next_cursor }
    }
}

/// Converts the AdminUserPage value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for AdminUserPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping items in query parameter serialization
            Some("next_cursor".to_string()),
            Some(
                self.next_cursor
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a AdminUserPage value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for AdminUserPage {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub items: Vec<Vec<models::AdminUser>>,
            pub next_cursor: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing AdminUserPage".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    "items" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in AdminUserPage"
                                .to_string(),
                        );
                    }
                    "next_cursor" => return std::result::Result::Err(
                        "Parsing a nullable type in this style is not supported in AdminUserPage"
                            .to_string(),
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing AdminUserPage".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(AdminUserPage {
            items: intermediate_rep
                .items
                .into_iter()
                .next()
                .ok_or_else(|| "items missing in AdminUserPage".to_string())?,
            next_cursor: std::result::Result::Err(
                "Nullable types not supported in AdminUserPage".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<AdminUserPage> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<AdminUserPage>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<AdminUserPage>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for AdminUserPage - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<AdminUserPage> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <AdminUserPage as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into AdminUserPage - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// Changes to an account; absent fields are left alone.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct AdminUserUpdate {
    /// The new role.
    #[serde(rename = "role")]
    #[validate(nested)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<models::Role>,

    /// Disable (true) or re-enable (false) the account.
    #[serde(rename = "disabled")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
}

impl AdminUserUpdate {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new() -> AdminUserUpdate {
        AdminUserUpdate {
            role: None,
            disabled: None,
        }
    }
}

/// Converts the AdminUserUpdate value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for AdminUserUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping role in query parameter serialization
            self.disabled
                .as_ref()
                .map(|disabled| ["disabled".to_string(), disabled.to_string()].join(",")),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a AdminUserUpdate value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for AdminUserUpdate {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub role: Vec<models::Role>,
            pub disabled: Vec<bool>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing AdminUserUpdate".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "role" => intermediate_rep.role.push(
                        <models::Role as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "disabled" => intermediate_rep.disabled.push(
                        <bool as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing AdminUserUpdate".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(AdminUserUpdate {
            role: intermediate_rep.role.into_iter().next(),
            disabled: intermediate_rep.disabled.into_iter().next(),
        })
    }
}

// Methods for converting between header::IntoHeaderValue<AdminUserUpdate> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<AdminUserUpdate>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<AdminUserUpdate>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for AdminUserUpdate - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<AdminUserUpdate> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <AdminUserUpdate as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into AdminUserUpdate - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// One security-relevant event.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct AuditEvent {
    /// The event's id.
    #[serde(rename = "id")]
    pub id: uuid::Uuid,

    /// When the change was made.
    #[serde(rename = "at")]
    pub at: chrono::DateTime<chrono::Utc>,

    /// What happened: `sign_in`, `sign_in_failed`, `refresh_token_reused`, `session_revoked`, `password_changed`, `password_reset`, `account_updated`, `account_deleted`, `flags_changed`, `member_joined`, `member_role_changed`, `member_removed`. More kinds may be added.
    #[serde(rename = "kind")]
    #[validate(custom(function = "check_xss_string"))]
    pub kind: String,

    /// The account that caused it; null when nobody signed in did.
    #[serde(rename = "actor_id")]
    pub actor_id: Nullable<uuid::Uuid>,

    /// What kind of thing it happened to (`user`, `session`, `flags`, `list`).
    #[serde(rename = "target_type")]
    pub target_type: Nullable<String>,

    /// Which one.
    #[serde(rename = "target_id")]
    pub target_id: Nullable<String>,

    /// The `x-request-id` of the request that caused it, for finding its log lines.
    #[serde(rename = "request_id")]
    pub request_id: Nullable<String>,

    /// The client's IP address.
    #[serde(rename = "ip")]
    pub ip: Nullable<String>,

    /// A small JSON object with what changed (never a password or token).
    #[serde(rename = "details")]
    #[validate(custom(function = "check_xss_string"))]
    pub details: String,
}

impl AuditEvent {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        id: uuid::Uuid,
        at: chrono::DateTime<chrono::Utc>,
        kind: String,
        actor_id: Nullable<uuid::Uuid>,
        target_type: Nullable<String>,
        target_id: Nullable<String>,
        request_id: Nullable<String>,
        ip: Nullable<String>,
        details: String,
    ) -> AuditEvent {
        AuditEvent {
            id,
            at,
            kind,
            actor_id,
            target_type,
            target_id,
            request_id,
            ip,
            details,
        }
    }
}

/// Converts the AuditEvent value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for AuditEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping id in query parameter serialization

            // Skipping at in query parameter serialization
            Some("kind".to_string()),
            Some(self.kind.to_string()),
            // Skipping actor_id in query parameter serialization
            Some("target_type".to_string()),
            Some(
                self.target_type
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
            Some("target_id".to_string()),
            Some(
                self.target_id
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
            Some("request_id".to_string()),
            Some(
                self.request_id
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
            Some("ip".to_string()),
            Some(
                self.ip
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
            Some("details".to_string()),
            Some(self.details.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a AuditEvent value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for AuditEvent {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub id: Vec<uuid::Uuid>,
            pub at: Vec<chrono::DateTime<chrono::Utc>>,
            pub kind: Vec<String>,
            pub actor_id: Vec<uuid::Uuid>,
            pub target_type: Vec<String>,
            pub target_id: Vec<String>,
            pub request_id: Vec<String>,
            pub ip: Vec<String>,
            pub details: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing AuditEvent".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "id" => intermediate_rep.id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "at" => intermediate_rep.at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "kind" => intermediate_rep.kind.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "actor_id" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in AuditEvent"
                                .to_string(),
                        );
                    }
                    "target_type" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in AuditEvent"
                                .to_string(),
                        );
                    }
                    "target_id" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in AuditEvent"
                                .to_string(),
                        );
                    }
                    "request_id" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in AuditEvent"
                                .to_string(),
                        );
                    }
                    "ip" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in AuditEvent"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "details" => intermediate_rep.details.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing AuditEvent".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(AuditEvent {
            id: intermediate_rep
                .id
                .into_iter()
                .next()
                .ok_or_else(|| "id missing in AuditEvent".to_string())?,
            at: intermediate_rep
                .at
                .into_iter()
                .next()
                .ok_or_else(|| "at missing in AuditEvent".to_string())?,
            kind: intermediate_rep
                .kind
                .into_iter()
                .next()
                .ok_or_else(|| "kind missing in AuditEvent".to_string())?,
            actor_id: std::result::Result::Err(
                "Nullable types not supported in AuditEvent".to_string(),
            )?,
            target_type: std::result::Result::Err(
                "Nullable types not supported in AuditEvent".to_string(),
            )?,
            target_id: std::result::Result::Err(
                "Nullable types not supported in AuditEvent".to_string(),
            )?,
            request_id: std::result::Result::Err(
                "Nullable types not supported in AuditEvent".to_string(),
            )?,
            ip: std::result::Result::Err("Nullable types not supported in AuditEvent".to_string())?,
            details: intermediate_rep
                .details
                .into_iter()
                .next()
                .ok_or_else(|| "details missing in AuditEvent".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<AuditEvent> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<AuditEvent>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<AuditEvent>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for AuditEvent - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<AuditEvent> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <AuditEvent as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into AuditEvent - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// One page of audit events.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct AuditEventPage {
    /// The events on this page, newest first.
    #[serde(rename = "items")]
    #[validate(nested)]
    pub items: Vec<models::AuditEvent>,

    /// Cursor for the next page, or null on the last page.
    #[serde(rename = "next_cursor")]
    pub next_cursor: Nullable<String>,
}

impl AuditEventPage {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(items: Vec<models::AuditEvent>, next_cursor: Nullable<String>) -> AuditEventPage {
        AuditEventPage { items, next_cursor }
    }
}

/// Converts the AuditEventPage value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for AuditEventPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping items in query parameter serialization
            Some("next_cursor".to_string()),
            Some(
                self.next_cursor
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a AuditEventPage value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for AuditEventPage {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub items: Vec<Vec<models::AuditEvent>>,
            pub next_cursor: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing AuditEventPage".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    "items" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in AuditEventPage"
                                .to_string(),
                        );
                    }
                    "next_cursor" => return std::result::Result::Err(
                        "Parsing a nullable type in this style is not supported in AuditEventPage"
                            .to_string(),
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing AuditEventPage".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(AuditEventPage {
            items: intermediate_rep
                .items
                .into_iter()
                .next()
                .ok_or_else(|| "items missing in AuditEventPage".to_string())?,
            next_cursor: std::result::Result::Err(
                "Nullable types not supported in AuditEventPage".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<AuditEventPage> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<AuditEventPage>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<AuditEventPage>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for AuditEventPage - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<AuditEventPage> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <AuditEventPage as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into AuditEventPage - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// What to do to every todo of a batch.
/// Enumeration of values.
/// Since this enum's variants do not hold data, we can easily define them as `#[repr(C)]`
/// which helps with FFI.
#[allow(non_camel_case_types, clippy::large_enum_variant)]
#[repr(C)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "conversion", derive(frunk_enum_derive::LabelledGenericEnum))]
pub enum BatchAction {
    #[serde(rename = "complete")]
    Complete,
    #[serde(rename = "reopen")]
    Reopen,
    #[serde(rename = "delete")]
    Delete,
}

impl validator::Validate for BatchAction {
    fn validate(&self) -> std::result::Result<(), validator::ValidationErrors> {
        std::result::Result::Ok(())
    }
}

impl std::fmt::Display for BatchAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            BatchAction::Complete => write!(f, "complete"),
            BatchAction::Reopen => write!(f, "reopen"),
            BatchAction::Delete => write!(f, "delete"),
        }
    }
}

impl std::str::FromStr for BatchAction {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "complete" => std::result::Result::Ok(BatchAction::Complete),
            "reopen" => std::result::Result::Ok(BatchAction::Reopen),
            "delete" => std::result::Result::Ok(BatchAction::Delete),
            _ => std::result::Result::Err(format!(r#"Value not valid: {s}"#)),
        }
    }
}

/// One action for several todos.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct BatchRequest {
    /// What to do to every todo in `ids`.
    #[serde(rename = "action")]
    #[validate(nested)]
    pub action: models::BatchAction,

    /// The todos, 1 to 100 distinct ids of the caller's todos.
    #[serde(rename = "ids")]
    #[validate(length(min = 1, max = 100))]
    pub ids: Vec<uuid::Uuid>,
}

impl BatchRequest {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(action: models::BatchAction, ids: Vec<uuid::Uuid>) -> BatchRequest {
        BatchRequest { action, ids }
    }
}

/// Converts the BatchRequest value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for BatchRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping action in query parameter serialization

            // Skipping ids in query parameter serialization

        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a BatchRequest value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for BatchRequest {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub action: Vec<models::BatchAction>,
            pub ids: Vec<Vec<uuid::Uuid>>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing BatchRequest".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "action" => intermediate_rep.action.push(
                        <models::BatchAction as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    "ids" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in BatchRequest"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing BatchRequest".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(BatchRequest {
            action: intermediate_rep
                .action
                .into_iter()
                .next()
                .ok_or_else(|| "action missing in BatchRequest".to_string())?,
            ids: intermediate_rep
                .ids
                .into_iter()
                .next()
                .ok_or_else(|| "ids missing in BatchRequest".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<BatchRequest> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<BatchRequest>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<BatchRequest>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for BatchRequest - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<BatchRequest> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <BatchRequest as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into BatchRequest - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct BatchResult {
    /// The action that was applied.
    #[serde(rename = "action")]
    #[validate(nested)]
    pub action: models::BatchAction,

    /// How many todos the action changed (already complete or open ones are not changed).
    #[serde(rename = "affected")]
    pub affected: i32,

    /// The todos after the change, in request order (empty for delete).
    #[serde(rename = "items")]
    #[validate(nested)]
    pub items: Vec<models::Todo>,
}

impl BatchResult {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        action: models::BatchAction,
        affected: i32,
        items: Vec<models::Todo>,
    ) -> BatchResult {
        BatchResult {
            action,
            affected,
            items,
        }
    }
}

/// Converts the BatchResult value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for BatchResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping action in query parameter serialization
            Some("affected".to_string()),
            Some(self.affected.to_string()),
            // Skipping items in query parameter serialization
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a BatchResult value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for BatchResult {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub action: Vec<models::BatchAction>,
            pub affected: Vec<i32>,
            pub items: Vec<Vec<models::Todo>>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing BatchResult".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "action" => intermediate_rep.action.push(
                        <models::BatchAction as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "affected" => intermediate_rep.affected.push(
                        <i32 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "items" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in BatchResult"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing BatchResult".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(BatchResult {
            action: intermediate_rep
                .action
                .into_iter()
                .next()
                .ok_or_else(|| "action missing in BatchResult".to_string())?,
            affected: intermediate_rep
                .affected
                .into_iter()
                .next()
                .ok_or_else(|| "affected missing in BatchResult".to_string())?,
            items: intermediate_rep
                .items
                .into_iter()
                .next()
                .ok_or_else(|| "items missing in BatchResult".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<BatchResult> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<BatchResult>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<BatchResult>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for BatchResult - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<BatchResult> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <BatchResult as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into BatchResult - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// Completions on one UTC day.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct DayCount {
    /// The day (UTC).
    #[serde(rename = "date")]
    pub date: chrono::naive::NaiveDate,

    /// Todos completed that day.
    #[serde(rename = "count")]
    pub count: i64,
}

impl DayCount {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(date: chrono::naive::NaiveDate, count: i64) -> DayCount {
        DayCount { date, count }
    }
}

/// Converts the DayCount value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for DayCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping date in query parameter serialization
            Some("count".to_string()),
            Some(self.count.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a DayCount value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for DayCount {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub date: Vec<chrono::naive::NaiveDate>,
            pub count: Vec<i64>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing DayCount".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "date" => intermediate_rep.date.push(
                        <chrono::naive::NaiveDate as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "count" => intermediate_rep.count.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing DayCount".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(DayCount {
            date: intermediate_rep
                .date
                .into_iter()
                .next()
                .ok_or_else(|| "date missing in DayCount".to_string())?,
            count: intermediate_rep
                .count
                .into_iter()
                .next()
                .ok_or_else(|| "count missing in DayCount".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<DayCount> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<DayCount>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<DayCount>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for DayCount - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<DayCount> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <DayCount as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into DayCount - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// One invalid field of a request.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct FieldError {
    /// The field's name or JSON path (`title`, `limit`, `body`).
    #[serde(rename = "field")]
    #[validate(custom(function = "check_xss_string"))]
    pub field: String,

    /// What is wrong with it.
    #[serde(rename = "message")]
    #[validate(custom(function = "check_xss_string"))]
    pub message: String,
}

impl FieldError {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(field: String, message: String) -> FieldError {
        FieldError { field, message }
    }
}

/// Converts the FieldError value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("field".to_string()),
            Some(self.field.to_string()),
            Some("message".to_string()),
            Some(self.message.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a FieldError value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for FieldError {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub field: Vec<String>,
            pub message: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing FieldError".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "field" => intermediate_rep.field.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "message" => intermediate_rep.message.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing FieldError".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(FieldError {
            field: intermediate_rep
                .field
                .into_iter()
                .next()
                .ok_or_else(|| "field missing in FieldError".to_string())?,
            message: intermediate_rep
                .message
                .into_iter()
                .next()
                .ok_or_else(|| "message missing in FieldError".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<FieldError> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<FieldError>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<FieldError>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for FieldError - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<FieldError> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <FieldError as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into FieldError - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// The feature flags and kill switches.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct Flags {
    /// Whether `POST /auth/register` accepts new accounts (closed answers 403).
    #[serde(rename = "registration")]
    pub registration: bool,

    /// Read-only maintenance: writes answer 503 (`/problems/maintenance`) with `Retry-After`, except signing in and out and changing flags; reads keep working.
    #[serde(rename = "maintenance")]
    pub maintenance: bool,

    /// Kill switch of sharing (on by default): off, creating and accepting invitations answer 503 (`/problems/feature-disabled`); members, leaving and removing keep working.
    #[serde(rename = "sharing")]
    pub sharing: bool,

    /// Kill switch of the change feed (on by default): off, `GET /sync` and `GET /events` answer 503 (`/problems/feature-disabled`).
    #[serde(rename = "sync")]
    pub sync: bool,

    /// Kill switch of the event stream (on by default): off, `GET /events` answers 503 (`/problems/feature-disabled`); `GET /sync` keeps working. Streams already open run on until they end.
    #[serde(rename = "live_events")]
    pub live_events: bool,
}

impl Flags {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        registration: bool,
        maintenance: bool,
        sharing: bool,
        sync: bool,
        live_events: bool,
    ) -> Flags {
        Flags {
            registration,
            maintenance,
            sharing,
            sync,
            live_events,
        }
    }
}

/// Converts the Flags value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for Flags {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("registration".to_string()),
            Some(self.registration.to_string()),
            Some("maintenance".to_string()),
            Some(self.maintenance.to_string()),
            Some("sharing".to_string()),
            Some(self.sharing.to_string()),
            Some("sync".to_string()),
            Some(self.sync.to_string()),
            Some("live_events".to_string()),
            Some(self.live_events.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a Flags value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for Flags {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub registration: Vec<bool>,
            pub maintenance: Vec<bool>,
            pub sharing: Vec<bool>,
            pub sync: Vec<bool>,
            pub live_events: Vec<bool>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing Flags".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "registration" => intermediate_rep.registration.push(
                        <bool as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "maintenance" => intermediate_rep.maintenance.push(
                        <bool as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "sharing" => intermediate_rep.sharing.push(
                        <bool as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "sync" => intermediate_rep.sync.push(
                        <bool as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "live_events" => intermediate_rep.live_events.push(
                        <bool as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing Flags".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(Flags {
            registration: intermediate_rep
                .registration
                .into_iter()
                .next()
                .ok_or_else(|| "registration missing in Flags".to_string())?,
            maintenance: intermediate_rep
                .maintenance
                .into_iter()
                .next()
                .ok_or_else(|| "maintenance missing in Flags".to_string())?,
            sharing: intermediate_rep
                .sharing
                .into_iter()
                .next()
                .ok_or_else(|| "sharing missing in Flags".to_string())?,
            sync: intermediate_rep
                .sync
                .into_iter()
                .next()
                .ok_or_else(|| "sync missing in Flags".to_string())?,
            live_events: intermediate_rep
                .live_events
                .into_iter()
                .next()
                .ok_or_else(|| "live_events missing in Flags".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<Flags> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<Flags>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<Flags>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for Flags - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<Flags> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => match <Flags as std::str::FromStr>::from_str(value) {
                std::result::Result::Ok(value) => {
                    std::result::Result::Ok(header::IntoHeaderValue(value))
                }
                std::result::Result::Err(err) => std::result::Result::Err(format!(
                    r#"Unable to convert header value '{value}' into Flags - {err}"#
                )),
            },
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// Flags to set, by name (`registration`, `maintenance`, `sharing`, `sync`, `live_events`), each to a boolean. At least one.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct FlagsUpdate(pub std::collections::HashMap<String, bool>);

impl validator::Validate for FlagsUpdate {
    fn validate(&self) -> std::result::Result<(), validator::ValidationErrors> {
        std::result::Result::Ok(())
    }
}

impl std::convert::From<std::collections::HashMap<String, bool>> for FlagsUpdate {
    fn from(x: std::collections::HashMap<String, bool>) -> Self {
        FlagsUpdate(x)
    }
}

impl std::convert::From<FlagsUpdate> for std::collections::HashMap<String, bool> {
    fn from(x: FlagsUpdate) -> Self {
        x.0
    }
}

impl std::ops::Deref for FlagsUpdate {
    type Target = std::collections::HashMap<String, bool>;
    fn deref(&self) -> &std::collections::HashMap<String, bool> {
        &self.0
    }
}

impl std::ops::DerefMut for FlagsUpdate {
    fn deref_mut(&mut self) -> &mut std::collections::HashMap<String, bool> {
        &mut self.0
    }
}

/// Converts the FlagsUpdate value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for FlagsUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Skipping additionalProperties in query parameter serialization
        write!(f, "")
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a FlagsUpdate value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl ::std::str::FromStr for FlagsUpdate {
    type Err = &'static str;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        std::result::Result::Err("Parsing additionalProperties for FlagsUpdate is not supported")
    }
}

/// The state a probe reports; `ok` is the only one (failures answer 503 problem+json).
/// Enumeration of values.
/// Since this enum's variants do not hold data, we can easily define them as `#[repr(C)]`
/// which helps with FFI.
#[allow(non_camel_case_types, clippy::large_enum_variant)]
#[repr(C)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "conversion", derive(frunk_enum_derive::LabelledGenericEnum))]
pub enum HealthState {
    #[serde(rename = "ok")]
    Ok,
}

impl validator::Validate for HealthState {
    fn validate(&self) -> std::result::Result<(), validator::ValidationErrors> {
        std::result::Result::Ok(())
    }
}

impl std::fmt::Display for HealthState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            HealthState::Ok => write!(f, "ok"),
        }
    }
}

impl std::str::FromStr for HealthState {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "ok" => std::result::Result::Ok(HealthState::Ok),
            _ => std::result::Result::Err(format!(r#"Value not valid: {s}"#)),
        }
    }
}

/// A probe's answer.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct HealthStatus {
    /// Always `ok` on success.
    #[serde(rename = "status")]
    #[validate(nested)]
    pub status: models::HealthState,
}

impl HealthStatus {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(status: models::HealthState) -> HealthStatus {
        HealthStatus { status }
    }
}

/// Converts the HealthStatus value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for HealthStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping status in query parameter serialization

        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a HealthStatus value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for HealthStatus {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub status: Vec<models::HealthState>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing HealthStatus".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "status" => intermediate_rep.status.push(
                        <models::HealthState as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing HealthStatus".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(HealthStatus {
            status: intermediate_rep
                .status
                .into_iter()
                .next()
                .ok_or_else(|| "status missing in HealthStatus".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<HealthStatus> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<HealthStatus>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<HealthStatus>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for HealthStatus - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<HealthStatus> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <HealthStatus as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into HealthStatus - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// A pending invitation to a list.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct Invitation {
    /// The invitation's id.
    #[serde(rename = "id")]
    pub id: uuid::Uuid,

    /// The list it invites to.
    #[serde(rename = "list_id")]
    pub list_id: uuid::Uuid,

    /// The list's name.
    #[serde(rename = "list_name")]
    #[validate(custom(function = "check_xss_string"))]
    pub list_name: String,

    /// The invited address.
    #[serde(rename = "email")]
    #[validate(custom(function = "check_xss_string"))]
    pub email: String,

    /// The role they get on accepting.
    #[serde(rename = "role")]
    #[validate(nested)]
    pub role: models::MemberRole,

    /// The account that sent it.
    #[serde(rename = "invited_by")]
    pub invited_by: uuid::Uuid,

    /// The sender's shown name.
    #[serde(rename = "invited_by_name")]
    #[validate(custom(function = "check_xss_string"))]
    pub invited_by_name: String,

    /// When it was sent.
    #[serde(rename = "created_at")]
    pub created_at: chrono::DateTime<chrono::Utc>,

    /// When it stops being valid.
    #[serde(rename = "expires_at")]
    pub expires_at: chrono::DateTime<chrono::Utc>,
}

impl Invitation {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        id: uuid::Uuid,
        list_id: uuid::Uuid,
        list_name: String,
        email: String,
        role: models::MemberRole,
        invited_by: uuid::Uuid,
        invited_by_name: String,
        created_at: chrono::DateTime<chrono::Utc>,
        expires_at: chrono::DateTime<chrono::Utc>,
    ) -> Invitation {
        Invitation {
            id,
            list_id,
            list_name,
            email,
            role,
            invited_by,
            invited_by_name,
            created_at,
            expires_at,
        }
    }
}

/// Converts the Invitation value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for Invitation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping id in query parameter serialization

            // Skipping list_id in query parameter serialization
            Some("list_name".to_string()),
            Some(self.list_name.to_string()),
            Some("email".to_string()),
            Some(self.email.to_string()),
            // Skipping role in query parameter serialization

            // Skipping invited_by in query parameter serialization
            Some("invited_by_name".to_string()),
            Some(self.invited_by_name.to_string()),
            // Skipping created_at in query parameter serialization

            // Skipping expires_at in query parameter serialization
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a Invitation value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for Invitation {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub id: Vec<uuid::Uuid>,
            pub list_id: Vec<uuid::Uuid>,
            pub list_name: Vec<String>,
            pub email: Vec<String>,
            pub role: Vec<models::MemberRole>,
            pub invited_by: Vec<uuid::Uuid>,
            pub invited_by_name: Vec<String>,
            pub created_at: Vec<chrono::DateTime<chrono::Utc>>,
            pub expires_at: Vec<chrono::DateTime<chrono::Utc>>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing Invitation".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "id" => intermediate_rep.id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "list_id" => intermediate_rep.list_id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "list_name" => intermediate_rep.list_name.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "email" => intermediate_rep.email.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "role" => intermediate_rep.role.push(
                        <models::MemberRole as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "invited_by" => intermediate_rep.invited_by.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "invited_by_name" => intermediate_rep.invited_by_name.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "created_at" => intermediate_rep.created_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "expires_at" => intermediate_rep.expires_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing Invitation".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(Invitation {
            id: intermediate_rep
                .id
                .into_iter()
                .next()
                .ok_or_else(|| "id missing in Invitation".to_string())?,
            list_id: intermediate_rep
                .list_id
                .into_iter()
                .next()
                .ok_or_else(|| "list_id missing in Invitation".to_string())?,
            list_name: intermediate_rep
                .list_name
                .into_iter()
                .next()
                .ok_or_else(|| "list_name missing in Invitation".to_string())?,
            email: intermediate_rep
                .email
                .into_iter()
                .next()
                .ok_or_else(|| "email missing in Invitation".to_string())?,
            role: intermediate_rep
                .role
                .into_iter()
                .next()
                .ok_or_else(|| "role missing in Invitation".to_string())?,
            invited_by: intermediate_rep
                .invited_by
                .into_iter()
                .next()
                .ok_or_else(|| "invited_by missing in Invitation".to_string())?,
            invited_by_name: intermediate_rep
                .invited_by_name
                .into_iter()
                .next()
                .ok_or_else(|| "invited_by_name missing in Invitation".to_string())?,
            created_at: intermediate_rep
                .created_at
                .into_iter()
                .next()
                .ok_or_else(|| "created_at missing in Invitation".to_string())?,
            expires_at: intermediate_rep
                .expires_at
                .into_iter()
                .next()
                .ok_or_else(|| "expires_at missing in Invitation".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<Invitation> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<Invitation>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<Invitation>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for Invitation - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<Invitation> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <Invitation as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into Invitation - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// An invitation to a list.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct InvitationCreate {
    /// Whom to invite (compared case-insensitively).
    #[serde(rename = "email")]
    #[validate(length(max = 254), custom(function = "check_xss_string"))]
    pub email: String,

    /// The role they get on accepting; `editor` when absent.
    #[serde(rename = "role")]
    #[validate(nested)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<models::MemberRole>,
}

impl InvitationCreate {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(email: String) -> InvitationCreate {
        InvitationCreate { email, role: None }
    }
}

/// Converts the InvitationCreate value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for InvitationCreate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("email".to_string()),
            Some(self.email.to_string()),
            // Skipping role in query parameter serialization
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a InvitationCreate value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for InvitationCreate {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub email: Vec<String>,
            pub role: Vec<models::MemberRole>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing InvitationCreate".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "email" => intermediate_rep.email.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "role" => intermediate_rep.role.push(
                        <models::MemberRole as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing InvitationCreate".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(InvitationCreate {
            email: intermediate_rep
                .email
                .into_iter()
                .next()
                .ok_or_else(|| "email missing in InvitationCreate".to_string())?,
            role: intermediate_rep.role.into_iter().next(),
        })
    }
}

// Methods for converting between header::IntoHeaderValue<InvitationCreate> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<InvitationCreate>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<InvitationCreate>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for InvitationCreate - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<InvitationCreate> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <InvitationCreate as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into InvitationCreate - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// One page of invitations.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct InvitationPage {
    /// The invitations on this page, newest first.
    #[serde(rename = "items")]
    #[validate(nested)]
    pub items: Vec<models::Invitation>,

    /// Cursor for the next page, or null on the last page.
    #[serde(rename = "next_cursor")]
    pub next_cursor: Nullable<String>,
}

impl InvitationPage {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(items: Vec<models::Invitation>, next_cursor: Nullable<String>) -> InvitationPage {
        InvitationPage { items, next_cursor }
    }
}

/// Converts the InvitationPage value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for InvitationPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping items in query parameter serialization
            Some("next_cursor".to_string()),
            Some(
                self.next_cursor
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a InvitationPage value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for InvitationPage {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub items: Vec<Vec<models::Invitation>>,
            pub next_cursor: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing InvitationPage".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    "items" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in InvitationPage"
                                .to_string(),
                        );
                    }
                    "next_cursor" => return std::result::Result::Err(
                        "Parsing a nullable type in this style is not supported in InvitationPage"
                            .to_string(),
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing InvitationPage".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(InvitationPage {
            items: intermediate_rep
                .items
                .into_iter()
                .next()
                .ok_or_else(|| "items missing in InvitationPage".to_string())?,
            next_cursor: std::result::Result::Err(
                "Nullable types not supported in InvitationPage".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<InvitationPage> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<InvitationPage>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<InvitationPage>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for InvitationPage - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<InvitationPage> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <InvitationPage as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into InvitationPage - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// A new list.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListCreate {
    /// The id to give the list, chosen by the client (for offline creates); the server picks one when absent.
    #[serde(rename = "id")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<uuid::Uuid>,

    /// 1 to 100 characters, not blank; surrounding spaces are trimmed.
    #[serde(rename = "name")]
    #[validate(
            length(min = 1, max = 100),
            regex(path = *RE_LISTCREATE_NAME),
          custom(function = "check_xss_string"),
    )]
    pub name: String,

    /// A colour as `#rrggbb`.
    #[serde(rename = "color")]
    #[validate(
            regex(path = *RE_LISTCREATE_COLOR),
    )]
    #[serde(deserialize_with = "deserialize_optional_nullable")]
    #[serde(default = "default_optional_nullable")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<Nullable<String>>,
}

lazy_static::lazy_static! {
    static ref RE_LISTCREATE_NAME: regex::Regex = regex::Regex::new("^[^\\x00]*[^\\x00\\t-\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000][^\\x00]*$").unwrap();
}
lazy_static::lazy_static! {
    static ref RE_LISTCREATE_COLOR: regex::Regex = regex::Regex::new("^#[0-9a-fA-F]{6}$").unwrap();
}

impl ListCreate {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(name: String) -> ListCreate {
        ListCreate {
            id: None,
            name,
            color: None,
        }
    }
}

/// Converts the ListCreate value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for ListCreate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping id in query parameter serialization
            Some("name".to_string()),
            Some(self.name.to_string()),
            self.color.as_ref().map(|color| {
                [
                    "color".to_string(),
                    color.as_ref().map_or("null".to_string(), |x| x.to_string()),
                ]
                .join(",")
            }),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a ListCreate value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for ListCreate {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub id: Vec<uuid::Uuid>,
            pub name: Vec<String>,
            pub color: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing ListCreate".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "id" => intermediate_rep.id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "name" => intermediate_rep.name.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "color" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in ListCreate"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing ListCreate".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(ListCreate {
            id: intermediate_rep.id.into_iter().next(),
            name: intermediate_rep
                .name
                .into_iter()
                .next()
                .ok_or_else(|| "name missing in ListCreate".to_string())?,
            color: std::result::Result::Err(
                "Nullable types not supported in ListCreate".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<ListCreate> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<ListCreate>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<ListCreate>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for ListCreate - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<ListCreate> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <ListCreate as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into ListCreate - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// Where to put a list in the caller's order; exactly one of `after`, `before` or `to`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListMove {
    /// Place it right after this list.
    #[serde(rename = "after")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<uuid::Uuid>,

    /// Place it right before this list.
    #[serde(rename = "before")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<uuid::Uuid>,

    /// Place it first or last in the caller's order.
    #[serde(rename = "to")]
    #[validate(nested)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<models::MoveEnd>,
}

impl ListMove {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new() -> ListMove {
        ListMove {
            after: None,
            before: None,
            to: None,
        }
    }
}

/// Converts the ListMove value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for ListMove {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping after in query parameter serialization

            // Skipping before in query parameter serialization

            // Skipping to in query parameter serialization

        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a ListMove value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for ListMove {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub after: Vec<uuid::Uuid>,
            pub before: Vec<uuid::Uuid>,
            pub to: Vec<models::MoveEnd>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing ListMove".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "after" => intermediate_rep.after.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "before" => intermediate_rep.before.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "to" => intermediate_rep.to.push(
                        <models::MoveEnd as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing ListMove".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(ListMove {
            after: intermediate_rep.after.into_iter().next(),
            before: intermediate_rep.before.into_iter().next(),
            to: intermediate_rep.to.into_iter().next(),
        })
    }
}

// Methods for converting between header::IntoHeaderValue<ListMove> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<ListMove>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<ListMove>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for ListMove - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<ListMove> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <ListMove as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into ListMove - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// One page of lists.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListPage {
    /// The lists on this page, in the caller's order.
    #[serde(rename = "items")]
    #[validate(nested)]
    pub items: Vec<models::TodoList>,

    /// Cursor for the next page, or null on the last page.
    #[serde(rename = "next_cursor")]
    pub next_cursor: Nullable<String>,
}

impl ListPage {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(items: Vec<models::TodoList>, next_cursor: Nullable<String>) -> ListPage {
        ListPage { items, next_cursor }
    }
}

/// Converts the ListPage value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for ListPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping items in query parameter serialization
            Some("next_cursor".to_string()),
            Some(
                self.next_cursor
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a ListPage value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for ListPage {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub items: Vec<Vec<models::TodoList>>,
            pub next_cursor: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing ListPage".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    "items" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in ListPage"
                                .to_string(),
                        );
                    }
                    "next_cursor" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in ListPage"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing ListPage".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(ListPage {
            items: intermediate_rep
                .items
                .into_iter()
                .next()
                .ok_or_else(|| "items missing in ListPage".to_string())?,
            next_cursor: std::result::Result::Err(
                "Nullable types not supported in ListPage".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<ListPage> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<ListPage>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<ListPage>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for ListPage - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<ListPage> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <ListPage as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into ListPage - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// A partial update of a list; absent fields are left alone, `null` clears `color`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct ListUpdate {
    /// 1 to 100 characters, not blank.
    #[serde(rename = "name")]
    #[validate(
            length(min = 1, max = 100),
            regex(path = *RE_LISTUPDATE_NAME),
          custom(function = "check_xss_string"),
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,

    /// A colour as `#rrggbb`; null clears.
    #[serde(rename = "color")]
    #[validate(
            regex(path = *RE_LISTUPDATE_COLOR),
    )]
    #[serde(deserialize_with = "deserialize_optional_nullable")]
    #[serde(default = "default_optional_nullable")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub color: Option<Nullable<String>>,
}

lazy_static::lazy_static! {
    static ref RE_LISTUPDATE_NAME: regex::Regex = regex::Regex::new("^[^\\x00]*[^\\x00\\t-\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000][^\\x00]*$").unwrap();
}
lazy_static::lazy_static! {
    static ref RE_LISTUPDATE_COLOR: regex::Regex = regex::Regex::new("^#[0-9a-fA-F]{6}$").unwrap();
}

impl ListUpdate {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new() -> ListUpdate {
        ListUpdate {
            name: None,
            color: None,
        }
    }
}

/// Converts the ListUpdate value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for ListUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            self.name
                .as_ref()
                .map(|name| ["name".to_string(), name.to_string()].join(",")),
            self.color.as_ref().map(|color| {
                [
                    "color".to_string(),
                    color.as_ref().map_or("null".to_string(), |x| x.to_string()),
                ]
                .join(",")
            }),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a ListUpdate value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for ListUpdate {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub name: Vec<String>,
            pub color: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing ListUpdate".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "name" => intermediate_rep.name.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "color" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in ListUpdate"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing ListUpdate".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(ListUpdate {
            name: intermediate_rep.name.into_iter().next(),
            color: std::result::Result::Err(
                "Nullable types not supported in ListUpdate".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<ListUpdate> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<ListUpdate>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<ListUpdate>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for ListUpdate - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<ListUpdate> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <ListUpdate as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into ListUpdate - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// A member of a list.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct Member {
    /// The member's account id.
    #[serde(rename = "user_id")]
    pub user_id: uuid::Uuid,

    /// The member's email.
    #[serde(rename = "email")]
    #[validate(custom(function = "check_xss_string"))]
    pub email: String,

    /// The member's shown name.
    #[serde(rename = "display_name")]
    #[validate(custom(function = "check_xss_string"))]
    pub display_name: String,

    /// What the member may do.
    #[serde(rename = "role")]
    #[validate(nested)]
    pub role: models::MemberRole,

    /// When they became a member.
    #[serde(rename = "joined_at")]
    pub joined_at: chrono::DateTime<chrono::Utc>,
}

impl Member {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        user_id: uuid::Uuid,
        email: String,
        display_name: String,
        role: models::MemberRole,
        joined_at: chrono::DateTime<chrono::Utc>,
    ) -> Member {
        Member {
            user_id,
            email,
            display_name,
            role,
            joined_at,
        }
    }
}

/// Converts the Member value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for Member {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping user_id in query parameter serialization
            Some("email".to_string()),
            Some(self.email.to_string()),
            Some("display_name".to_string()),
            Some(self.display_name.to_string()),
            // Skipping role in query parameter serialization

            // Skipping joined_at in query parameter serialization
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a Member value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for Member {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub user_id: Vec<uuid::Uuid>,
            pub email: Vec<String>,
            pub display_name: Vec<String>,
            pub role: Vec<models::MemberRole>,
            pub joined_at: Vec<chrono::DateTime<chrono::Utc>>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing Member".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "user_id" => intermediate_rep.user_id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "email" => intermediate_rep.email.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "display_name" => intermediate_rep.display_name.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "role" => intermediate_rep.role.push(
                        <models::MemberRole as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "joined_at" => intermediate_rep.joined_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing Member".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(Member {
            user_id: intermediate_rep
                .user_id
                .into_iter()
                .next()
                .ok_or_else(|| "user_id missing in Member".to_string())?,
            email: intermediate_rep
                .email
                .into_iter()
                .next()
                .ok_or_else(|| "email missing in Member".to_string())?,
            display_name: intermediate_rep
                .display_name
                .into_iter()
                .next()
                .ok_or_else(|| "display_name missing in Member".to_string())?,
            role: intermediate_rep
                .role
                .into_iter()
                .next()
                .ok_or_else(|| "role missing in Member".to_string())?,
            joined_at: intermediate_rep
                .joined_at
                .into_iter()
                .next()
                .ok_or_else(|| "joined_at missing in Member".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<Member> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<Member>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<Member>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for Member - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<Member> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <Member as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into Member - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// One page of members.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct MemberPage {
    /// The members on this page, oldest first.
    #[serde(rename = "items")]
    #[validate(nested)]
    pub items: Vec<models::Member>,

    /// Cursor for the next page, or null on the last page.
    #[serde(rename = "next_cursor")]
    pub next_cursor: Nullable<String>,
}

impl MemberPage {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(items: Vec<models::Member>, next_cursor: Nullable<String>) -> MemberPage {
        MemberPage { items, next_cursor }
    }
}

/// Converts the MemberPage value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for MemberPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping items in query parameter serialization
            Some("next_cursor".to_string()),
            Some(
                self.next_cursor
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a MemberPage value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for MemberPage {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub items: Vec<Vec<models::Member>>,
            pub next_cursor: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing MemberPage".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    "items" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in MemberPage"
                                .to_string(),
                        );
                    }
                    "next_cursor" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in MemberPage"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing MemberPage".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(MemberPage {
            items: intermediate_rep
                .items
                .into_iter()
                .next()
                .ok_or_else(|| "items missing in MemberPage".to_string())?,
            next_cursor: std::result::Result::Err(
                "Nullable types not supported in MemberPage".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<MemberPage> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<MemberPage>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<MemberPage>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for MemberPage - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<MemberPage> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <MemberPage as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into MemberPage - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// What a member may do: `viewer` reads the list and its todos; `editor` also creates, changes, moves and deletes todos; `owner` also renames and deletes the list and manages members and invitations.
/// Enumeration of values.
/// Since this enum's variants do not hold data, we can easily define them as `#[repr(C)]`
/// which helps with FFI.
#[allow(non_camel_case_types, clippy::large_enum_variant)]
#[repr(C)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "conversion", derive(frunk_enum_derive::LabelledGenericEnum))]
pub enum MemberRole {
    #[serde(rename = "owner")]
    Owner,
    #[serde(rename = "editor")]
    Editor,
    #[serde(rename = "viewer")]
    Viewer,
}

impl validator::Validate for MemberRole {
    fn validate(&self) -> std::result::Result<(), validator::ValidationErrors> {
        std::result::Result::Ok(())
    }
}

impl std::fmt::Display for MemberRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            MemberRole::Owner => write!(f, "owner"),
            MemberRole::Editor => write!(f, "editor"),
            MemberRole::Viewer => write!(f, "viewer"),
        }
    }
}

impl std::str::FromStr for MemberRole {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "owner" => std::result::Result::Ok(MemberRole::Owner),
            "editor" => std::result::Result::Ok(MemberRole::Editor),
            "viewer" => std::result::Result::Ok(MemberRole::Viewer),
            _ => std::result::Result::Err(format!(r#"Value not valid: {s}"#)),
        }
    }
}

/// A member's new role.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct MemberUpdate {
    /// The new role.
    #[serde(rename = "role")]
    #[validate(nested)]
    pub role: models::MemberRole,
}

impl MemberUpdate {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(role: models::MemberRole) -> MemberUpdate {
        MemberUpdate { role }
    }
}

/// Converts the MemberUpdate value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for MemberUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping role in query parameter serialization

        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a MemberUpdate value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for MemberUpdate {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub role: Vec<models::MemberRole>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing MemberUpdate".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "role" => intermediate_rep.role.push(
                        <models::MemberRole as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing MemberUpdate".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(MemberUpdate {
            role: intermediate_rep
                .role
                .into_iter()
                .next()
                .ok_or_else(|| "role missing in MemberUpdate".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<MemberUpdate> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<MemberUpdate>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<MemberUpdate>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for MemberUpdate - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<MemberUpdate> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <MemberUpdate as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into MemberUpdate - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// The start or the end of the siblings.
/// Enumeration of values.
/// Since this enum's variants do not hold data, we can easily define them as `#[repr(C)]`
/// which helps with FFI.
#[allow(non_camel_case_types, clippy::large_enum_variant)]
#[repr(C)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "conversion", derive(frunk_enum_derive::LabelledGenericEnum))]
pub enum MoveEnd {
    #[serde(rename = "first")]
    First,
    #[serde(rename = "last")]
    Last,
}

impl validator::Validate for MoveEnd {
    fn validate(&self) -> std::result::Result<(), validator::ValidationErrors> {
        std::result::Result::Ok(())
    }
}

impl std::fmt::Display for MoveEnd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            MoveEnd::First => write!(f, "first"),
            MoveEnd::Last => write!(f, "last"),
        }
    }
}

impl std::str::FromStr for MoveEnd {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "first" => std::result::Result::Ok(MoveEnd::First),
            "last" => std::result::Result::Ok(MoveEnd::Last),
            _ => std::result::Result::Err(format!(r#"Value not valid: {s}"#)),
        }
    }
}

/// A password change.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct PasswordChange {
    /// The password in use now.
    #[serde(rename = "current_password")]
    #[validate(length(max = 128), custom(function = "check_xss_string"))]
    pub current_password: String,

    /// 8 to 128 characters, not the email, not a commonly used password.
    #[serde(rename = "new_password")]
    #[validate(length(min = 8, max = 128), custom(function = "check_xss_string"))]
    pub new_password: String,
}

impl PasswordChange {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(current_password: String, new_password: String) -> PasswordChange {
        PasswordChange {
            current_password,
            new_password,
        }
    }
}

/// Converts the PasswordChange value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for PasswordChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("current_password".to_string()),
            Some(self.current_password.to_string()),
            Some("new_password".to_string()),
            Some(self.new_password.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a PasswordChange value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for PasswordChange {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub current_password: Vec<String>,
            pub new_password: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing PasswordChange".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "current_password" => intermediate_rep.current_password.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "new_password" => intermediate_rep.new_password.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing PasswordChange".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(PasswordChange {
            current_password: intermediate_rep
                .current_password
                .into_iter()
                .next()
                .ok_or_else(|| "current_password missing in PasswordChange".to_string())?,
            new_password: intermediate_rep
                .new_password
                .into_iter()
                .next()
                .ok_or_else(|| "new_password missing in PasswordChange".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<PasswordChange> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<PasswordChange>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<PasswordChange>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for PasswordChange - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<PasswordChange> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <PasswordChange as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into PasswordChange - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// Sets a new password with the token from a reset mail.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct PasswordResetConfirmation {
    /// The token from the reset link.
    #[serde(rename = "token")]
    #[validate(length(min = 1, max = 256), custom(function = "check_xss_string"))]
    pub token: String,

    /// 8 to 128 characters, not the email, not a commonly used password.
    #[serde(rename = "new_password")]
    #[validate(length(min = 8, max = 128), custom(function = "check_xss_string"))]
    pub new_password: String,
}

impl PasswordResetConfirmation {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(token: String, new_password: String) -> PasswordResetConfirmation {
        PasswordResetConfirmation {
            token,
            new_password,
        }
    }
}

/// Converts the PasswordResetConfirmation value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for PasswordResetConfirmation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("token".to_string()),
            Some(self.token.to_string()),
            Some("new_password".to_string()),
            Some(self.new_password.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a PasswordResetConfirmation value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for PasswordResetConfirmation {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub token: Vec<String>,
            pub new_password: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing PasswordResetConfirmation".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "token" => intermediate_rep.token.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "new_password" => intermediate_rep.new_password.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing PasswordResetConfirmation".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(PasswordResetConfirmation {
            token: intermediate_rep
                .token
                .into_iter()
                .next()
                .ok_or_else(|| "token missing in PasswordResetConfirmation".to_string())?,
            new_password: intermediate_rep
                .new_password
                .into_iter()
                .next()
                .ok_or_else(|| "new_password missing in PasswordResetConfirmation".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<PasswordResetConfirmation> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<PasswordResetConfirmation>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<PasswordResetConfirmation>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for PasswordResetConfirmation - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<PasswordResetConfirmation> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <PasswordResetConfirmation as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into PasswordResetConfirmation - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// Asks for a password-reset mail.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct PasswordResetRequest {
    /// The account's email.
    #[serde(rename = "email")]
    #[validate(length(max = 254), custom(function = "check_xss_string"))]
    pub email: String,
}

impl PasswordResetRequest {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(email: String) -> PasswordResetRequest {
        PasswordResetRequest { email }
    }
}

/// Converts the PasswordResetRequest value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for PasswordResetRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> =
            vec![Some("email".to_string()), Some(self.email.to_string())];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a PasswordResetRequest value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for PasswordResetRequest {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub email: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing PasswordResetRequest".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "email" => intermediate_rep.email.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing PasswordResetRequest".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(PasswordResetRequest {
            email: intermediate_rep
                .email
                .into_iter()
                .next()
                .ok_or_else(|| "email missing in PasswordResetRequest".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<PasswordResetRequest> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<PasswordResetRequest>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<PasswordResetRequest>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for PasswordResetRequest - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<PasswordResetRequest> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <PasswordResetRequest as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into PasswordResetRequest - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// How important a todo is.
/// Enumeration of values.
/// Since this enum's variants do not hold data, we can easily define them as `#[repr(C)]`
/// which helps with FFI.
#[allow(non_camel_case_types, clippy::large_enum_variant)]
#[repr(C)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "conversion", derive(frunk_enum_derive::LabelledGenericEnum))]
pub enum Priority {
    #[serde(rename = "low")]
    Low,
    #[serde(rename = "normal")]
    Normal,
    #[serde(rename = "high")]
    High,
}

impl validator::Validate for Priority {
    fn validate(&self) -> std::result::Result<(), validator::ValidationErrors> {
        std::result::Result::Ok(())
    }
}

impl std::fmt::Display for Priority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Priority::Low => write!(f, "low"),
            Priority::Normal => write!(f, "normal"),
            Priority::High => write!(f, "high"),
        }
    }
}

impl std::str::FromStr for Priority {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "low" => std::result::Result::Ok(Priority::Low),
            "normal" => std::result::Result::Ok(Priority::Normal),
            "high" => std::result::Result::Ok(Priority::High),
            _ => std::result::Result::Err(format!(r#"Value not valid: {s}"#)),
        }
    }
}

/// Todos per priority.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct PriorityCounts {
    /// Low-priority todos.
    #[serde(rename = "low")]
    pub low: i64,

    /// Normal-priority todos.
    #[serde(rename = "normal")]
    pub normal: i64,

    /// High-priority todos.
    #[serde(rename = "high")]
    pub high: i64,
}

impl PriorityCounts {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(low: i64, normal: i64, high: i64) -> PriorityCounts {
        PriorityCounts { low, normal, high }
    }
}

/// Converts the PriorityCounts value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for PriorityCounts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("low".to_string()),
            Some(self.low.to_string()),
            Some("normal".to_string()),
            Some(self.normal.to_string()),
            Some("high".to_string()),
            Some(self.high.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a PriorityCounts value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for PriorityCounts {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub low: Vec<i64>,
            pub normal: Vec<i64>,
            pub high: Vec<i64>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing PriorityCounts".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "low" => intermediate_rep.low.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "normal" => intermediate_rep.normal.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "high" => intermediate_rep.high.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing PriorityCounts".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(PriorityCounts {
            low: intermediate_rep
                .low
                .into_iter()
                .next()
                .ok_or_else(|| "low missing in PriorityCounts".to_string())?,
            normal: intermediate_rep
                .normal
                .into_iter()
                .next()
                .ok_or_else(|| "normal missing in PriorityCounts".to_string())?,
            high: intermediate_rep
                .high
                .into_iter()
                .next()
                .ok_or_else(|| "high missing in PriorityCounts".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<PriorityCounts> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<PriorityCounts>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<PriorityCounts>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for PriorityCounts - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<PriorityCounts> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <PriorityCounts as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into PriorityCounts - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// An RFC 9457 problem details document.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct Problem {
    /// Identifies the kind of problem.
    #[serde(rename = "type")]
    #[validate(custom(function = "check_xss_string"))]
    pub r_type: String,

    /// Short, human-readable summary of the kind of problem.
    #[serde(rename = "title")]
    #[validate(custom(function = "check_xss_string"))]
    pub title: String,

    /// The HTTP status code.
    #[serde(rename = "status")]
    pub status: i32,

    /// Explanation specific to this occurrence.
    #[serde(rename = "detail")]
    #[validate(custom(function = "check_xss_string"))]
    pub detail: String,

    /// The request path this problem occurred on.
    #[serde(rename = "instance")]
    #[validate(custom(function = "check_xss_string"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,

    /// One entry per invalid field, for validation problems.
    #[serde(rename = "errors")]
    #[validate(nested)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub r_errors: Option<Vec<models::FieldError>>,
}

impl Problem {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(r_type: String, title: String, status: i32, detail: String) -> Problem {
        Problem {
            r_type,
            title,
            status,
            detail,
            instance: None,
            r_errors: None,
        }
    }
}

/// Converts the Problem value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("type".to_string()),
            Some(self.r_type.to_string()),
            Some("title".to_string()),
            Some(self.title.to_string()),
            Some("status".to_string()),
            Some(self.status.to_string()),
            Some("detail".to_string()),
            Some(self.detail.to_string()),
            self.instance
                .as_ref()
                .map(|instance| ["instance".to_string(), instance.to_string()].join(",")),
            // Skipping errors in query parameter serialization
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a Problem value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for Problem {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub r_type: Vec<String>,
            pub title: Vec<String>,
            pub status: Vec<i32>,
            pub detail: Vec<String>,
            pub instance: Vec<String>,
            pub r_errors: Vec<Vec<models::FieldError>>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing Problem".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "type" => intermediate_rep.r_type.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "title" => intermediate_rep.title.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "status" => intermediate_rep.status.push(
                        <i32 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "detail" => intermediate_rep.detail.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "instance" => intermediate_rep.instance.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "errors" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in Problem"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing Problem".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(Problem {
            r_type: intermediate_rep
                .r_type
                .into_iter()
                .next()
                .ok_or_else(|| "type missing in Problem".to_string())?,
            title: intermediate_rep
                .title
                .into_iter()
                .next()
                .ok_or_else(|| "title missing in Problem".to_string())?,
            status: intermediate_rep
                .status
                .into_iter()
                .next()
                .ok_or_else(|| "status missing in Problem".to_string())?,
            detail: intermediate_rep
                .detail
                .into_iter()
                .next()
                .ok_or_else(|| "detail missing in Problem".to_string())?,
            instance: intermediate_rep.instance.into_iter().next(),
            r_errors: intermediate_rep.r_errors.into_iter().next(),
        })
    }
}

// Methods for converting between header::IntoHeaderValue<Problem> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<Problem>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<Problem>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for Problem - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<Problem> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <Problem as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into Problem - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// A new account.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct Registration {
    /// Login name; unique, compared case-insensitively.
    #[serde(rename = "email")]
    #[validate(length(max = 254), custom(function = "check_xss_string"))]
    pub email: String,

    /// 8 to 128 characters.
    #[serde(rename = "password")]
    #[validate(length(min = 8, max = 128), custom(function = "check_xss_string"))]
    pub password: String,

    /// Shown name, 1 to 100 characters, not blank; surrounding spaces are trimmed.
    #[serde(rename = "display_name")]
    #[validate(
            length(min = 1, max = 100),
            regex(path = *RE_REGISTRATION_DISPLAY_NAME),
          custom(function = "check_xss_string"),
    )]
    pub display_name: String,
}

lazy_static::lazy_static! {
    static ref RE_REGISTRATION_DISPLAY_NAME: regex::Regex = regex::Regex::new("^[^\\x00]*[^\\x00\\t-\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000][^\\x00]*$").unwrap();
}

impl Registration {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(email: String, password: String, display_name: String) -> Registration {
        Registration {
            email,
            password,
            display_name,
        }
    }
}

/// Converts the Registration value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for Registration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("email".to_string()),
            Some(self.email.to_string()),
            Some("password".to_string()),
            Some(self.password.to_string()),
            Some("display_name".to_string()),
            Some(self.display_name.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a Registration value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for Registration {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub email: Vec<String>,
            pub password: Vec<String>,
            pub display_name: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing Registration".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "email" => intermediate_rep.email.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "password" => intermediate_rep.password.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "display_name" => intermediate_rep.display_name.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing Registration".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(Registration {
            email: intermediate_rep
                .email
                .into_iter()
                .next()
                .ok_or_else(|| "email missing in Registration".to_string())?,
            password: intermediate_rep
                .password
                .into_iter()
                .next()
                .ok_or_else(|| "password missing in Registration".to_string())?,
            display_name: intermediate_rep
                .display_name
                .into_iter()
                .next()
                .ok_or_else(|| "display_name missing in Registration".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<Registration> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<Registration>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<Registration>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for Registration - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<Registration> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <Registration as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into Registration - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// OAuth2 token revocation request (RFC 7009, form-encoded).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct RevokeRequest {
    /// A refresh token or an access token.
    #[serde(rename = "token")]
    #[validate(length(max = 4096), custom(function = "check_xss_string"))]
    pub token: String,

    /// `refresh_token` or `access_token`; only a hint, other values are ignored.
    #[serde(rename = "token_type_hint")]
    #[validate(length(max = 64), custom(function = "check_xss_string"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_type_hint: Option<String>,
}

impl RevokeRequest {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(token: String) -> RevokeRequest {
        RevokeRequest {
            token,
            token_type_hint: None,
        }
    }
}

/// Converts the RevokeRequest value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for RevokeRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("token".to_string()),
            Some(self.token.to_string()),
            self.token_type_hint.as_ref().map(|token_type_hint| {
                ["token_type_hint".to_string(), token_type_hint.to_string()].join(",")
            }),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a RevokeRequest value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for RevokeRequest {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub token: Vec<String>,
            pub token_type_hint: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing RevokeRequest".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "token" => intermediate_rep.token.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "token_type_hint" => intermediate_rep.token_type_hint.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing RevokeRequest".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(RevokeRequest {
            token: intermediate_rep
                .token
                .into_iter()
                .next()
                .ok_or_else(|| "token missing in RevokeRequest".to_string())?,
            token_type_hint: intermediate_rep.token_type_hint.into_iter().next(),
        })
    }
}

// Methods for converting between header::IntoHeaderValue<RevokeRequest> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<RevokeRequest>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<RevokeRequest>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for RevokeRequest - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<RevokeRequest> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <RevokeRequest as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into RevokeRequest - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// A user's role.
/// Enumeration of values.
/// Since this enum's variants do not hold data, we can easily define them as `#[repr(C)]`
/// which helps with FFI.
#[allow(non_camel_case_types, clippy::large_enum_variant)]
#[repr(C)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "conversion", derive(frunk_enum_derive::LabelledGenericEnum))]
pub enum Role {
    #[serde(rename = "user")]
    User,
    #[serde(rename = "admin")]
    Admin,
}

impl validator::Validate for Role {
    fn validate(&self) -> std::result::Result<(), validator::ValidationErrors> {
        std::result::Result::Ok(())
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            Role::User => write!(f, "user"),
            Role::Admin => write!(f, "admin"),
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "user" => std::result::Result::Ok(Role::User),
            "admin" => std::result::Result::Ok(Role::Admin),
            _ => std::result::Result::Err(format!(r#"Value not valid: {s}"#)),
        }
    }
}

/// A signed-in session of the caller.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct Session {
    /// The session's id.
    #[serde(rename = "id")]
    pub id: uuid::Uuid,

    /// When the password login opened it.
    #[serde(rename = "created_at")]
    pub created_at: chrono::DateTime<chrono::Utc>,

    /// When its refresh token was last used (or the login time).
    #[serde(rename = "last_used_at")]
    pub last_used_at: chrono::DateTime<chrono::Utc>,

    /// When it ends unless refreshed before.
    #[serde(rename = "expires_at")]
    pub expires_at: chrono::DateTime<chrono::Utc>,

    /// The User-Agent of the login request, if any.
    #[serde(rename = "user_agent")]
    pub user_agent: Nullable<String>,

    /// The client IP of the login request.
    #[serde(rename = "ip")]
    pub ip: Nullable<String>,

    /// Whether the access token of this request belongs to this session.
    #[serde(rename = "current")]
    pub current: bool,
}

impl Session {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        id: uuid::Uuid,
        created_at: chrono::DateTime<chrono::Utc>,
        last_used_at: chrono::DateTime<chrono::Utc>,
        expires_at: chrono::DateTime<chrono::Utc>,
        user_agent: Nullable<String>,
        ip: Nullable<String>,
        current: bool,
    ) -> Session {
        Session {
            id,
            created_at,
            last_used_at,
            expires_at,
            user_agent,
            ip,
            current,
        }
    }
}

/// Converts the Session value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping id in query parameter serialization

            // Skipping created_at in query parameter serialization

            // Skipping last_used_at in query parameter serialization

            // Skipping expires_at in query parameter serialization
            Some("user_agent".to_string()),
            Some(
                self.user_agent
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
            Some("ip".to_string()),
            Some(
                self.ip
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
            Some("current".to_string()),
            Some(self.current.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a Session value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for Session {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub id: Vec<uuid::Uuid>,
            pub created_at: Vec<chrono::DateTime<chrono::Utc>>,
            pub last_used_at: Vec<chrono::DateTime<chrono::Utc>>,
            pub expires_at: Vec<chrono::DateTime<chrono::Utc>>,
            pub user_agent: Vec<String>,
            pub ip: Vec<String>,
            pub current: Vec<bool>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing Session".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "id" => intermediate_rep.id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "created_at" => intermediate_rep.created_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "last_used_at" => intermediate_rep.last_used_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "expires_at" => intermediate_rep.expires_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    "user_agent" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in Session"
                                .to_string(),
                        );
                    }
                    "ip" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in Session"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "current" => intermediate_rep.current.push(
                        <bool as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing Session".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(Session {
            id: intermediate_rep
                .id
                .into_iter()
                .next()
                .ok_or_else(|| "id missing in Session".to_string())?,
            created_at: intermediate_rep
                .created_at
                .into_iter()
                .next()
                .ok_or_else(|| "created_at missing in Session".to_string())?,
            last_used_at: intermediate_rep
                .last_used_at
                .into_iter()
                .next()
                .ok_or_else(|| "last_used_at missing in Session".to_string())?,
            expires_at: intermediate_rep
                .expires_at
                .into_iter()
                .next()
                .ok_or_else(|| "expires_at missing in Session".to_string())?,
            user_agent: std::result::Result::Err(
                "Nullable types not supported in Session".to_string(),
            )?,
            ip: std::result::Result::Err("Nullable types not supported in Session".to_string())?,
            current: intermediate_rep
                .current
                .into_iter()
                .next()
                .ok_or_else(|| "current missing in Session".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<Session> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<Session>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<Session>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for Session - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<Session> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <Session as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into Session - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// One page of sessions.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct SessionPage {
    /// The sessions on this page, newest first.
    #[serde(rename = "items")]
    #[validate(nested)]
    pub items: Vec<models::Session>,

    /// Cursor for the next page, or null on the last page.
    #[serde(rename = "next_cursor")]
    pub next_cursor: Nullable<String>,
}

impl SessionPage {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(items: Vec<models::Session>, next_cursor: Nullable<String>) -> SessionPage {
        SessionPage { items, next_cursor }
    }
}

/// Converts the SessionPage value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for SessionPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping items in query parameter serialization
            Some("next_cursor".to_string()),
            Some(
                self.next_cursor
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a SessionPage value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for SessionPage {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub items: Vec<Vec<models::Session>>,
            pub next_cursor: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing SessionPage".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    "items" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in SessionPage"
                                .to_string(),
                        );
                    }
                    "next_cursor" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in SessionPage"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing SessionPage".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(SessionPage {
            items: intermediate_rep
                .items
                .into_iter()
                .next()
                .ok_or_else(|| "items missing in SessionPage".to_string())?,
            next_cursor: std::result::Result::Err(
                "Nullable types not supported in SessionPage".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<SessionPage> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<SessionPage>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<SessionPage>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for SessionPage - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<SessionPage> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <SessionPage as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into SessionPage - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// Statistics of the caller's todos.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct Statistics {
    /// All todos.
    #[serde(rename = "total")]
    pub total: i64,

    /// Todos not completed.
    #[serde(rename = "open")]
    pub open: i64,

    /// Completed todos.
    #[serde(rename = "completed")]
    pub completed: i64,

    /// Open todos whose due time has passed.
    #[serde(rename = "overdue")]
    pub overdue: i64,

    /// completed / total, 0 when there are no todos.
    #[serde(rename = "completion_rate")]
    pub completion_rate: f64,

    /// Length of the completions window.
    #[serde(rename = "days")]
    pub days: i32,

    /// One entry per UTC day of the window, oldest first.
    #[serde(rename = "completions_per_day")]
    #[validate(nested)]
    pub completions_per_day: Vec<models::DayCount>,

    /// Number of todos per priority, open and completed.
    #[serde(rename = "by_priority")]
    #[validate(nested)]
    pub by_priority: models::PriorityCounts,

    /// The ten most used tags, most used first.
    #[serde(rename = "top_tags")]
    #[validate(nested)]
    pub top_tags: Vec<models::TagCount>,
}

impl Statistics {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        total: i64,
        open: i64,
        completed: i64,
        overdue: i64,
        completion_rate: f64,
        days: i32,
        completions_per_day: Vec<models::DayCount>,
        by_priority: models::PriorityCounts,
        top_tags: Vec<models::TagCount>,
    ) -> Statistics {
        Statistics {
            total,
            open,
            completed,
            overdue,
            completion_rate,
            days,
            completions_per_day,
            by_priority,
            top_tags,
        }
    }
}

/// Converts the Statistics value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for Statistics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("total".to_string()),
            Some(self.total.to_string()),
            Some("open".to_string()),
            Some(self.open.to_string()),
            Some("completed".to_string()),
            Some(self.completed.to_string()),
            Some("overdue".to_string()),
            Some(self.overdue.to_string()),
            Some("completion_rate".to_string()),
            Some(self.completion_rate.to_string()),
            Some("days".to_string()),
            Some(self.days.to_string()),
            // Skipping completions_per_day in query parameter serialization

            // Skipping by_priority in query parameter serialization

            // Skipping top_tags in query parameter serialization
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a Statistics value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for Statistics {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub total: Vec<i64>,
            pub open: Vec<i64>,
            pub completed: Vec<i64>,
            pub overdue: Vec<i64>,
            pub completion_rate: Vec<f64>,
            pub days: Vec<i32>,
            pub completions_per_day: Vec<Vec<models::DayCount>>,
            pub by_priority: Vec<models::PriorityCounts>,
            pub top_tags: Vec<Vec<models::TagCount>>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing Statistics".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "total" => intermediate_rep.total.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "open" => intermediate_rep.open.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "completed" => intermediate_rep.completed.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "overdue" => intermediate_rep.overdue.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "completion_rate" => intermediate_rep.completion_rate.push(
                        <f64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "days" => intermediate_rep.days.push(
                        <i32 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "completions_per_day" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in Statistics"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "by_priority" => intermediate_rep.by_priority.push(
                        <models::PriorityCounts as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    "top_tags" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in Statistics"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing Statistics".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(Statistics {
            total: intermediate_rep
                .total
                .into_iter()
                .next()
                .ok_or_else(|| "total missing in Statistics".to_string())?,
            open: intermediate_rep
                .open
                .into_iter()
                .next()
                .ok_or_else(|| "open missing in Statistics".to_string())?,
            completed: intermediate_rep
                .completed
                .into_iter()
                .next()
                .ok_or_else(|| "completed missing in Statistics".to_string())?,
            overdue: intermediate_rep
                .overdue
                .into_iter()
                .next()
                .ok_or_else(|| "overdue missing in Statistics".to_string())?,
            completion_rate: intermediate_rep
                .completion_rate
                .into_iter()
                .next()
                .ok_or_else(|| "completion_rate missing in Statistics".to_string())?,
            days: intermediate_rep
                .days
                .into_iter()
                .next()
                .ok_or_else(|| "days missing in Statistics".to_string())?,
            completions_per_day: intermediate_rep
                .completions_per_day
                .into_iter()
                .next()
                .ok_or_else(|| "completions_per_day missing in Statistics".to_string())?,
            by_priority: intermediate_rep
                .by_priority
                .into_iter()
                .next()
                .ok_or_else(|| "by_priority missing in Statistics".to_string())?,
            top_tags: intermediate_rep
                .top_tags
                .into_iter()
                .next()
                .ok_or_else(|| "top_tags missing in Statistics".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<Statistics> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<Statistics>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<Statistics>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for Statistics - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<Statistics> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <Statistics as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into Statistics - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// One change: the current state of an item, or its tombstone. Exactly one of `todo`, `list`, `member` is set when `op` is `upsert` (the one named by `kind`); all are null for `delete`. A `list` delete means the caller lost that list: drop it with its todos and members.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct SyncChange {
    /// What kind of item changed.
    #[serde(rename = "kind")]
    #[validate(nested)]
    pub kind: models::SyncKind,

    /// Upsert (current state) or delete (tombstone).
    #[serde(rename = "op")]
    #[validate(nested)]
    pub op: models::SyncOp,

    /// The todo's or list's id; for a member, the member's user id.
    #[serde(rename = "id")]
    pub id: uuid::Uuid,

    /// The list the item is in (for a list, its own id).
    #[serde(rename = "list_id")]
    pub list_id: uuid::Uuid,

    /// The todo as it is now (kind `todo`, op `upsert`), else null.
    #[serde(rename = "todo")]
    pub todo: Nullable<models::Todo>,

    /// The list as the caller sees it now (kind `list`, op `upsert`), else null.
    #[serde(rename = "list")]
    pub list: Nullable<models::TodoList>,

    /// The member as it is now (kind `member`, op `upsert`), else null.
    #[serde(rename = "member")]
    pub member: Nullable<models::Member>,
}

impl SyncChange {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        kind: models::SyncKind,
        op: models::SyncOp,
        id: uuid::Uuid,
        list_id: uuid::Uuid,
        todo: Nullable<models::Todo>,
        list: Nullable<models::TodoList>,
        member: Nullable<models::Member>,
    ) -> SyncChange {
        SyncChange {
            kind,
            op,
            id,
            list_id,
            todo,
            list,
            member,
        }
    }
}

/// Converts the SyncChange value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for SyncChange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping kind in query parameter serialization

            // Skipping op in query parameter serialization

            // Skipping id in query parameter serialization

            // Skipping list_id in query parameter serialization

            // Skipping todo in query parameter serialization

            // Skipping list in query parameter serialization

            // Skipping member in query parameter serialization

        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a SyncChange value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for SyncChange {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub kind: Vec<models::SyncKind>,
            pub op: Vec<models::SyncOp>,
            pub id: Vec<uuid::Uuid>,
            pub list_id: Vec<uuid::Uuid>,
            pub todo: Vec<models::Todo>,
            pub list: Vec<models::TodoList>,
            pub member: Vec<models::Member>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing SyncChange".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "kind" => intermediate_rep.kind.push(
                        <models::SyncKind as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "op" => intermediate_rep.op.push(
                        <models::SyncOp as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "id" => intermediate_rep.id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "list_id" => intermediate_rep.list_id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    "todo" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in SyncChange"
                                .to_string(),
                        );
                    }
                    "list" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in SyncChange"
                                .to_string(),
                        );
                    }
                    "member" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in SyncChange"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing SyncChange".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(SyncChange {
            kind: intermediate_rep
                .kind
                .into_iter()
                .next()
                .ok_or_else(|| "kind missing in SyncChange".to_string())?,
            op: intermediate_rep
                .op
                .into_iter()
                .next()
                .ok_or_else(|| "op missing in SyncChange".to_string())?,
            id: intermediate_rep
                .id
                .into_iter()
                .next()
                .ok_or_else(|| "id missing in SyncChange".to_string())?,
            list_id: intermediate_rep
                .list_id
                .into_iter()
                .next()
                .ok_or_else(|| "list_id missing in SyncChange".to_string())?,
            todo: std::result::Result::Err(
                "Nullable types not supported in SyncChange".to_string(),
            )?,
            list: std::result::Result::Err(
                "Nullable types not supported in SyncChange".to_string(),
            )?,
            member: std::result::Result::Err(
                "Nullable types not supported in SyncChange".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<SyncChange> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<SyncChange>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<SyncChange>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for SyncChange - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<SyncChange> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <SyncChange as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into SyncChange - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// What kind of item changed.
/// Enumeration of values.
/// Since this enum's variants do not hold data, we can easily define them as `#[repr(C)]`
/// which helps with FFI.
#[allow(non_camel_case_types, clippy::large_enum_variant)]
#[repr(C)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "conversion", derive(frunk_enum_derive::LabelledGenericEnum))]
pub enum SyncKind {
    #[serde(rename = "todo")]
    Todo,
    #[serde(rename = "list")]
    List,
    #[serde(rename = "member")]
    Member,
}

impl validator::Validate for SyncKind {
    fn validate(&self) -> std::result::Result<(), validator::ValidationErrors> {
        std::result::Result::Ok(())
    }
}

impl std::fmt::Display for SyncKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            SyncKind::Todo => write!(f, "todo"),
            SyncKind::List => write!(f, "list"),
            SyncKind::Member => write!(f, "member"),
        }
    }
}

impl std::str::FromStr for SyncKind {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "todo" => std::result::Result::Ok(SyncKind::Todo),
            "list" => std::result::Result::Ok(SyncKind::List),
            "member" => std::result::Result::Ok(SyncKind::Member),
            _ => std::result::Result::Err(format!(r#"Value not valid: {s}"#)),
        }
    }
}

/// `upsert`: the item as it is now (create or update); `delete`: it is gone for the caller.
/// Enumeration of values.
/// Since this enum's variants do not hold data, we can easily define them as `#[repr(C)]`
/// which helps with FFI.
#[allow(non_camel_case_types, clippy::large_enum_variant)]
#[repr(C)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "conversion", derive(frunk_enum_derive::LabelledGenericEnum))]
pub enum SyncOp {
    #[serde(rename = "upsert")]
    Upsert,
    #[serde(rename = "delete")]
    Delete,
}

impl validator::Validate for SyncOp {
    fn validate(&self) -> std::result::Result<(), validator::ValidationErrors> {
        std::result::Result::Ok(())
    }
}

impl std::fmt::Display for SyncOp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            SyncOp::Upsert => write!(f, "upsert"),
            SyncOp::Delete => write!(f, "delete"),
        }
    }
}

impl std::str::FromStr for SyncOp {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "upsert" => std::result::Result::Ok(SyncOp::Upsert),
            "delete" => std::result::Result::Ok(SyncOp::Delete),
            _ => std::result::Result::Err(format!(r#"Value not valid: {s}"#)),
        }
    }
}

/// Changes since a cursor, oldest first.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct SyncPage {
    /// The changes, in the order they happened.
    #[serde(rename = "changes")]
    #[validate(nested)]
    pub changes: Vec<models::SyncChange>,

    /// Where to continue from; store it with the local copy.
    #[serde(rename = "next_cursor")]
    #[validate(custom(function = "check_xss_string"))]
    pub next_cursor: String,

    /// True when more changes are waiting (call again now); false when caught up.
    #[serde(rename = "has_more")]
    pub has_more: bool,
}

impl SyncPage {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(changes: Vec<models::SyncChange>, next_cursor: String, has_more: bool) -> SyncPage {
        SyncPage {
            changes,
            next_cursor,
            has_more,
        }
    }
}

/// Converts the SyncPage value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for SyncPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping changes in query parameter serialization
            Some("next_cursor".to_string()),
            Some(self.next_cursor.to_string()),
            Some("has_more".to_string()),
            Some(self.has_more.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a SyncPage value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for SyncPage {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub changes: Vec<Vec<models::SyncChange>>,
            pub next_cursor: Vec<String>,
            pub has_more: Vec<bool>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing SyncPage".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    "changes" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in SyncPage"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "next_cursor" => intermediate_rep.next_cursor.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "has_more" => intermediate_rep.has_more.push(
                        <bool as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing SyncPage".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(SyncPage {
            changes: intermediate_rep
                .changes
                .into_iter()
                .next()
                .ok_or_else(|| "changes missing in SyncPage".to_string())?,
            next_cursor: intermediate_rep
                .next_cursor
                .into_iter()
                .next()
                .ok_or_else(|| "next_cursor missing in SyncPage".to_string())?,
            has_more: intermediate_rep
                .has_more
                .into_iter()
                .next()
                .ok_or_else(|| "has_more missing in SyncPage".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<SyncPage> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<SyncPage>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<SyncPage>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for SyncPage - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<SyncPage> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <SyncPage as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into SyncPage - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// A tag and how many of the caller's todos have it.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct TagCount {
    /// The tag (the first of its spellings in alphabetical order).
    #[serde(rename = "tag")]
    #[validate(custom(function = "check_xss_string"))]
    pub tag: String,

    /// Number of todos with this tag.
    #[serde(rename = "count")]
    pub count: i64,
}

impl TagCount {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(tag: String, count: i64) -> TagCount {
        TagCount { tag, count }
    }
}

/// Converts the TagCount value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for TagCount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("tag".to_string()),
            Some(self.tag.to_string()),
            Some("count".to_string()),
            Some(self.count.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a TagCount value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for TagCount {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub tag: Vec<String>,
            pub count: Vec<i64>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing TagCount".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "tag" => intermediate_rep.tag.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "count" => intermediate_rep.count.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing TagCount".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(TagCount {
            tag: intermediate_rep
                .tag
                .into_iter()
                .next()
                .ok_or_else(|| "tag missing in TagCount".to_string())?,
            count: intermediate_rep
                .count
                .into_iter()
                .next()
                .ok_or_else(|| "count missing in TagCount".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<TagCount> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<TagCount>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<TagCount>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for TagCount - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<TagCount> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <TagCount as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into TagCount - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// One page of tags.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct TagPage {
    /// The tags on this page, alphabetically.
    #[serde(rename = "items")]
    #[validate(nested)]
    pub items: Vec<models::TagCount>,

    /// Cursor for the next page, or null on the last page.
    #[serde(rename = "next_cursor")]
    pub next_cursor: Nullable<String>,
}

impl TagPage {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(items: Vec<models::TagCount>, next_cursor: Nullable<String>) -> TagPage {
        TagPage { items, next_cursor }
    }
}

/// Converts the TagPage value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for TagPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping items in query parameter serialization
            Some("next_cursor".to_string()),
            Some(
                self.next_cursor
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a TagPage value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for TagPage {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub items: Vec<Vec<models::TagCount>>,
            pub next_cursor: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing TagPage".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    "items" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in TagPage"
                                .to_string(),
                        );
                    }
                    "next_cursor" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in TagPage"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing TagPage".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(TagPage {
            items: intermediate_rep
                .items
                .into_iter()
                .next()
                .ok_or_else(|| "items missing in TagPage".to_string())?,
            next_cursor: std::result::Result::Err(
                "Nullable types not supported in TagPage".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<TagPage> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<TagPage>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<TagPage>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for TagPage - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<TagPage> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <TagPage as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into TagPage - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// A todo item.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct Todo {
    /// The todo's id.
    #[serde(rename = "id")]
    pub id: uuid::Uuid,

    /// What to do.
    #[serde(rename = "title")]
    #[validate(custom(function = "check_xss_string"))]
    pub title: String,

    /// Free-form notes, or null.
    #[serde(rename = "notes")]
    #[validate(
            regex(path = *RE_TODO_NOTES),
    )]
    pub notes: Nullable<String>,

    /// Whether it is done.
    #[serde(rename = "completed")]
    pub completed: bool,

    /// When it was completed, or null while open.
    #[serde(rename = "completed_at")]
    pub completed_at: Nullable<chrono::DateTime<chrono::Utc>>,

    /// When it is due, or null.
    #[serde(rename = "due_at")]
    pub due_at: Nullable<chrono::DateTime<chrono::Utc>>,

    /// How important it is.
    #[serde(rename = "priority")]
    #[validate(nested)]
    pub priority: models::Priority,

    /// Its tags, in alphabetical order (case-insensitive).
    #[serde(rename = "tags")]
    #[validate(custom(function = "check_xss_vec_string"))]
    pub tags: Vec<String>,

    /// When it was created.
    #[serde(rename = "created_at")]
    pub created_at: chrono::DateTime<chrono::Utc>,

    /// When it was last changed.
    #[serde(rename = "updated_at")]
    pub updated_at: chrono::DateTime<chrono::Utc>,

    /// The list it belongs to.
    #[serde(rename = "list_id")]
    pub list_id: uuid::Uuid,

    /// The todo it is a subtask of, or null for a top-level todo.
    #[serde(rename = "parent_id")]
    pub parent_id: Nullable<uuid::Uuid>,

    /// Its place among its siblings (same list and parent) in the manual order; compare as plain strings (byte order). Opaque; change it with `POST /todos/{todoId}/move`.
    #[serde(rename = "position")]
    #[validate(custom(function = "check_xss_string"))]
    pub position: String,

    /// How many subtasks it has.
    #[serde(rename = "subtask_count")]
    pub subtask_count: i64,

    /// How many of its subtasks are completed.
    #[serde(rename = "completed_subtask_count")]
    pub completed_subtask_count: i64,

    /// The account that created it, or null if unknown or deleted.
    #[serde(rename = "created_by")]
    pub created_by: Nullable<uuid::Uuid>,

    /// The account that last changed it, or null if unknown or deleted.
    #[serde(rename = "updated_by")]
    pub updated_by: Nullable<uuid::Uuid>,

    /// The account that completed it (null while open, or if unknown or deleted).
    #[serde(rename = "completed_by")]
    pub completed_by: Nullable<uuid::Uuid>,
}

lazy_static::lazy_static! {
    static ref RE_TODO_NOTES: regex::Regex = regex::Regex::new("^[^\\x00]*$").unwrap();
}

impl Todo {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        id: uuid::Uuid,
        title: String,
        notes: Nullable<String>,
        completed: bool,
        completed_at: Nullable<chrono::DateTime<chrono::Utc>>,
        due_at: Nullable<chrono::DateTime<chrono::Utc>>,
        priority: models::Priority,
        tags: Vec<String>,
        created_at: chrono::DateTime<chrono::Utc>,
        updated_at: chrono::DateTime<chrono::Utc>,
        list_id: uuid::Uuid,
        parent_id: Nullable<uuid::Uuid>,
        position: String,
        subtask_count: i64,
        completed_subtask_count: i64,
        created_by: Nullable<uuid::Uuid>,
        updated_by: Nullable<uuid::Uuid>,
        completed_by: Nullable<uuid::Uuid>,
    ) -> Todo {
        Todo {
            id,
            title,
            notes,
            completed,
            completed_at,
            due_at,
            priority,
            tags,
            created_at,
            updated_at,
            list_id,
            parent_id,
            position,
            subtask_count,
            completed_subtask_count,
            created_by,
            updated_by,
            completed_by,
        }
    }
}

/// Converts the Todo value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for Todo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping id in query parameter serialization
            Some("title".to_string()),
            Some(self.title.to_string()),
            Some("notes".to_string()),
            Some(
                self.notes
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
            Some("completed".to_string()),
            Some(self.completed.to_string()),
            // Skipping completed_at in query parameter serialization

            // Skipping due_at in query parameter serialization

            // Skipping priority in query parameter serialization
            Some("tags".to_string()),
            Some(
                self.tags
                    .iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            // Skipping created_at in query parameter serialization

            // Skipping updated_at in query parameter serialization

            // Skipping list_id in query parameter serialization

            // Skipping parent_id in query parameter serialization
            Some("position".to_string()),
            Some(self.position.to_string()),
            Some("subtask_count".to_string()),
            Some(self.subtask_count.to_string()),
            Some("completed_subtask_count".to_string()),
            Some(self.completed_subtask_count.to_string()),
            // Skipping created_by in query parameter serialization

            // Skipping updated_by in query parameter serialization

            // Skipping completed_by in query parameter serialization
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a Todo value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for Todo {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub id: Vec<uuid::Uuid>,
            pub title: Vec<String>,
            pub notes: Vec<String>,
            pub completed: Vec<bool>,
            pub completed_at: Vec<chrono::DateTime<chrono::Utc>>,
            pub due_at: Vec<chrono::DateTime<chrono::Utc>>,
            pub priority: Vec<models::Priority>,
            pub tags: Vec<Vec<String>>,
            pub created_at: Vec<chrono::DateTime<chrono::Utc>>,
            pub updated_at: Vec<chrono::DateTime<chrono::Utc>>,
            pub list_id: Vec<uuid::Uuid>,
            pub parent_id: Vec<uuid::Uuid>,
            pub position: Vec<String>,
            pub subtask_count: Vec<i64>,
            pub completed_subtask_count: Vec<i64>,
            pub created_by: Vec<uuid::Uuid>,
            pub updated_by: Vec<uuid::Uuid>,
            pub completed_by: Vec<uuid::Uuid>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing Todo".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "id" => intermediate_rep.id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "title" => intermediate_rep.title.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "notes" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in Todo"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "completed" => intermediate_rep.completed.push(
                        <bool as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "completed_at" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in Todo"
                                .to_string(),
                        );
                    }
                    "due_at" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in Todo"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "priority" => intermediate_rep.priority.push(
                        <models::Priority as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    "tags" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in Todo"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "created_at" => intermediate_rep.created_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "updated_at" => intermediate_rep.updated_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "list_id" => intermediate_rep.list_id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    "parent_id" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in Todo"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "position" => intermediate_rep.position.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "subtask_count" => intermediate_rep.subtask_count.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "completed_subtask_count" => intermediate_rep.completed_subtask_count.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "created_by" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in Todo"
                                .to_string(),
                        );
                    }
                    "updated_by" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in Todo"
                                .to_string(),
                        );
                    }
                    "completed_by" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in Todo"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing Todo".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(Todo {
            id: intermediate_rep
                .id
                .into_iter()
                .next()
                .ok_or_else(|| "id missing in Todo".to_string())?,
            title: intermediate_rep
                .title
                .into_iter()
                .next()
                .ok_or_else(|| "title missing in Todo".to_string())?,
            notes: std::result::Result::Err("Nullable types not supported in Todo".to_string())?,
            completed: intermediate_rep
                .completed
                .into_iter()
                .next()
                .ok_or_else(|| "completed missing in Todo".to_string())?,
            completed_at: std::result::Result::Err(
                "Nullable types not supported in Todo".to_string(),
            )?,
            due_at: std::result::Result::Err("Nullable types not supported in Todo".to_string())?,
            priority: intermediate_rep
                .priority
                .into_iter()
                .next()
                .ok_or_else(|| "priority missing in Todo".to_string())?,
            tags: intermediate_rep
                .tags
                .into_iter()
                .next()
                .ok_or_else(|| "tags missing in Todo".to_string())?,
            created_at: intermediate_rep
                .created_at
                .into_iter()
                .next()
                .ok_or_else(|| "created_at missing in Todo".to_string())?,
            updated_at: intermediate_rep
                .updated_at
                .into_iter()
                .next()
                .ok_or_else(|| "updated_at missing in Todo".to_string())?,
            list_id: intermediate_rep
                .list_id
                .into_iter()
                .next()
                .ok_or_else(|| "list_id missing in Todo".to_string())?,
            parent_id: std::result::Result::Err(
                "Nullable types not supported in Todo".to_string(),
            )?,
            position: intermediate_rep
                .position
                .into_iter()
                .next()
                .ok_or_else(|| "position missing in Todo".to_string())?,
            subtask_count: intermediate_rep
                .subtask_count
                .into_iter()
                .next()
                .ok_or_else(|| "subtask_count missing in Todo".to_string())?,
            completed_subtask_count: intermediate_rep
                .completed_subtask_count
                .into_iter()
                .next()
                .ok_or_else(|| "completed_subtask_count missing in Todo".to_string())?,
            created_by: std::result::Result::Err(
                "Nullable types not supported in Todo".to_string(),
            )?,
            updated_by: std::result::Result::Err(
                "Nullable types not supported in Todo".to_string(),
            )?,
            completed_by: std::result::Result::Err(
                "Nullable types not supported in Todo".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<Todo> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<Todo>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<Todo>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for Todo - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<Todo> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => match <Todo as std::str::FromStr>::from_str(value) {
                std::result::Result::Ok(value) => {
                    std::result::Result::Ok(header::IntoHeaderValue(value))
                }
                std::result::Result::Err(err) => std::result::Result::Err(format!(
                    r#"Unable to convert header value '{value}' into Todo - {err}"#
                )),
            },
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// A new todo.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct TodoCreate {
    /// The id to give the todo, chosen by the client (for offline creates); the server picks one when absent.
    #[serde(rename = "id")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<uuid::Uuid>,

    /// 1 to 200 characters, not blank; surrounding spaces are trimmed.
    #[serde(rename = "title")]
    #[validate(
            length(min = 1, max = 200),
            regex(path = *RE_TODOCREATE_TITLE),
          custom(function = "check_xss_string"),
    )]
    pub title: String,

    /// Up to 10,000 characters.
    #[serde(rename = "notes")]
    #[validate(
            length(max = 10000),
            regex(path = *RE_TODOCREATE_NOTES),
    )]
    #[serde(deserialize_with = "deserialize_optional_nullable")]
    #[serde(default = "default_optional_nullable")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Nullable<String>>,

    /// When it is due (RFC 3339).
    #[serde(rename = "due_at")]
    #[serde(deserialize_with = "deserialize_optional_nullable")]
    #[serde(default = "default_optional_nullable")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<Nullable<chrono::DateTime<chrono::Utc>>>,

    /// How important it is; `normal` when absent.
    #[serde(rename = "priority")]
    #[validate(nested)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<models::Priority>,

    /// Up to 20 tags of 1 to 50 characters; duplicates (case-insensitive) count once.
    #[serde(rename = "tags")]
    #[validate(length(max = 20), custom(function = "check_xss_vec_string"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,

    /// The list to put it in (editor or owner role needed); the caller's default list when absent.
    #[serde(rename = "list_id")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_id: Option<uuid::Uuid>,

    /// Makes it a subtask of this top-level todo (in the same list; the list is the parent's when `list_id` is absent). At most 100 subtasks per todo.
    #[serde(rename = "parent_id")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<uuid::Uuid>,
}

lazy_static::lazy_static! {
    static ref RE_TODOCREATE_TITLE: regex::Regex = regex::Regex::new("^[^\\x00]*[^\\x00\\t-\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000][^\\x00]*$").unwrap();
}
lazy_static::lazy_static! {
    static ref RE_TODOCREATE_NOTES: regex::Regex = regex::Regex::new("^[^\\x00]*$").unwrap();
}

impl TodoCreate {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(title: String) -> TodoCreate {
        TodoCreate {
            id: None,
            title,
            notes: None,
            due_at: None,
            priority: None,
            tags: None,
            list_id: None,
            parent_id: None,
        }
    }
}

/// Converts the TodoCreate value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for TodoCreate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping id in query parameter serialization
            Some("title".to_string()),
            Some(self.title.to_string()),
            self.notes.as_ref().map(|notes| {
                [
                    "notes".to_string(),
                    notes.as_ref().map_or("null".to_string(), |x| x.to_string()),
                ]
                .join(",")
            }),
            // Skipping due_at in query parameter serialization

            // Skipping priority in query parameter serialization
            self.tags.as_ref().map(|tags| {
                [
                    "tags".to_string(),
                    tags.iter()
                        .map(|x| x.to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                ]
                .join(",")
            }),
            // Skipping list_id in query parameter serialization

            // Skipping parent_id in query parameter serialization
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a TodoCreate value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for TodoCreate {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub id: Vec<uuid::Uuid>,
            pub title: Vec<String>,
            pub notes: Vec<String>,
            pub due_at: Vec<chrono::DateTime<chrono::Utc>>,
            pub priority: Vec<models::Priority>,
            pub tags: Vec<Vec<String>>,
            pub list_id: Vec<uuid::Uuid>,
            pub parent_id: Vec<uuid::Uuid>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing TodoCreate".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "id" => intermediate_rep.id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "title" => intermediate_rep.title.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "notes" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in TodoCreate"
                                .to_string(),
                        );
                    }
                    "due_at" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in TodoCreate"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "priority" => intermediate_rep.priority.push(
                        <models::Priority as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    "tags" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in TodoCreate"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "list_id" => intermediate_rep.list_id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "parent_id" => intermediate_rep.parent_id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing TodoCreate".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(TodoCreate {
            id: intermediate_rep.id.into_iter().next(),
            title: intermediate_rep
                .title
                .into_iter()
                .next()
                .ok_or_else(|| "title missing in TodoCreate".to_string())?,
            notes: std::result::Result::Err(
                "Nullable types not supported in TodoCreate".to_string(),
            )?,
            due_at: std::result::Result::Err(
                "Nullable types not supported in TodoCreate".to_string(),
            )?,
            priority: intermediate_rep.priority.into_iter().next(),
            tags: intermediate_rep.tags.into_iter().next(),
            list_id: intermediate_rep.list_id.into_iter().next(),
            parent_id: intermediate_rep.parent_id.into_iter().next(),
        })
    }
}

// Methods for converting between header::IntoHeaderValue<TodoCreate> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<TodoCreate>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<TodoCreate>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for TodoCreate - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<TodoCreate> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <TodoCreate as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into TodoCreate - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// A list of todos, owned by one or more members.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct TodoList {
    /// The list's id.
    #[serde(rename = "id")]
    pub id: uuid::Uuid,

    /// The list's name.
    #[serde(rename = "name")]
    #[validate(custom(function = "check_xss_string"))]
    pub name: String,

    /// A colour as `#rrggbb`, or null.
    #[serde(rename = "color")]
    pub color: Nullable<String>,

    /// Whether this is the caller's default list (\"Inbox\"), which new todos go to when no list is given; it cannot be deleted or shared.
    #[serde(rename = "default")]
    pub default: bool,

    /// The caller's role in this list.
    #[serde(rename = "role")]
    #[validate(nested)]
    pub role: models::MemberRole,

    /// How many members the list has (1 when it is not shared).
    #[serde(rename = "member_count")]
    pub member_count: i64,

    /// The list's place in the caller's own order of their lists (an opaque key compared byte by byte; see `POST /lists/{listId}/move`).
    #[serde(rename = "position")]
    #[validate(custom(function = "check_xss_string"))]
    pub position: String,

    /// When it was created.
    #[serde(rename = "created_at")]
    pub created_at: chrono::DateTime<chrono::Utc>,

    /// When its name or colour last changed.
    #[serde(rename = "updated_at")]
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

impl TodoList {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        id: uuid::Uuid,
        name: String,
        color: Nullable<String>,
        default: bool,
        role: models::MemberRole,
        member_count: i64,
        position: String,
        created_at: chrono::DateTime<chrono::Utc>,
        updated_at: chrono::DateTime<chrono::Utc>,
    ) -> TodoList {
        TodoList {
            id,
            name,
            color,
            default,
            role,
            member_count,
            position,
            created_at,
            updated_at,
        }
    }
}

/// Converts the TodoList value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for TodoList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping id in query parameter serialization
            Some("name".to_string()),
            Some(self.name.to_string()),
            Some("color".to_string()),
            Some(
                self.color
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
            Some("default".to_string()),
            Some(self.default.to_string()),
            // Skipping role in query parameter serialization
            Some("member_count".to_string()),
            Some(self.member_count.to_string()),
            Some("position".to_string()),
            Some(self.position.to_string()),
            // Skipping created_at in query parameter serialization

            // Skipping updated_at in query parameter serialization
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a TodoList value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for TodoList {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub id: Vec<uuid::Uuid>,
            pub name: Vec<String>,
            pub color: Vec<String>,
            pub default: Vec<bool>,
            pub role: Vec<models::MemberRole>,
            pub member_count: Vec<i64>,
            pub position: Vec<String>,
            pub created_at: Vec<chrono::DateTime<chrono::Utc>>,
            pub updated_at: Vec<chrono::DateTime<chrono::Utc>>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing TodoList".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "id" => intermediate_rep.id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "name" => intermediate_rep.name.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "color" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in TodoList"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "default" => intermediate_rep.default.push(
                        <bool as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "role" => intermediate_rep.role.push(
                        <models::MemberRole as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "member_count" => intermediate_rep.member_count.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "position" => intermediate_rep.position.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "created_at" => intermediate_rep.created_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "updated_at" => intermediate_rep.updated_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing TodoList".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(TodoList {
            id: intermediate_rep
                .id
                .into_iter()
                .next()
                .ok_or_else(|| "id missing in TodoList".to_string())?,
            name: intermediate_rep
                .name
                .into_iter()
                .next()
                .ok_or_else(|| "name missing in TodoList".to_string())?,
            color: std::result::Result::Err(
                "Nullable types not supported in TodoList".to_string(),
            )?,
            default: intermediate_rep
                .default
                .into_iter()
                .next()
                .ok_or_else(|| "default missing in TodoList".to_string())?,
            role: intermediate_rep
                .role
                .into_iter()
                .next()
                .ok_or_else(|| "role missing in TodoList".to_string())?,
            member_count: intermediate_rep
                .member_count
                .into_iter()
                .next()
                .ok_or_else(|| "member_count missing in TodoList".to_string())?,
            position: intermediate_rep
                .position
                .into_iter()
                .next()
                .ok_or_else(|| "position missing in TodoList".to_string())?,
            created_at: intermediate_rep
                .created_at
                .into_iter()
                .next()
                .ok_or_else(|| "created_at missing in TodoList".to_string())?,
            updated_at: intermediate_rep
                .updated_at
                .into_iter()
                .next()
                .ok_or_else(|| "updated_at missing in TodoList".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<TodoList> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<TodoList>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<TodoList>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for TodoList - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<TodoList> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <TodoList as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into TodoList - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// Where to put a todo: exactly one of `after`, `before` or `to`. `parent_id` only goes with `to`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct TodoMove {
    /// Place it right after this sibling.
    #[serde(rename = "after")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub after: Option<uuid::Uuid>,

    /// Place it right before this sibling.
    #[serde(rename = "before")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before: Option<uuid::Uuid>,

    /// Place it first or last among its siblings.
    #[serde(rename = "to")]
    #[validate(nested)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<models::MoveEnd>,

    /// With `to`, the parent whose subtasks it joins (a top-level todo of the same list), or null for the top level.
    #[serde(rename = "parent_id")]
    #[serde(deserialize_with = "deserialize_optional_nullable")]
    #[serde(default = "default_optional_nullable")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<Nullable<uuid::Uuid>>,
}

impl TodoMove {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new() -> TodoMove {
        TodoMove {
            after: None,
            before: None,
            to: None,
            parent_id: None,
        }
    }
}

/// Converts the TodoMove value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for TodoMove {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping after in query parameter serialization

            // Skipping before in query parameter serialization

            // Skipping to in query parameter serialization

            // Skipping parent_id in query parameter serialization

        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a TodoMove value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for TodoMove {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub after: Vec<uuid::Uuid>,
            pub before: Vec<uuid::Uuid>,
            pub to: Vec<models::MoveEnd>,
            pub parent_id: Vec<uuid::Uuid>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing TodoMove".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "after" => intermediate_rep.after.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "before" => intermediate_rep.before.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "to" => intermediate_rep.to.push(
                        <models::MoveEnd as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    "parent_id" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in TodoMove"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing TodoMove".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(TodoMove {
            after: intermediate_rep.after.into_iter().next(),
            before: intermediate_rep.before.into_iter().next(),
            to: intermediate_rep.to.into_iter().next(),
            parent_id: std::result::Result::Err(
                "Nullable types not supported in TodoMove".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<TodoMove> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<TodoMove>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<TodoMove>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for TodoMove - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<TodoMove> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <TodoMove as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into TodoMove - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// One page of todos.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct TodoPage {
    /// The todos on this page, newest first.
    #[serde(rename = "items")]
    #[validate(nested)]
    pub items: Vec<models::Todo>,

    /// Cursor for the next page, or null on the last page.
    #[serde(rename = "next_cursor")]
    pub next_cursor: Nullable<String>,
}

impl TodoPage {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(items: Vec<models::Todo>, next_cursor: Nullable<String>) -> TodoPage {
        TodoPage { items, next_cursor }
    }
}

/// Converts the TodoPage value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for TodoPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping items in query parameter serialization
            Some("next_cursor".to_string()),
            Some(
                self.next_cursor
                    .as_ref()
                    .map_or("null".to_string(), |x| x.to_string()),
            ),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a TodoPage value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for TodoPage {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub items: Vec<Vec<models::Todo>>,
            pub next_cursor: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing TodoPage".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    "items" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in TodoPage"
                                .to_string(),
                        );
                    }
                    "next_cursor" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in TodoPage"
                                .to_string(),
                        );
                    }
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing TodoPage".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(TodoPage {
            items: intermediate_rep
                .items
                .into_iter()
                .next()
                .ok_or_else(|| "items missing in TodoPage".to_string())?,
            next_cursor: std::result::Result::Err(
                "Nullable types not supported in TodoPage".to_string(),
            )?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<TodoPage> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<TodoPage>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<TodoPage>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for TodoPage - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<TodoPage> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <TodoPage as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into TodoPage - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// A sort order for todos; `-` means descending.
/// Enumeration of values.
/// Since this enum's variants do not hold data, we can easily define them as `#[repr(C)]`
/// which helps with FFI.
#[allow(non_camel_case_types, clippy::large_enum_variant)]
#[repr(C)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "conversion", derive(frunk_enum_derive::LabelledGenericEnum))]
pub enum TodoSort {
    #[serde(rename = "created_at")]
    CreatedAtAsc,
    #[serde(rename = "-created_at")]
    CreatedAtDesc,
    #[serde(rename = "updated_at")]
    UpdatedAtAsc,
    #[serde(rename = "-updated_at")]
    UpdatedAtDesc,
    #[serde(rename = "due_at")]
    DueAtAsc,
    #[serde(rename = "-due_at")]
    DueAtDesc,
    #[serde(rename = "priority")]
    PriorityAsc,
    #[serde(rename = "-priority")]
    PriorityDesc,
    #[serde(rename = "title")]
    TitleAsc,
    #[serde(rename = "-title")]
    TitleDesc,
    #[serde(rename = "position")]
    PositionAsc,
    #[serde(rename = "-position")]
    PositionDesc,
}

impl validator::Validate for TodoSort {
    fn validate(&self) -> std::result::Result<(), validator::ValidationErrors> {
        std::result::Result::Ok(())
    }
}

impl std::fmt::Display for TodoSort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            TodoSort::CreatedAtAsc => write!(f, "created_at"),
            TodoSort::CreatedAtDesc => write!(f, "-created_at"),
            TodoSort::UpdatedAtAsc => write!(f, "updated_at"),
            TodoSort::UpdatedAtDesc => write!(f, "-updated_at"),
            TodoSort::DueAtAsc => write!(f, "due_at"),
            TodoSort::DueAtDesc => write!(f, "-due_at"),
            TodoSort::PriorityAsc => write!(f, "priority"),
            TodoSort::PriorityDesc => write!(f, "-priority"),
            TodoSort::TitleAsc => write!(f, "title"),
            TodoSort::TitleDesc => write!(f, "-title"),
            TodoSort::PositionAsc => write!(f, "position"),
            TodoSort::PositionDesc => write!(f, "-position"),
        }
    }
}

impl std::str::FromStr for TodoSort {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "created_at" => std::result::Result::Ok(TodoSort::CreatedAtAsc),
            "-created_at" => std::result::Result::Ok(TodoSort::CreatedAtDesc),
            "updated_at" => std::result::Result::Ok(TodoSort::UpdatedAtAsc),
            "-updated_at" => std::result::Result::Ok(TodoSort::UpdatedAtDesc),
            "due_at" => std::result::Result::Ok(TodoSort::DueAtAsc),
            "-due_at" => std::result::Result::Ok(TodoSort::DueAtDesc),
            "priority" => std::result::Result::Ok(TodoSort::PriorityAsc),
            "-priority" => std::result::Result::Ok(TodoSort::PriorityDesc),
            "title" => std::result::Result::Ok(TodoSort::TitleAsc),
            "-title" => std::result::Result::Ok(TodoSort::TitleDesc),
            "position" => std::result::Result::Ok(TodoSort::PositionAsc),
            "-position" => std::result::Result::Ok(TodoSort::PositionDesc),
            _ => std::result::Result::Err(format!(r#"Value not valid: {s}"#)),
        }
    }
}

/// A partial update; absent fields are left alone, `null` clears `notes` or `due_at`. `null` for a field that cannot be empty (`title`, `completed`, `priority`) is refused (422 naming the field).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct TodoUpdate {
    /// 1 to 200 characters, not blank.
    #[serde(rename = "title")]
    #[validate(
            length(min = 1, max = 200),
            regex(path = *RE_TODOUPDATE_TITLE),
          custom(function = "check_xss_string"),
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,

    /// Up to 10,000 characters; null clears.
    #[serde(rename = "notes")]
    #[validate(
            length(max = 10000),
            regex(path = *RE_TODOUPDATE_NOTES),
    )]
    #[serde(deserialize_with = "deserialize_optional_nullable")]
    #[serde(default = "default_optional_nullable")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<Nullable<String>>,

    /// Marks it done or open again.
    #[serde(rename = "completed")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completed: Option<bool>,

    /// When it is due; null clears.
    #[serde(rename = "due_at")]
    #[serde(deserialize_with = "deserialize_optional_nullable")]
    #[serde(default = "default_optional_nullable")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_at: Option<Nullable<chrono::DateTime<chrono::Utc>>>,

    /// How important it is.
    #[serde(rename = "priority")]
    #[validate(nested)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<models::Priority>,

    /// Replaces all tags: up to 20 of 1 to 50 characters; duplicates (case-insensitive) count once.
    #[serde(rename = "tags")]
    #[validate(length(max = 20), custom(function = "check_xss_vec_string"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,

    /// Moves it to another list (editor or owner in both), placed last; its subtasks move with it, and a subtask moved alone becomes top-level there.
    #[serde(rename = "list_id")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub list_id: Option<uuid::Uuid>,
}

lazy_static::lazy_static! {
    static ref RE_TODOUPDATE_TITLE: regex::Regex = regex::Regex::new("^[^\\x00]*[^\\x00\\t-\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000][^\\x00]*$").unwrap();
}
lazy_static::lazy_static! {
    static ref RE_TODOUPDATE_NOTES: regex::Regex = regex::Regex::new("^[^\\x00]*$").unwrap();
}

impl TodoUpdate {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new() -> TodoUpdate {
        TodoUpdate {
            title: None,
            notes: None,
            completed: None,
            due_at: None,
            priority: None,
            tags: None,
            list_id: None,
        }
    }
}

/// Converts the TodoUpdate value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for TodoUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            self.title
                .as_ref()
                .map(|title| ["title".to_string(), title.to_string()].join(",")),
            self.notes.as_ref().map(|notes| {
                [
                    "notes".to_string(),
                    notes.as_ref().map_or("null".to_string(), |x| x.to_string()),
                ]
                .join(",")
            }),
            self.completed
                .as_ref()
                .map(|completed| ["completed".to_string(), completed.to_string()].join(",")),
            // Skipping due_at in query parameter serialization

            // Skipping priority in query parameter serialization
            self.tags.as_ref().map(|tags| {
                [
                    "tags".to_string(),
                    tags.iter()
                        .map(|x| x.to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                ]
                .join(",")
            }),
            // Skipping list_id in query parameter serialization
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a TodoUpdate value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for TodoUpdate {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub title: Vec<String>,
            pub notes: Vec<String>,
            pub completed: Vec<bool>,
            pub due_at: Vec<chrono::DateTime<chrono::Utc>>,
            pub priority: Vec<models::Priority>,
            pub tags: Vec<Vec<String>>,
            pub list_id: Vec<uuid::Uuid>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing TodoUpdate".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "title" => intermediate_rep.title.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "notes" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in TodoUpdate"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "completed" => intermediate_rep.completed.push(
                        <bool as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    "due_at" => {
                        return std::result::Result::Err(
                            "Parsing a nullable type in this style is not supported in TodoUpdate"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "priority" => intermediate_rep.priority.push(
                        <models::Priority as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    "tags" => {
                        return std::result::Result::Err(
                            "Parsing a container in this style is not supported in TodoUpdate"
                                .to_string(),
                        );
                    }
                    #[allow(clippy::redundant_clone)]
                    "list_id" => intermediate_rep.list_id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing TodoUpdate".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(TodoUpdate {
            title: intermediate_rep.title.into_iter().next(),
            notes: std::result::Result::Err(
                "Nullable types not supported in TodoUpdate".to_string(),
            )?,
            completed: intermediate_rep.completed.into_iter().next(),
            due_at: std::result::Result::Err(
                "Nullable types not supported in TodoUpdate".to_string(),
            )?,
            priority: intermediate_rep.priority.into_iter().next(),
            tags: intermediate_rep.tags.into_iter().next(),
            list_id: intermediate_rep.list_id.into_iter().next(),
        })
    }
}

// Methods for converting between header::IntoHeaderValue<TodoUpdate> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<TodoUpdate>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<TodoUpdate>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for TodoUpdate - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<TodoUpdate> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <TodoUpdate as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into TodoUpdate - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// An RFC 6749 §5.2 error response.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct TokenError {
    /// What went wrong.
    #[serde(rename = "error")]
    #[validate(nested)]
    pub error: models::TokenErrorCode,

    /// Human-readable explanation.
    #[serde(rename = "error_description")]
    #[validate(custom(function = "check_xss_string"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
}

impl TokenError {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(error: models::TokenErrorCode) -> TokenError {
        TokenError {
            error,
            error_description: None,
        }
    }
}

/// Converts the TokenError value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for TokenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping error in query parameter serialization
            self.error_description.as_ref().map(|error_description| {
                [
                    "error_description".to_string(),
                    error_description.to_string(),
                ]
                .join(",")
            }),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a TokenError value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for TokenError {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub error: Vec<models::TokenErrorCode>,
            pub error_description: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing TokenError".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "error" => intermediate_rep.error.push(
                        <models::TokenErrorCode as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "error_description" => intermediate_rep.error_description.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing TokenError".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(TokenError {
            error: intermediate_rep
                .error
                .into_iter()
                .next()
                .ok_or_else(|| "error missing in TokenError".to_string())?,
            error_description: intermediate_rep.error_description.into_iter().next(),
        })
    }
}

// Methods for converting between header::IntoHeaderValue<TokenError> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<TokenError>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<TokenError>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for TokenError - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<TokenError> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <TokenError as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into TokenError - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// RFC 6749 §5.2 error code.
/// Enumeration of values.
/// Since this enum's variants do not hold data, we can easily define them as `#[repr(C)]`
/// which helps with FFI.
#[allow(non_camel_case_types, clippy::large_enum_variant)]
#[repr(C)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "conversion", derive(frunk_enum_derive::LabelledGenericEnum))]
pub enum TokenErrorCode {
    #[serde(rename = "invalid_request")]
    InvalidRequest,
    #[serde(rename = "invalid_grant")]
    InvalidGrant,
    #[serde(rename = "unsupported_grant_type")]
    UnsupportedGrantType,
    #[serde(rename = "server_error")]
    ServerError,
}

impl validator::Validate for TokenErrorCode {
    fn validate(&self) -> std::result::Result<(), validator::ValidationErrors> {
        std::result::Result::Ok(())
    }
}

impl std::fmt::Display for TokenErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            TokenErrorCode::InvalidRequest => write!(f, "invalid_request"),
            TokenErrorCode::InvalidGrant => write!(f, "invalid_grant"),
            TokenErrorCode::UnsupportedGrantType => write!(f, "unsupported_grant_type"),
            TokenErrorCode::ServerError => write!(f, "server_error"),
        }
    }
}

impl std::str::FromStr for TokenErrorCode {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "invalid_request" => std::result::Result::Ok(TokenErrorCode::InvalidRequest),
            "invalid_grant" => std::result::Result::Ok(TokenErrorCode::InvalidGrant),
            "unsupported_grant_type" => {
                std::result::Result::Ok(TokenErrorCode::UnsupportedGrantType)
            }
            "server_error" => std::result::Result::Ok(TokenErrorCode::ServerError),
            _ => std::result::Result::Err(format!(r#"Value not valid: {s}"#)),
        }
    }
}

/// OAuth2 token request (form-encoded). With `grant_type=password`, `username` and `password` are required; with `grant_type=refresh_token`, `refresh_token` is.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct TokenRequest {
    /// `password` or `refresh_token`.
    #[serde(rename = "grant_type")]
    #[validate(length(max = 64), custom(function = "check_xss_string"))]
    pub grant_type: String,

    /// The account's email.
    #[serde(rename = "username")]
    #[validate(length(max = 254), custom(function = "check_xss_string"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,

    /// The account's password.
    #[serde(rename = "password")]
    #[validate(length(max = 128), custom(function = "check_xss_string"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,

    /// A refresh token from an earlier token response.
    #[serde(rename = "refresh_token")]
    #[validate(length(max = 4096), custom(function = "check_xss_string"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,

    /// Ignored; accepted for client compatibility.
    #[serde(rename = "scope")]
    #[validate(length(max = 1000), custom(function = "check_xss_string"))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

impl TokenRequest {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(grant_type: String) -> TokenRequest {
        TokenRequest {
            grant_type,
            username: None,
            password: None,
            refresh_token: None,
            scope: None,
        }
    }
}

/// Converts the TokenRequest value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for TokenRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("grant_type".to_string()),
            Some(self.grant_type.to_string()),
            self.username
                .as_ref()
                .map(|username| ["username".to_string(), username.to_string()].join(",")),
            self.password
                .as_ref()
                .map(|password| ["password".to_string(), password.to_string()].join(",")),
            self.refresh_token.as_ref().map(|refresh_token| {
                ["refresh_token".to_string(), refresh_token.to_string()].join(",")
            }),
            self.scope
                .as_ref()
                .map(|scope| ["scope".to_string(), scope.to_string()].join(",")),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a TokenRequest value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for TokenRequest {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub grant_type: Vec<String>,
            pub username: Vec<String>,
            pub password: Vec<String>,
            pub refresh_token: Vec<String>,
            pub scope: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing TokenRequest".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "grant_type" => intermediate_rep.grant_type.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "username" => intermediate_rep.username.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "password" => intermediate_rep.password.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "refresh_token" => intermediate_rep.refresh_token.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "scope" => intermediate_rep.scope.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing TokenRequest".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(TokenRequest {
            grant_type: intermediate_rep
                .grant_type
                .into_iter()
                .next()
                .ok_or_else(|| "grant_type missing in TokenRequest".to_string())?,
            username: intermediate_rep.username.into_iter().next(),
            password: intermediate_rep.password.into_iter().next(),
            refresh_token: intermediate_rep.refresh_token.into_iter().next(),
            scope: intermediate_rep.scope.into_iter().next(),
        })
    }
}

// Methods for converting between header::IntoHeaderValue<TokenRequest> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<TokenRequest>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<TokenRequest>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for TokenRequest - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<TokenRequest> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <TokenRequest as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into TokenRequest - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// A successful token response (RFC 6749 §5.1).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct TokenResponse {
    /// A JWT to send as `Authorization: Bearer <token>`.
    #[serde(rename = "access_token")]
    #[validate(custom(function = "check_xss_string"))]
    pub access_token: String,

    /// How to send the access token; always `Bearer`.
    #[serde(rename = "token_type")]
    #[validate(nested)]
    pub token_type: models::TokenType,

    /// Seconds until the access token expires.
    #[serde(rename = "expires_in")]
    pub expires_in: i64,

    /// Opaque refresh token for `grant_type=refresh_token`; single use (each refresh returns a new one). Valid for 30 days after its last use, and never past the session's maximum lifetime.
    #[serde(rename = "refresh_token")]
    #[validate(custom(function = "check_xss_string"))]
    pub refresh_token: String,
}

impl TokenResponse {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        access_token: String,
        token_type: models::TokenType,
        expires_in: i64,
        refresh_token: String,
    ) -> TokenResponse {
        TokenResponse {
            access_token,
            token_type,
            expires_in,
            refresh_token,
        }
    }
}

/// Converts the TokenResponse value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            Some("access_token".to_string()),
            Some(self.access_token.to_string()),
            // Skipping token_type in query parameter serialization
            Some("expires_in".to_string()),
            Some(self.expires_in.to_string()),
            Some("refresh_token".to_string()),
            Some(self.refresh_token.to_string()),
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a TokenResponse value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for TokenResponse {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub access_token: Vec<String>,
            pub token_type: Vec<models::TokenType>,
            pub expires_in: Vec<i64>,
            pub refresh_token: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing TokenResponse".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "access_token" => intermediate_rep.access_token.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "token_type" => intermediate_rep.token_type.push(
                        <models::TokenType as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "expires_in" => intermediate_rep.expires_in.push(
                        <i64 as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "refresh_token" => intermediate_rep.refresh_token.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing TokenResponse".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(TokenResponse {
            access_token: intermediate_rep
                .access_token
                .into_iter()
                .next()
                .ok_or_else(|| "access_token missing in TokenResponse".to_string())?,
            token_type: intermediate_rep
                .token_type
                .into_iter()
                .next()
                .ok_or_else(|| "token_type missing in TokenResponse".to_string())?,
            expires_in: intermediate_rep
                .expires_in
                .into_iter()
                .next()
                .ok_or_else(|| "expires_in missing in TokenResponse".to_string())?,
            refresh_token: intermediate_rep
                .refresh_token
                .into_iter()
                .next()
                .ok_or_else(|| "refresh_token missing in TokenResponse".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<TokenResponse> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<TokenResponse>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<TokenResponse>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for TokenResponse - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<TokenResponse> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <TokenResponse as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into TokenResponse - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// The token type; always `Bearer`.
/// Enumeration of values.
/// Since this enum's variants do not hold data, we can easily define them as `#[repr(C)]`
/// which helps with FFI.
#[allow(non_camel_case_types, clippy::large_enum_variant)]
#[repr(C)]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "conversion", derive(frunk_enum_derive::LabelledGenericEnum))]
pub enum TokenType {
    #[serde(rename = "Bearer")]
    Bearer,
}

impl validator::Validate for TokenType {
    fn validate(&self) -> std::result::Result<(), validator::ValidationErrors> {
        std::result::Result::Ok(())
    }
}

impl std::fmt::Display for TokenType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match *self {
            TokenType::Bearer => write!(f, "Bearer"),
        }
    }
}

impl std::str::FromStr for TokenType {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "Bearer" => std::result::Result::Ok(TokenType::Bearer),
            _ => std::result::Result::Err(format!(r#"Value not valid: {s}"#)),
        }
    }
}

/// A user account.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct User {
    /// The account's id.
    #[serde(rename = "id")]
    pub id: uuid::Uuid,

    /// The email as registered.
    #[serde(rename = "email")]
    #[validate(custom(function = "check_xss_string"))]
    pub email: String,

    /// Shown name.
    #[serde(rename = "display_name")]
    #[validate(custom(function = "check_xss_string"))]
    pub display_name: String,

    /// What the account may do.
    #[serde(rename = "role")]
    #[validate(nested)]
    pub role: models::Role,

    /// When the account was created.
    #[serde(rename = "created_at")]
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl User {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new(
        id: uuid::Uuid,
        email: String,
        display_name: String,
        role: models::Role,
        created_at: chrono::DateTime<chrono::Utc>,
    ) -> User {
        User {
            id,
            email,
            display_name,
            role,
            created_at,
        }
    }
}

/// Converts the User value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for User {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> = vec![
            // Skipping id in query parameter serialization
            Some("email".to_string()),
            Some(self.email.to_string()),
            Some("display_name".to_string()),
            Some(self.display_name.to_string()),
            // Skipping role in query parameter serialization

            // Skipping created_at in query parameter serialization
        ];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a User value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for User {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub id: Vec<uuid::Uuid>,
            pub email: Vec<String>,
            pub display_name: Vec<String>,
            pub role: Vec<models::Role>,
            pub created_at: Vec<chrono::DateTime<chrono::Utc>>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing User".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "id" => intermediate_rep.id.push(
                        <uuid::Uuid as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "email" => intermediate_rep.email.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "display_name" => intermediate_rep.display_name.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "role" => intermediate_rep.role.push(
                        <models::Role as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    #[allow(clippy::redundant_clone)]
                    "created_at" => intermediate_rep.created_at.push(
                        <chrono::DateTime<chrono::Utc> as std::str::FromStr>::from_str(val)
                            .map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing User".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(User {
            id: intermediate_rep
                .id
                .into_iter()
                .next()
                .ok_or_else(|| "id missing in User".to_string())?,
            email: intermediate_rep
                .email
                .into_iter()
                .next()
                .ok_or_else(|| "email missing in User".to_string())?,
            display_name: intermediate_rep
                .display_name
                .into_iter()
                .next()
                .ok_or_else(|| "display_name missing in User".to_string())?,
            role: intermediate_rep
                .role
                .into_iter()
                .next()
                .ok_or_else(|| "role missing in User".to_string())?,
            created_at: intermediate_rep
                .created_at
                .into_iter()
                .next()
                .ok_or_else(|| "created_at missing in User".to_string())?,
        })
    }
}

// Methods for converting between header::IntoHeaderValue<User> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<User>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<User>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for User - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<User> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => match <User as std::str::FromStr>::from_str(value) {
                std::result::Result::Ok(value) => {
                    std::result::Result::Ok(header::IntoHeaderValue(value))
                }
                std::result::Result::Err(err) => std::result::Result::Err(format!(
                    r#"Unable to convert header value '{value}' into User - {err}"#
                )),
            },
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}

/// Changes to the caller's account; absent fields are left alone.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, validator::Validate)]
#[cfg_attr(feature = "conversion", derive(frunk::LabelledGeneric))]
pub struct UserUpdate {
    /// Shown name, 1 to 100 characters, not blank; surrounding spaces are trimmed.
    #[serde(rename = "display_name")]
    #[validate(
            length(min = 1, max = 100),
            regex(path = *RE_USERUPDATE_DISPLAY_NAME),
          custom(function = "check_xss_string"),
    )]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
}

lazy_static::lazy_static! {
    static ref RE_USERUPDATE_DISPLAY_NAME: regex::Regex = regex::Regex::new("^[^\\x00]*[^\\x00\\t-\\r \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000][^\\x00]*$").unwrap();
}

impl UserUpdate {
    #[allow(clippy::new_without_default, clippy::too_many_arguments)]
    pub fn new() -> UserUpdate {
        UserUpdate { display_name: None }
    }
}

/// Converts the UserUpdate value to the Query Parameters representation (style=form, explode=false)
/// specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde serializer
impl std::fmt::Display for UserUpdate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let params: Vec<Option<String>> =
            vec![self.display_name.as_ref().map(|display_name| {
                ["display_name".to_string(), display_name.to_string()].join(",")
            })];

        write!(
            f,
            "{}",
            params.into_iter().flatten().collect::<Vec<_>>().join(",")
        )
    }
}

/// Converts Query Parameters representation (style=form, explode=false) to a UserUpdate value
/// as specified in https://swagger.io/docs/specification/serialization/
/// Should be implemented in a serde deserializer
impl std::str::FromStr for UserUpdate {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        /// An intermediate representation of the struct to use for parsing.
        #[derive(Default)]
        #[allow(dead_code)]
        struct IntermediateRep {
            pub display_name: Vec<String>,
        }

        let mut intermediate_rep = IntermediateRep::default();

        // Parse into intermediate representation
        let mut string_iter = s.split(',');
        let mut key_result = string_iter.next();

        while key_result.is_some() {
            let val = match string_iter.next() {
                Some(x) => x,
                None => {
                    return std::result::Result::Err(
                        "Missing value while parsing UserUpdate".to_string(),
                    );
                }
            };

            if let Some(key) = key_result {
                #[allow(clippy::match_single_binding)]
                match key {
                    #[allow(clippy::redundant_clone)]
                    "display_name" => intermediate_rep.display_name.push(
                        <String as std::str::FromStr>::from_str(val).map_err(|x| x.to_string())?,
                    ),
                    _ => {
                        return std::result::Result::Err(
                            "Unexpected key while parsing UserUpdate".to_string(),
                        );
                    }
                }
            }

            // Get the next key
            key_result = string_iter.next();
        }

        // Use the intermediate representation to return the struct
        std::result::Result::Ok(UserUpdate {
            display_name: intermediate_rep.display_name.into_iter().next(),
        })
    }
}

// Methods for converting between header::IntoHeaderValue<UserUpdate> and HeaderValue

#[cfg(feature = "server")]
impl std::convert::TryFrom<header::IntoHeaderValue<UserUpdate>> for HeaderValue {
    type Error = String;

    fn try_from(
        hdr_value: header::IntoHeaderValue<UserUpdate>,
    ) -> std::result::Result<Self, Self::Error> {
        let hdr_value = hdr_value.to_string();
        match HeaderValue::from_str(&hdr_value) {
            std::result::Result::Ok(value) => std::result::Result::Ok(value),
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Invalid header value for UserUpdate - value: {hdr_value} is invalid {e}"#
            )),
        }
    }
}

#[cfg(feature = "server")]
impl std::convert::TryFrom<HeaderValue> for header::IntoHeaderValue<UserUpdate> {
    type Error = String;

    fn try_from(hdr_value: HeaderValue) -> std::result::Result<Self, Self::Error> {
        match hdr_value.to_str() {
            std::result::Result::Ok(value) => {
                match <UserUpdate as std::str::FromStr>::from_str(value) {
                    std::result::Result::Ok(value) => {
                        std::result::Result::Ok(header::IntoHeaderValue(value))
                    }
                    std::result::Result::Err(err) => std::result::Result::Err(format!(
                        r#"Unable to convert header value '{value}' into UserUpdate - {err}"#
                    )),
                }
            }
            std::result::Result::Err(e) => std::result::Result::Err(format!(
                r#"Unable to convert header: {hdr_value:?} to string: {e}"#
            )),
        }
    }
}
