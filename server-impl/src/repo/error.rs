//! What a repository call can fail with, and how a sqlx error is told apart: a unique
//! violation (with its constraint), a database that is unavailable or full, or anything else.

#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    /// A unique constraint refused the write (e.g. an email that is already registered);
    /// `constraint` names it where the database says (PostgreSQL does, SQLite does not).
    #[error("conflicts with an existing row ({constraint:?})")]
    UniqueViolation { constraint: Option<String> },
    /// The idempotency key's lock was taken over by a later request (the first one ran past
    /// the lock timeout); nothing was stored.
    #[error("idempotency key lock lost")]
    IdempotencyLockLost,
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// The database cannot be reached or refuses work for now: the connection broke or was
    /// refused, the pool had no connection within its acquire timeout, the server is
    /// shutting down, starting up or out of resources, or SQLite stayed locked. Nothing
    /// was written (a transaction that lost its connection is rolled back by the server);
    /// the same request may succeed later.
    #[error("database unavailable: {0}")]
    Unavailable(sqlx::Error),
    /// The database has no room for the write (SQLite `SQLITE_FULL`, PostgreSQL 53100
    /// `disk_full`); the write did not happen.
    #[error("database storage full: {0}")]
    StorageFull(sqlx::Error),
    #[error(transparent)]
    Database(sqlx::Error),
}

/// SQLite's primary result codes for "locked by another connection past the busy timeout"
/// and "disk full" (`sqlite3.h`; the extended codes keep them in their low byte).
const SQLITE_BUSY: i64 = 5;
const SQLITE_FULL: i64 = 13;

/// What kind of failure a sqlx error is, for deciding what the client is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    Unavailable,
    StorageFull,
    Other,
}

fn classify(e: &sqlx::Error) -> Fault {
    match e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed
        // A connection that died mid-message (e.g. the server was killed) surfaces as a
        // protocol error ("unexpected end of stream" and the like).
        | sqlx::Error::Protocol(_)
        | sqlx::Error::BeginFailed => Fault::Unavailable,
        sqlx::Error::Database(db) => {
            let Some(code) = db.code() else {
                return Fault::Other;
            };
            if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                match code.parse::<i64>().map(|c| c & 0xff) {
                    Ok(SQLITE_FULL) => Fault::StorageFull,
                    Ok(SQLITE_BUSY) => Fault::Unavailable,
                    _ => Fault::Other,
                }
            } else {
                classify_sqlstate(&code)
            }
        }
        _ => Fault::Other,
    }
}

/// PostgreSQL SQLSTATEs (appendix A of its manual): class 08 connection exceptions,
/// 57P01..57P03 (admin/crash shutdown, cannot connect now), 3D000 (the database named by
/// `DATABASE_URL` does not exist, e.g. dropped for a restore), class 53 insufficient
/// resources, of which 53100 is `disk_full`.
fn classify_sqlstate(code: &str) -> Fault {
    match code {
        "53100" => Fault::StorageFull,
        "57P01" | "57P02" | "57P03" | "3D000" => Fault::Unavailable,
        _ if code.starts_with("08") || code.starts_with("53") => Fault::Unavailable,
        _ => Fault::Other,
    }
}

impl From<sqlx::Error> for RepoError {
    fn from(e: sqlx::Error) -> Self {
        if matches!(e, sqlx::Error::PoolTimedOut) {
            metrics::counter!("todo_api_db_pool_acquire_timeouts_total").increment(1);
        }
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => RepoError::UniqueViolation {
                constraint: db.constraint().map(str::to_owned),
            },
            _ => match classify(&e) {
                Fault::Unavailable => RepoError::Unavailable(e),
                Fault::StorageFull => RepoError::StorageFull(e),
                Fault::Other => RepoError::Database(e),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_and_resource_failures_are_unavailable_disk_full_is_storage_full() {
        for code in [
            "08006", "08001", "57P01", "57P02", "57P03", "53000", "53200", "53300",
        ] {
            assert_eq!(classify_sqlstate(code), Fault::Unavailable, "{code}");
        }
        assert_eq!(classify_sqlstate("53100"), Fault::StorageFull);
        for code in ["23505", "40001", "42P01", "22007", "57014"] {
            assert_eq!(classify_sqlstate(code), Fault::Other, "{code}");
        }
        assert!(matches!(
            RepoError::from(sqlx::Error::PoolTimedOut),
            RepoError::Unavailable(_)
        ));
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert!(matches!(
            RepoError::from(sqlx::Error::Io(reset)),
            RepoError::Unavailable(_)
        ));
        assert!(matches!(
            RepoError::from(sqlx::Error::RowNotFound),
            RepoError::Database(_)
        ));
    }

    #[test]
    fn pool_timeouts_are_counted() {
        let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
        metrics::with_local_recorder(&recorder, || {
            drop(RepoError::from(sqlx::Error::PoolTimedOut));
            drop(RepoError::from(sqlx::Error::PoolClosed));
            drop(RepoError::from(sqlx::Error::PoolTimedOut));
        });
        let text = recorder.handle().render();
        assert!(
            text.lines()
                .any(|l| l == "todo_api_db_pool_acquire_timeouts_total 2"),
            "{text}"
        );
    }
}
