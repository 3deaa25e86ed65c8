//! The signing keys: `JWT_SECRET` (the current key) and `JWT_PREVIOUS_SECRETS` (verify-only
//! keys kept during a rotation, ADR 0017). On SQLite (one node) an unset `JWT_SECRET` is
//! generated once and kept in the data folder; on PostgreSQL (any number of nodes) it must be
//! configured, since each node would otherwise sign with its own.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

use crate::auth::KeyRing;
use crate::config::ConfigError;

pub const MIN_SECRET_BYTES: usize = 32;
const SECRET_FILE: &str = "jwt_secret";

/// The key ring from the configuration: `current` (`JWT_SECRET`), else on SQLite the secret
/// kept in `data_dir`; and the verify-only `previous` keys (empty entries ignored). A key
/// shorter than 32 bytes, or PostgreSQL without `JWT_SECRET`, is a [`ConfigError`].
pub fn signing_keys(
    current: Option<&str>,
    previous: &[String],
    data_dir: &Path,
    database_url: &str,
) -> anyhow::Result<KeyRing> {
    let mut previous_keys = Vec::new();
    for (n, secret) in previous.iter().map(|s| s.trim()).enumerate() {
        if secret.is_empty() {
            continue;
        }
        if secret.len() < MIN_SECRET_BYTES {
            return Err(ConfigError(format!(
                "JWT_PREVIOUS_SECRETS: key {} is shorter than {MIN_SECRET_BYTES} bytes",
                n + 1
            ))
            .into());
        }
        previous_keys.push(secret.as_bytes().to_vec());
    }
    let shared_database = ["postgres:", "postgresql:"]
        .iter()
        .any(|scheme| database_url.starts_with(scheme));
    if current.is_none() && shared_database {
        return Err(ConfigError(
            "JWT_SECRET is required with PostgreSQL: every node must sign with the same key \
             (at least 32 random bytes, e.g. `openssl rand -base64 48`)"
                .to_owned(),
        )
        .into());
    }
    let current = jwt_secret(current, data_dir)?;
    Ok(KeyRing::new(&current, &previous_keys))
}

/// Returns the configured secret (refusing one shorter than 32 bytes), or the one kept in
/// `data_dir`, creating it (64 random bytes, hex, mode 0600) on first start.
pub fn jwt_secret(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = configured {
        if secret.len() < MIN_SECRET_BYTES {
            return Err(ConfigError(format!(
                "JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long"
            ))
            .into());
        }
        return Ok(secret.as_bytes().to_vec());
    }
    let path = data_dir.join(SECRET_FILE);
    if path.exists() {
        let secret = std::fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let secret = secret.trim();
        if secret.len() < MIN_SECRET_BYTES {
            bail!(
                "{} holds a secret shorter than {MIN_SECRET_BYTES} bytes",
                path.display()
            );
        }
        return Ok(secret.as_bytes().to_vec());
    }
    let mut bytes = [0u8; 64];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let secret: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create {}", data_dir.display()))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(secret.as_bytes())?;
    file.sync_all()?;
    tracing::warn!(
        path = %path.display(),
        "JWT_SECRET is not set: generated a signing secret and stored it; set JWT_SECRET (shared by all nodes) in production"
    );
    Ok(secret.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_configured_secret_is_refused() {
        let dir = std::env::temp_dir();
        assert!(jwt_secret(Some("too short"), &dir).is_err());
        assert_eq!(jwt_secret(Some(&"k".repeat(32)), &dir).unwrap().len(), 32);
    }

    #[test]
    fn postgresql_needs_a_configured_secret_sqlite_generates_one() {
        let dir = std::env::temp_dir().join(format!("todo-secret-{}", uuid::Uuid::new_v4()));
        for url in ["postgres://u:p@h/db", "postgresql://h/db"] {
            let error = signing_keys(None, &[], &dir, url).unwrap_err();
            assert!(error.downcast_ref::<ConfigError>().is_some());
            assert!(error.to_string().contains("JWT_SECRET"), "{error}");
        }
        assert!(!dir.exists(), "nothing generated for PostgreSQL");
        let keys = signing_keys(None, &[], &dir, "sqlite://x.db").unwrap();
        assert_eq!(keys.current().secret().len(), 128);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn previous_keys_verify_and_short_ones_are_refused() {
        let dir = std::env::temp_dir();
        let (k1, k2) = ("1".repeat(32), "2".repeat(32));
        let keys = signing_keys(
            Some(&k2),
            &[k1.clone(), String::new()],
            &dir,
            "postgres://h/db",
        )
        .unwrap();
        assert_eq!(keys.current().secret(), k2.as_bytes());
        assert_eq!(keys.all().len(), 2);
        let error =
            signing_keys(Some(&k2), &[k1, "tiny-key".into()], &dir, "postgres://h/db").unwrap_err();
        assert!(error.downcast_ref::<ConfigError>().is_some());
        assert!(
            error.to_string().contains("JWT_PREVIOUS_SECRETS: key 2"),
            "{error}"
        );
        assert!(
            !error.to_string().contains("tiny-key"),
            "the key is not shown"
        );
    }

    #[test]
    fn generated_secret_is_kept_and_reused() {
        let dir = std::env::temp_dir().join(format!("todo-secret-{}", uuid::Uuid::new_v4()));
        let first = jwt_secret(None, &dir).unwrap();
        assert_eq!(first.len(), 128);
        assert_eq!(jwt_secret(None, &dir).unwrap(), first);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join(SECRET_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
