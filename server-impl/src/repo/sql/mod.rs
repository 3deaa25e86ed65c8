//! The repositories, one file per aggregate, written once for both databases. This tree is
//! compiled twice, as `repo::sqlite::sql` and `repo::postgres::sql` (ADR 0002): `Db` (the
//! sqlx database), `Store` (the store type), `D` (the SQL dialect) and `MIGRATOR` are the
//! parent back end's, and every difference between the two SQL dialects is asked of `D`.

use super::{D, Db, MIGRATOR, Store};

mod audit;
mod events;
mod flags;
mod idempotency;
mod invitations;
mod lists;
mod members;
mod offline;
mod password_resets;
mod positions;
mod rate_limits;
mod sessions;
mod stats;
mod store;
mod sync;
mod tags;
mod todos;
mod tooling;
mod users;
