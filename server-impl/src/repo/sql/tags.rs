//! Tags: the tags of a user's lists with their counts.

use super::Store;
use crate::domain::TagCount;
use crate::repo::RepoError;
use uuid::Uuid;

#[async_trait::async_trait]
impl crate::repo::TagRepository for Store {
    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner, limit))]
    async fn list_tags(
        &self,
        owner: Uuid,
        after: Option<String>,
        limit: u32,
    ) -> Result<Vec<TagCount>, RepoError> {
        // The tag counts of every list the caller is a member of (ADR 0025), kept per list
        // and spelling by triggers (ADR 0010): the member's lists
        // (list_members_user_position_idx), their rows (primary key), a few per list, in one
        // statement. The shown spelling is the lowest over the lists, as over the tag rows.
        // A `$2 IS NULL OR` keyset, yet prepared once (ADR 0016 plans such statements per
        // execution): the walk is a handful of rows per list whatever the cursor, and
        // PostgreSQL's generic plan is its custom plan.
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT MIN(c.tag), c.tag_key, CAST(SUM(c.n) AS BIGINT) FROM list_tag_counts c \
                     WHERE c.list_id IN (SELECT m.list_id FROM list_members m WHERE m.user_id = $1) \
                     AND ($2 IS NULL OR c.tag_key > $2) \
                     GROUP BY c.tag_key ORDER BY c.tag_key LIMIT $3",
        )
        .bind(owner)
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(tag, key, count)| TagCount { tag, key, count })
            .collect())
    }
}
