//! Tags: a user's tags with their counts.

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
        // Served by todo_tags_user_key_tag_idx (user_id, tag_key, tag), index only.
        let rows: Vec<(String, String, i64)> = sqlx::query_as(
            "SELECT MIN(tag), tag_key, CAST(COUNT(*) AS BIGINT) FROM todo_tags \
                     WHERE user_id = $1 AND ($2 IS NULL OR tag_key > $2) \
                     GROUP BY tag_key ORDER BY tag_key LIMIT $3",
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
