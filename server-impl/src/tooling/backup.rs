//! `todo-api backup PATH`: a consistent copy of a live SQLite database, taken while the
//! server keeps writing (ADR 0019). The copy is written to a temporary name beside PATH,
//! flushed to disk, and only then given its name, so PATH is either absent or complete.

use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::repo::SqliteBackupSource;

const POLL: Duration = Duration::from_millis(100);

#[derive(Debug, Clone, clap::Args)]
pub struct BackupArgs {
    /// Where to write the copy; its folder must exist.
    pub path: PathBuf,
    /// Replace PATH if it exists (atomically: readers see the old or the new copy).
    #[arg(long)]
    pub force: bool,
    /// Milliseconds before the progress bar appears (on a terminal only); for tests.
    #[arg(long, default_value_t = 500, hide = true)]
    pub progress_after_millis: u64,
}

/// What a finished backup wrote.
#[derive(Debug)]
pub struct BackupReport {
    pub source: PathBuf,
    pub path: PathBuf,
    pub bytes: u64,
}

/// Copies the database `database_url` names to `args.path`.
pub async fn backup(database_url: &str, args: &BackupArgs) -> anyhow::Result<BackupReport> {
    if database_url.starts_with("postgres://") || database_url.starts_with("postgresql://") {
        anyhow::bail!(
            "`todo-api backup` copies SQLite databases; back PostgreSQL up with its own tools, \
             e.g. `pg_dump --format=custom --file=todo.dump \"$DATABASE_URL\"` (docs/deployment.md)"
        );
    }
    if !database_url.starts_with("sqlite:") {
        anyhow::bail!("DATABASE_URL must start with sqlite:// (or postgres://, see pg_dump)");
    }
    let dest = &args.path;
    let name = dest
        .file_name()
        .with_context(|| format!("{} does not name a file", dest.display()))?;
    if !args.force && dest.symlink_metadata().is_ok() {
        anyhow::bail!("{} exists; pass --force to replace it", dest.display());
    }
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        anyhow::bail!("the folder {} does not exist", dir.display());
    }

    let mut source = SqliteBackupSource::open(database_url).await?;
    if same_file(source.file(), dest) {
        source.close().await;
        anyhow::bail!("the backup path is the database itself");
    }
    let result = copy(&mut source, &dir, name, args).await;
    let file = source.file().to_path_buf();
    source.close().await;
    let bytes = result?;
    Ok(BackupReport {
        source: file,
        path: dest.clone(),
        bytes,
    })
}

async fn copy(
    source: &mut SqliteBackupSource,
    dir: &Path,
    name: &std::ffi::OsStr,
    args: &BackupArgs,
) -> anyhow::Result<u64> {
    let expected = source.used_bytes().await?;
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(name);
    temp_name.push(format!(".{}.partial", std::process::id()));
    let temp = Temp(dir.join(temp_name));
    // A leftover of a crashed run with the same process id: SQLite refuses a non-empty file.
    let _ = std::fs::remove_file(&temp.0);

    let progress = ProgressBar::with_draw_target(Some(expected), ProgressDrawTarget::hidden());
    progress.set_style(
        ProgressStyle::with_template(
            "backup {wide_bar} {binary_bytes}/{binary_total_bytes} ({elapsed})",
        )
        .expect("valid progress template"),
    );
    let started = tokio::time::Instant::now();
    let quiet_start = Duration::from_millis(args.progress_after_millis);
    {
        let vacuum = source.vacuum_into(&temp.0);
        tokio::pin!(vacuum);
        let mut tick = tokio::time::interval(POLL);
        let mut shown = false;
        loop {
            tokio::select! {
                result = &mut vacuum => { result?; break; }
                _ = tick.tick() => {
                    if !shown && started.elapsed() >= quiet_start {
                        // Draws only if stderr is a terminal.
                        progress.set_draw_target(ProgressDrawTarget::stderr());
                        shown = true;
                    }
                    let written = std::fs::metadata(&temp.0).map(|m| m.len()).unwrap_or(0);
                    progress.set_position(written.min(expected));
                }
            }
        }
    }
    progress.finish_and_clear();

    let file = std::fs::File::open(&temp.0)
        .with_context(|| format!("cannot open the copy {}", temp.0.display()))?;
    file.sync_all()
        .with_context(|| format!("cannot flush the copy {}", temp.0.display()))?;
    let bytes = file.metadata()?.len();
    drop(file);
    if args.force {
        std::fs::rename(&temp.0, &args.path)
            .with_context(|| format!("cannot rename the copy to {}", args.path.display()))?;
    } else {
        // A hard link fails if the name was taken meanwhile: never replaces a file. Where
        // the file system has no hard links, a rename after a last look will do.
        match std::fs::hard_link(&temp.0, &args.path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                anyhow::bail!("{} exists; pass --force to replace it", args.path.display())
            }
            Err(_) if args.path.symlink_metadata().is_err() => std::fs::rename(&temp.0, &args.path)
                .with_context(|| format!("cannot rename the copy to {}", args.path.display()))?,
            Err(e) => {
                return Err(anyhow::Error::new(e).context(format!(
                    "cannot give the copy its name {}",
                    args.path.display()
                )));
            }
        }
    }
    drop(temp);
    // The new name must survive a power cut too.
    std::fs::File::open(dir)
        .and_then(|d| d.sync_all())
        .with_context(|| format!("cannot flush the folder {}", dir.display()))?;
    Ok(bytes)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// The temporary copy: removed when dropped (after a failure, or after linking).
struct Temp(PathBuf);

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
