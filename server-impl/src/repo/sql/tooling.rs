//! Tooling only (`todo-api explain`, `todo-api seed`): query plans and bulk loading.

use super::{D, Db, Store};
use crate::domain::{NewUser, SortKey, Todo, TodoFilter, TodoSort};
use crate::repo::dialect::Dialect;
use crate::repo::{DbTime, RepoError};
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
        let mut q =
            super::todos::list_query(prefix, owner, filter, sort, after, 21, crate::domain::now());
        let rows = q.build().fetch_all(&self.pool).await?;
        use sqlx::Row as _;
        rows.iter()
            .map(|row| {
                let column = D::EXPLAIN_DETAIL_COLUMN;
                row.try_get::<String, _>(column).map_err(Into::into)
            })
            .collect()
    }

    #[tracing::instrument(level = "debug", skip_all, fields(users = users.len(), todos = todos.len()))]
    async fn insert_seed_batch(&self, users: &[NewUser], todos: &[Todo]) -> Result<(), RepoError> {
        let mut tx = self.pool.begin_with(D::BEGIN_WRITE).await?;
        if !users.is_empty() {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "INSERT INTO users (id, email, email_normalized, display_name, password_hash, \
                    role, disabled, created_at, updated_at) ",
            );
            q.push_values(users, |mut row, u| {
                row.push_bind(u.id)
                    .push_bind(u.email.as_str().to_owned())
                    .push_bind(u.email.normalized().to_owned())
                    .push_bind(u.display_name.as_str().to_owned())
                    .push_bind(u.password_hash.clone())
                    .push_bind(u.role.as_str())
                    .push_bind(false)
                    .push_bind(DbTime(u.created_at))
                    .push_bind(DbTime(u.created_at));
            });
            q.build().execute(&mut *tx).await?;
        }
        if !todos.is_empty() {
            let mut q = sqlx::QueryBuilder::<Db>::new(
                "INSERT INTO todos (id, user_id, title, notes, completed, completed_at, \
                    due_at, priority, created_at, updated_at, list_id, created_by, position) ",
            );
            q.push_values(todos, |mut row, t| {
                row.push_bind(t.id)
                    .push_bind(t.owner_id)
                    .push_bind(t.title.clone())
                    .push_bind(t.notes.clone())
                    .push_bind(t.completed)
                    .push_bind(t.completed_at.map(DbTime))
                    .push_bind(t.due_at.map(DbTime))
                    .push_bind(t.priority.to_db())
                    .push_bind(DbTime(t.created_at))
                    .push_bind(DbTime(t.updated_at))
                    .push_bind(t.list_id)
                    .push_bind(t.created_by)
                    .push_bind(t.position.clone());
            });
            q.build().execute(&mut *tx).await?;
            let tags: Vec<(Uuid, Uuid, &String)> = todos
                .iter()
                .flat_map(|t| t.tags.iter().map(move |tag| (t.id, t.owner_id, tag)))
                .collect();
            for chunk in tags.chunks(2000) {
                let mut q = sqlx::QueryBuilder::<Db>::new(
                    "INSERT INTO todo_tags (todo_id, user_id, tag, tag_key) ",
                );
                q.push_values(chunk, |mut row, (todo, owner, tag)| {
                    row.push_bind(*todo)
                        .push_bind(*owner)
                        .push_bind((*tag).clone())
                        .push_bind(crate::domain::todo_query::tag_key(tag));
                });
                q.build().execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }
}
