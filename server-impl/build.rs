// sqlx::migrate! embeds migrations/ at compile time; rebuild when a migration is added.
// TODO_API_COMMIT names the commit the binary is built from (`todo_api_build_info`): taken
// from the environment if set (a container build has no .git), else from `git rev-parse`,
// else "unknown"; never a build failure.
use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=../migrations");
    println!("cargo:rerun-if-env-changed=TODO_API_COMMIT");
    let commit = std::env::var("TODO_API_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(from_git)
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=TODO_API_COMMIT={}", commit.trim());
}

/// The checked-out commit (12 hex digits), watching the files that change with it.
fn from_git() -> Option<String> {
    let git = |args: &[&str]| {
        let output = Command::new("git").args(args).output().ok()?;
        output
            .status
            .success()
            .then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"])?;
    // A commit, a checkout or a reset moves HEAD or its reflog (worktrees included).
    for file in ["HEAD", "logs/HEAD"] {
        if let Some(path) = git(&["rev-parse", "--git-path", file])
            && Path::new(&path).exists()
        {
            println!("cargo:rerun-if-changed={path}");
        }
    }
    Some(commit)
}
