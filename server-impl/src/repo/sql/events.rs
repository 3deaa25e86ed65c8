//! What the event streams read besides the feed: which lists an account follows.

use super::Store;
use crate::repo::RepoError;
use uuid::Uuid;

#[async_trait::async_trait]
impl crate::repo::EventRepository for Store {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn member_list_ids(&self, user_id: Uuid) -> Result<Vec<Uuid>, RepoError> {
        Ok(
            sqlx::query_scalar("SELECT list_id FROM list_members WHERE user_id = $1")
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?,
        )
    }
}
