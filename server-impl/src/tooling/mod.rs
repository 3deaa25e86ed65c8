//! Command-line tooling that is not part of serving requests: bulk data for benchmarks
//! and query plans. It talks to the database through `repo::Tooling`, which the server
//! never sees.

pub mod explain;
pub mod seed;
