//! The one implementation of the repository traits, written once and expanded for each
//! sqlx back end (`sqlx::Sqlite`, `sqlx::Postgres`). The SQL is plain enough to mean the
//! same on both: `$n` placeholders, `RETURNING`, row-value comparison, `CASE`.
//! Only the schema (migrations/sqlite vs migrations/postgres) differs.

/// Implements `Store` and every repository trait for a store type with a `pool` field,
/// given its sqlx database type, migrations folder, back-end name, the statement that opens a write
/// transaction (SQLite: `BEGIN IMMEDIATE`, so that it takes the write lock up front) and
/// the row-locking suffix of a `SELECT` (PostgreSQL: ` FOR UPDATE`; SQLite needs none,
/// its write transaction already excludes other writers), and the value todos without a
/// due date sort as (the end of time, as the due-date index spells it).
macro_rules! sql_store {
    ($store:ty, $db:ty, $migrations:literal, $backend:literal, $begin_write:literal, $for_update:literal, $no_due:literal) => {
        impl $store {
            /// The query of one page of todos (see `list_todos`), after `prefix` (e.g. `EXPLAIN `).
            fn list_query(
                prefix: &'static str,
                owner: uuid::Uuid,
                filter: &$crate::domain::TodoFilter,
                sort: $crate::domain::TodoSort,
                after: Option<$crate::domain::SortKey>,
                limit: u32,
                now: chrono::DateTime<chrono::Utc>,
            ) -> sqlx::QueryBuilder<$db> {
                use $crate::domain::{SortField, SortValue};
                use $crate::repo::DbTime;
                // Every sort has an index on (user_id, sort expression, id); the filters are
                // checked on the rows that index walk meets, and the keyset condition makes
                // a deep page start where the previous one ended.
                let expr = match sort.field {
                    SortField::CreatedAt => "created_at",
                    SortField::UpdatedAt => "updated_at",
                    SortField::DueAt => concat!("COALESCE(due_at, ", $no_due, ")"),
                    SortField::Priority => "priority",
                    SortField::Title => "title",
                };
                let mut q = sqlx::QueryBuilder::<$db>::new(prefix);
                q.push("SELECT ");
                q.push($crate::repo::rows::TODO_COLUMNS).push(" FROM todos WHERE user_id = ").push_bind(owner);
                if let Some(completed) = filter.completed {
                    q.push(" AND completed = ").push_bind(completed);
                }
                if let Some(priority) = filter.priority {
                    q.push(" AND priority = ").push_bind(priority.to_db());
                }
                for key in &filter.tag_keys {
                    q.push(" AND EXISTS (SELECT 1 FROM todo_tags tt WHERE tt.todo_id = todos.id AND tt.tag_key = ")
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
                        q.push(" AND completed = FALSE AND due_at < ").push_bind(DbTime(now));
                    }
                    Some(false) => {
                        q.push(" AND NOT (completed = FALSE AND due_at IS NOT NULL AND due_at < ")
                            .push_bind(DbTime(now))
                            .push(")");
                    }
                    None => {}
                }
                if let Some(text) = &filter.text {
                    if $backend == "sqlite" {
                        // FTS5 trigram index: a quoted phrase matches as a substring, ignoring case.
                        q.push(" AND todos.rowid IN (SELECT rowid FROM todos_fts WHERE todos_fts MATCH ")
                            .push_bind(format!("\"{}\"", text.replace('"', "\"\"")))
                            .push(")");
                    } else {
                        // pg_trgm indexes serve ILIKE '%text%'.
                        let pattern = $crate::repo::rows::like_contains(text);
                        q.push(" AND (title ILIKE ")
                            .push_bind(pattern.clone())
                            .push(" OR notes ILIKE ")
                            .push_bind(pattern)
                            .push(")");
                    }
                }
                let (cmp, dir) = if sort.descending { ("<", " DESC") } else { (">", " ASC") };
                if let Some(key) = after {
                    q.push(" AND (").push(expr).push(", id) ").push(cmp).push(" (");
                    match key.value {
                        SortValue::Time(t) => {
                            q.push_bind(DbTime(t));
                        }
                        SortValue::MaybeTime(t) => {
                            q.push("COALESCE(").push_bind(t.map(DbTime)).push(concat!(", ", $no_due, ")"));
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
                q.push(" ORDER BY ").push(expr).push(dir).push(", id").push(dir);
                // A literal, not a bound parameter: SQLite re-prepares a statement whose LIMIT
                // is bound on every execution (about 70 µs of CPU per page here). `limit` is a
                // validated u32 (at most 101), so the text stays small and safe.
                q.push(" LIMIT ").push(limit);
                q
            }

            /// Appends ` WHERE user_id = <owner> AND id IN (<ids>)`, all bound, never spliced.
            fn push_owned_ids(q: &mut sqlx::QueryBuilder<$db>, owner: uuid::Uuid, ids: &[uuid::Uuid]) {
                q.push(" WHERE user_id = ").push_bind(owner).push(" AND id IN (");
                let mut list = q.separated(", ");
                for id in ids {
                    list.push_bind(*id);
                }
                q.push(")");
            }

            /// Inside a transaction: revokes every active session of `user`, but `keep`.
            async fn revoke_user_sessions(
                tx: &mut sqlx::Transaction<'_, $db>,
                user: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
                keep: Option<uuid::Uuid>,
            ) -> Result<(), $crate::repo::RepoError> {
                sqlx::query(
                    "UPDATE sessions SET revoked_at = $2 \
                     WHERE user_id = $1 AND revoked_at IS NULL AND ($3 IS NULL OR id <> $3)",
                )
                .bind(user)
                .bind($crate::repo::DbTime(now))
                .bind(keep)
                .execute(&mut **tx)
                .await?;
                Ok(())
            }

            /// Inside a transaction: stores a new todo and its tags.
            async fn insert_todo_in(
                tx: &mut sqlx::Transaction<'_, $db>,
                owner: uuid::Uuid,
                todo: &$crate::domain::NewTodo,
            ) -> Result<$crate::domain::Todo, $crate::repo::RepoError> {
                let sql = const_format::concatcp!(
                    "INSERT INTO todos (id, user_id, title, notes, completed, completed_at, due_at, priority, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, FALSE, NULL, $5, $6, $7, $7) RETURNING ",
                    $crate::repo::rows::TODO_COLUMNS
                );
                let row: $crate::repo::rows::TodoRow = sqlx::query_as(sql)
                    .bind(todo.id)
                    .bind(owner)
                    .bind(&todo.title)
                    .bind(todo.notes.as_deref())
                    .bind(todo.due_at.map($crate::repo::DbTime))
                    .bind(todo.priority.to_db())
                    .bind($crate::repo::DbTime(todo.created_at))
                    .fetch_one(&mut **tx)
                    .await?;
                Self::replace_tags(tx, owner, todo.id, &todo.tags).await?;
                let mut created: $crate::domain::Todo = row.try_into()?;
                created.tags = todo.tags.clone();
                Ok(created)
            }

            /// Inside a transaction: makes `tags` the todo's tags.
            async fn replace_tags(
                tx: &mut sqlx::Transaction<'_, $db>,
                owner: uuid::Uuid,
                todo_id: uuid::Uuid,
                tags: &[String],
            ) -> Result<(), $crate::repo::RepoError> {
                sqlx::query("DELETE FROM todo_tags WHERE todo_id = $1")
                    .bind(todo_id)
                    .execute(&mut **tx)
                    .await?;
                if tags.is_empty() {
                    return Ok(());
                }
                let mut insert = sqlx::QueryBuilder::<$db>::new("INSERT INTO todo_tags (todo_id, user_id, tag, tag_key) ");
                insert.push_values(tags, |mut row, tag| {
                    row.push_bind(todo_id)
                        .push_bind(owner)
                        .push_bind(tag.clone())
                        .push_bind($crate::domain::todo_query::tag_key(tag));
                });
                insert.build().execute(&mut **tx).await?;
                Ok(())
            }

            /// Fills in the tags of `todos` (rows already scoped to their owner) with one query.
            async fn attach_tags<'c, E>(
                executor: E,
                todos: &mut [$crate::domain::Todo],
            ) -> Result<(), $crate::repo::RepoError>
            where
                E: sqlx::Executor<'c, Database = $db>,
            {
                if todos.is_empty() {
                    return Ok(());
                }
                let mut select = sqlx::QueryBuilder::<$db>::new("SELECT todo_id, tag FROM todo_tags WHERE todo_id IN (");
                let mut ids = select.separated(", ");
                for todo in todos.iter() {
                    ids.push_bind(todo.id);
                }
                // No ORDER BY: it would tempt the planner into walking all of the user's tags
                // in key order; the primary key (todo_id, tag_key) serves the IN list, and the
                // few tags of each todo are ordered here.
                select.push(")");
                let rows: Vec<(uuid::Uuid, String)> = select.build_query_as().fetch_all(executor).await?;
                let mut by_todo: std::collections::HashMap<uuid::Uuid, Vec<String>> = std::collections::HashMap::new();
                for (todo_id, tag) in rows {
                    by_todo.entry(todo_id).or_default().push(tag);
                }
                for todo in todos.iter_mut() {
                    let mut tags = by_todo.remove(&todo.id).unwrap_or_default();
                    tags.sort_by_key(|t| $crate::domain::todo_query::tag_key(t));
                    todo.tags = tags;
                }
                Ok(())
            }

            /// After a conditional write changed nothing: was the todo missing, or at another version?
            async fn missing_or_changed<T>(
                &self,
                owner: uuid::Uuid,
                id: uuid::Uuid,
            ) -> Result<$crate::domain::Conditional<T>, $crate::repo::RepoError> {
                let exists: Option<(i64,)> = sqlx::query_as("SELECT version FROM todos WHERE id = $1 AND user_id = $2")
                    .bind(id)
                    .bind(owner)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(match exists {
                    Some(_) => $crate::domain::Conditional::VersionMismatch,
                    None => $crate::domain::Conditional::NotFound,
                })
            }

            /// Inside a write transaction: locks every active admin (in id order, so that
            /// concurrent changes cannot deadlock) and then the account; returns the account
            /// and the number of active admins, or `None` if the account does not exist.
            async fn lock_account_and_admins(
                tx: &mut sqlx::Transaction<'_, $db>,
                id: uuid::Uuid,
            ) -> Result<Option<($crate::domain::User, usize)>, $crate::repo::RepoError> {
                let admins: Vec<(uuid::Uuid,)> = sqlx::query_as(const_format::concatcp!(
                    "SELECT id FROM users WHERE role = 'admin' AND disabled = FALSE ORDER BY id",
                    $for_update
                ))
                .fetch_all(&mut **tx)
                .await?;
                let target: Option<$crate::repo::rows::UserRow> = sqlx::query_as(const_format::concatcp!(
                    "SELECT ",
                    $crate::repo::rows::USER_COLUMNS,
                    " FROM users WHERE id = $1",
                    $for_update
                ))
                .bind(id)
                .fetch_optional(&mut **tx)
                .await?;
                target
                    .map(|row| Ok((<$crate::domain::User>::try_from(row)?, admins.len())))
                    .transpose()
            }
        }

        #[async_trait::async_trait]
        impl $crate::repo::Store for $store {
            async fn ping(&self) -> Result<(), $crate::repo::RepoError> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn migrate(&self) -> anyhow::Result<()> {
                use anyhow::Context as _;
                sqlx::migrate!($migrations)
                    .run(&self.pool)
                    .await
                    .context(concat!($backend, " migration failed"))
            }

            async fn close(&self) {
                self.pool.close().await;
            }

            async fn explain_list_todos(
                &self,
                owner: uuid::Uuid,
                filter: &$crate::domain::TodoFilter,
                sort: $crate::domain::TodoSort,
                after: Option<$crate::domain::SortKey>,
            ) -> Result<Vec<String>, $crate::repo::RepoError> {
                let prefix = if $backend == "sqlite" { "EXPLAIN QUERY PLAN " } else { "EXPLAIN " };
                let mut q = Self::list_query(prefix, owner, filter, sort, after, 21, $crate::domain::now());
                let rows = q.build().fetch_all(&self.pool).await?;
                use sqlx::Row as _;
                rows.iter()
                    .map(|row| {
                        let column = if $backend == "sqlite" { 3 } else { 0 };
                        row.try_get::<String, _>(column).map_err(Into::into)
                    })
                    .collect()
            }

            async fn insert_seed_batch(
                &self,
                users: &[$crate::domain::NewUser],
                todos: &[$crate::domain::Todo],
            ) -> Result<(), $crate::repo::RepoError> {
                use $crate::repo::DbTime;
                let mut tx = self.pool.begin_with($begin_write).await?;
                if !users.is_empty() {
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO users (id, email, email_normalized, display_name, password_hash, role, disabled, created_at, updated_at) ",
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
                    let mut q = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO todos (id, user_id, title, notes, completed, completed_at, due_at, priority, created_at, updated_at) ",
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
                            .push_bind(DbTime(t.updated_at));
                    });
                    q.build().execute(&mut *tx).await?;
                    let tags: Vec<(uuid::Uuid, uuid::Uuid, &String)> =
                        todos.iter().flat_map(|t| t.tags.iter().map(move |tag| (t.id, t.owner_id, tag))).collect();
                    for chunk in tags.chunks(2000) {
                        let mut q = sqlx::QueryBuilder::<$db>::new("INSERT INTO todo_tags (todo_id, user_id, tag, tag_key) ");
                        q.push_values(chunk, |mut row, (todo, owner, tag)| {
                            row.push_bind(*todo)
                                .push_bind(*owner)
                                .push_bind((*tag).clone())
                                .push_bind($crate::domain::todo_query::tag_key(tag));
                        });
                        q.build().execute(&mut *tx).await?;
                    }
                }
                tx.commit().await?;
                Ok(())
            }

            async fn purge_expired(
                &self,
                before: chrono::DateTime<chrono::Utc>,
            ) -> Result<u64, $crate::repo::RepoError> {
                let before = $crate::repo::DbTime(before);
                let windows = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
                    .bind(before)
                    .execute(&self.pool)
                    .await?;
                let sessions = sqlx::query(
                    "DELETE FROM sessions WHERE absolute_expires_at < $1 OR expires_at < $1 OR revoked_at < $1",
                )
                .bind(before)
                .execute(&self.pool)
                .await?;
                let resets = sqlx::query("DELETE FROM password_resets WHERE expires_at < $1")
                    .bind(before)
                    .execute(&self.pool)
                    .await?;
                let keys = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
                    .bind(before)
                    .execute(&self.pool)
                    .await?;
                Ok(windows.rows_affected() + sessions.rows_affected() + resets.rows_affected() + keys.rows_affected())
            }

            fn backend(&self) -> &'static str {
                $backend
            }
        }



        #[async_trait::async_trait]
        impl $crate::repo::RateLimitRepository for $store {
            async fn hit(
                &self,
                bucket: &str,
                now: chrono::DateTime<chrono::Utc>,
                window: std::time::Duration,
            ) -> Result<(u32, chrono::DateTime<chrono::Utc>), $crate::repo::RepoError> {
                let window_began_after = now - chrono::TimeDelta::from_std(window).unwrap_or(chrono::TimeDelta::MAX);
                // One statement: concurrent hits (on any node) each get their own count.
                let (hits, start): (i64, $crate::repo::DbTime) = sqlx::query_as(
                    "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
                     ON CONFLICT (bucket) DO UPDATE SET \
                       hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END, \
                       window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END \
                     RETURNING CAST(hits AS BIGINT), window_start",
                )
                .bind(bucket)
                .bind($crate::repo::DbTime(now))
                .bind($crate::repo::DbTime(window_began_after))
                .fetch_one(&self.pool)
                .await?;
                Ok((u32::try_from(hits).unwrap_or(u32::MAX), start.0))
            }

            async fn peek(
                &self,
                bucket: &str,
                now: chrono::DateTime<chrono::Utc>,
                window: std::time::Duration,
            ) -> Result<Option<(u32, chrono::DateTime<chrono::Utc>)>, $crate::repo::RepoError> {
                let window_began_after = now - chrono::TimeDelta::from_std(window).unwrap_or(chrono::TimeDelta::MAX);
                let row: Option<(i64, $crate::repo::DbTime)> = sqlx::query_as(
                    "SELECT CAST(hits AS BIGINT), window_start FROM rate_limits WHERE bucket = $1 AND window_start > $2",
                )
                .bind(bucket)
                .bind($crate::repo::DbTime(window_began_after))
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(hits, start)| (u32::try_from(hits).unwrap_or(u32::MAX), start.0)))
            }

            async fn unhit(
                &self,
                bucket: &str,
                window_start: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::repo::RepoError> {
                sqlx::query(
                    "UPDATE rate_limits SET hits = hits - 1 WHERE bucket = $1 AND window_start = $2 AND hits > 0",
                )
                .bind(bucket)
                .bind($crate::repo::DbTime(window_start))
                .execute(&self.pool)
                .await?;
                Ok(())
            }
        }


        #[async_trait::async_trait]
        impl $crate::repo::PasswordResetRepository for $store {
            async fn create_reset(
                &self,
                token_hash: &[u8],
                user_id: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
                expires_at: chrono::DateTime<chrono::Utc>,
            ) -> Result<(), $crate::repo::RepoError> {
                sqlx::query(
                    "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at, credentials_version) \
                     SELECT $1, $2, $3, $4, credentials_version FROM users WHERE id = $2",
                )
                .bind(token_hash)
                .bind(user_id)
                .bind($crate::repo::DbTime(now))
                .bind($crate::repo::DbTime(expires_at))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn find_reset(
                &self,
                token_hash: &[u8],
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<uuid::Uuid>, $crate::repo::RepoError> {
                let row: Option<(uuid::Uuid,)> = sqlx::query_as(
                    "SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id \
                     WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 \
                       AND r.credentials_version = u.credentials_version",
                )
                .bind(token_hash)
                .bind($crate::repo::DbTime(now))
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(|(id,)| id))
            }

            async fn reset_password(
                &self,
                token_hash: &[u8],
                password_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<uuid::Uuid>, $crate::repo::RepoError> {
                let now = $crate::repo::DbTime(now);
                let mut tx = self.pool.begin_with($begin_write).await?;
                // Using the token is one conditional UPDATE: it works exactly once.
                let used: Option<(uuid::Uuid, i64)> = sqlx::query_as(
                    "UPDATE password_resets SET used_at = $2 \
                     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
                     RETURNING user_id, CAST(credentials_version AS BIGINT)",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((user_id, version)) = used else {
                    return Ok(None);
                };
                // Only while the password is the one the token was issued under (the row
                // lock makes a concurrent change wait, then this re-checks the version).
                let set = sqlx::query(
                    "UPDATE users SET password_hash = $2, updated_at = $3, credentials_version = credentials_version + 1 \
                     WHERE id = $1 AND credentials_version = $4",
                )
                .bind(user_id)
                .bind(password_hash)
                .bind(now)
                .bind(version)
                .execute(&mut *tx)
                .await?;
                if set.rows_affected() == 0 {
                    return Ok(None);
                }
                sqlx::query("UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL")
                    .bind(user_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                Self::revoke_user_sessions(&mut tx, user_id, now.0, None).await?;
                tx.commit().await?;
                Ok(Some(user_id))
            }
        }


        #[async_trait::async_trait]
        impl $crate::repo::IdempotencyRepository for $store {
            async fn claim_key(
                &self,
                owner: uuid::Uuid,
                key: &str,
                request_hash: &[u8],
                now: chrono::DateTime<chrono::Utc>,
                lock_timeout: std::time::Duration,
                ttl: std::time::Duration,
            ) -> Result<$crate::domain::Claim, $crate::repo::RepoError> {
                use $crate::domain::Claim;
                use $crate::repo::DbTime;
                let ago = |d: std::time::Duration| DbTime(now - chrono::TimeDelta::from_std(d).unwrap_or(chrono::TimeDelta::MAX));
                sqlx::query("DELETE FROM idempotency_keys WHERE user_id = $1 AND idempotency_key = $2 AND created_at <= $3")
                    .bind(owner)
                    .bind(key)
                    .bind(ago(ttl))
                    .execute(&self.pool)
                    .await?;
                let inserted = sqlx::query(
                    "INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, created_at, locked_at) \
                     VALUES ($1, $2, $3, $4, $4) ON CONFLICT (user_id, idempotency_key) DO NOTHING",
                )
                .bind(owner)
                .bind(key)
                .bind(request_hash)
                .bind(DbTime(now))
                .execute(&self.pool)
                .await?;
                if inserted.rows_affected() == 1 {
                    return Ok(Claim::Owned { locked_at: now });
                }
                let row: Option<(Vec<u8>, Option<i64>, Option<String>, Option<uuid::Uuid>, DbTime)> = sqlx::query_as(
                    "SELECT request_hash, CAST(response_status AS BIGINT), response_body, resource_id, locked_at \
                     FROM idempotency_keys WHERE user_id = $1 AND idempotency_key = $2",
                )
                .bind(owner)
                .bind(key)
                .fetch_optional(&self.pool)
                .await?;
                let Some((hash, status, body, resource_id, locked_at)) = row else {
                    // Deleted between the two statements (expired); the client may retry.
                    return Ok(Claim::InProgress);
                };
                if hash != request_hash {
                    return Ok(Claim::Mismatch);
                }
                match (status, body, resource_id) {
                    (Some(_), Some(body), Some(resource_id)) => Ok(Claim::Replay { body, resource_id }),
                    _ if locked_at <= ago(lock_timeout) => {
                        // Take over from a request that died, unless another retry just did.
                        let taken = sqlx::query(
                            "UPDATE idempotency_keys SET locked_at = $3 \
                             WHERE user_id = $1 AND idempotency_key = $2 AND locked_at = $4 AND response_status IS NULL",
                        )
                        .bind(owner)
                        .bind(key)
                        .bind(DbTime(now))
                        .bind(locked_at)
                        .execute(&self.pool)
                        .await?;
                        Ok(if taken.rows_affected() == 1 { Claim::Owned { locked_at: now } } else { Claim::InProgress })
                    }
                    _ => Ok(Claim::InProgress),
                }
            }

            async fn insert_todo_for_key(
                &self,
                owner: uuid::Uuid,
                todo: &$crate::domain::NewTodo,
                key: &str,
                locked_at: chrono::DateTime<chrono::Utc>,
                response_body: &str,
            ) -> Result<$crate::domain::Todo, $crate::repo::RepoError> {
                let mut tx = self.pool.begin_with($begin_write).await?;
                // Record first: if a retry took the key over meanwhile, store nothing.
                let recorded = sqlx::query(
                    "UPDATE idempotency_keys SET response_status = 201, response_body = $3, resource_id = $4 \
                     WHERE user_id = $1 AND idempotency_key = $2 AND response_status IS NULL AND locked_at = $5",
                )
                .bind(owner)
                .bind(key)
                .bind(response_body)
                .bind(todo.id)
                .bind($crate::repo::DbTime(locked_at))
                .execute(&mut *tx)
                .await?;
                if recorded.rows_affected() != 1 {
                    return Err($crate::repo::RepoError::Conflict);
                }
                let created = Self::insert_todo_in(&mut tx, owner, todo).await?;
                tx.commit().await?;
                Ok(created)
            }

            async fn release_key(&self, owner: uuid::Uuid, key: &str) -> Result<(), $crate::repo::RepoError> {
                sqlx::query(
                    "DELETE FROM idempotency_keys WHERE user_id = $1 AND idempotency_key = $2 AND response_status IS NULL",
                )
                .bind(owner)
                .bind(key)
                .execute(&self.pool)
                .await?;
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::repo::SessionRepository for $store {
            async fn create_session(
                &self,
                session: &$crate::domain::NewSession,
            ) -> Result<(), $crate::repo::RepoError> {
                let mut tx = self.pool.begin_with($begin_write).await?;
                sqlx::query(
                    "INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, absolute_expires_at, user_agent, ip, credentials_version) \
                     VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8)",
                )
                .bind(session.id)
                .bind(session.user_id)
                .bind($crate::repo::DbTime(session.created_at))
                .bind($crate::repo::DbTime(session.expires_at))
                .bind($crate::repo::DbTime(session.absolute_expires_at))
                .bind(session.user_agent.as_deref())
                .bind(session.ip.as_deref())
                .bind(session.credentials_version)
                .execute(&mut *tx)
                .await?;
                sqlx::query("INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)")
                    .bind(&session.refresh_hash)
                    .bind(session.id)
                    .bind($crate::repo::DbTime(session.created_at))
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn rotate_refresh_token(
                &self,
                old_hash: &[u8],
                new_hash: &[u8],
                now: chrono::DateTime<chrono::Utc>,
                ttl: chrono::TimeDelta,
                reuse_interval: chrono::TimeDelta,
            ) -> Result<$crate::domain::Rotation, $crate::repo::RepoError> {
                use $crate::domain::Rotation;
                let now_db = $crate::repo::DbTime(now);
                let mut tx = self.pool.begin_with($begin_write).await?;
                // Claiming the token is one conditional UPDATE: of two concurrent uses,
                // exactly one sees it unused.
                let claimed: Option<(uuid::Uuid,)> = sqlx::query_as(
                    "UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL RETURNING session_id",
                )
                .bind(old_hash)
                .bind(now_db)
                .fetch_optional(&mut *tx)
                .await?;
                let Some((session_id,)) = claimed else {
                    let used: Option<(uuid::Uuid, Option<$crate::repo::DbTime>)> =
                        sqlx::query_as("SELECT session_id, used_at FROM refresh_tokens WHERE token_hash = $1")
                            .bind(old_hash)
                            .fetch_optional(&mut *tx)
                            .await?;
                    let Some((session_id, used_at)) = used else {
                        return Ok(Rotation::Invalid);
                    };
                    // A retry within the reuse interval, while the successor is unused:
                    // the same rotation again, nothing changes.
                    if let Some(used_at) = used_at.filter(|u| {
                        reuse_interval > chrono::TimeDelta::zero() && u.0 > now - reuse_interval
                    }) {
                        let successor: Option<(Option<$crate::repo::DbTime>,)> = sqlx::query_as(
                            "SELECT used_at FROM refresh_tokens WHERE token_hash = $1 AND session_id = $2",
                        )
                        .bind(new_hash)
                        .bind(session_id)
                        .fetch_optional(&mut *tx)
                        .await?;
                        if let Some((None,)) = successor {
                            let state: $crate::repo::rows::SessionStateRow =
                                sqlx::query_as($crate::repo::rows::SESSION_STATE_SQL)
                                    .bind(session_id)
                                    .fetch_one(&mut *tx)
                                    .await?;
                            if !state.is_active(now) {
                                return Ok(Rotation::Invalid);
                            }
                            return Ok(Rotation::Rotated {
                                session_id,
                                user_id: state.user_id,
                                role: state.role()?,
                                rotated_at: used_at.0,
                            });
                        }
                    }
                    sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
                        .bind(session_id)
                        .bind(now_db)
                        .execute(&mut *tx)
                        .await?;
                    tx.commit().await?;
                    return Ok(Rotation::Reused { session_id });
                };
                let state: $crate::repo::rows::SessionStateRow = sqlx::query_as($crate::repo::rows::SESSION_STATE_SQL)
                    .bind(session_id)
                    .fetch_one(&mut *tx)
                    .await?;
                if !state.is_active(now) {
                    return Ok(Rotation::Invalid);
                }
                let role = state.role()?;
                let expires_at = $crate::domain::session::sliding_expiry(now, ttl, state.absolute_expires_at.0);
                sqlx::query("INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)")
                    .bind(new_hash)
                    .bind(session_id)
                    .bind(now_db)
                    .execute(&mut *tx)
                    .await?;
                sqlx::query("UPDATE sessions SET last_used_at = $2, expires_at = $3 WHERE id = $1")
                    .bind(session_id)
                    .bind(now_db)
                    .bind($crate::repo::DbTime(expires_at))
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(Rotation::Rotated {
                    session_id,
                    user_id: state.user_id,
                    role,
                    rotated_at: now,
                })
            }

            async fn find_session_by_refresh_hash(
                &self,
                hash: &[u8],
            ) -> Result<Option<uuid::Uuid>, $crate::repo::RepoError> {
                let row: Option<(uuid::Uuid,)> =
                    sqlx::query_as("SELECT session_id FROM refresh_tokens WHERE token_hash = $1")
                        .bind(hash)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(|(id,)| id))
            }

            async fn session_state(
                &self,
                session_id: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<$crate::domain::SessionState>, $crate::repo::RepoError> {
                let row: Option<$crate::repo::rows::SessionStateRow> =
                    sqlx::query_as($crate::repo::rows::SESSION_STATE_SQL)
                        .bind(session_id)
                        .fetch_optional(&self.pool)
                        .await?;
                row.map(|r| {
                    Ok($crate::domain::SessionState {
                        user_id: r.user_id,
                        role: r.role()?,
                        active: r.is_active(now),
                    })
                })
                .transpose()
            }

            async fn revoke_session(
                &self,
                session_id: uuid::Uuid,
                owner: Option<uuid::Uuid>,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<bool, $crate::repo::RepoError> {
                let done = sqlx::query(
                    "UPDATE sessions SET revoked_at = $3 \
                     WHERE id = $1 AND ($2 IS NULL OR user_id = $2) AND revoked_at IS NULL",
                )
                .bind(session_id)
                .bind(owner)
                .bind($crate::repo::DbTime(now))
                .execute(&self.pool)
                .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn list_sessions(
                &self,
                owner: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
                after: Option<$crate::domain::PageKey>,
                limit: u32,
            ) -> Result<Vec<$crate::domain::Session>, $crate::repo::RepoError> {
                // Served by sessions_user_created_idx; the activity filter drops the few ended ones.
                const SQL: &str = const_format::concatcp!(
                    "SELECT ",
                    $crate::repo::rows::SESSION_COLUMNS,
                    " FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND absolute_expires_at > $2 \
                      AND ($3 IS NULL OR (created_at, id) < ($3, $4)) \
                     ORDER BY created_at DESC, id DESC LIMIT $5"
                );
                let rows: Vec<$crate::repo::rows::SessionRow> = sqlx::query_as(SQL)
                    .bind(owner)
                    .bind($crate::repo::DbTime(now))
                    .bind(after.map(|k| $crate::repo::DbTime(k.created_at)))
                    .bind(after.map(|k| k.id))
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }
        }

        #[async_trait::async_trait]
        impl $crate::repo::UserRepository for $store {
            async fn insert_user(
                &self,
                user: &$crate::domain::NewUser,
            ) -> Result<$crate::domain::User, $crate::repo::RepoError> {
                let sql = const_format::concatcp!(
                    "INSERT INTO users (id, email, email_normalized, display_name, password_hash, role, disabled, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, FALSE, $7, $7) RETURNING ",
                    $crate::repo::rows::USER_COLUMNS
                );
                let row: $crate::repo::rows::UserRow = sqlx::query_as(sql)
                    .bind(user.id)
                    .bind(user.email.as_str())
                    .bind(user.email.normalized())
                    .bind(user.display_name.as_str())
                    .bind(&user.password_hash)
                    .bind(user.role.as_str())
                    .bind($crate::repo::DbTime(user.created_at))
                    .fetch_one(&self.pool)
                    .await?;
                row.try_into()
            }

            async fn find_credentials_by_email(
                &self,
                normalized_email: &str,
            ) -> Result<Option<$crate::domain::UserCredentials>, $crate::repo::RepoError> {
                let sql = const_format::concatcp!(
                    "SELECT ",
                    $crate::repo::rows::USER_COLUMNS,
                    ", password_hash, CAST(credentials_version AS BIGINT) AS credentials_version FROM users WHERE email_normalized = $1"
                );
                let row: Option<$crate::repo::rows::CredentialsRow> = sqlx::query_as(sql)
                    .bind(normalized_email)
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn find_user(
                &self,
                id: uuid::Uuid,
            ) -> Result<Option<$crate::domain::User>, $crate::repo::RepoError> {
                let sql = const_format::concatcp!(
                    "SELECT ",
                    $crate::repo::rows::USER_COLUMNS,
                    " FROM users WHERE id = $1"
                );
                let row: Option<$crate::repo::rows::UserRow> =
                    sqlx::query_as(sql).bind(id).fetch_optional(&self.pool).await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn update_display_name(
                &self,
                id: uuid::Uuid,
                name: &$crate::domain::DisplayName,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Option<$crate::domain::User>, $crate::repo::RepoError> {
                let sql = const_format::concatcp!(
                    "UPDATE users SET display_name = $2, updated_at = $3 WHERE id = $1 RETURNING ",
                    $crate::repo::rows::USER_COLUMNS
                );
                let row: Option<$crate::repo::rows::UserRow> = sqlx::query_as(sql)
                    .bind(id)
                    .bind(name.as_str())
                    .bind($crate::repo::DbTime(now))
                    .fetch_optional(&self.pool)
                    .await?;
                row.map(TryInto::try_into).transpose()
            }

            async fn upgrade_password_hash(
                &self,
                id: uuid::Uuid,
                verified: &str,
                hash: &str,
            ) -> Result<(), $crate::repo::RepoError> {
                sqlx::query("UPDATE users SET password_hash = $2 WHERE id = $1 AND password_hash = $3")
                    .bind(id)
                    .bind(hash)
                    .bind(verified)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn change_password(
                &self,
                id: uuid::Uuid,
                hash: &str,
                now: chrono::DateTime<chrono::Utc>,
                keep: Option<uuid::Uuid>,
            ) -> Result<(), $crate::repo::RepoError> {
                let now = $crate::repo::DbTime(now);
                let mut tx = self.pool.begin_with($begin_write).await?;
                sqlx::query(
                    "UPDATE users SET password_hash = $2, updated_at = $3, credentials_version = credentials_version + 1 \
                     WHERE id = $1",
                )
                .bind(id)
                .bind(hash)
                .bind(now)
                .execute(&mut *tx)
                .await?;
                Self::revoke_user_sessions(&mut tx, id, now.0, keep).await?;
                // The caller's own session stays, under the new credentials.
                sqlx::query(
                    "UPDATE sessions SET credentials_version = (SELECT credentials_version FROM users WHERE id = $1) \
                     WHERE id = $2 AND user_id = $1",
                )
                .bind(id)
                .bind(keep)
                .execute(&mut *tx)
                .await?;
                tx.commit().await?;
                Ok(())
            }

            async fn update_account(
                &self,
                id: uuid::Uuid,
                change: $crate::domain::AccountChange,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<$crate::domain::Guarded<$crate::domain::User>, $crate::repo::RepoError> {
                use $crate::domain::{Guarded, Role};
                let mut tx = self.pool.begin_with($begin_write).await?;
                let Some((target, admins)) = Self::lock_account_and_admins(&mut tx, id).await? else {
                    return Ok(Guarded::NotFound);
                };
                let stays_active_admin = change.role.unwrap_or(target.role) == Role::Admin
                    && !change.disabled.unwrap_or(target.disabled);
                if target.is_active_admin() && !stays_active_admin && admins <= 1 {
                    return Ok(Guarded::LastAdmin);
                }
                let sql = const_format::concatcp!(
                    "UPDATE users SET role = COALESCE($2, role), disabled = COALESCE($3, disabled), updated_at = $4 \
                     WHERE id = $1 RETURNING ",
                    $crate::repo::rows::USER_COLUMNS
                );
                let row: $crate::repo::rows::UserRow = sqlx::query_as(sql)
                    .bind(id)
                    .bind(change.role.map(Role::as_str))
                    .bind(change.disabled)
                    .bind($crate::repo::DbTime(now))
                    .fetch_one(&mut *tx)
                    .await?;
                if change.disabled == Some(true) {
                    Self::revoke_user_sessions(&mut tx, id, now, None).await?;
                }
                tx.commit().await?;
                Ok(Guarded::Done(row.try_into()?))
            }

            async fn delete_user(
                &self,
                id: uuid::Uuid,
            ) -> Result<$crate::domain::Guarded<()>, $crate::repo::RepoError> {
                use $crate::domain::Guarded;
                let mut tx = self.pool.begin_with($begin_write).await?;
                let Some((target, admins)) = Self::lock_account_and_admins(&mut tx, id).await? else {
                    return Ok(Guarded::NotFound);
                };
                if target.is_active_admin() && admins <= 1 {
                    return Ok(Guarded::LastAdmin);
                }
                // Todos, sessions and refresh tokens go with it (ON DELETE CASCADE).
                sqlx::query("DELETE FROM users WHERE id = $1").bind(id).execute(&mut *tx).await?;
                tx.commit().await?;
                Ok(Guarded::Done(()))
            }

            async fn list_users(
                &self,
                filter: &$crate::domain::UserFilter,
                after: Option<$crate::domain::PageKey>,
                limit: u32,
            ) -> Result<Vec<$crate::domain::User>, $crate::repo::RepoError> {
                const SQL: &str = const_format::concatcp!(
                    "SELECT ",
                    $crate::repo::rows::USER_COLUMNS,
                    " FROM users WHERE ($1 IS NULL OR email_normalized LIKE $1 ESCAPE '\\') \
                      AND ($2 IS NULL OR role = $2) AND ($3 IS NULL OR disabled = $3) \
                      AND ($4 IS NULL OR (created_at, id) < ($4, $5)) \
                     ORDER BY created_at DESC, id DESC LIMIT $6"
                );
                let pattern = filter.email_contains.as_deref().map($crate::repo::rows::contains_pattern);
                let rows: Vec<$crate::repo::rows::UserRow> = sqlx::query_as(SQL)
                    .bind(pattern)
                    .bind(filter.role.map($crate::domain::Role::as_str))
                    .bind(filter.disabled)
                    .bind(after.map(|k| $crate::repo::DbTime(k.created_at)))
                    .bind(after.map(|k| k.id))
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                rows.into_iter().map(TryInto::try_into).collect()
            }
        }

        #[async_trait::async_trait]
        impl $crate::repo::TodoRepository for $store {
            async fn insert_todo(
                &self,
                owner: uuid::Uuid,
                todo: &$crate::domain::NewTodo,
            ) -> Result<$crate::domain::Todo, $crate::repo::RepoError> {
                let mut tx = self.pool.begin_with($begin_write).await?;
                let created = Self::insert_todo_in(&mut tx, owner, todo).await?;
                tx.commit().await?;
                Ok(created)
            }

            async fn find_todo(
                &self,
                owner: uuid::Uuid,
                id: uuid::Uuid,
            ) -> Result<Option<$crate::domain::Todo>, $crate::repo::RepoError> {
                let sql = const_format::concatcp!(
                    "SELECT ",
                    $crate::repo::rows::TODO_COLUMNS,
                    " FROM todos WHERE id = $1 AND user_id = $2"
                );
                // One connection for the row and its tags, as in `list_todos`.
                let mut conn = self.pool.acquire().await?;
                let row: Option<$crate::repo::rows::TodoRow> = sqlx::query_as(sql)
                    .bind(id)
                    .bind(owner)
                    .fetch_optional(&mut *conn)
                    .await?;
                let Some(row) = row else { return Ok(None) };
                let mut todos = [<$crate::domain::Todo>::try_from(row)?];
                Self::attach_tags(&mut *conn, &mut todos).await?;
                let [todo] = todos;
                Ok(Some(todo))
            }

            async fn list_todos(
                &self,
                owner: uuid::Uuid,
                filter: &$crate::domain::TodoFilter,
                sort: $crate::domain::TodoSort,
                after: Option<$crate::domain::SortKey>,
                limit: u32,
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<Vec<$crate::domain::Todo>, $crate::repo::RepoError> {
                let mut q = Self::list_query("", owner, filter, sort, after, limit, now);
                // One connection for both statements: each acquire costs pool bookkeeping and,
                // on PostgreSQL, a liveness round trip as costly as a small query.
                let mut conn = self.pool.acquire().await?;
                let rows: Vec<$crate::repo::rows::TodoRow> = q.build_query_as().fetch_all(&mut *conn).await?;
                let mut todos = rows.into_iter().map(TryInto::try_into).collect::<Result<Vec<$crate::domain::Todo>, _>>()?;
                Self::attach_tags(&mut *conn, &mut todos).await?;
                Ok(todos)
            }


            async fn data_version(&self, owner: uuid::Uuid) -> Result<i64, $crate::repo::RepoError> {
                let row: Option<(i64,)> = sqlx::query_as("SELECT CAST(data_version AS BIGINT) FROM users WHERE id = $1")
                    .bind(owner)
                    .fetch_optional(&self.pool)
                    .await?;
                Ok(row.map_or(0, |(v,)| v))
            }

            async fn aggregate_todos(
                &self,
                owner: uuid::Uuid,
                now: chrono::DateTime<chrono::Utc>,
                since: chrono::DateTime<chrono::Utc>,
            ) -> Result<$crate::domain::stats::Aggregates, $crate::repo::RepoError> {
                use $crate::repo::DbTime;
                // Three aggregate queries, whatever the number of todos: totals (one pass over
                // the user's rows), completions per day (completed_at index) and top tags.
                let (total, completed, overdue, low, normal, high, next_due): (i64, i64, i64, i64, i64, i64, Option<DbTime>) =
                    sqlx::query_as(
                        "SELECT CAST(COUNT(*) AS BIGINT), \
                                CAST(COALESCE(SUM(CASE WHEN completed THEN 1 ELSE 0 END), 0) AS BIGINT), \
                                CAST(COALESCE(SUM(CASE WHEN NOT completed AND due_at < $2 THEN 1 ELSE 0 END), 0) AS BIGINT), \
                                CAST(COALESCE(SUM(CASE WHEN priority = 0 THEN 1 ELSE 0 END), 0) AS BIGINT), \
                                CAST(COALESCE(SUM(CASE WHEN priority = 1 THEN 1 ELSE 0 END), 0) AS BIGINT), \
                                CAST(COALESCE(SUM(CASE WHEN priority = 2 THEN 1 ELSE 0 END), 0) AS BIGINT), \
                                MIN(CASE WHEN NOT completed AND due_at >= $2 THEN due_at END) \
                         FROM todos WHERE user_id = $1",
                    )
                    .bind(owner)
                    .bind(DbTime(now))
                    .fetch_one(&self.pool)
                    .await?;
                let day = if $backend == "sqlite" {
                    "substr(completed_at, 1, 10)"
                } else {
                    "to_char(completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
                };
                let per_day: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {day}, CAST(COUNT(*) AS BIGINT) FROM todos \
                     WHERE user_id = $1 AND completed_at IS NOT NULL AND completed_at >= $2 GROUP BY {day}"
                )))
                .bind(owner)
                .bind(DbTime(since))
                .fetch_all(&self.pool)
                .await?;
                let top_tags: Vec<(String, i64)> = sqlx::query_as(
                    "SELECT MIN(tag), CAST(COUNT(*) AS BIGINT) FROM todo_tags WHERE user_id = $1 \
                     GROUP BY tag_key ORDER BY COUNT(*) DESC, tag_key LIMIT 10",
                )
                .bind(owner)
                .fetch_all(&self.pool)
                .await?;
                let completions = per_day
                    .into_iter()
                    .filter_map(|(day, n)| chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok().map(|d| (d, n)))
                    .collect();
                Ok($crate::domain::stats::Aggregates {
                    total,
                    completed,
                    overdue,
                    by_priority: [low, normal, high],
                    completions,
                    top_tags,
                    next_due: next_due.map(|t| t.0),
                })
            }

            async fn list_tags(
                &self,
                owner: uuid::Uuid,
                after: Option<String>,
                limit: u32,
            ) -> Result<Vec<(String, String, i64)>, $crate::repo::RepoError> {
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
                Ok(rows)
            }

            async fn update_todo(
                &self,
                owner: uuid::Uuid,
                id: uuid::Uuid,
                changes: &$crate::domain::TodoChanges,
                expected_version: Option<i64>,
            ) -> Result<$crate::domain::Conditional<$crate::domain::Todo>, $crate::repo::RepoError> {
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
                    $crate::repo::rows::TODO_COLUMNS
                );
                let mut tx = self.pool.begin_with($begin_write).await?;
                let row: Option<$crate::repo::rows::TodoRow> = sqlx::query_as(sql)
                    .bind(id)
                    .bind(owner)
                    .bind(changes.title.is_some())
                    .bind(changes.title.as_deref())
                    .bind(changes.notes.is_some())
                    .bind(changes.notes.clone().flatten())
                    .bind(changes.due_at.is_some())
                    .bind(changes.due_at.flatten().map($crate::repo::DbTime))
                    .bind(changes.priority.is_some())
                    .bind(changes.priority.unwrap_or_default().to_db())
                    .bind(changes.completed.is_some())
                    .bind(changes.completed.unwrap_or(false))
                    .bind($crate::repo::DbTime(changes.updated_at))
                    .bind(expected_version)
                    .fetch_optional(&mut *tx)
                    .await?;
                let Some(row) = row else {
                    drop(tx);
                    return self.missing_or_changed(owner, id).await;
                };
                if let Some(tags) = &changes.tags {
                    Self::replace_tags(&mut tx, owner, id, tags).await?;
                }
                let mut todos = [<$crate::domain::Todo>::try_from(row)?];
                Self::attach_tags(&mut *tx, &mut todos).await?;
                tx.commit().await?;
                let [todo] = todos;
                Ok($crate::domain::Conditional::Done(todo))
            }


            async fn batch_todos(
                &self,
                owner: uuid::Uuid,
                action: $crate::domain::BatchAction,
                ids: &[uuid::Uuid],
                now: chrono::DateTime<chrono::Utc>,
            ) -> Result<$crate::domain::BatchOutcome, $crate::repo::RepoError> {
                use $crate::domain::{BatchAction, BatchOutcome};
                use $crate::repo::DbTime;
                let mut tx = self.pool.begin_with($begin_write).await?;
                // Lock the batch's rows first (PostgreSQL), so that the check holds until commit.
                let mut select = sqlx::QueryBuilder::<$db>::new("SELECT id FROM todos");
                Self::push_owned_ids(&mut select, owner, ids);
                select.push($for_update);
                let found: std::collections::HashSet<uuid::Uuid> = select
                    .build_query_as::<(uuid::Uuid,)>()
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
                let mut change = sqlx::QueryBuilder::<$db>::new("");
                match action {
                    BatchAction::Complete => {
                        change.push("UPDATE todos SET completed = TRUE, completed_at = ").push_bind(DbTime(now));
                    }
                    BatchAction::Reopen => {
                        change.push("UPDATE todos SET completed = FALSE, completed_at = NULL");
                    }
                    BatchAction::Delete => {
                        change.push("DELETE FROM todos");
                    }
                }
                if action != BatchAction::Delete {
                    change.push(", updated_at = ").push_bind(DbTime(now)).push(", version = version + 1");
                }
                Self::push_owned_ids(&mut change, owner, ids);
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
                    let mut rows = sqlx::QueryBuilder::<$db>::new("SELECT ");
                    rows.push($crate::repo::rows::TODO_COLUMNS).push(" FROM todos");
                    Self::push_owned_ids(&mut rows, owner, ids);
                    let mut by_id: std::collections::HashMap<uuid::Uuid, $crate::domain::Todo> =
                        std::collections::HashMap::new();
                    for row in rows.build_query_as::<$crate::repo::rows::TodoRow>().fetch_all(&mut *tx).await? {
                        let todo: $crate::domain::Todo = row.try_into()?;
                        by_id.insert(todo.id, todo);
                    }
                    items = ids.iter().filter_map(|id| by_id.remove(id)).collect();
                    Self::attach_tags(&mut *tx, &mut items).await?;
                }
                tx.commit().await?;
                Ok(BatchOutcome::Done { affected, items })
            }

            async fn delete_todo(
                &self,
                owner: uuid::Uuid,
                id: uuid::Uuid,
                expected_version: Option<i64>,
            ) -> Result<$crate::domain::Conditional<()>, $crate::repo::RepoError> {
                let done = sqlx::query(
                    "DELETE FROM todos WHERE id = $1 AND user_id = $2 AND ($3 IS NULL OR version = $3)",
                )
                .bind(id)
                .bind(owner)
                .bind(expected_version)
                .execute(&self.pool)
                .await?;
                if done.rows_affected() > 0 {
                    Ok($crate::domain::Conditional::Done(()))
                } else {
                    self.missing_or_changed(owner, id).await
                }
            }
        }
    };
}

pub(super) use sql_store;
