//! A todo's tags read in the statement that reads the todo, aggregated in SQL
//! ([`Dialect::tags_of`](super::dialect::Dialect::tags_of)): a `text[]` on PostgreSQL, a JSON
//! array on SQLite. Either way they arrive in tag-key order (byte order of the keys).

use sqlx::error::BoxDynError;
use sqlx::postgres::{PgTypeInfo, PgValueRef};
use sqlx::sqlite::{SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Postgres, Sqlite, Type};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DbTags(pub Vec<String>);

impl Type<Sqlite> for DbTags {
    fn type_info() -> SqliteTypeInfo {
        <String as Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <String as Type<Sqlite>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Sqlite> for DbTags {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let text = <&str as Decode<Sqlite>>::decode(value)?;
        Ok(DbTags(serde_json::from_str(text)?))
    }
}

impl Type<Postgres> for DbTags {
    fn type_info() -> PgTypeInfo {
        <Vec<String> as Type<Postgres>>::type_info()
    }
}

impl<'r> Decode<'r, Postgres> for DbTags {
    fn decode(value: PgValueRef<'r>) -> Result<Self, BoxDynError> {
        Ok(DbTags(<Vec<String> as Decode<Postgres>>::decode(value)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sqlite_json_array_decodes_in_order() {
        use sqlx::Connection;
        let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:")
            .await
            .unwrap();
        let (tags,): (DbTags,) = sqlx::query_as("SELECT json_array('b', 'é', 'a\"q')")
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert_eq!(tags.0, ["b", "é", "a\"q"]);
        let (empty,): (DbTags,) =
            sqlx::query_as("SELECT json_group_array(x) FROM (SELECT 1 AS x WHERE 0)")
                .fetch_one(&mut conn)
                .await
                .unwrap();
        assert!(empty.0.is_empty());
    }
}
