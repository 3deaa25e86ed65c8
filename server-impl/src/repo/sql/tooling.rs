//! Tooling only (`todo-api explain`, `todo-api seed`): query plans and bulk loading.

use super::{D, Store};
use crate::domain::{NewUser, SortKey, TodoFilter, TodoSort};
use crate::repo::RepoError;
use crate::repo::dialect::Dialect;
use uuid::Uuid;

/// The plan lines of an `EXPLAIN` statement.
async fn plan(
    pool: &sqlx::Pool<super::Db>,
    mut q: sqlx::QueryBuilder<super::Db>,
) -> Result<Vec<String>, RepoError> {
    use sqlx::Row as _;
    let rows = q.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            let column = D::EXPLAIN_DETAIL_COLUMN;
            row.try_get::<String, _>(column).map_err(Into::into)
        })
        .collect()
}

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
        let candidates = {
            let mut conn = self.pool.acquire().await?;
            super::todos::text_candidates(
                &mut conn,
                filter,
                self.search_candidate_cap,
                &self.text_stats,
            )
            .await?
        };
        let q = super::todos::list_query(
            prefix,
            owner,
            filter,
            sort,
            after,
            21,
            crate::domain::now(),
            candidates.as_deref(),
        );
        plan(&self.pool, q).await
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn text_estimates(
        &self,
        terms: &[&str],
    ) -> Result<Vec<(String, Option<i64>, i64)>, RepoError> {
        if !D::ESTIMATES_TEXT_IN_SERVER {
            return Ok(Vec::new());
        }
        let mut conn = self.pool.acquire().await?;
        let stats = super::todos::text_stats(&mut conn, &self.text_stats).await?;
        let mut estimates = Vec::with_capacity(terms.len());
        for term in terms {
            let Some(pattern) = D::text_candidates(term) else {
                continue;
            };
            let mut q = sqlx::QueryBuilder::<super::Db>::new("");
            D::push_count_text_candidates(&mut q, &pattern, 0);
            let planner: i64 = q.build_query_scalar().fetch_one(&mut *conn).await?;
            let server = stats.as_ref().map(|s| s.estimate_rows(term, &pattern));
            estimates.push(((*term).to_owned(), server, planner));
        }
        Ok(estimates)
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %me))]
    async fn explain_write_path(
        &self,
        me: Uuid,
        list: Uuid,
        todo: Uuid,
    ) -> Result<Vec<(&'static str, Vec<String>)>, RepoError> {
        use super::lists::{Touching, lock_member_order_query};
        use super::todos::{bound_query, lock_authors_query, lock_lists_query};
        let x = D::EXPLAIN;
        let mut statements = vec![
            (
                "lock the list a todo write changes (create, patch, move)",
                lock_lists_query(x, me, &[list]),
            ),
            (
                "the last key among a list's top-level todos (create, move to the end)",
                bound_query(x, "MAX", list, None, todo, None),
            ),
            (
                "the first key after a sibling (move after it)",
                bound_query(x, "MIN", list, None, todo, Some((">", todo))),
            ),
        ];
        if !D::LOCK_ROW.is_empty() {
            statements.extend([
                (
                    "lock the accounts a todo write touches (create, patch, move, batch)",
                    lock_authors_query(x, me, &[todo], &[list]),
                ),
                (
                    "lock the accounts of a list's members, if one is a member (moving a list)",
                    lock_member_order_query(x, me, Touching::List(list)),
                ),
                (
                    "lock the accounts of a list's members (accepting an invitation)",
                    lock_member_order_query(x, me, Touching::Joining(list)),
                ),
                (
                    "lock the accounts of the members of all one's lists (respacing one's order)",
                    lock_member_order_query(x, me, Touching::AllTheirLists),
                ),
            ]);
        }
        let mut plans = Vec::with_capacity(statements.len());
        for (label, q) in statements {
            plans.push((label, plan(&self.pool, q).await?));
        }
        Ok(plans)
    }

    #[tracing::instrument(level = "debug", skip_all, fields(users = users.len()))]
    async fn begin_seed(
        &self,
        users: &[NewUser],
    ) -> Result<Box<dyn crate::repo::SeedLoad>, RepoError> {
        Ok(Box::new(self.begin_seed_load(users).await?))
    }
}
