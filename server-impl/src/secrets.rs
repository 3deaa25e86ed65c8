//! The JWT signing secret: configured, or generated once and kept in the data folder.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

pub const MIN_SECRET_BYTES: usize = 32;
const SECRET_FILE: &str = "jwt_secret";

/// Returns the configured secret (refusing one shorter than 32 bytes), or the one kept in
/// `data_dir`, creating it (64 random bytes, hex, mode 0600) on first start.
pub fn jwt_secret(configured: Option<&str>, data_dir: &Path) -> anyhow::Result<Vec<u8>> {
    if let Some(secret) = configured {
        if secret.len() < MIN_SECRET_BYTES {
            bail!("JWT_SECRET must be at least {MIN_SECRET_BYTES} bytes long");
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
