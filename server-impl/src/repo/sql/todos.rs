//! Todos: stored with their tags, listed by keyset pages, changed conditionally, in batches.

use super::{D, Db, Store};
use crate::domain::{
    BatchAction, BatchOutcome, Conditional, NewTodo, SortField, SortKey, SortValue, Todo,
    TodoChanges, TodoFilter, TodoSort,
};
use crate::repo::dialect::Dialect;
use crate::repo::rows;
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// The query of one page of todos (see `list_todos`), after `prefix` (e.g. `EXPLAIN `).
pub(super) fn list_query(
    prefix: &'static str,
    owner: Uuid,
    filter: &TodoFilter,
    sort: TodoSort,
    after: Option<SortKey>,
    limit: u32,
    now: DateTime<Utc>,
) -> sqlx::QueryBuilder<Db> {
    // Every sort has an index on (user_id, sort expression, id); the filters are
    // checked on the rows that index walk meets, and the keyset condition makes
    // a deep page start where the previous one ended.
    let expr = match sort.field {
        SortField::CreatedAt => "created_at",
        SortField::UpdatedAt => "updated_at",
        SortField::DueAt => const_format::concatcp!("COALESCE(due_at, ", D::NO_DUE, ")"),
        SortField::Priority => "priority",
        SortField::Title => "title",
    };
    let mut q = sqlx::QueryBuilder::<Db>::new(prefix);
    q.push("SELECT ");
    q.push(rows::TODO_COLUMNS)
        .push(" FROM todos WHERE user_id = ")
        .push_bind(owner);
    if let Some(completed) = filter.completed {
        q.push(" AND completed = ").push_bind(completed);
    }
    if let Some(priority) = filter.priority {
        q.push(" AND priority = ").push_bind(priority.to_db());
    }
    for key in &filter.tag_keys {
        q.push(
            " AND EXISTS (SELECT 1 FROM todo_tags tt WHERE tt.todo_id = todos.id AND \
                tt.tag_key = ",
        )
        .push_bind(key.clone())
        .push(")");
    }
    if let Some(t) = filter.due_before {
        q.push(" AND due_at < ").push_bind(DbTime(t));
    }
    if let Some(t) = filter.due_after {
        q.push(" AND due_at > ").push_bind(DbTime(t));
    }
    match filter.overdue {
        Some(true) => {
            q.push(" AND completed = FALSE AND due_at < ")
                .push_bind(DbTime(now));
        }
        Some(false) => {
            q.push(" AND NOT (completed = FALSE AND due_at IS NOT NULL AND due_at < ")
                .push_bind(DbTime(now))
                .push(")");
        }
        None => {}
    }
    if let Some(text) = &filter.text {
        D::push_text_search(&mut q, text);
    }
    let (cmp, dir) = if sort.descending {
        ("<", " DESC")
    } else {
        (">", " ASC")
    };
    if let Some(key) = after {
        q.push(" AND (")
            .push(expr)
            .push(", id) ")
            .push(cmp)
            .push(" (");
        match key.value {
            SortValue::Time(t) => {
                q.push_bind(DbTime(t));
            }
            SortValue::MaybeTime(t) => {
                q.push("COALESCE(")
                    .push_bind(t.map(DbTime))
                    .push(const_format::concatcp!(", ", D::NO_DUE, ")"));
            }
            SortValue::Priority(p) => {
                q.push_bind(p);
            }
            SortValue::Text(s) => {
                q.push_bind(s);
            }
        }
        q.push(", ").push_bind(key.id).push(")");
    }
    q.push(" ORDER BY ")
        .push(expr)
        .push(dir)
        .push(", id")
        .push(dir);
    // A literal, not a bound parameter: SQLite re-prepares a statement whose LIMIT
    // is bound on every execution (about 70 µs of CPU per page here). `limit` is a
    // validated u32 (at most 101), so the text stays small and safe.
    q.push(" LIMIT ").push(limit);
    q
}

/// Appends ` WHERE user_id = <owner> AND id IN (<ids>)`, all bound, never spliced.
fn push_owned_ids(q: &mut sqlx::QueryBuilder<Db>, owner: Uuid, ids: &[Uuid]) {
    q.push(" WHERE user_id = ")
        .push_bind(owner)
        .push(" AND id IN (");
    let mut list = q.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    q.push(")");
}

/// Inside a transaction: stores a new todo and its tags.
pub(super) async fn insert_todo_in(
    tx: &mut sqlx::Transaction<'_, Db>,
    owner: Uuid,
    todo: &NewTodo,
) -> Result<Todo, RepoError> {
    let sql = const_format::concatcp!(
        "INSERT INTO todos (id, user_id, title, notes, completed, completed_at, due_at, \
            priority, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, FALSE, NULL, $5, $6, $7, $7) RETURNING ",
        rows::TODO_COLUMNS
    );
    let row: rows::TodoRow = sqlx::query_as(sql)
        .bind(todo.id)
        .bind(owner)
        .bind(&todo.title)
        .bind(todo.notes.as_deref())
        .bind(todo.due_at.map(DbTime))
        .bind(todo.priority.to_db())
        .bind(DbTime(todo.created_at))
        .fetch_one(&mut **tx)
        .await?;
    super::todos::replace_tags(tx, owner, todo.id, &todo.tags).await?;
    let mut created: Todo = row.try_into()?;
    created.tags = todo.tags.clone();
    Ok(created)
}

/// Inside a transaction: makes `tags` the todo's tags.
async fn replace_tags(
    tx: &mut sqlx::Transaction<'_, Db>,
    owner: Uuid,
    todo_id: Uuid,
    tags: &[String],
) -> Result<(), RepoError> {
    sqlx::query("DELETE FROM todo_tags WHERE todo_id = $1")
        .bind(todo_id)
        .execute(&mut **tx)
        .await?;
    if tags.is_empty() {
        return Ok(());
    }
    let mut insert = sqlx::QueryBuilder::<Db>::new(
        "INSERT INTO todo_tags (todo_id, user_id, tag, tag_key) \
            ",
    );
    insert.push_values(tags, |mut row, tag| {
        row.push_bind(todo_id)
            .push_bind(owner)
            .push_bind(tag.clone())
            .push_bind(crate::domain::todo_query::tag_key(tag));
    });
    insert.build().execute(&mut **tx).await?;
    Ok(())
}

/// Fills in the tags of `todos` (rows already scoped to their owner) with one query.
async fn attach_tags<'c, E>(executor: E, todos: &mut [Todo]) -> Result<(), RepoError>
where
    E: sqlx::Executor<'c, Database = Db>,
{
    if todos.is_empty() {
        return Ok(());
    }
    let mut select =
        sqlx::QueryBuilder::<Db>::new("SELECT todo_id, tag FROM todo_tags WHERE todo_id IN (");
    let mut ids = select.separated(", ");
    for todo in todos.iter() {
        ids.push_bind(todo.id);
    }
    // No ORDER BY: it would tempt the planner into walking all of the user's tags
    // in key order; the primary key (todo_id, tag_key) serves the IN list, and the
    // few tags of each todo are ordered here.
    select.push(")");
    let rows: Vec<(Uuid, String)> = select.build_query_as().fetch_all(executor).await?;
    let mut by_todo: std::collections::HashMap<Uuid, Vec<String>> =
        std::collections::HashMap::new();
    for (todo_id, tag) in rows {
        by_todo.entry(todo_id).or_default().push(tag);
    }
    for todo in todos.iter_mut() {
        let mut tags = by_todo.remove(&todo.id).unwrap_or_default();
        tags.sort_by_key(|t| crate::domain::todo_query::tag_key(t));
        todo.tags = tags;
    }
    Ok(())
}

/// After a conditional write changed nothing: was the todo missing, or at another version?
pub(super) async fn missing_or_changed<T>(
    pool: &sqlx::Pool<Db>,
    owner: Uuid,
    id: Uuid,
) -> Result<Conditional<T>, RepoError> {
    let exists: Option<(i64,)> =
        sqlx::query_as("SELECT version FROM todos WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(owner)
            .fetch_optional(pool)
            .await?;
    Ok(match exists {
        Some(_) => Conditional::VersionMismatch,
        None => Conditional::NotFound,
    })
}

#[async_trait::async_trait]
impl crate::repo::TodoRepository for Store {
    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner))]
    async fn insert_todo(&self, owner: Uuid, todo: &NewTodo) -> Result<Todo, RepoError> {
        let mut tx = self.pool.begin_with(D::BEGIN_WRITE).await?;
        let created = super::todos::insert_todo_in(&mut tx, owner, todo).await?;
        tx.commit().await?;
        Ok(created)
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner, todo_id = %id))]
    async fn find_todo(&self, owner: Uuid, id: Uuid) -> Result<Option<Todo>, RepoError> {
        let sql = const_format::concatcp!(
            "SELECT ",
            rows::TODO_COLUMNS,
            " FROM todos WHERE id = $1 AND user_id = $2"
        );
        // One connection for the row and its tags, as in `list_todos`.
        let mut conn = self.pool.acquire().await?;
        let row: Option<rows::TodoRow> = sqlx::query_as(sql)
            .bind(id)
            .bind(owner)
            .fetch_optional(&mut *conn)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let mut todos = [Todo::try_from(row)?];
        super::todos::attach_tags(&mut *conn, &mut todos).await?;
        let [todo] = todos;
        Ok(Some(todo))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner, limit))]
    async fn list_todos(
        &self,
        owner: Uuid,
        filter: &TodoFilter,
        sort: TodoSort,
        after: Option<SortKey>,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<Todo>, RepoError> {
        let mut q = super::todos::list_query("", owner, filter, sort, after, limit, now);
        // One connection for both statements: each acquire costs pool bookkeeping and,
        // on PostgreSQL, a liveness round trip as costly as a small query.
        let mut conn = self.pool.acquire().await?;
        let rows: Vec<rows::TodoRow> = q.build_query_as().fetch_all(&mut *conn).await?;
        let mut todos = rows
            .into_iter()
            .map(TryInto::try_into)
            .collect::<Result<Vec<Todo>, _>>()?;
        super::todos::attach_tags(&mut *conn, &mut todos).await?;
        Ok(todos)
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner, todo_id = %id))]
    async fn update_todo(
        &self,
        owner: Uuid,
        id: Uuid,
        changes: &TodoChanges,
        expected_version: Option<i64>,
    ) -> Result<Conditional<Todo>, RepoError> {
        // One statement, so concurrent updates never interleave half-way; the version
        // condition makes exactly one of several updates expecting the same version win.
        // Every right-hand side sees the row as it was before this update.
        let sql = const_format::concatcp!(
            "UPDATE todos SET \
                       title = CASE WHEN $3 THEN $4 ELSE title END, \
                       notes = CASE WHEN $5 THEN $6 ELSE notes END, \
                       due_at = CASE WHEN $7 THEN $8 ELSE due_at END, \
                       priority = CASE WHEN $9 THEN $10 ELSE priority END, \
                       completed_at = CASE WHEN $11 THEN (CASE WHEN $12 THEN COALESCE(completed_at, $13) ELSE NULL END) ELSE completed_at END, \
                       completed = CASE WHEN $11 THEN $12 ELSE completed END, \
                       updated_at = $13, \
                       version = version + 1 \
                     WHERE id = $1 AND user_id = $2 AND ($14 IS NULL OR version = $14) RETURNING ",
            rows::TODO_COLUMNS
        );
        let mut tx = self.pool.begin_with(D::BEGIN_WRITE).await?;
        let row: Option<rows::TodoRow> = sqlx::query_as(sql)
            .bind(id)
            .bind(owner)
            .bind(changes.title.is_some())
            .bind(changes.title.as_deref())
            .bind(changes.notes.is_some())
            .bind(changes.notes.clone().flatten())
            .bind(changes.due_at.is_some())
            .bind(changes.due_at.flatten().map(DbTime))
            .bind(changes.priority.is_some())
            .bind(changes.priority.unwrap_or_default().to_db())
            .bind(changes.completed.is_some())
            .bind(changes.completed.unwrap_or(false))
            .bind(DbTime(changes.updated_at))
            .bind(expected_version)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(row) = row else {
            drop(tx);
            return super::todos::missing_or_changed(&self.pool, owner, id).await;
        };
        if let Some(tags) = &changes.tags {
            super::todos::replace_tags(&mut tx, owner, id, tags).await?;
        }
        let mut todos = [Todo::try_from(row)?];
        super::todos::attach_tags(&mut *tx, &mut todos).await?;
        tx.commit().await?;
        let [todo] = todos;
        Ok(Conditional::Done(todo))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner, action = ?action, count = ids.len()))]
    async fn batch_todos(
        &self,
        owner: Uuid,
        action: BatchAction,
        ids: &[Uuid],
        now: DateTime<Utc>,
    ) -> Result<BatchOutcome, RepoError> {
        let mut tx = self.pool.begin_with(D::BEGIN_WRITE).await?;
        // Lock the batch's rows first (PostgreSQL), so that the check holds until commit.
        let mut select = sqlx::QueryBuilder::<Db>::new("SELECT id FROM todos");
        super::todos::push_owned_ids(&mut select, owner, ids);
        select.push(D::FOR_UPDATE);
        let found: std::collections::HashSet<Uuid> = select
            .build_query_as::<(Uuid,)>()
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|(id,)| id)
            .collect();
        let missing: Vec<usize> = ids
            .iter()
            .enumerate()
            .filter(|(_, id)| !found.contains(id))
            .map(|(i, _)| i)
            .collect();
        if !missing.is_empty() {
            return Ok(BatchOutcome::Missing(missing));
        }
        let mut change = sqlx::QueryBuilder::<Db>::new("");
        match action {
            BatchAction::Complete => {
                change
                    .push("UPDATE todos SET completed = TRUE, completed_at = ")
                    .push_bind(DbTime(now));
            }
            BatchAction::Reopen => {
                change.push("UPDATE todos SET completed = FALSE, completed_at = NULL");
            }
            BatchAction::Delete => {
                change.push("DELETE FROM todos");
            }
        }
        if action != BatchAction::Delete {
            change
                .push(", updated_at = ")
                .push_bind(DbTime(now))
                .push(", version = version + 1");
        }
        super::todos::push_owned_ids(&mut change, owner, ids);
        // Only todos the action changes get a new version.
        match action {
            BatchAction::Complete => {
                change.push(" AND completed = FALSE");
            }
            BatchAction::Reopen => {
                change.push(" AND completed = TRUE");
            }
            BatchAction::Delete => {}
        }
        let affected = change.build().execute(&mut *tx).await?.rows_affected();
        let mut items = Vec::new();
        if action != BatchAction::Delete {
            let mut rows = sqlx::QueryBuilder::<Db>::new("SELECT ");
            rows.push(rows::TODO_COLUMNS).push(" FROM todos");
            super::todos::push_owned_ids(&mut rows, owner, ids);
            let mut by_id: std::collections::HashMap<Uuid, Todo> = std::collections::HashMap::new();
            for row in rows
                .build_query_as::<rows::TodoRow>()
                .fetch_all(&mut *tx)
                .await?
            {
                let todo: Todo = row.try_into()?;
                by_id.insert(todo.id, todo);
            }
            items = ids.iter().filter_map(|id| by_id.remove(id)).collect();
            super::todos::attach_tags(&mut *tx, &mut items).await?;
        }
        tx.commit().await?;
        Ok(BatchOutcome::Done { affected, items })
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner, todo_id = %id))]
    async fn delete_todo(
        &self,
        owner: Uuid,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<Conditional<()>, RepoError> {
        let done = sqlx::query(
            "DELETE FROM todos WHERE id = $1 AND user_id = $2 AND ($3 IS NULL OR version = \
                $3)",
        )
        .bind(id)
        .bind(owner)
        .bind(expected_version)
        .execute(&self.pool)
        .await?;
        if done.rows_affected() > 0 {
            Ok(Conditional::Done(()))
        } else {
            super::todos::missing_or_changed(&self.pool, owner, id).await
        }
    }
}
