//! `todo-api`: serve the API (default), apply migrations, create a user, back up a SQLite
//! database, or ask a running server whether it is ready. The command line is `cli::Cli`.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;
use todo_api::auth::PasswordHasher;
use todo_api::cli::{Cli, Command, CreateUser};
use todo_api::config::{ConfigError, DatabaseConfig, ServerConfig};
use todo_api::domain::Role;
use todo_api::error::AppError;
use todo_api::service::{AccountService, Registration};
use todo_api::startup::{Application, open_store, open_tooling, shutdown_signal};
use todo_api::telemetry;

fn main() -> ExitCode {
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(run()),
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> ExitCode {
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    if let Some(Command::Healthcheck(args)) = &cli.command {
        // No logging: one line on stderr when not ready, as container runtimes show it.
        return match todo_api::tooling::healthcheck::healthcheck(args).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(why) => {
                eprintln!("not ready: {why}");
                ExitCode::FAILURE
            }
        };
    }
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
        Some(Command::Backup(args)) => {
            todo_api::tooling::backup::backup(&args.database.database_url, &args.backup)
                .await
                .map(|report| {
                    println!(
                        "backed up {} to {} ({} bytes)",
                        report.source.display(),
                        report.path.display(),
                        report.bytes
                    );
                })
        }
        Some(Command::Healthcheck(_)) => unreachable!("answered above"),
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
            // A configuration error exits like a command-line usage error (clap's 2).
            if error.downcast_ref::<ConfigError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}

async fn serve(config: ServerConfig) -> anyhow::Result<()> {
    let app = Application::build(&config).await?;
    // Where the data is, never the URL itself (it may hold a password).
    tracing::info!(
        address = %app.local_addr(),
        database = app.store().backend(),
        database_location = %todo_api::repo::describe_url(&config.database.database_url),
        "listening on http://{}/api/v1",
        app.local_addr()
    );
    if let Some(addr) = app.metrics_addr() {
        tracing::info!(metrics_address = %addr, "metrics on http://{addr}/metrics");
    }
    app.run_until(shutdown_signal()).await
}

async fn migrate(config: DatabaseConfig) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    store.close().await;
    tracing::info!(
        database = store.backend(),
        database_location = %todo_api::repo::describe_url(&config.database_url),
        "migrations applied"
    );
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
