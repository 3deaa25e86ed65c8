//! HTTP: the generated router wired to the services, plus what the generated code does
//! not do itself (problem+json for every error, request ids, logs, limits, the contract).

mod api;
mod context;
mod contract_checks;
mod convert;
mod convert_lists;
pub(crate) mod convert_sync;
mod cors;
mod docs;
mod edge;
mod etag;
mod failures;
mod links;
#[cfg(test)]
mod log_capture;
mod maintenance;
mod metrics;
mod oauth;
mod problem;
mod rate_limit;
mod rejections;
mod router;
mod security_headers;
mod server;
mod timeouts;
mod trace_context;

pub use api::ApiImpl;
pub use context::ClientIpSource;
pub use cors::allowed_origins;
pub use metrics::{RequestMetrics, scrape_router};
pub use router::{RouterSettings, build_router};
pub use security_headers::hsts_value;
pub use server::{ConnectionLimits, raise_open_files_limit, serve};
