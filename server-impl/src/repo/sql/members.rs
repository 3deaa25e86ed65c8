//! A list's members: listed by any member; roles changed and members removed by owners
//! (a member may remove themselves: leave). Membership changes of one list are serialised
//! by the list's row lock (PostgreSQL) or the write lock (SQLite), taken in the same
//! statement that reads the caller's own membership.

use super::lists::parse_role;
use super::{D, Db, Store};
use crate::domain::{AuditEvent, ListConflict, ListOutcome, Member, MemberRole, PageKey};
use crate::repo::dialect::Dialect;
use crate::repo::{DbTime, RepoError};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(super) struct MemberRow {
    user_id: Uuid,
    email: String,
    display_name: String,
    role: String,
    created_at: DbTime,
}

impl TryFrom<MemberRow> for Member {
    type Error = RepoError;

    fn try_from(row: MemberRow) -> Result<Self, Self::Error> {
        Ok(Member {
            user_id: row.user_id,
            email: row.email,
            display_name: row.display_name,
            role: parse_role(&row.role)?,
            joined_at: row.created_at.0,
        })
    }
}

const MEMBER_SELECT: &str = "SELECT m.user_id, u.email, u.display_name, m.role, m.created_at \
     FROM list_members m JOIN users u ON u.id = m.user_id";

/// Inside a write transaction: locks the list's row and returns the caller's role in it, in
/// one statement; `None` when the list does not exist or the caller is no member.
pub(super) async fn lock_list_as_member(
    tx: &mut sqlx::Transaction<'_, Db>,
    me: Uuid,
    list_id: Uuid,
) -> Result<Option<MemberRole>, RepoError> {
    let role: Option<(String,)> = sqlx::query_as(const_format::concatcp!(
        "SELECT m.role FROM lists l JOIN list_members m ON m.list_id = l.id AND m.user_id = $2 \
         WHERE l.id = $1",
        D::FOR_UPDATE
    ))
    .bind(list_id)
    .bind(me)
    .fetch_optional(&mut **tx)
    .await?;
    role.map(|(r,)| parse_role(&r)).transpose()
}

/// A member's role, and the number of owners of the list.
async fn role_and_owners(
    tx: &mut sqlx::Transaction<'_, Db>,
    list_id: Uuid,
    user_id: Uuid,
) -> Result<Option<(MemberRole, i64)>, RepoError> {
    let row: Option<(String, i64)> = sqlx::query_as(
        "SELECT m.role, (SELECT COUNT(*) FROM list_members o \
                         WHERE o.list_id = m.list_id AND o.role = 'owner') \
         FROM list_members m WHERE m.list_id = $1 AND m.user_id = $2",
    )
    .bind(list_id)
    .bind(user_id)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|(role, owners)| Ok((parse_role(&role)?, owners)))
        .transpose()
}

/// Inside the transaction that holds the list's lock and ends `user_id`'s ownership (a
/// removal or a demotion): the invitations they made to the list lapse. An invitation is
/// an owner's act; left pending it would let a removed owner back in, at any role, through
/// another address of theirs. (Acceptance takes the list's lock first, so it sees them
/// gone.)
async fn lapse_invitations_by(
    tx: &mut sqlx::Transaction<'_, Db>,
    list_id: Uuid,
    user_id: Uuid,
) -> Result<(), RepoError> {
    sqlx::query("DELETE FROM list_invitations WHERE list_id = $1 AND invited_by = $2")
        .bind(list_id)
        .bind(user_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

async fn find_member<'c, E>(
    executor: E,
    list_id: Uuid,
    user_id: Uuid,
) -> Result<Option<Member>, RepoError>
where
    E: sqlx::Executor<'c, Database = Db>,
{
    let row: Option<MemberRow> = sqlx::query_as(const_format::concatcp!(
        MEMBER_SELECT,
        " WHERE m.list_id = $1 AND m.user_id = $2"
    ))
    .bind(list_id)
    .bind(user_id)
    .fetch_optional(executor)
    .await?;
    row.map(TryInto::try_into).transpose()
}

impl Store {
    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, list_id = %list_id))]
    pub(super) async fn members_page(
        &self,
        me: Uuid,
        list_id: Uuid,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<ListOutcome<Vec<Member>>, RepoError> {
        let sql = format!(
            "{MEMBER_SELECT} WHERE m.list_id = $1 \
               AND EXISTS (SELECT 1 FROM list_members me WHERE me.list_id = $1 \
                           AND me.user_id = $2) \
               AND ($3 IS NULL OR (m.created_at, m.user_id) > ($3, $4)) \
             ORDER BY m.created_at, m.user_id LIMIT {limit}"
        );
        let mut conn = self.pool.acquire().await?;
        let rows: Vec<MemberRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            // `$n IS NULL OR` keyset: planned for its values, so the cursor bounds the walk.
            .persistent(D::CACHE_VALUE_PLANS)
            .bind(list_id)
            .bind(me)
            .bind(after.map(|k| DbTime(k.created_at)))
            .bind(after.map(|k| k.id))
            .fetch_all(&mut *conn)
            .await?;
        if rows.is_empty() {
            // Nothing: past the last member, or no member at all (every list has one).
            let member: Option<(i64,)> =
                sqlx::query_as("SELECT 1 FROM list_members WHERE list_id = $1 AND user_id = $2")
                    .bind(list_id)
                    .bind(me)
                    .fetch_optional(&mut *conn)
                    .await?;
            if member.is_none() {
                return Ok(ListOutcome::NotFound);
            }
        }
        Ok(ListOutcome::Done(
            rows.into_iter()
                .map(TryInto::try_into)
                .collect::<Result<_, _>>()?,
        ))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, list_id = %list_id))]
    pub(super) async fn change_member_role(
        &self,
        me: Uuid,
        list_id: Uuid,
        user_id: Uuid,
        role: MemberRole,
        event: &AuditEvent,
    ) -> Result<ListOutcome<Member>, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        match lock_list_as_member(&mut tx, me, list_id).await? {
            None => return Ok(ListOutcome::NotFound),
            Some(MemberRole::Owner) => {}
            Some(_) => return Ok(ListOutcome::Forbidden),
        }
        let Some((current, owners)) = role_and_owners(&mut tx, list_id, user_id).await? else {
            return Ok(ListOutcome::NotFound);
        };
        if current == MemberRole::Owner && role != MemberRole::Owner && owners <= 1 {
            return Ok(ListOutcome::Conflict(ListConflict::LastOwner));
        }
        sqlx::query(
            "UPDATE list_members SET role = $3 WHERE list_id = $1 AND user_id = $2 \
               AND EXISTS (SELECT 1 FROM list_members o WHERE o.list_id = $1 \
                           AND o.user_id = $4 AND o.role = 'owner')",
        )
        .bind(list_id)
        .bind(user_id)
        .bind(role.as_str())
        .bind(me)
        .execute(&mut *tx)
        .await?;
        let Some(member) = find_member(&mut *tx, list_id, user_id).await? else {
            return Ok(ListOutcome::NotFound);
        };
        if role != MemberRole::Owner {
            lapse_invitations_by(&mut tx, list_id, user_id).await?;
        }
        if current != role {
            let event = event
                .clone()
                .target("list", list_id)
                .details(serde_json::json!({
                    "user_id": user_id,
                    "role": {"from": current.as_str(), "to": role.as_str()},
                }));
            super::audit::record(&mut tx, &event).await?;
        }
        tx.commit().await?;
        Ok(ListOutcome::Done(member))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me, list_id = %list_id))]
    pub(super) async fn delete_member(
        &self,
        me: Uuid,
        list_id: Uuid,
        user_id: Uuid,
        event: &AuditEvent,
    ) -> Result<ListOutcome<()>, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        match lock_list_as_member(&mut tx, me, list_id).await? {
            None => return Ok(ListOutcome::NotFound),
            Some(MemberRole::Owner) => {}
            Some(_) if user_id == me => {}
            Some(_) => return Ok(ListOutcome::Forbidden),
        }
        let Some((current, owners)) = role_and_owners(&mut tx, list_id, user_id).await? else {
            return Ok(ListOutcome::NotFound);
        };
        if current == MemberRole::Owner && owners <= 1 {
            return Ok(ListOutcome::Conflict(ListConflict::LastOwner));
        }
        // The caller's right in the statement: an owner, or the member themselves.
        let done = sqlx::query(
            "DELETE FROM list_members WHERE list_id = $1 AND user_id = $2 \
               AND EXISTS (SELECT 1 FROM list_members o WHERE o.list_id = $1 \
                           AND o.user_id = $3 AND (o.role = 'owner' OR o.user_id = $2))",
        )
        .bind(list_id)
        .bind(user_id)
        .bind(me)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(ListOutcome::NotFound);
        }
        lapse_invitations_by(&mut tx, list_id, user_id).await?;
        let event = event
            .clone()
            .target("list", list_id)
            .details(serde_json::json!({
                "user_id": user_id,
                "role": current.as_str(),
                "left": user_id == me,
            }));
        super::audit::record(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(ListOutcome::Done(()))
    }
}
