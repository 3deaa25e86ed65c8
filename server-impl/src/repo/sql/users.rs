//! Accounts: credentials, profile, password changes and administration.

use super::{D, Db, Store};
use crate::domain::{
    AccountChange, AdminGuarded, AuditEvent, DisplayName, NewUser, PageKey, Role, User,
    UserCredentials, UserFilter,
};
use crate::repo::dialect::Dialect;
use crate::repo::rows;
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// Inside a write transaction: locks every active admin (in id order, so that
/// concurrent changes cannot deadlock) and then the account; returns the account
/// and the number of active admins, or `None` if the account does not exist.
async fn lock_account_and_admins(
    tx: &mut sqlx::Transaction<'_, Db>,
    id: Uuid,
) -> Result<Option<(User, usize)>, RepoError> {
    let admins: Vec<(Uuid,)> = sqlx::query_as(const_format::concatcp!(
        "SELECT id FROM users WHERE role = 'admin' AND disabled = FALSE ORDER BY id",
        D::FOR_UPDATE
    ))
    .fetch_all(&mut **tx)
    .await?;
    let target: Option<rows::UserRow> = sqlx::query_as(const_format::concatcp!(
        "SELECT ",
        rows::USER_COLUMNS,
        " FROM users WHERE id = $1",
        D::FOR_UPDATE
    ))
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    target
        .map(|row| Ok((User::try_from(row)?, admins.len())))
        .transpose()
}

#[async_trait::async_trait]
impl crate::repo::UserRepository for Store {
    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %user.id))]
    async fn insert_user(&self, user: &NewUser) -> Result<User, RepoError> {
        let mut writer = self.writer().await?;
        let sql = const_format::concatcp!(
            "INSERT INTO users (id, email, email_normalized, display_name, password_hash, \
                role, disabled, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7, $7) RETURNING ",
            rows::USER_COLUMNS
        );
        let query = sqlx::query_as(sql)
            .bind(user.id)
            .bind(user.email.as_str())
            .bind(user.email.normalized())
            .bind(user.display_name.as_str())
            .bind(&user.password_hash)
            .bind(user.role.as_str())
            .bind(DbTime(user.created_at));
        let row: rows::UserRow = super::store::written_row(writer.conn(), query)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        row.try_into()
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn find_credentials_by_email(
        &self,
        normalized_email: &str,
    ) -> Result<Option<UserCredentials>, RepoError> {
        let sql = const_format::concatcp!(
            "SELECT ",
            rows::USER_COLUMNS,
            ", password_hash, CAST(credentials_version AS BIGINT) AS credentials_version FROM \
                users WHERE email_normalized = $1"
        );
        let row: Option<rows::CredentialsRow> = sqlx::query_as(sql)
            .bind(normalized_email)
            .fetch_optional(&self.pool)
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %id))]
    async fn find_user(&self, id: Uuid) -> Result<Option<User>, RepoError> {
        let sql =
            const_format::concatcp!("SELECT ", rows::USER_COLUMNS, " FROM users WHERE id = $1");
        let row: Option<rows::UserRow> = sqlx::query_as(sql)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(TryInto::try_into).transpose()
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %id))]
    async fn update_display_name(
        &self,
        id: Uuid,
        name: &DisplayName,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, RepoError> {
        let mut writer = self.writer().await?;
        let sql = const_format::concatcp!(
            "UPDATE users SET display_name = $2, updated_at = $3 WHERE id = $1 RETURNING ",
            rows::USER_COLUMNS
        );
        let query = sqlx::query_as(sql)
            .bind(id)
            .bind(name.as_str())
            .bind(DbTime(now));
        let row: Option<rows::UserRow> = super::store::written_row(writer.conn(), query).await?;
        row.map(TryInto::try_into).transpose()
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %id))]
    async fn upgrade_password_hash(
        &self,
        id: Uuid,
        verified: &str,
        hash: &str,
    ) -> Result<(), RepoError> {
        let mut writer = self.writer().await?;
        sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1 AND password_hash = $3")
            .bind(id)
            .bind(hash)
            .bind(verified)
            .execute(writer.conn())
            .await?;
        Ok(())
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %id))]
    async fn change_password(
        &self,
        id: Uuid,
        hash: &str,
        now: DateTime<Utc>,
        keep: Option<Uuid>,
        event: &AuditEvent,
    ) -> Result<(), RepoError> {
        let now = DbTime(now);
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        sqlx::query(
            "UPDATE users SET password_hash = $2, updated_at = $3, \
                        credentials_version = credentials_version + 1 \
                     WHERE id = $1",
        )
        .bind(id)
        .bind(hash)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        super::sessions::revoke_user_sessions(&mut tx, id, now.0, keep).await?;
        // The caller's own session stays, under the new credentials.
        sqlx::query(
            "UPDATE sessions SET credentials_version = (SELECT credentials_version \
                        FROM users WHERE id = $1) \
                     WHERE id = $2 AND user_id = $1",
        )
        .bind(id)
        .bind(keep)
        .execute(&mut *tx)
        .await?;
        super::audit::record(&mut tx, event).await?;
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %id))]
    async fn update_account(
        &self,
        id: Uuid,
        change: AccountChange,
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<AdminGuarded<User>, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        let Some((target, admins)) = super::users::lock_account_and_admins(&mut tx, id).await?
        else {
            return Ok(AdminGuarded::NotFound);
        };
        let stays_active_admin = change.role.unwrap_or(target.role) == Role::Admin
            && !change.disabled.unwrap_or(target.disabled);
        if target.is_active_admin() && !stays_active_admin && admins <= 1 {
            return Ok(AdminGuarded::LastAdmin);
        }
        let sql = const_format::concatcp!(
            "UPDATE users SET role = COALESCE($2, role), disabled = COALESCE($3, disabled), \
                updated_at = $4 \
                     WHERE id = $1 RETURNING ",
            rows::USER_COLUMNS
        );
        let row: rows::UserRow = sqlx::query_as(sql)
            .bind(id)
            .bind(change.role.map(Role::as_str))
            .bind(change.disabled)
            .bind(DbTime(now))
            .fetch_one(&mut *tx)
            .await?;
        if change.disabled == Some(true) {
            super::sessions::revoke_user_sessions(&mut tx, id, now, None).await?;
        }
        let mut changed = serde_json::Map::new();
        if let Some(role) = change.role.filter(|r| *r != target.role) {
            changed.insert(
                "role".into(),
                serde_json::json!({"from": target.role.as_str(), "to": role.as_str()}),
            );
        }
        if let Some(disabled) = change.disabled.filter(|d| *d != target.disabled) {
            changed.insert(
                "disabled".into(),
                serde_json::json!({"from": target.disabled, "to": disabled}),
            );
        }
        let event = event
            .clone()
            .target("user", id)
            .details(serde_json::json!({ "changes": changed }));
        super::audit::record(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(AdminGuarded::Done(row.try_into()?))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %id))]
    async fn delete_user(
        &self,
        id: Uuid,
        event: &AuditEvent,
    ) -> Result<AdminGuarded<()>, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        // The lists it owns, locked first (in id order, before any account row: the order
        // of every other writer of memberships), so that a co-owner leaving or being demoted
        // meanwhile is serialised with the decision below which lists stay: without it, on
        // PostgreSQL both could commit (a list with no owner) or deadlock.
        sqlx::query(const_format::concatcp!(
            "SELECT id FROM lists WHERE id IN (SELECT m.list_id FROM list_members m \
                 WHERE m.user_id = $1 AND m.role = 'owner') ORDER BY id",
            D::FOR_UPDATE
        ))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let Some((target, admins)) = super::users::lock_account_and_admins(&mut tx, id).await?
        else {
            return Ok(AdminGuarded::NotFound);
        };
        if target.is_active_admin() && admins <= 1 {
            return Ok(AdminGuarded::LastAdmin);
        }
        // Its lists: those it is the only owner of go, with their todos (its Inbox among
        // them); in the others only its membership goes (with the account, below).
        sqlx::query(
            "DELETE FROM lists WHERE id IN (SELECT m.list_id FROM list_members m \
                 WHERE m.user_id = $1 AND m.role = 'owner' \
                   AND NOT EXISTS (SELECT 1 FROM list_members o WHERE o.list_id = m.list_id \
                                   AND o.role = 'owner' AND o.user_id <> $1))",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // Its todos in lists that stay, stay: todos.user_id would cascade them away with the
        // account, so they pass to the list's longest-standing other owner (created_by and
        // the like become NULL by their foreign keys).
        sqlx::query(
            "UPDATE todos SET user_id = (SELECT o.user_id FROM list_members o \
                 WHERE o.list_id = todos.list_id AND o.role = 'owner' AND o.user_id <> $1 \
                 ORDER BY o.created_at, o.user_id LIMIT 1) \
             WHERE user_id = $1 AND EXISTS (SELECT 1 FROM list_members o \
                 WHERE o.list_id = todos.list_id AND o.role = 'owner' AND o.user_id <> $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // Their tags follow (todo_tags.user_id copies the todo's, for GET /tags).
        sqlx::query(
            "UPDATE todo_tags SET user_id = (SELECT t.user_id FROM todos t \
                 WHERE t.id = todo_tags.todo_id) \
             WHERE user_id = $1 AND EXISTS (SELECT 1 FROM todos t \
                 WHERE t.id = todo_tags.todo_id AND t.user_id <> $1)",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
        // Sessions, refresh tokens, memberships, invitations it sent and any todo left go
        // with it (ON DELETE CASCADE).
        sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let event = event
            .clone()
            .target("user", id)
            .details(serde_json::json!({"email": target.email, "role": target.role.as_str()}));
        super::audit::record(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(AdminGuarded::Done(()))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(limit))]
    async fn list_users(
        &self,
        filter: &UserFilter,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<Vec<User>, RepoError> {
        const SQL: &str = const_format::concatcp!(
            "SELECT ",
            rows::USER_COLUMNS,
            " FROM users WHERE ($1 IS NULL OR email_normalized LIKE $1 ESCAPE '\\') \
                      AND ($2 IS NULL OR role = $2) AND ($3 IS NULL OR disabled = $3) \
                      AND ($4 IS NULL OR (created_at, id) < ($4, $5)) \
                     ORDER BY created_at DESC, id DESC LIMIT $6"
        );
        let pattern = filter.email_contains.as_deref().map(rows::contains_pattern);
        let rows: Vec<rows::UserRow> = sqlx::query_as(SQL)
            // Optional filters and keyset as `$n IS NULL OR`: planned for their values
            // (the trigram index for a rare pattern; the cursor bounds the walk).
            .persistent(D::CACHE_VALUE_PLANS)
            .bind(pattern)
            .bind(filter.role.map(Role::as_str))
            .bind(filter.disabled)
            .bind(after.map(|k| DbTime(k.created_at)))
            .bind(after.map(|k| k.id))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}
