//! Keyset pagination: pages and the opaque, tamper-evident cursor between them.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::DateTime;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use uuid::Uuid;

use crate::domain::TodoKey;

type HmacSha256 = Hmac<Sha256>;

const PAYLOAD_LEN: usize = 8 + 16;
const TAG_LEN: usize = 16;

/// One page of results, the page size asked for, and the cursor to the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub limit: u32,
    pub next_cursor: Option<String>,
}

/// Turns a position into an opaque cursor and back. The cursor carries the position
/// (`created_at` in microseconds, id) and an HMAC over it and the owner's id, so an
/// altered cursor, or one issued to another user, is rejected.
#[derive(Clone)]
pub struct CursorCodec {
    mac: HmacSha256,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the cursor is malformed or was not issued for this list")]
pub struct BadCursor;

impl CursorCodec {
    /// `secret` is the server's signing secret; a separate key is derived from it.
    pub fn new(secret: &[u8]) -> CursorCodec {
        let mut derive = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
        derive.update(b"todo-api pagination cursor v1");
        let key = derive.finalize().into_bytes();
        CursorCodec {
            mac: HmacSha256::new_from_slice(&key).expect("HMAC takes any key length"),
        }
    }

    pub fn encode(&self, owner: Uuid, key: TodoKey) -> String {
        let mut bytes = Vec::with_capacity(PAYLOAD_LEN + TAG_LEN);
        bytes.extend_from_slice(&key.created_at.timestamp_micros().to_be_bytes());
        bytes.extend_from_slice(key.id.as_bytes());
        let tag = self.tag(owner, &bytes);
        bytes.extend_from_slice(&tag[..TAG_LEN]);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    pub fn decode(&self, owner: Uuid, cursor: &str) -> Result<TodoKey, BadCursor> {
        let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| BadCursor)?;
        if bytes.len() != PAYLOAD_LEN + TAG_LEN {
            return Err(BadCursor);
        }
        let (payload, tag) = bytes.split_at(PAYLOAD_LEN);
        let mut mac = self.mac.clone();
        mac.update(owner.as_bytes());
        mac.update(payload);
        mac.verify_truncated_left(tag).map_err(|_| BadCursor)?;
        let micros = i64::from_be_bytes(payload[..8].try_into().map_err(|_| BadCursor)?);
        let id = Uuid::from_slice(&payload[8..]).map_err(|_| BadCursor)?;
        let created_at = DateTime::from_timestamp_micros(micros).ok_or(BadCursor)?;
        Ok(TodoKey { created_at, id })
    }

    fn tag(&self, owner: Uuid, payload: &[u8]) -> Vec<u8> {
        let mut mac = self.mac.clone();
        mac.update(owner.as_bytes());
        mac.update(payload);
        mac.finalize().into_bytes().to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain;

    fn key() -> TodoKey {
        TodoKey {
            created_at: domain::now(),
            id: Uuid::now_v7(),
        }
    }

    #[test]
    fn round_trips_for_the_same_owner() {
        let codec = CursorCodec::new(b"secret");
        let (owner, k) = (Uuid::now_v7(), key());
        assert_eq!(codec.decode(owner, &codec.encode(owner, k)), Ok(k));
    }

    #[test]
    fn rejects_other_owner_other_secret_and_any_flipped_character() {
        let codec = CursorCodec::new(b"secret");
        let (owner, k) = (Uuid::now_v7(), key());
        let cursor = codec.encode(owner, k);
        assert_eq!(codec.decode(Uuid::now_v7(), &cursor), Err(BadCursor));
        assert_eq!(
            CursorCodec::new(b"other").decode(owner, &cursor),
            Err(BadCursor)
        );
        for i in 0..cursor.len() {
            let mut chars: Vec<char> = cursor.chars().collect();
            chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
            let tampered: String = chars.into_iter().collect();
            assert!(codec.decode(owner, &tampered).is_err(), "position {i}");
        }
        for junk in ["", "!!!", "AAAA", &"A".repeat(54)] {
            assert_eq!(codec.decode(owner, junk), Err(BadCursor));
        }
    }
}
