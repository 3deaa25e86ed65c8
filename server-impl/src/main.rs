//! `todo-api`: serve the API (default), apply migrations, or create a user.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use todo_api::auth::PasswordHasher;
use todo_api::config::{DatabaseConfig, ServerConfig};
use todo_api::domain::Role;
use todo_api::error::AppError;
use todo_api::service::{AccountService, Registration};
use todo_api::startup::{Application, open_store, open_tooling, shutdown_signal};
use todo_api::telemetry::{self, LogFormat};

#[derive(Debug, Parser)]
#[command(
    name = "todo-api",
    version,
    about = "Contract-first multi-user Todo API",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Log format: `text` for people, `json` for log collectors.
    #[arg(
        long,
        env = "LOG_FORMAT",
        value_enum,
        default_value = "text",
        global = true
    )]
    log_format: LogFormat,

    #[command(flatten)]
    serve: ServerConfig,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the API (the default when no command is given); migrations run first unless
    /// `--no-migrate`.
    Serve(Box<ServerConfig>),
    /// Apply pending database migrations and exit.
    Migrate(DatabaseConfig),
    /// Create an account, reading its password from standard input.
    CreateUser(CreateUser),
    /// Fill the database with realistic data for benchmarks (heavy@seed.test owns the most).
    Seed(SeedCommand),
    /// Print the query plans of the todo list variants (Markdown), for an account.
    Explain(ExplainCommand),
}

#[derive(Debug, clap::Args)]
struct ExplainCommand {
    #[command(flatten)]
    database: DatabaseConfig,
    /// The account whose todos the plans are for.
    #[arg(long, default_value = todo_api::tooling::seed::HEAVY_USER)]
    email: String,
}

#[derive(Debug, clap::Args)]
struct SeedCommand {
    #[command(flatten)]
    database: DatabaseConfig,
    #[command(flatten)]
    seed: todo_api::tooling::seed::SeedArgs,
}

#[derive(Debug, clap::Args)]
struct CreateUser {
    #[command(flatten)]
    database: DatabaseConfig,
    /// The account's email (its login name).
    #[arg(long)]
    email: String,
    /// Read the password from the first line of standard input (required).
    #[arg(long, required = true)]
    password_stdin: bool,
    /// Shown name; defaults to the part of the email before the @.
    #[arg(long)]
    display_name: Option<String>,
    /// Give the account the admin role.
    #[arg(long)]
    admin: bool,
}

#[tokio::main]
async fn main() -> ExitCode {
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    telemetry::init(cli.log_format);
    let result = match cli.command {
        None => serve(cli.serve).await,
        Some(Command::Serve(config)) => serve(*config).await,
        Some(Command::Migrate(config)) => migrate(config).await,
        Some(Command::CreateUser(args)) => create_user(args).await,
        Some(Command::Explain(args)) => match open_tooling(&args.database).await {
            Ok(store) => {
                let result = todo_api::tooling::explain::explain(store.clone(), &args.email).await;
                store.close().await;
                result.map(|plans| print!("{plans}"))
            }
            Err(e) => Err(e),
        },
        Some(Command::Seed(args)) => {
            let store = open_tooling(&args.database).await;
            match store {
                Ok(store) => {
                    let result = todo_api::tooling::seed::seed(store.clone(), &args.seed).await;
                    store.close().await;
                    result
                }
                Err(e) => Err(e),
            }
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "exiting");
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(config: ServerConfig) -> anyhow::Result<()> {
    let app = Application::build(&config).await?;
    tracing::info!(
        address = %app.local_addr(),
        database = app.store().backend(),
        "listening on http://{}/api/v1",
        app.local_addr()
    );
    app.run_until(shutdown_signal()).await
}

async fn migrate(config: DatabaseConfig) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    store.close().await;
    tracing::info!(database = store.backend(), "migrations applied");
    Ok(())
}

async fn create_user(args: CreateUser) -> anyhow::Result<()> {
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .context("cannot read the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']).to_owned();
    let display_name = args
        .display_name
        .unwrap_or_else(|| args.email.split('@').next().unwrap_or_default().to_owned());
    let store = open_store(&args.database).await?;
    let accounts = AccountService::new(store.clone(), PasswordHasher::new()?, None);
    let role = if args.admin { Role::Admin } else { Role::User };
    let result = accounts
        .register(
            Registration {
                email: args.email,
                password,
                display_name,
            },
            role,
        )
        .await;
    store.close().await;
    match result {
        Ok(user) => {
            println!(
                "created {} user {} ({})",
                role.as_str(),
                user.email,
                user.id
            );
            Ok(())
        }
        Err(AppError::Validation(errors)) => anyhow::bail!("invalid account: {errors}"),
        Err(AppError::EmailTaken) => anyhow::bail!("an account with this email already exists"),
        Err(e) => Err(e.into()),
    }
}
