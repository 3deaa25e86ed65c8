//! The signing keys (ADR 0017): the current key, which signs access tokens, list cursors and
//! refresh-token successors, and the previous keys, which only verify. Rotating is
//! `JWT_SECRET=new`, `JWT_PREVIOUS_SECRETS=old`, then dropping `old` once nothing signed
//! with it matters any more.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// One key and its id (`kid`): base64url of the first 8 bytes of SHA-256 of the key. The id
/// names the key in a token's header; it is not secret and cannot be configured.
#[derive(Clone)]
pub struct SigningKey {
    kid: String,
    secret: Vec<u8>,
}

impl SigningKey {
    pub fn new(secret: &[u8]) -> SigningKey {
        SigningKey {
            kid: key_id(secret),
            secret: secret.to_vec(),
        }
    }

    pub fn kid(&self) -> &str {
        &self.kid
    }

    pub fn secret(&self) -> &[u8] {
        &self.secret
    }
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// The id of a key: base64url (no padding) of the first 8 bytes of its SHA-256 (11 characters).
pub fn key_id(secret: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(&Sha256::digest(secret)[..8])
}

/// The current key and the verify-only previous ones, without repeats (a previous key equal to
/// the current one, or listed twice, is kept once).
#[derive(Clone, Debug)]
pub struct KeyRing {
    keys: Vec<SigningKey>,
}

impl KeyRing {
    pub fn new(current: &[u8], previous: &[Vec<u8>]) -> KeyRing {
        let mut keys = vec![SigningKey::new(current)];
        for secret in previous {
            if !keys.iter().any(|k| k.secret == *secret) {
                keys.push(SigningKey::new(secret));
            }
        }
        KeyRing { keys }
    }

    /// A ring of one key (tests, tools).
    pub fn single(secret: &[u8]) -> KeyRing {
        KeyRing::new(secret, &[])
    }

    /// The key that signs.
    pub fn current(&self) -> &SigningKey {
        &self.keys[0]
    }

    /// Every key that verifies, the current one first.
    pub fn all(&self) -> &[SigningKey] {
        &self.keys
    }

    /// The key a token's `kid` names, if it is configured.
    pub fn by_kid(&self, kid: &str) -> Option<&SigningKey> {
        self.keys.iter().find(|k| k.kid == kid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_ids_are_short_stable_and_distinct() {
        let a = key_id(&[1; 32]);
        assert_eq!(a.len(), 11);
        assert_eq!(a, key_id(&[1; 32]));
        assert_ne!(a, key_id(&[2; 32]));
        // SHA-256 of 32 bytes 0x01, first 8 bytes, base64url: fixed, so it cannot drift.
        let digest = Sha256::digest([1u8; 32]);
        assert_eq!(a, URL_SAFE_NO_PAD.encode(&digest[..8]));
    }

    #[test]
    fn the_current_key_signs_and_every_key_verifies() {
        let ring = KeyRing::new(b"current", &[b"old".to_vec(), b"older".to_vec()]);
        assert_eq!(ring.current().secret(), b"current");
        let secrets: Vec<&[u8]> = ring.all().iter().map(SigningKey::secret).collect();
        assert_eq!(secrets, [&b"current"[..], b"old", b"older"]);
        assert_eq!(ring.by_kid(&key_id(b"old")).unwrap().secret(), b"old");
        assert!(ring.by_kid(&key_id(b"unknown")).is_none());
    }

    #[test]
    fn repeated_keys_are_kept_once() {
        let ring = KeyRing::new(
            b"current",
            &[b"current".to_vec(), b"old".to_vec(), b"old".to_vec()],
        );
        assert_eq!(ring.all().len(), 2);
    }

    #[test]
    fn debug_output_shows_ids_not_secrets() {
        let ring = KeyRing::new(b"the-secret-value", &[b"the-old-secret".to_vec()]);
        let shown = format!("{ring:?}");
        assert!(!shown.contains("the-secret-value") && !shown.contains("the-old-secret"));
        assert!(shown.contains(&key_id(b"the-secret-value")), "{shown}");
    }
}
