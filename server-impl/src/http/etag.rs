//! Entity tags for todos (RFC 9110 §8.8.3): `"v<version>"`, and the parsing of
//! `If-Match` (strong comparison) and `If-None-Match` (weak comparison).

use crate::domain::Precondition;

pub fn todo_etag(version: i64) -> String {
    format!("\"v{version}\"")
}

/// The versions the strong tags of a list name (`W/` tags never match for `If-Match`).
fn strong_versions(header: &str) -> Vec<i64> {
    header
        .split(',')
        .map(str::trim)
        .filter_map(|tag| tag.strip_prefix("\"v")?.strip_suffix('"')?.parse().ok())
        .collect()
}

/// `If-Match`: absent → no condition; `*` → the todo must exist; otherwise one of the
/// (strong) tags must be the current one. Tags we never issued match nothing.
pub fn if_match(header: Option<&str>) -> Precondition {
    match header.map(str::trim) {
        None => Precondition::None,
        Some("*") => Precondition::Exists,
        Some(list) => Precondition::OneOf(strong_versions(list)),
    }
}

/// A page's entity tag: a hash of its todos' ids and versions and of the next cursor, so
/// it changes whenever anything shown on the page does.
pub fn page_etag(
    items: impl Iterator<Item = (uuid::Uuid, i64)>,
    next_cursor: Option<&str>,
) -> String {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for (id, version) in items {
        hash.update(id.as_bytes());
        hash.update(version.to_be_bytes());
    }
    hash.update(next_cursor.unwrap_or("").as_bytes());
    tag("p", &hash.finalize())
}

/// The entity tag of a response body: a hash of its bytes.
pub fn content_etag(prefix: &str, body: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    tag(prefix, &Sha256::digest(body))
}

/// `"<prefix>-<first 8 bytes of the digest, in hex>"`.
fn tag(prefix: &str, digest: &[u8]) -> String {
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{prefix}-{hex}\"")
}

/// `If-None-Match`: whether `etag` (the current one) is named, or `*`, so 304 applies
/// (weak comparison: `W/` tags count).
pub fn none_match_hits(header: Option<&str>, etag: &str) -> bool {
    header.is_some_and(|list| {
        list.split(',')
            .map(|t| t.trim())
            .any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_if_match() {
        assert_eq!(if_match(None), Precondition::None);
        assert_eq!(if_match(Some(" * ")), Precondition::Exists);
        assert_eq!(if_match(Some("\"v3\"")), Precondition::OneOf(vec![3]));
        assert_eq!(
            if_match(Some("\"v3\", W/\"v4\", \"v5\"")),
            Precondition::OneOf(vec![3, 5])
        );
        assert_eq!(if_match(Some("\"abc\"")), Precondition::OneOf(vec![]));
        assert_eq!(todo_etag(7), "\"v7\"");
    }

    #[test]
    fn if_none_match_compares_weakly() {
        assert!(none_match_hits(Some("W/\"v2\""), &todo_etag(2)));
        assert!(none_match_hits(Some("\"v1\", \"v2\""), &todo_etag(2)));
        assert!(none_match_hits(Some("*"), &todo_etag(9)));
        assert!(!none_match_hits(Some("\"v1\""), &todo_etag(2)));
        assert!(!none_match_hits(None, &todo_etag(2)));
    }
}
