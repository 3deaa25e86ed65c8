//! Row shapes shared by both back ends, and their conversion into domain values.

use uuid::Uuid;

use super::{DbTags, DbTime, RepoError};
use crate::domain::{Priority, Role, Session, Todo, User, UserCredentials};

pub(super) const USER_COLUMNS: &str =
    "id, email, display_name, role, disabled, created_at, updated_at";
pub(super) const SESSION_COLUMNS: &str =
    "id, user_id, created_at, last_used_at, expires_at, user_agent, ip";
/// A todo's columns with its subtask counts (correlated subqueries on the parent index,
/// evaluated for the rows returned only; they refer to the row as `todos`). A todo read
/// adds its tags (`Dialect::tags_of`, the `tags` column of [`TodoRow`]).
pub(super) const TODO_COLUMNS: &str = "id, user_id, title, notes, completed, completed_at, due_at, priority, created_at, updated_at, version, list_id, parent_id, position, created_by, updated_by, completed_by, \
     (SELECT COUNT(*) FROM todos AS s WHERE s.parent_id = todos.id) AS subtask_count, \
     (SELECT COUNT(*) FROM todos AS s WHERE s.parent_id = todos.id AND s.completed = TRUE) AS completed_subtask_count";

#[derive(sqlx::FromRow)]
pub(super) struct UserRow {
    id: Uuid,
    email: String,
    display_name: String,
    role: String,
    disabled: bool,
    created_at: DbTime,
    updated_at: DbTime,
}

impl TryFrom<UserRow> for User {
    type Error = RepoError;

    fn try_from(row: UserRow) -> Result<Self, Self::Error> {
        Ok(User {
            id: row.id,
            role: Role::parse(&row.role)
                .ok_or_else(|| RepoError::Corrupt(format!("unknown role {:?}", row.role)))?,
            email: row.email,
            display_name: row.display_name,
            disabled: row.disabled,
            created_at: row.created_at.0,
            updated_at: row.updated_at.0,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct CredentialsRow {
    #[sqlx(flatten)]
    user: UserRow,
    password_hash: String,
    credentials_version: i64,
}

impl TryFrom<CredentialsRow> for UserCredentials {
    type Error = RepoError;

    fn try_from(row: CredentialsRow) -> Result<Self, Self::Error> {
        Ok(UserCredentials {
            user: row.user.try_into()?,
            password_hash: row.password_hash,
            credentials_version: row.credentials_version,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct TodoRow {
    id: Uuid,
    user_id: Uuid,
    title: String,
    notes: Option<String>,
    completed: bool,
    completed_at: Option<DbTime>,
    due_at: Option<DbTime>,
    priority: i16,
    created_at: DbTime,
    updated_at: DbTime,
    version: i64,
    list_id: Option<Uuid>,
    parent_id: Option<Uuid>,
    position: Option<String>,
    created_by: Option<Uuid>,
    updated_by: Option<Uuid>,
    completed_by: Option<Uuid>,
    #[sqlx(default)]
    subtask_count: i64,
    #[sqlx(default)]
    completed_subtask_count: i64,
    /// Present when the statement aggregates them (`Dialect::tags_of`, as every todo read
    /// does); a statement that selects no `tags` column leaves them empty.
    #[sqlx(default)]
    tags: DbTags,
}

impl TryFrom<TodoRow> for Todo {
    type Error = RepoError;

    fn try_from(row: TodoRow) -> Result<Self, Self::Error> {
        Ok(Todo {
            id: row.id,
            owner_id: row.user_id,
            title: row.title,
            notes: row.notes,
            completed: row.completed,
            completed_at: row.completed_at.map(|t| t.0),
            due_at: row.due_at.map(|t| t.0),
            priority: Priority::from_db(row.priority)
                .ok_or_else(|| RepoError::Corrupt(format!("unknown priority {}", row.priority)))?,
            created_at: row.created_at.0,
            updated_at: row.updated_at.0,
            version: row.version,
            tags: row.tags.0,
            // NULL only for a row the previous release inserted before the trigger ran.
            list_id: row.list_id.unwrap_or(row.user_id),
            parent_id: row.parent_id,
            position: row.position.unwrap_or_default(),
            subtask_count: row.subtask_count,
            completed_subtask_count: row.completed_subtask_count,
            created_by: row.created_by,
            updated_by: row.updated_by,
            completed_by: row.completed_by,
        })
    }
}

#[derive(sqlx::FromRow)]
pub(super) struct SessionRow {
    id: Uuid,
    user_id: Uuid,
    created_at: DbTime,
    last_used_at: DbTime,
    expires_at: DbTime,
    user_agent: Option<String>,
    ip: Option<String>,
}

impl From<SessionRow> for Session {
    fn from(row: SessionRow) -> Self {
        Session {
            id: row.id,
            user_id: row.user_id,
            created_at: row.created_at.0,
            last_used_at: row.last_used_at.0,
            expires_at: row.expires_at.0,
            user_agent: row.user_agent,
            ip: row.ip,
        }
    }
}

/// A session joined with its account, as the access-token check and refresh need it.
#[derive(sqlx::FromRow)]
pub(super) struct SessionStateRow {
    pub user_id: Uuid,
    role: String,
    disabled: bool,
    revoked_at: Option<DbTime>,
    expires_at: DbTime,
    pub absolute_expires_at: DbTime,
    session_credentials: i64,
    account_credentials: i64,
}

pub(super) const SESSION_STATE_SQL: &str = "SELECT s.user_id, u.role, u.disabled, s.revoked_at, s.expires_at, s.absolute_expires_at, \
     s.credentials_version AS session_credentials, u.credentials_version AS account_credentials \
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1";

impl SessionStateRow {
    pub fn role(&self) -> Result<Role, RepoError> {
        Role::parse(&self.role)
            .ok_or_else(|| RepoError::Corrupt(format!("unknown role {:?}", self.role)))
    }

    pub fn is_active(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        self.revoked_at.is_none()
            && !self.disabled
            && self.session_credentials == self.account_credentials
            && self.expires_at.0 > now
            && self.absolute_expires_at.0 > now
    }
}

/// A `LIKE` pattern matching `needle` anywhere (case-folded like stored emails), with
/// `\`, `%` and `_` escaped so that they match themselves.
pub(super) fn contains_pattern(needle: &str) -> String {
    like_contains(&crate::domain::Email::normalize(needle))
}

/// An `ILIKE` pattern matching `needle` anywhere, with `\\`, `%` and `_` escaped.
pub(super) fn like_contains(needle: &str) -> String {
    let mut pattern = String::from("%");
    for c in needle.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(super::contains_pattern("Ann_%"), "%ann\\_\\%%");
        assert_eq!(super::contains_pattern("a\\b"), "%a\\\\b%");
    }
}
