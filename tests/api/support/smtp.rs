//! A real SMTP server (aiosmtpd, from PyPI) on a loopback port for the tests; messages
//! land as files that the tests read.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

pub struct SmtpSink {
    pub port: u16,
    maildir: tempfile::TempDir,
    _child: Child,
}

/// The Python that has aiosmtpd: TEST_SMTP_PYTHON, or the repository's `.venv-smtp`.
fn python() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TEST_SMTP_PYTHON") {
        return Some(PathBuf::from(p));
    }
    let venv = super::repo_file(".venv-smtp/bin/python");
    venv.exists().then_some(venv)
}

impl SmtpSink {
    /// `None` (skip) only outside CI when no aiosmtpd is installed.
    pub async fn start() -> Option<SmtpSink> {
        let Some(python) = python() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "aiosmtpd is required in CI: set TEST_SMTP_PYTHON or create .venv-smtp (see .ci/run)"
            );
            eprintln!(
                "skipped: install aiosmtpd (python3 -m venv .venv-smtp && .venv-smtp/bin/pip install -r scripts/smtp-requirements.txt)"
            );
            return None;
        };
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let maildir = tempfile::tempdir().unwrap();
        let script = super::repo_file("tests/smtp_sink.py");
        let mut child = Command::new(python)
            .arg(script)
            .arg(port.to_string())
            .arg(maildir.path())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .expect("start the SMTP sink");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = tokio::time::timeout(Duration::from_secs(20), lines.next_line()).await;
        assert!(
            matches!(ready, Ok(Ok(Some(ref l))) if l == "ready"),
            "SMTP sink did not start: {ready:?}"
        );
        Some(SmtpSink {
            port,
            maildir,
            _child: child,
        })
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<String> {
        let mut files: Vec<_> = std::fs::read_dir(self.maildir.path())
            .unwrap()
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect()
    }

    /// Waits (up to 10 s) until `count` messages have arrived.
    pub async fn wait_for(&self, count: usize) -> Vec<String> {
        for _ in 0..200 {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("expected {count} messages, got {}", self.messages().len());
    }
}
