//! Contract-first multi-user Todo API: the implementation of the server generated from
//! `openapi.yaml` (crate `todo-api-gen`), backed by SQLite or PostgreSQL.

pub mod auth;
pub mod cli;
pub mod config;
pub mod domain;
pub mod error;
pub mod http;
pub mod mail;
pub mod memory;
pub mod monitoring;
pub mod repo;
pub mod secrets;
pub mod service;
pub mod startup;
pub mod telemetry;
pub mod tooling;

#[cfg(test)]
pub(crate) mod prop_support;
