//! Tooling only (`todo-api explain`, `todo-api seed`): query plans and bulk loading.

use super::{D, Store};
use crate::domain::{NewUser, SortKey, TodoFilter, TodoSort};
use crate::repo::RepoError;
use crate::repo::dialect::Dialect;
use uuid::Uuid;

#[async_trait::async_trait]
impl crate::repo::Tooling for Store {
    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner))]
    async fn explain_list_todos(
        &self,
        owner: Uuid,
        filter: &TodoFilter,
        sort: TodoSort,
        after: Option<SortKey>,
    ) -> Result<Vec<String>, RepoError> {
        let prefix = D::EXPLAIN;
        let candidates =
            super::todos::text_candidates(&self.pool, filter, self.search_candidate_cap).await?;
        let mut q = super::todos::list_query(
            prefix,
            owner,
            filter,
            sort,
            after,
            21,
            crate::domain::now(),
            candidates.as_deref(),
        );
        let rows = q.build().fetch_all(&self.pool).await?;
        use sqlx::Row as _;
        rows.iter()
            .map(|row| {
                let column = D::EXPLAIN_DETAIL_COLUMN;
                row.try_get::<String, _>(column).map_err(Into::into)
            })
            .collect()
    }

    #[tracing::instrument(level = "debug", skip_all, fields(users = users.len()))]
    async fn begin_seed(
        &self,
        users: &[NewUser],
    ) -> Result<Box<dyn crate::repo::SeedLoad>, RepoError> {
        Ok(Box::new(self.begin_seed_load(users).await?))
    }
}
