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
        // The tags of every todo in every list the caller is a member of (ADR 0025): the
        // member's lists (list_members_user_position_idx), their todos (per-list indexes),
        // their tags (primary key), in one statement.
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT MIN(tt.tag), tt.tag_key, CAST(COUNT(*) AS BIGINT) FROM todo_tags tt \
                     JOIN todos t ON t.id = tt.todo_id \
                     WHERE t.list_id IN (SELECT m.list_id FROM list_members m WHERE m.user_id = $1) \
                     AND ($2 IS NULL OR tt.tag_key > $2) \
                     GROUP BY tt.tag_key ORDER BY tt.tag_key LIMIT $3",
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
