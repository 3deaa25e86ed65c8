//! A PostgreSQL cluster of a test's own (never the shared one): `initdb` into a temp dir,
//! started and stopped with `pg_ctl` on a free loopback port, with whatever server settings
//! the test needs (TLS, …). As root, the server's programs run as `postgres` (it refuses
//! root). Removed with its temp dir.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

use super::in_ci;

pub const PG_BIN: &str = "/usr/lib/postgresql/15/bin";

pub fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// A free loopback port (free when asked; nobody else on the machine races for it).
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

/// `program` run as `postgres` when we are root, as ourselves otherwise.
pub fn as_postgres(program: &str) -> Command {
    if is_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--", program]);
        c
    } else {
        Command::new(program)
    }
}

/// Hands `path` to the `postgres` user (when we are root), with `mode`.
pub fn give_to_postgres(path: &Path, mode: &str) {
    if is_root() {
        let status = Command::new("chown")
            .args(["postgres:postgres", &path.display().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }
    let status = Command::new("chmod")
        .args([mode, &path.display().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

pub struct PrivateCluster {
    dir: TempDir,
    pub port: u16,
    /// `-c name=value` server settings, kept across restarts.
    settings: Vec<(String, String)>,
}

impl PrivateCluster {
    /// `initdb` (trust authentication for the `postgres` superuser) and start it. `None`
    /// (skip) when PostgreSQL 15's binaries are missing outside CI.
    pub fn create() -> Option<PrivateCluster> {
        let cluster = PrivateCluster::init()?;
        cluster.start();
        Some(cluster)
    }

    /// `initdb` only: the test adds files and settings, then starts it.
    pub fn init() -> Option<PrivateCluster> {
        if !Path::new(PG_BIN).join("initdb").exists() {
            assert!(!in_ci(), "{PG_BIN}/initdb is missing in CI");
            eprintln!("skipped: PostgreSQL 15 server binaries ({PG_BIN}) are not installed");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        give_to_postgres(dir.path(), "700");
        let cluster = PrivateCluster {
            dir,
            port: free_port(),
            settings: vec![("fsync".into(), "off".into())],
        };
        let out = cluster.pg(
            "initdb",
            &[
                "-D",
                &cluster.data(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
            ],
        );
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(cluster)
    }

    /// The cluster's own folder (its data folder is `data/` inside), for files the server
    /// reads: make them the `postgres` user's with [`give_to_postgres`].
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Sets a server setting for the next start.
    pub fn set(&mut self, name: &str, value: &str) {
        self.settings.retain(|(n, _)| n != name);
        self.settings.push((name.to_owned(), value.to_owned()));
    }

    /// The superuser's URL (trust authentication: no password needed).
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn pg(&self, tool: &str, args: &[&str]) -> Output {
        as_postgres(&format!("{PG_BIN}/{tool}"))
            .args(args)
            .output()
            .unwrap()
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn log(&self) -> PathBuf {
        self.dir.path().join("log")
    }

    /// What the server has logged so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(self.log()).unwrap_or_default()
    }

    /// Runs one SQL statement as the superuser with `psql`, returning its unaligned output.
    pub fn psql(&self, sql: &str) -> String {
        let out = Command::new(format!("{PG_BIN}/psql"))
            .args([
                "-X",
                "-qtA",
                "-v",
                "ON_ERROR_STOP=1",
                &format!("{}?sslmode=disable", self.url()),
                "-c",
                sql,
            ])
            .current_dir("/")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "psql {sql}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    pub fn start(&self) {
        let mut options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {}",
            self.port,
            self.dir.path().display()
        );
        for (name, value) in &self.settings {
            options.push_str(&format!(" -c {name}='{value}'"));
        }
        let log = self.log().display().to_string();
        let out = self.pg(
            "pg_ctl",
            &[
                "start",
                "-w",
                "-D",
                &self.data(),
                "-l",
                &log,
                "-o",
                &options,
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl start: {} {}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    pub fn stop(&self) {
        let out = self.pg(
            "pg_ctl",
            &["stop", "-w", "-m", "immediate", "-D", &self.data()],
        );
        assert!(
            out.status.success(),
            "pg_ctl stop: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        let _ = self.pg("pg_ctl", &["stop", "-m", "immediate", "-D", &self.data()]);
    }
}
