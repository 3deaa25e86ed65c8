//! Structured logs: human-readable by default, one JSON object per line with LOG_FORMAT=json.

use tracing_subscriber::EnvFilter;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Installs the global subscriber; RUST_LOG filters (default `info`). Text logs are coloured
/// only on a terminal (and not with NO_COLOR set): a file, pipe or journal gets plain text.
pub fn init(format: LogFormat) {
    use std::io::IsTerminal;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(colour)
        .with_writer(std::io::stderr);
    let result = match format {
        LogFormat::Text => builder.try_init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            // Events inside service spans still carry the request span (and its id).
            .with_span_list(true)
            .try_init(),
    };
    // A second call (e.g. from tests) keeps the first subscriber.
    drop(result);
}
