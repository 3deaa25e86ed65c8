//! Writing many new order keys at once (a respacing): one `UPDATE … FROM (VALUES …)` per
//! chunk of rows, not one statement per row. `VALUES` columns are `column1`, `column2` on
//! both databases.

use uuid::Uuid;

use super::Db;
use crate::repo::RepoError;

type Conn = <Db as sqlx::Database>::Connection;

/// Rows per statement: two bound values each, far below either database's limit on bound
/// parameters (SQLite 32,766; PostgreSQL 65,535).
const CHUNK: usize = 1_000;

/// Sets `position` (and bumps `version`) of every todo in `keys`.
pub(super) async fn set_todo_positions(
    conn: &mut Conn,
    keys: &[(Uuid, String)],
) -> Result<(), RepoError> {
    for chunk in keys.chunks(CHUNK) {
        let mut q = sqlx::QueryBuilder::<Db>::new(
            "UPDATE todos SET position = v.column2, version = todos.version + 1 FROM (",
        );
        push_values(&mut q, chunk);
        q.push(") AS v WHERE todos.id = v.column1");
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// Sets the position of each of `member`'s lists in `keys` (their own order of lists).
pub(super) async fn set_list_positions(
    conn: &mut Conn,
    member: Uuid,
    keys: &[(Uuid, String)],
) -> Result<(), RepoError> {
    for chunk in keys.chunks(CHUNK) {
        let mut q =
            sqlx::QueryBuilder::<Db>::new("UPDATE list_members SET position = v.column2 FROM (");
        push_values(&mut q, chunk);
        q.push(") AS v WHERE list_members.list_id = v.column1 AND list_members.user_id = ")
            .push_bind(member);
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

fn push_values(q: &mut sqlx::QueryBuilder<Db>, rows: &[(Uuid, String)]) {
    q.push("VALUES ");
    let mut separated = q.separated(", ");
    for (id, key) in rows {
        separated.push("(");
        separated.push_bind_unseparated(*id);
        separated.push_unseparated(", ");
        separated.push_bind_unseparated(key.clone());
        separated.push_unseparated(")");
    }
}
