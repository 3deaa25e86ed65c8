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
        .filter_map(|tag| {
            let digits = tag.strip_prefix("\"v")?.strip_suffix('"')?;
            let version: i64 = digits.parse().ok()?;
            // Strong comparison is character for character: `"v05"` or `"v+5"` is not `"v5"`.
            (version.to_string() == digits).then_some(version)
        })
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
        // Found by the property below: `i64::from_str` read these as `"v5"`.
        assert_eq!(
            if_match(Some("\"v+5\", \"v05\", \"v-0\"")),
            Precondition::OneOf(vec![])
        );
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

    mod prop {
        use super::*;
        use crate::prop_support::any_text;
        use proptest::collection::vec;
        use proptest::prelude::*;

        /// Header values: tags we issue (strong and weak), near misses, and any text.
        fn tag_list() -> impl Strategy<Value = String> {
            let entry = prop_oneof![
                any::<i64>().prop_map(todo_etag),
                (0i64..5).prop_map(|v| format!("W/{}", todo_etag(v))),
                (0i64..5).prop_map(|v| format!("\"v+{v}\"")),
                (0i64..5).prop_map(|v| format!("\"v0{v}\"")),
                (0i64..5).prop_map(|v| format!("\"v {v}\"")),
                Just("*".to_owned()),
                "[\"vW/0-9 +-]{0,8}",
            ];
            prop_oneof![
                3 => (vec(entry, 0..6), "[ \t]{0,2}")
                    .prop_map(|(entries, sep)| entries.join(&format!(",{sep}"))),
                1 => any_text(),
            ]
        }

        proptest! {
            #[test]
            fn if_match_names_only_versions_whose_strong_tag_is_listed(header in tag_list()) {
                let entries: Vec<&str> = header.split(',').map(str::trim).collect();
                match if_match(Some(&header)) {
                    Precondition::None => prop_assert!(false, "a header is a condition"),
                    Precondition::Exists => prop_assert_eq!(header.trim(), "*"),
                    Precondition::OneOf(versions) => {
                        prop_assert_ne!(header.trim(), "*");
                        for v in &versions {
                            prop_assert!(entries.contains(&todo_etag(*v).as_str()), "{} from {:?}", v, header);
                        }
                        // Every strong tag we issued that is listed is named.
                        for e in &entries {
                            if let Some(v) = (0i64..5).find(|v| todo_etag(*v) == *e) {
                                prop_assert!(versions.contains(&v));
                            }
                        }
                    }
                }
            }

            #[test]
            fn if_match_round_trips_issued_tags(versions in vec(any::<i64>(), 1..10)) {
                let header = versions.iter().map(|v| todo_etag(*v)).collect::<Vec<_>>().join(", ");
                prop_assert_eq!(if_match(Some(&header)), Precondition::OneOf(versions));
            }

            #[test]
            fn if_none_match_hits_exactly_when_the_tag_is_listed(
                header in tag_list(),
                current in 0i64..5,
            ) {
                let etag = todo_etag(current);
                let weak = format!("W/{etag}");
                let listed = header
                    .split(',')
                    .map(str::trim)
                    .any(|t| t == "*" || t == etag || t == weak);
                prop_assert_eq!(none_match_hits(Some(&header), &etag), listed);
                prop_assert!(!none_match_hits(None, &etag));
            }
        }
    }
}
