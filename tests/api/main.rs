//! Black-box tests over HTTP. Every scenario runs on SQLite and on PostgreSQL.

mod support;

mod accounts;
mod admin;
mod alerts;
mod audit;
mod authorization;
mod backup;
mod batch;
mod binary;
mod conditional;
mod docs;
mod errors;
mod faults;
mod flags;
mod health;
mod healthcheck;
mod http_hygiene;
mod idempotency;
mod journey;
mod key_rotation;
mod listing;
mod lists_migration;
mod metrics;
mod migrate_on_start;
mod migrations;
mod password_reset;
mod pgbouncer;
mod postgres_tls;
mod rate_limits;
mod rollback;
mod security;
mod sessions;
mod stats;
mod tokens;
mod validation;
