//! Keyset pagination: pages and the opaque, tamper-evident cursor between them.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, KeyInit, Mac};
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
/// Cursors are signed with the current key and accepted with any configured key (ADR 0017).
#[derive(Clone)]
pub struct CursorCodec {
    /// One MAC per configured key, the current key's first.
    macs: Vec<HmacSha256>,
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
        CursorCodec {
            macs: vec![Self::mac_for(secret)],
        }
    }

    /// Signs with the ring's current key, accepts cursors signed with any of its keys.
    pub fn with_keys(keys: &crate::auth::KeyRing) -> CursorCodec {
        CursorCodec {
            macs: keys
                .all()
                .iter()
                .map(|k| Self::mac_for(k.secret()))
                .collect(),
        }
    }

    fn mac_for(secret: &[u8]) -> HmacSha256 {
        let mut derive = HmacSha256::new_from_slice(secret).expect("HMAC takes any key length");
        derive.update(b"todo-api pagination cursor v1");
        let key = derive.finalize().into_bytes();
        HmacSha256::new_from_slice(&key).expect("HMAC takes any key length")
    }

    /// The cursor for a position `key` (any serializable position: a `PageKey`, a sort key).
    pub fn encode<K: Serialize>(&self, list: &str, owner: Uuid, key: &K) -> String {
        let mut bytes = serde_json::to_vec(key).expect("positions serialize");
        let tag = self
            .signer(&self.macs[0], list, owner, &bytes)
            .finalize()
            .into_bytes();
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
        let signed = self.macs.iter().any(|mac| {
            self.signer(mac, list, owner, payload)
                .verify_truncated_left(tag)
                .is_ok()
        });
        if !signed {
            return Err(BadCursor);
        }
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

    fn signer(&self, key: &HmacSha256, list: &str, owner: Uuid, payload: &[u8]) -> HmacSha256 {
        let mut mac = key.clone();
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
    fn cursors_survive_a_rotation_until_their_key_is_removed() {
        use crate::auth::KeyRing;
        let (owner, k) = (Uuid::now_v7(), key());
        let old = CursorCodec::new(b"old key").encode("todos", owner, &k);
        // The ring's single-key form signs exactly as `new` does.
        assert_eq!(
            CursorCodec::with_keys(&KeyRing::single(b"old key")).encode("todos", owner, &k),
            old
        );
        let rotated = CursorCodec::with_keys(&KeyRing::new(b"new key", &[b"old key".to_vec()]));
        assert_eq!(rotated.decode::<PageKey>("todos", owner, &old), Ok(k));
        let new = rotated.encode("todos", owner, &k);
        assert_ne!(new, old, "new cursors are signed with the current key");
        assert_eq!(
            CursorCodec::new(b"new key").decode::<PageKey>("todos", owner, &new),
            Ok(k)
        );
        let removed = CursorCodec::new(b"new key");
        assert_eq!(
            removed.decode::<PageKey>("todos", owner, &old),
            Err(BadCursor)
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

    mod prop {
        use super::*;
        use crate::domain::{SortKey, SortValue};
        use crate::prop_support::{any_instant, any_text};
        use chrono::{DateTime, Utc};
        use proptest::prelude::*;

        fn codec() -> CursorCodec {
            CursorCodec::new(b"property-test secret")
        }

        fn uuid() -> impl Strategy<Value = Uuid> {
            any::<u128>().prop_map(Uuid::from_u128)
        }

        /// Positions as the server makes them: instants of years 1 to 9999.
        fn instant() -> impl Strategy<Value = DateTime<Utc>> {
            any_instant().prop_filter("stored range", crate::prop_support::instant_in_range)
        }

        fn page_key() -> impl Strategy<Value = PageKey> {
            (instant(), uuid()).prop_map(|(created_at, id)| PageKey { created_at, id })
        }

        fn sort_key() -> impl Strategy<Value = SortKey> {
            let value = prop_oneof![
                instant().prop_map(SortValue::Time),
                proptest::option::of(instant()).prop_map(SortValue::MaybeTime),
                any::<i16>().prop_map(SortValue::Priority),
                any_text().prop_map(SortValue::Text),
            ];
            (value, uuid()).prop_map(|(value, id)| SortKey { value, id })
        }

        /// Any string, plus strings of the cursor alphabet (which get past base64).
        fn cursor_like() -> impl Strategy<Value = String> {
            prop_oneof![
                any_text(),
                "[A-Za-z0-9_-]{0,200}",
                "[A-Za-z0-9_=+/-]{20,80}"
            ]
        }

        proptest! {
            #[test]
            fn arbitrary_strings_are_rejected(owner in uuid(), cursor in cursor_like()) {
                let codec = codec();
                prop_assert_eq!(codec.decode::<PageKey>("todos", owner, &cursor), Err(BadCursor));
                prop_assert_eq!(codec.decode::<SortKey>("todos", owner, &cursor), Err(BadCursor));
                // Through the request check: a 400 naming the cursor, never anything else.
                match codec.request::<PageKey>("todos", owner, Some(20), Some(&cursor)) {
                    Err(AppError::BadParameter(e)) => {
                        prop_assert_eq!(e.errors().len(), 1);
                        prop_assert_eq!(e.errors()[0].field.as_str(), "cursor");
                    }
                    other => prop_assert!(false, "{:?}", other.map(|_| ())),
                }
            }

            #[test]
            fn cursors_round_trip(owner in uuid(), page in page_key(), sort in sort_key()) {
                let codec = codec();
                let c = codec.encode("todos", owner, &page);
                prop_assert_eq!(codec.decode::<PageKey>("todos", owner, &c), Ok(page));
                let c = codec.encode("todos:title", owner, &sort);
                prop_assert_eq!(codec.decode::<SortKey>("todos:title", owner, &c), Ok(sort.clone()));
                let request = codec.request::<SortKey>("todos:title", owner, None, Some(&c));
                prop_assert_eq!(
                    request.ok(),
                    Some(PageRequest { limit: DEFAULT_PAGE_SIZE, after: Some(sort) })
                );
            }

            #[test]
            fn any_changed_character_is_rejected(
                owner in uuid(),
                sort in sort_key(),
                at in any::<proptest::sample::Index>(),
                with in any::<char>(),
            ) {
                let codec = codec();
                let cursor = codec.encode("todos", owner, &sort);
                let mut chars: Vec<char> = cursor.chars().collect();
                let i = at.index(chars.len());
                prop_assume!(chars[i] != with);
                chars[i] = with;
                let tampered: String = chars.into_iter().collect();
                prop_assert_eq!(codec.decode::<SortKey>("todos", owner, &tampered), Err(BadCursor));
            }

            #[test]
            fn any_flipped_bit_or_cut_is_rejected(
                owner in uuid(),
                page in page_key(),
                at in any::<proptest::sample::Index>(),
                bit in 0u8..8,
                cut in any::<proptest::sample::Index>(),
            ) {
                let codec = codec();
                let cursor = codec.encode("todos", owner, &page);
                let mut bytes = URL_SAFE_NO_PAD.decode(&cursor).unwrap();
                let len = bytes.len();
                let i = at.index(len);
                bytes[i] ^= 1 << bit;
                let flipped = URL_SAFE_NO_PAD.encode(&bytes);
                prop_assert_eq!(codec.decode::<PageKey>("todos", owner, &flipped), Err(BadCursor));
                // A prefix, or a longer cursor, is not a cursor either.
                bytes[i] ^= 1 << bit;
                let prefix = URL_SAFE_NO_PAD.encode(&bytes[..cut.index(len)]);
                prop_assert_eq!(codec.decode::<PageKey>("todos", owner, &prefix), Err(BadCursor));
                bytes.push(bytes[i]);
                let longer = URL_SAFE_NO_PAD.encode(&bytes);
                prop_assert_eq!(codec.decode::<PageKey>("todos", owner, &longer), Err(BadCursor));
            }

            #[test]
            fn cursors_are_bound_to_their_list_and_owner(
                owner in uuid(),
                other in uuid(),
                page in page_key(),
                list in "[a-z:]{0,12}",
                other_list in "[a-z:]{0,12}",
            ) {
                let codec = codec();
                let cursor = codec.encode(&list, owner, &page);
                if other != owner {
                    prop_assert_eq!(codec.decode::<PageKey>(&list, other, &cursor), Err(BadCursor));
                }
                if other_list != list {
                    prop_assert_eq!(codec.decode::<PageKey>(&other_list, owner, &cursor), Err(BadCursor));
                }
            }
        }
    }
}
