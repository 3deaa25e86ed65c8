//! Idempotency keys (IETF draft `draft-ietf-httpapi-idempotency-key-header`) for creations.

use std::time::Duration;

use sha2::{Digest, Sha256};
use uuid::Uuid;

/// How long a key is remembered.
pub const KEY_TTL: Duration = Duration::from_secs(24 * 3600);
/// After this long without an answer, a first request is presumed dead and a retry may take over.
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(60);

/// A client's key: 1 to 255 visible ASCII characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(raw: &str) -> Result<IdempotencyKey, String> {
        if raw.is_empty() || raw.len() > 255 || !raw.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
            return Err("must be 1 to 255 visible ASCII characters".to_owned());
        }
        Ok(IdempotencyKey(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What a key is bound to: a digest of the request as the client meant it, given in
/// canonical bytes (a retry with the same meaning has the same fingerprint).
pub fn fingerprint(request: &[u8]) -> Vec<u8> {
    Sha256::digest(request).to_vec()
}

/// What claiming a key found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// This request owns the key (locked at `locked_at`) and must do the work.
    Owned {
        locked_at: chrono::DateTime<chrono::Utc>,
    },
    /// The work was done before: replay its stored response.
    Replay { body: String, resource_id: Uuid },
    /// An earlier request with this key is still running.
    InProgress,
    /// The key was used with a different request.
    Mismatch,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_syntax() {
        assert!(IdempotencyKey::parse("8e03978e-40d5-43e8-bc93-6894a57f9324").is_ok());
        assert!(IdempotencyKey::parse(&"k".repeat(255)).is_ok());
        for bad in ["", "has space", "tab\t", "é", &"k".repeat(256)] {
            assert!(IdempotencyKey::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn fingerprints_tell_requests_apart() {
        assert_eq!(fingerprint(b"{}").len(), 32);
        assert_eq!(fingerprint(b"{\"a\":1}"), fingerprint(b"{\"a\":1}"));
        assert_ne!(fingerprint(b"{\"a\":1}"), fingerprint(b"{\"a\":2}"));
    }

    mod prop {
        use super::*;
        use crate::prop_support::any_text;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn keys_are_1_to_255_visible_ascii_characters(
                raw in prop_oneof![any_text(), "[!-~]{1,260}", "[ -\u{80}]{0,40}"],
            ) {
                let expected = (1..=255).contains(&raw.len())
                    && raw.chars().all(|c| c.is_ascii_graphic());
                match IdempotencyKey::parse(&raw) {
                    Ok(key) => {
                        prop_assert!(expected);
                        prop_assert_eq!(key.as_str(), raw.as_str());
                    }
                    Err(_) => prop_assert!(!expected),
                }
            }
        }
    }
}
