//! Command-line tooling that is not part of serving requests: bulk data for benchmarks,
//! query plans, SQLite backups and the container health check. It talks to the database through `repo::Tooling`, which the server
//! never sees.

pub mod backup;
pub mod explain;
pub mod healthcheck;
pub mod seed;
