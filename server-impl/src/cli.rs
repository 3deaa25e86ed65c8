//! The command line: `todo-api [COMMAND]`, every setting a flag backed by an environment
//! variable. In the library (not `main.rs`) so that tests can walk clap's own `Command`:
//! `.env.example` is checked against it.

use clap::{Parser, Subcommand};

use crate::config::{DatabaseConfig, ServerConfig};
use crate::telemetry::LogFormat;
use crate::tooling::backup::BackupArgs;
use crate::tooling::healthcheck::HealthcheckArgs;

#[derive(Debug, Parser)]
#[command(
    name = "todo-api",
    version = crate::monitoring::VERSION_AND_COMMIT,
    about = "Contract-first multi-user Todo API",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Log format: `text` for people, `json` for log collectors.
    #[arg(
        long,
        env = "LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    pub log_format: LogFormat,

    #[command(flatten)]
    pub serve: ServerConfig,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API (the default when no command is given); migrations run first unless
    /// `--no-migrate`.
    Serve(Box<ServerConfig>),
    /// Apply pending database migrations and exit.
    Migrate(DatabaseConfig),
    /// Create an account, reading its password from standard input.
    CreateUser(CreateUser),
    /// Fill the database with realistic data for benchmarks (heavy@seed.test owns the most).
    Seed(SeedCommand),
    /// Print the query plans of the todo list variants and of the locks and position
    /// lookups of writes (Markdown), for an account.
    Explain(ExplainCommand),
    /// Copy a live SQLite database to PATH, consistently, while the server runs (for
    /// PostgreSQL use pg_dump).
    Backup(BackupCommand),
    /// Ask a running server's readiness probe: exit 0 if it answers 200, 1 otherwise.
    Healthcheck(HealthcheckArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExplainCommand {
    #[command(flatten)]
    pub database: DatabaseConfig,
    /// The account whose todos the plans are for.
    #[arg(long, default_value = crate::tooling::seed::HEAVY_USER)]
    pub email: String,
}

#[derive(Debug, clap::Args)]
pub struct SeedCommand {
    #[command(flatten)]
    pub database: DatabaseConfig,
    #[command(flatten)]
    pub seed: crate::tooling::seed::SeedArgs,
}

#[derive(Debug, clap::Args)]
pub struct BackupCommand {
    #[command(flatten)]
    pub database: DatabaseConfig,
    #[command(flatten)]
    pub backup: BackupArgs,
}

#[derive(Debug, clap::Args)]
pub struct CreateUser {
    #[command(flatten)]
    pub database: DatabaseConfig,
    /// The account's email (its login name).
    #[arg(long)]
    pub email: String,
    /// Read the password from the first line of standard input (required).
    #[arg(long, required = true)]
    pub password_stdin: bool,
    /// Shown name; defaults to the part of the email before the @.
    #[arg(long)]
    pub display_name: Option<String>,
    /// Give the account the admin role.
    #[arg(long)]
    pub admin: bool,
}

#[cfg(test)]
mod env_example {
    //! `.env.example` lists every setting (every argument with `env =`, in any command)
    //! with its default, and nothing else: checked against clap's own `Command`.

    use std::collections::BTreeMap;

    use clap::CommandFactory;

    use super::Cli;

    /// Environment variables read outside clap, documented in `.env.example` too.
    const NOT_FLAGS: &[(&str, &str)] = &[("RUST_LOG", "info")];

    /// Every `env` of `cmd` and its subcommands: name -> (default, commands that read it).
    fn settings(
        cmd: &clap::Command,
        path: &str,
        out: &mut BTreeMap<String, (String, Vec<String>)>,
        conflicts: &mut Vec<String>,
    ) {
        for arg in cmd.get_arguments() {
            let Some(env) = arg.get_env() else { continue };
            let name = env.to_string_lossy().into_owned();
            let default = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(",");
            let entry = out
                .entry(name.clone())
                .or_insert_with(|| (default.clone(), Vec::new()));
            if entry.0 != default {
                conflicts.push(format!(
                    "{name} defaults to {default:?} in `{path}` but to {:?} in `{}`",
                    entry.0,
                    entry.1.join("`, `")
                ));
            }
            entry.1.push(path.to_owned());
        }
        for sub in cmd.get_subcommands() {
            settings(sub, &format!("{path} {}", sub.get_name()), out, conflicts);
        }
    }

    /// `NAME=value` lines of `.env.example`, commented out (`# NAME=value`) or not.
    fn listed(text: &str) -> (BTreeMap<String, String>, Vec<String>) {
        let mut found = BTreeMap::new();
        let mut duplicates = Vec::new();
        for line in text.lines() {
            let line = line.trim_start_matches('#').trim();
            let Some((name, value)) = line.split_once('=') else {
                continue;
            };
            let is_name = !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if !is_name {
                continue;
            }
            let value = value.trim().trim_matches('"').to_owned();
            if found.insert(name.to_owned(), value).is_some() {
                duplicates.push(name.to_owned());
            }
        }
        (found, duplicates)
    }

    #[test]
    fn env_example_lists_every_setting_with_its_default() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../.env.example");
        let text = std::fs::read_to_string(path).expect(".env.example at the repository root");
        let (listed, duplicates) = listed(&text);

        let mut expected = BTreeMap::new();
        let mut problems = Vec::new();
        // Built, so that implicit defaults (`ArgAction::SetFalse`: "true") are filled in.
        let mut cli = Cli::command();
        cli.build();
        settings(&cli, "todo-api", &mut expected, &mut problems);
        for (name, default) in NOT_FLAGS {
            expected.insert(
                (*name).to_owned(),
                ((*default).to_owned(), vec!["(not a flag)".to_owned()]),
            );
        }

        for name in duplicates {
            problems.push(format!("{name} is listed more than once in .env.example"));
        }
        for (name, (default, commands)) in &expected {
            match listed.get(name) {
                None => problems.push(format!(
                    "{name} is missing from .env.example (read by `{}`); add a comment \
                     saying what it does and the line `# {name}={default}`",
                    commands.join("`, `")
                )),
                Some(value) if value != default => problems.push(format!(
                    "{name} is listed in .env.example as {value:?}, but its default is \
                     {default:?}"
                )),
                Some(_) => {}
            }
        }
        for name in listed.keys().filter(|n| !expected.contains_key(*n)) {
            problems.push(format!(
                "{name} is listed in .env.example but no command reads it"
            ));
        }
        assert!(
            problems.is_empty(),
            ".env.example does not match the command line:\n  {}",
            problems.join("\n  ")
        );
    }
}
