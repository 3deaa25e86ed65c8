//! Invitations to lists: made, listed and revoked by the list's owners; listed, accepted
//! and declined by the account whose email they are addressed to. The `SharingRepository`
//! (members in `members.rs`) is implemented here.

use super::lists::{Touching, find_in, lock_member_order, next_position, parse_role};
use super::members::lock_list_as_member;
use super::{D, Store};
use crate::domain::list::{
    MAX_LISTS_PER_ACCOUNT, MAX_MEMBERS_PER_LIST, MAX_PENDING_INVITATIONS_PER_LIST,
};
use crate::domain::{
    AuditEvent, Invitation, ListConflict, ListOutcome, Member, MemberRole, NewInvitation, PageKey,
    TodoList,
};
use crate::repo::dialect::Dialect;
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct InvitationRow {
    id: Uuid,
    list_id: Uuid,
    list_name: String,
    email: String,
    role: String,
    invited_by: Uuid,
    invited_by_name: String,
    created_at: DbTime,
    expires_at: DbTime,
}

impl TryFrom<InvitationRow> for Invitation {
    type Error = RepoError;

    fn try_from(row: InvitationRow) -> Result<Self, Self::Error> {
        Ok(Invitation {
            id: row.id,
            list_id: row.list_id,
            list_name: row.list_name,
            email: row.email,
            role: parse_role(&row.role)?,
            invited_by: row.invited_by,
            invited_by_name: row.invited_by_name,
            created_at: row.created_at.0,
            expires_at: row.expires_at.0,
        })
    }
}

const INVITATION_SELECT: &str = "SELECT i.id, i.list_id, l.name AS list_name, i.email, i.role, \
     i.invited_by, u.display_name AS invited_by_name, i.created_at, i.expires_at \
     FROM list_invitations i JOIN lists l ON l.id = i.list_id \
     JOIN users u ON u.id = i.invited_by";

fn rows_to<T, R: TryInto<T, Error = RepoError>>(rows: Vec<R>) -> Result<Vec<T>, RepoError> {
    rows.into_iter().map(TryInto::try_into).collect()
}

#[async_trait::async_trait]
impl crate::repo::SharingRepository for Store {
    async fn list_members(
        &self,
        me: Uuid,
        list_id: Uuid,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<ListOutcome<Vec<Member>>, RepoError> {
        self.members_page(me, list_id, after, limit).await
    }

    async fn update_member(
        &self,
        me: Uuid,
        list_id: Uuid,
        user_id: Uuid,
        role: MemberRole,
        event: &AuditEvent,
    ) -> Result<ListOutcome<Member>, RepoError> {
        self.change_member_role(me, list_id, user_id, role, event)
            .await
    }

    async fn remove_member(
        &self,
        me: Uuid,
        list_id: Uuid,
        user_id: Uuid,
        event: &AuditEvent,
    ) -> Result<ListOutcome<()>, RepoError> {
        self.delete_member(me, list_id, user_id, event).await
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, list_id = %list_id))]
    async fn create_invitation(
        &self,
        me: Uuid,
        list_id: Uuid,
        invitation: &NewInvitation,
    ) -> Result<ListOutcome<Invitation>, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        match lock_list_as_member(&mut tx, me, list_id).await? {
            None => return Ok(ListOutcome::NotFound),
            Some(MemberRole::Owner) => {}
            Some(_) => return Ok(ListOutcome::Forbidden),
        }
        let email = invitation.email.normalized();
        let (is_default, is_member, members, pending): (bool, bool, i64, i64) = sqlx::query_as(
            "SELECT l.is_default, \
                    EXISTS (SELECT 1 FROM list_members m JOIN users u ON u.id = m.user_id \
                            WHERE m.list_id = l.id AND u.email_normalized = $2), \
                    (SELECT COUNT(*) FROM list_members m WHERE m.list_id = l.id), \
                    (SELECT COUNT(*) FROM list_invitations i WHERE i.list_id = l.id \
                     AND i.expires_at > $3 AND i.email_normalized <> $2) \
             FROM lists l WHERE l.id = $1",
        )
        .bind(list_id)
        .bind(email)
        .bind(DbTime(invitation.created_at))
        .fetch_one(&mut *tx)
        .await?;
        let conflict = if is_default {
            Some(ListConflict::DefaultList)
        } else if is_member {
            Some(ListConflict::AlreadyMember)
        } else if members >= MAX_MEMBERS_PER_LIST {
            Some(ListConflict::TooManyMembers)
        } else if pending >= MAX_PENDING_INVITATIONS_PER_LIST {
            Some(ListConflict::TooManyInvitations)
        } else {
            None
        };
        if let Some(conflict) = conflict {
            return Ok(ListOutcome::Conflict(conflict));
        }
        // Inviting an address again replaces its invitation (a new id and expiry).
        sqlx::query("DELETE FROM list_invitations WHERE list_id = $1 AND email_normalized = $2")
            .bind(list_id)
            .bind(email)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query(
            "INSERT INTO list_invitations (id, list_id, email, email_normalized, role, \
                 invited_by, created_at, expires_at) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8 \
             WHERE EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = $2 \
                           AND m.user_id = $6 AND m.role = 'owner')",
        )
        .bind(invitation.id)
        .bind(list_id)
        .bind(invitation.email.as_str())
        .bind(email)
        .bind(invitation.role.as_str())
        .bind(me)
        .bind(DbTime(invitation.created_at))
        .bind(DbTime(invitation.expires_at))
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(ListOutcome::NotFound);
        }
        let row: InvitationRow = sqlx::query_as(const_format::concatcp!(
            INVITATION_SELECT,
            " WHERE i.id = $1"
        ))
        .bind(invitation.id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(ListOutcome::Done(row.try_into()?))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, list_id = %list_id))]
    async fn list_list_invitations(
        &self,
        me: Uuid,
        list_id: Uuid,
        now: DateTime<Utc>,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<ListOutcome<Vec<Invitation>>, RepoError> {
        let sql = format!(
            "{INVITATION_SELECT} WHERE i.list_id = $1 AND i.expires_at > $3 \
               AND EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = $1 \
                           AND m.user_id = $2 AND m.role = 'owner') \
               AND ($4 IS NULL OR (i.created_at, i.id) < ($4, $5)) \
             ORDER BY i.created_at DESC, i.id DESC LIMIT {limit}"
        );
        let mut conn = self.pool.acquire().await?;
        let rows: Vec<InvitationRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            // `$n IS NULL OR` keyset: planned for its values, so the cursor bounds the walk.
            .persistent(D::CACHE_VALUE_PLANS)
            .bind(list_id)
            .bind(me)
            .bind(DbTime(now))
            .bind(after.map(|k| DbTime(k.created_at)))
            .bind(after.map(|k| k.id))
            .fetch_all(&mut *conn)
            .await?;
        if rows.is_empty() {
            match find_in(&mut *conn, me, list_id).await? {
                None => return Ok(ListOutcome::NotFound),
                Some(list) if list.role != MemberRole::Owner => return Ok(ListOutcome::Forbidden),
                Some(_) => {}
            }
        }
        Ok(ListOutcome::Done(rows_to(rows)?))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, list_id = %list_id))]
    async fn revoke_invitation(
        &self,
        me: Uuid,
        list_id: Uuid,
        invitation_id: Uuid,
    ) -> Result<ListOutcome<()>, RepoError> {
        let mut writer = self.writer().await?;
        let done = sqlx::query(
            "DELETE FROM list_invitations WHERE id = $1 AND list_id = $2 \
               AND EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = $2 \
                           AND m.user_id = $3 AND m.role = 'owner')",
        )
        .bind(invitation_id)
        .bind(list_id)
        .bind(me)
        .execute(writer.conn())
        .await?;
        drop(writer);
        if done.rows_affected() > 0 {
            return Ok(ListOutcome::Done(()));
        }
        Ok(match find_in(&self.pool, me, list_id).await? {
            Some(list) if list.role != MemberRole::Owner => ListOutcome::Forbidden,
            _ => ListOutcome::NotFound,
        })
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me))]
    async fn list_invitations(
        &self,
        me: Uuid,
        now: DateTime<Utc>,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<Vec<Invitation>, RepoError> {
        let sql = format!(
            "{INVITATION_SELECT} JOIN users invitee ON invitee.id = $1 \
               AND invitee.email_normalized = i.email_normalized \
             WHERE i.expires_at > $2 \
               AND ($3 IS NULL OR (i.created_at, i.id) < ($3, $4)) \
             ORDER BY i.created_at DESC, i.id DESC LIMIT {limit}"
        );
        let rows: Vec<InvitationRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            // `$n IS NULL OR` keyset: planned for its values, so the cursor bounds the walk.
            .persistent(D::CACHE_VALUE_PLANS)
            .bind(me)
            .bind(DbTime(now))
            .bind(after.map(|k| DbTime(k.created_at)))
            .bind(after.map(|k| k.id))
            .fetch_all(&self.pool)
            .await?;
        rows_to(rows)
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, invitation_id = %invitation_id))]
    async fn accept_invitation(
        &self,
        me: Uuid,
        invitation_id: Uuid,
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<ListOutcome<TodoList>, RepoError> {
        let now = DbTime(now);
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        // The list's row first (serialising against its other membership changes), then
        // the caller's order: the same order as every other writer takes them.
        let list: Option<(uuid::Uuid,)> = sqlx::query_as(const_format::concatcp!(
            "SELECT l.id FROM lists l WHERE l.id = (SELECT i.list_id FROM list_invitations i \
                 JOIN users invitee ON invitee.id = $2 \
                  AND invitee.email_normalized = i.email_normalized \
                 WHERE i.id = $1 AND i.expires_at > $3)",
            D::FOR_UPDATE
        ))
        .bind(invitation_id)
        .bind(me)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((list_id,)) = list else {
            return Ok(ListOutcome::NotFound);
        };
        lock_member_order(&mut tx, me, Touching::Joining(list_id)).await?;
        let (count, position) = next_position(&mut tx, me).await?;
        let (members, is_member): (i64, bool) = sqlx::query_as(
            "SELECT COUNT(*), COALESCE(MAX(CASE WHEN user_id = $2 THEN 1 ELSE 0 END), 0) = 1 \
             FROM list_members WHERE list_id = $1",
        )
        .bind(list_id)
        .bind(me)
        .fetch_one(&mut *tx)
        .await?;
        if !is_member {
            if members >= MAX_MEMBERS_PER_LIST {
                return Ok(ListOutcome::Conflict(ListConflict::TooManyMembers));
            }
            if count >= MAX_LISTS_PER_ACCOUNT {
                return Ok(ListOutcome::Conflict(ListConflict::TooManyLists));
            }
            // The invitation (still pending, still the caller's) in the statement that
            // makes the member: a revocation that committed first leaves nothing to join.
            let joined = sqlx::query(
                "INSERT INTO list_members (list_id, user_id, role, position, created_at) \
                 SELECT i.list_id, $2, i.role, $3, $4 FROM list_invitations i \
                 JOIN users invitee ON invitee.id = $2 \
                  AND invitee.email_normalized = i.email_normalized \
                 WHERE i.id = $1 AND i.expires_at > $4",
            )
            .bind(invitation_id)
            .bind(me)
            .bind(&position)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if joined.rows_affected() == 0 {
                return Ok(ListOutcome::NotFound);
            }
        }
        let deleted = sqlx::query("DELETE FROM list_invitations WHERE id = $1")
            .bind(invitation_id)
            .execute(&mut *tx)
            .await?;
        if deleted.rows_affected() == 0 {
            return Ok(ListOutcome::NotFound);
        }
        let Some(list) = find_in(&mut *tx, me, list_id).await? else {
            return Ok(ListOutcome::NotFound);
        };
        let event = event
            .clone()
            .target("list", list_id)
            .details(serde_json::json!({
                "user_id": me,
                "role": list.role.as_str(),
                "invitation_id": invitation_id,
            }));
        super::audit::record(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(ListOutcome::Done(list))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, invitation_id = %invitation_id))]
    async fn decline_invitation(
        &self,
        me: Uuid,
        invitation_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<bool, RepoError> {
        let mut writer = self.writer().await?;
        let done = sqlx::query(
            "DELETE FROM list_invitations WHERE id = $1 AND expires_at > $3 \
               AND email_normalized = (SELECT email_normalized FROM users WHERE id = $2)",
        )
        .bind(invitation_id)
        .bind(me)
        .bind(DbTime(now))
        .execute(writer.conn())
        .await?;
        Ok(done.rows_affected() > 0)
    }
}
