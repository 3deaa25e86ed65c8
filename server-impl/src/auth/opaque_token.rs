//! Opaque tokens (refresh tokens, password-reset tokens): 256 random bits, handed out once,
//! stored only as a SHA-256 hash; and the successor a refresh token rotates to.
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

/// A new opaque token (refresh token, password-reset token) and the hash to store for it.
pub fn new_opaque_token() -> anyhow::Result<(String, Vec<u8>)> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    Ok((token, hash))
}

/// The token a refresh token rotates to: an HMAC of it under a server key, so that a
/// retry of the same refresh (within the reuse interval) yields the same successor without
/// the server keeping any token in the clear. Unguessable without both the key and the
/// old token (256 random bits).
pub fn successor_token(key: &[u8], token: &str) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(b"refresh-successor\0");
    mac.update(token.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

/// The access-token id that goes with a refresh token's hash (same rotation, same id).
pub fn token_id_for(refresh_hash: &[u8]) -> uuid::Uuid {
    let digest = Sha256::digest([b"jti\0".as_slice(), refresh_hash].concat());
    uuid::Builder::from_random_bytes(digest[..16].try_into().expect("16 bytes")).into_uuid()
}

/// The stored form of a presented token. A fast hash is enough: the token has 256 bits
/// of entropy, so it cannot be guessed from its hash.
pub fn hash_token(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_hashed() {
        let (a, hash_a) = new_opaque_token().unwrap();
        let (b, _) = new_opaque_token().unwrap();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert_eq!(hash_a, hash_token(&a));
        assert_eq!(hash_a.len(), 32);
    }

    mod prop {
        use super::*;
        use crate::prop_support::any_text;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn presented_tokens_of_any_shape_hash_to_32_bytes(token in any_text(), other in any_text()) {
                let hash = hash_token(&token);
                prop_assert_eq!(hash.len(), 32);
                prop_assert_eq!(&hash, &hash_token(&token));
                if other != token {
                    prop_assert_ne!(hash, hash_token(&other));
                }
            }

            #[test]
            fn successors_are_deterministic_opaque_tokens(
                key in proptest::collection::vec(any::<u8>(), 0..64),
                token in any_text(),
                other in any_text(),
            ) {
                let next = successor_token(&key, &token);
                prop_assert_eq!(next.len(), 43);
                prop_assert!(next.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
                prop_assert_eq!(&next, &successor_token(&key, &token));
                prop_assert_ne!(&next, &token);
                if other != token {
                    prop_assert_ne!(&next, &successor_token(&key, &other));
                }
                let id = token_id_for(&hash_token(&token));
                prop_assert_eq!(id, token_id_for(&hash_token(&token)));
            }
        }
    }
}
