//! Keyset pagination: pages and the opaque, tamper-evident cursor between them.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sha2::Sha256;
use uuid::Uuid;

use crate::domain::{PageKey, ValidationErrors};
use crate::error::AppError;

pub const DEFAULT_PAGE_SIZE: u32 = 20;
pub const MAX_PAGE_SIZE: u32 = 100;

type HmacSha256 = Hmac<Sha256>;

const TAG_LEN: usize = 16;

/// One page of results, the page size asked for, and the cursor to the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub limit: u32,
    pub next_cursor: Option<String>,
}

/// Turns a position into an opaque cursor and back. The cursor carries the position
/// (`created_at` in microseconds, id) and an HMAC over it, the list it belongs to and the
/// owner's id, so an altered cursor, or one issued for another list or user, is rejected.
#[derive(Clone)]
pub struct CursorCodec {
    mac: HmacSha256,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("the cursor is malformed or was not issued for this list")]
pub struct BadCursor;

/// A validated request for one page: fetch `limit + 1` rows after `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageRequest<K = PageKey> {
    pub limit: u32,
    pub after: Option<K>,
}

impl<K> PageRequest<K> {
    /// Rows to ask the database for: one more than the page, to learn whether another follows.
    pub fn fetch(&self) -> u32 {
        self.limit + 1
    }
}

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

    /// The cursor for a position `key` (any serializable position: a `PageKey`, a sort key).
    pub fn encode<K: Serialize>(&self, list: &str, owner: Uuid, key: &K) -> String {
        let mut bytes = serde_json::to_vec(key).expect("positions serialize");
        let tag = self.signer(list, owner, &bytes).finalize().into_bytes();
        bytes.extend_from_slice(&tag[..TAG_LEN]);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    pub fn decode<K: DeserializeOwned>(
        &self,
        list: &str,
        owner: Uuid,
        cursor: &str,
    ) -> Result<K, BadCursor> {
        let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| BadCursor)?;
        if bytes.len() <= TAG_LEN {
            return Err(BadCursor);
        }
        let (payload, tag) = bytes.split_at(bytes.len() - TAG_LEN);
        self.signer(list, owner, payload)
            .verify_truncated_left(tag)
            .map_err(|_| BadCursor)?;
        serde_json::from_slice(payload).map_err(|_| BadCursor)
    }

    /// Checks `limit` (1 to 100, default 20) and `cursor` of a list request.
    pub fn request<K: DeserializeOwned>(
        &self,
        list: &str,
        owner: Uuid,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<PageRequest<K>, AppError> {
        let mut errors = ValidationErrors::new();
        let limit = limit.unwrap_or(DEFAULT_PAGE_SIZE);
        if !(1..=MAX_PAGE_SIZE).contains(&limit) {
            errors.add("limit", format!("must be between 1 and {MAX_PAGE_SIZE}"));
        }
        let after = match cursor {
            Some(c) => errors.check(
                "cursor",
                self.decode(list, owner, c)
                    .map(Some)
                    .map_err(|e| e.to_string()),
            ),
            None => Some(None),
        };
        match after {
            Some(after) if errors.is_empty() => Ok(PageRequest { limit, after }),
            _ => Err(AppError::BadParameter(errors)),
        }
    }

    /// Cuts the rows fetched for `request` to a page, with the cursor to the next one.
    pub fn page<T, K: Serialize>(
        &self,
        list: &str,
        owner: Uuid,
        request: &PageRequest<K>,
        mut rows: Vec<T>,
        key: impl Fn(&T) -> K,
    ) -> Page<T> {
        let limit = request.limit as usize;
        let next_cursor = if rows.len() > limit {
            rows.truncate(limit);
            rows.last().map(|last| self.encode(list, owner, &key(last)))
        } else {
            None
        };
        Page {
            items: rows,
            limit: request.limit,
            next_cursor,
        }
    }

    fn signer(&self, list: &str, owner: Uuid, payload: &[u8]) -> HmacSha256 {
        let mut mac = self.mac.clone();
        mac.update(list.as_bytes());
        mac.update(&[0]);
        mac.update(owner.as_bytes());
        mac.update(payload);
        mac
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain;

    fn key() -> PageKey {
        PageKey {
            created_at: domain::now(),
            id: Uuid::now_v7(),
        }
    }

    #[test]
    fn round_trips_for_the_same_owner() {
        let codec = CursorCodec::new(b"secret");
        let (owner, k) = (Uuid::now_v7(), key());
        assert_eq!(
            codec.decode::<PageKey>("todos", owner, &codec.encode("todos", owner, &k)),
            Ok(k)
        );
    }

    #[test]
    fn rejects_other_owner_other_secret_and_any_flipped_character() {
        let codec = CursorCodec::new(b"secret");
        let (owner, k) = (Uuid::now_v7(), key());
        let cursor = codec.encode("todos", owner, &k);
        assert_eq!(
            codec.decode::<PageKey>("todos", Uuid::now_v7(), &cursor),
            Err(BadCursor)
        );
        assert_eq!(
            codec.decode::<PageKey>("sessions", owner, &cursor),
            Err(BadCursor)
        );
        assert_eq!(
            CursorCodec::new(b"other").decode::<PageKey>("todos", owner, &cursor),
            Err(BadCursor)
        );
        for i in 0..cursor.len() {
            let mut chars: Vec<char> = cursor.chars().collect();
            chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
            let tampered: String = chars.into_iter().collect();
            assert!(
                codec.decode::<PageKey>("todos", owner, &tampered).is_err(),
                "position {i}"
            );
        }
        for junk in ["", "!!!", "AAAA", &"A".repeat(54)] {
            assert_eq!(
                codec.decode::<PageKey>("todos", owner, junk),
                Err(BadCursor)
            );
        }
    }
}
