//! Ordering keys for manual order (ADR 0024): fractional keys in base 62, the scheme of
//! David Greenspan's "Implementing Fractional Indexing" (as in rocicorp's
//! `fractional-indexing`). A key sorts byte by byte; a new key between any two neighbours
//! exists without changing either, so a move writes one row.
//!
//! A key is an integer part and a fraction. The integer part's first character (the head)
//! gives its length: `a`..`z` are 1..26 digits after the head (non-negative integers, `a0` is
//! zero), `Z`..`A` the same for negative ones, so that longer positives sort after shorter
//! ones and longer negatives before. The fraction is any run of digits not ending in `0`
//! (a trailing `0` would make two spellings of one value, and no key fit between them).
//! Appending (`key_between(last, None)`) increments the integer part: `a0`, `a1`, … `az`,
//! `b00`, …, so n appends give keys of O(log n) characters. Inserting between two neighbours
//! again and again at one place lengthens the fraction; past [`REBALANCE_LEN`] the siblings
//! are respaced with [`keys_between`].

use thiserror::Error;

/// The digits, in their sort order (ASCII order).
const DIGITS: &[u8; 62] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE: u8 = 62;

/// The key of the first item of an empty sequence (integer zero, no fraction).
pub const FIRST_KEY: &str = "a0";

/// A key longer than this makes its siblings be respaced (evenly, by [`keys_between`]) in
/// the same transaction.
pub const REBALANCE_LEN: usize = 48;

/// The smallest integer part (`A` and 26 zeros): no key is below it, so it is no key.
const SMALLEST_INTEGER: &str = "A00000000000000000000000000";

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PositionError {
    #[error("`{0}` is not an ordering key")]
    InvalidKey(String),
    #[error("`{0}` is not before `{1}`")]
    NotOrdered(String, String),
    #[error("no key exists beyond `{0}`")]
    Exhausted(String),
}

/// Whether the key is longer than [`REBALANCE_LEN`], so its siblings should be respaced.
pub fn needs_rebalance(key: &str) -> bool {
    key.len() > REBALANCE_LEN
}

fn digit_value(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'A'..=b'Z' => Some(c - b'A' + 10),
        b'a'..=b'z' => Some(c - b'a' + 36),
        _ => None,
    }
}

fn digit(value: u8) -> u8 {
    DIGITS[usize::from(value)]
}

/// How many characters an integer part with this head has, head included.
fn integer_len(head: u8) -> Option<usize> {
    match head {
        b'a'..=b'z' => Some(usize::from(head - b'a') + 2),
        b'A'..=b'Z' => Some(usize::from(b'Z' - head) + 2),
        _ => None,
    }
}

/// Splits a valid key into its integer part and its fraction.
fn split(key: &str) -> Result<(&str, &str), PositionError> {
    let invalid = || PositionError::InvalidKey(key.to_owned());
    let bytes = key.as_bytes();
    let len = bytes
        .first()
        .and_then(|&h| integer_len(h))
        .ok_or_else(invalid)?;
    if bytes.len() < len || key == SMALLEST_INTEGER {
        return Err(invalid());
    }
    let digits = bytes[1..].iter().all(|&c| digit_value(c).is_some());
    let fraction_ends_in_zero = bytes.len() > len && bytes.last() == Some(&b'0');
    if !digits || fraction_ends_in_zero {
        return Err(invalid());
    }
    Ok(key.split_at(len))
}

/// Whether `key` is a well-formed ordering key.
pub fn is_valid_key(key: &str) -> bool {
    split(key).is_ok()
}

/// A fraction strictly between `a` and `b` (`None`: 1, i.e. above every fraction). Both are
/// digit strings not ending in `0` (`a` may be empty, meaning 0), and `a < b`.
fn midpoint(a: &[u8], b: Option<&[u8]>) -> Vec<u8> {
    // The digits the two share go to the result unchanged (a shorter `a` reads as padded
    // with zeros); a `b` with more to come always differs before it ends.
    if let Some(b) = b {
        let shared = b
            .iter()
            .enumerate()
            .take_while(|&(i, &d)| a.get(i).copied().unwrap_or(b'0') == d)
            .count();
        if shared > 0 {
            let mut out = b[..shared].to_vec();
            out.extend(midpoint(a.get(shared..).unwrap_or(&[]), Some(&b[shared..])));
            return out;
        }
    }
    let low = a.first().map_or(0, |&c| digit_value(c).expect("a digit"));
    let high = b.map_or(BASE, |b| digit_value(b[0]).expect("a digit"));
    if high - low > 1 {
        // Room for a digit in between: the one in the middle.
        return vec![digit((low + high) / 2)];
    }
    match b {
        // `b`'s first digit alone is below `b` (its rest is non-zero) and above `a`.
        Some(b) if b.len() > 1 => vec![b[0]],
        // Consecutive digits: keep `a`'s and find room after it, below 1.
        _ => {
            let mut out = vec![digit(low)];
            out.extend(midpoint(a.get(1..).unwrap_or(&[]), None));
            out
        }
    }
}

/// The next integer part, or `None` after the largest (`z` and 26 `z`s).
fn increment(integer: &str) -> Option<String> {
    let mut bytes = integer.as_bytes().to_vec();
    for i in (1..bytes.len()).rev() {
        let d = digit_value(bytes[i]).expect("a digit");
        if d + 1 < BASE {
            bytes[i] = digit(d + 1);
            return Some(String::from_utf8(bytes).expect("ASCII"));
        }
        bytes[i] = b'0';
    }
    // Every digit carried: the next length (one more digit for positives, one fewer for
    // negatives, whose digits are all `0` now).
    let mut digits = bytes.split_off(1);
    let head = match bytes[0] {
        b'Z' => return Some(FIRST_KEY.to_owned()),
        b'z' => return None,
        h => h + 1,
    };
    if head.is_ascii_lowercase() {
        digits.push(b'0');
    } else {
        digits.pop();
    }
    let mut out = vec![head];
    out.extend(digits);
    Some(String::from_utf8(out).expect("ASCII"))
}

/// The previous integer part, or `None` before the smallest.
fn decrement(integer: &str) -> Option<String> {
    let mut bytes = integer.as_bytes().to_vec();
    for i in (1..bytes.len()).rev() {
        let d = digit_value(bytes[i]).expect("a digit");
        if d > 0 {
            bytes[i] = digit(d - 1);
            return Some(String::from_utf8(bytes).expect("ASCII"));
        }
        bytes[i] = b'z';
    }
    // Every digit borrowed: the previous length (one fewer digit for positives, whose
    // digits are all `z` now, one more for negatives).
    let mut digits = bytes.split_off(1);
    let head = match bytes[0] {
        b'a' => return Some("Zz".to_owned()),
        b'A' => return None,
        h => h - 1,
    };
    if head.is_ascii_lowercase() {
        digits.pop();
    } else {
        digits.push(b'z');
    }
    let mut out = vec![head];
    out.extend(digits);
    Some(String::from_utf8(out).expect("ASCII"))
}

fn join(integer: &str, fraction: &[u8]) -> String {
    let mut out = integer.to_owned();
    out.push_str(std::str::from_utf8(fraction).expect("ASCII digits"));
    out
}

/// A key strictly between `a` and `b`; `None` is an open end (`key_between(None, None)` is
/// [`FIRST_KEY`]). `a` must be before `b`.
pub fn key_between(a: Option<&str>, b: Option<&str>) -> Result<String, PositionError> {
    let a = a.map(|a| split(a).map(|parts| (a, parts))).transpose()?;
    let b = b.map(|b| split(b).map(|parts| (b, parts))).transpose()?;
    match (a, b) {
        (None, None) => Ok(FIRST_KEY.to_owned()),
        (None, Some((b, (integer, fraction)))) => {
            if integer == SMALLEST_INTEGER {
                // Nothing below the integer: a fraction below `b`'s (which is not empty).
                return Ok(join(integer, &midpoint(b"", Some(fraction.as_bytes()))));
            }
            if integer.len() < b.len() {
                // `b`'s integer part alone is below `b`.
                return Ok(integer.to_owned());
            }
            decrement(integer).ok_or_else(|| PositionError::Exhausted(b.to_owned()))
        }
        (Some((_, (integer, fraction))), None) => Ok(increment(integer)
            // Past the largest integer: a fraction above `a`'s.
            .unwrap_or_else(|| join(integer, &midpoint(fraction.as_bytes(), None)))),
        (Some((a, (ia, fa))), Some((b, (ib, fb)))) => {
            if a >= b {
                return Err(PositionError::NotOrdered(a.to_owned(), b.to_owned()));
            }
            if ia == ib {
                return Ok(join(ia, &midpoint(fa.as_bytes(), Some(fb.as_bytes()))));
            }
            // Different integer parts: the next integer if it is still below `b`, else a
            // fraction above `a`'s under the same integer.
            match increment(ia) {
                Some(next) if next.as_str() < b => Ok(next),
                _ => Ok(join(ia, &midpoint(fa.as_bytes(), None))),
            }
        }
    }
}

/// `n` keys in order strictly between `a` and `b` (open ends for `None`), spread evenly:
/// after `a` alone they are consecutive integers (short keys), between two bounds they halve
/// the interval recursively (about log₆₂ n characters longer than the bounds). This is what a
/// rebalance gives the siblings, in their order.
pub fn keys_between(
    a: Option<&str>,
    b: Option<&str>,
    n: usize,
) -> Result<Vec<String>, PositionError> {
    match n {
        0 => {
            // Still refuse bad bounds, as for any other n.
            key_between(a, b)?;
            Ok(Vec::new())
        }
        1 => Ok(vec![key_between(a, b)?]),
        _ => match (a, b) {
            (_, None) => {
                let mut keys = Vec::with_capacity(n);
                let mut last = key_between(a, None)?;
                for _ in 1..n {
                    let next = key_between(Some(&last), None)?;
                    keys.push(std::mem::replace(&mut last, next));
                }
                keys.push(last);
                Ok(keys)
            }
            (None, Some(_)) => {
                let mut keys = Vec::with_capacity(n);
                let mut first = key_between(None, b)?;
                for _ in 1..n {
                    let previous = key_between(None, Some(&first))?;
                    keys.push(std::mem::replace(&mut first, previous));
                }
                keys.push(first);
                keys.reverse();
                Ok(keys)
            }
            (Some(_), Some(_)) => {
                let half = n / 2;
                let middle = key_between(a, b)?;
                let mut keys = keys_between(a, Some(&middle), half)?;
                keys.push(middle.clone());
                keys.extend(keys_between(Some(&middle), b, n - half - 1)?);
                Ok(keys)
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn between(a: Option<&str>, b: Option<&str>) -> String {
        let key = key_between(a, b).unwrap();
        assert!(is_valid_key(&key), "{key} is not valid");
        if let Some(a) = a {
            assert!(a < key.as_str(), "{a} < {key}");
        }
        if let Some(b) = b {
            assert!(key.as_str() < b, "{key} < {b}");
        }
        key
    }

    #[test]
    fn known_keys() {
        assert_eq!(between(None, None), "a0");
        assert_eq!(between(Some("a0"), None), "a1");
        assert_eq!(between(Some("az"), None), "b00");
        assert_eq!(between(Some("bzz"), None), "c000");
        assert_eq!(between(None, Some("a0")), "Zz");
        assert_eq!(between(None, Some("Z0")), "Yzz");
        assert_eq!(between(Some("Zz"), None), "a0");
        assert_eq!(between(Some("a0"), Some("a1")), "a0V");
        assert_eq!(between(Some("a0"), Some("a2")), "a1");
        assert_eq!(between(Some("a0V"), Some("a1")), "a0k");
        assert_eq!(between(Some("a0"), Some("a0V")), "a0F");
        assert_eq!(between(Some("a0"), Some("a01")), "a00V");
        assert_eq!(between(Some("a1"), Some("b00")), "a2");
        assert_eq!(between(Some("az"), Some("b00")), "azV");
        assert_eq!(between(None, Some("a0V")), "a0");
        assert_eq!(between(Some("a0z"), Some("a1")), "a0zV");
        assert_eq!(between(Some("a0y"), Some("a0z")), "a0yV");
        assert_eq!(between(Some("a0x"), Some("a0z")), "a0y");
        assert_eq!(between(Some("a0x1"), Some("a0z")), "a0y");
        assert_eq!(between(Some("a0"), Some("a0001")), "a0000V");
    }

    #[test]
    fn validity() {
        for key in [
            "a0",
            "Zz",
            "a0V",
            "b00",
            "h00000001",
            "h00000001V",
            "zzzzzzzzzzzzzzzzzzzzzzzzzzz",
        ] {
            assert!(is_valid_key(key), "{key}");
        }
        let bad = [
            "",
            "a",
            "b0",
            "a00",
            "a0V0",
            "a0-",
            "0",
            "Z",
            "A",
            SMALLEST_INTEGER,
            "h0000001",
            "a0é",
            " a0",
            "a 0",
        ];
        for key in bad {
            assert!(!is_valid_key(key), "{key}");
            assert!(matches!(
                key_between(Some(key), None),
                Err(PositionError::InvalidKey(_))
            ));
            assert!(matches!(
                key_between(None, Some(key)),
                Err(PositionError::InvalidKey(_))
            ));
        }
        // The smallest integer with a fraction is a key, and there is room below it.
        let low = format!("{SMALLEST_INTEGER}V");
        assert!(is_valid_key(&low));
        assert!(between(None, Some(&low)) < low);
    }

    #[test]
    fn bounds_must_be_in_order() {
        assert_eq!(
            key_between(Some("a1"), Some("a0")),
            Err(PositionError::NotOrdered("a1".into(), "a0".into()))
        );
        assert!(key_between(Some("a1"), Some("a1")).is_err());
        assert!(keys_between(Some("a1"), Some("a1"), 0).is_err());
    }

    #[test]
    fn the_migrations_keys_are_keys() {
        // 'h' + 8 decimal digits (existing todos), + 'V' (the trigger's fallback), 'a0'.
        for key in ["h00000001", "h00000001V", "a0V", "h99999999"] {
            assert!(is_valid_key(key), "{key}");
        }
        between(Some("h00000001"), Some("h00000002"));
        between(Some("h00000001"), Some("h00000001V"));
        between(Some("h00000001V"), Some("h00000002"));
        between(Some("h00000001V"), None);
        between(None, Some("h00000001"));
        between(Some("a0"), Some("h00000001"));
        between(Some("a0V"), Some("a1"));
        assert_eq!(between(Some("h99999999"), None), "h9999999A");
    }

    #[test]
    fn ten_thousand_appends_stay_short() {
        let mut last = FIRST_KEY.to_owned();
        for _ in 0..10_000 {
            last = between(Some(&last), None);
        }
        assert!(last.len() < 10, "{last}");
        assert_eq!(last.len(), 4);
    }

    #[test]
    fn ten_thousand_prepends_stay_short() {
        let mut first = FIRST_KEY.to_owned();
        for _ in 0..10_000 {
            first = between(None, Some(&first));
        }
        assert!(first.len() < 10, "{first}");
    }

    #[test]
    fn repeated_insertion_in_the_middle_and_at_the_front() {
        // Always right after the same key: the fraction grows, each key strictly between.
        let low = FIRST_KEY.to_owned();
        let mut high = between(Some(&low), None);
        let mut inserted = 0;
        while !needs_rebalance(&high) {
            high = between(Some(&low), Some(&high));
            inserted += 1;
        }
        // About six insertions per character (log2 62): the rebalance is rare.
        assert!(inserted > 200, "{inserted}");

        // Always first: the keys stay short.
        let mut keys = vec![FIRST_KEY.to_owned()];
        for _ in 0..1000 {
            let first = between(None, Some(&keys[0]));
            keys.insert(0, first);
        }
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert!(keys.iter().all(|k| k.len() <= 3));

        // Always in the middle of a growing list: each new key lands next to the previous
        // one, the worst case of any fractional scheme (about one character more per five
        // inserts). Respaced as the service does once a key passes the limit, the keys stay
        // ordered and bounded, and the respacing is rare.
        let mut keys = vec![between(None, None)];
        keys.push(between(Some(&keys[0]), None));
        let mut rebalances = 0;
        for _ in 0..2000 {
            let i = keys.len() / 2;
            let key = between(Some(&keys[i - 1]), Some(&keys[i]));
            let long = needs_rebalance(&key);
            keys.insert(i, key);
            if long {
                keys = keys_between(None, None, keys.len()).unwrap();
                rebalances += 1;
            }
            assert!(keys.iter().all(|k| k.len() <= REBALANCE_LEN + 1));
        }
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert!((1..=12).contains(&rebalances), "{rebalances}");
    }

    #[test]
    fn keys_between_spreads_n_keys() {
        for (a, b) in [
            (None, None),
            (Some("a0"), None),
            (None, Some("a0")),
            (Some("a0"), Some("a1")),
            (Some("h00000001"), Some("h00000001V")),
            (Some("a0"), Some("h00000001")),
        ] {
            for n in [0, 1, 2, 3, 10, 100, 1000] {
                let keys = keys_between(a, b, n).unwrap();
                assert_eq!(keys.len(), n);
                assert!(keys.iter().all(|k| is_valid_key(k)));
                assert!(keys.windows(2).all(|w| w[0] < w[1]));
                if let (Some(a), Some(first)) = (a, keys.first()) {
                    assert!(a < first.as_str());
                }
                if let (Some(b), Some(last)) = (b, keys.last()) {
                    assert!(last.as_str() < b);
                }
                let longest = keys.iter().map(String::len).max().unwrap_or(0);
                let bound = a.map_or(2, str::len).max(b.map_or(2, str::len));
                assert!(longest <= bound + 3, "{a:?} {b:?} {n}: {longest}");
            }
        }
        // A rebalance of a list's 1000 siblings: short keys, well under the limit.
        let keys = keys_between(None, None, 1000).unwrap();
        assert!(keys.iter().all(|k| k.len() <= 3));
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;

        /// Valid keys: integer parts of every length, fractions not ending in 0.
        fn any_key() -> impl Strategy<Value = String> {
            let integer = prop_oneof![
                (0usize..26).prop_flat_map(|n| {
                    proptest::collection::vec(0u8..BASE, n + 1).prop_map(move |d| {
                        let mut s = vec![b'a' + n as u8];
                        s.extend(d.into_iter().map(digit));
                        String::from_utf8(s).unwrap()
                    })
                }),
                (0usize..26).prop_flat_map(|n| {
                    proptest::collection::vec(0u8..BASE, n + 1).prop_map(move |d| {
                        let mut s = vec![b'Z' - n as u8];
                        s.extend(d.into_iter().map(digit));
                        String::from_utf8(s).unwrap()
                    })
                }),
                // Small integers are where the neighbours are.
                "a[0-9A-Za-z]|Z[0-9A-Za-z]|b[0-9A-Za-z]{2}",
            ];
            let fraction = prop_oneof![
                Just(String::new()),
                "[0-9A-Za-z]{0,6}[1-9A-Za-z]",
                "[0V]{0,6}[1V]",
            ];
            (integer, fraction)
                .prop_map(|(i, f)| format!("{i}{f}"))
                .prop_filter("a key", |k| is_valid_key(k))
        }

        proptest! {
            #[test]
            fn a_key_between_two_keys_is_strictly_between(a in any_key(), b in any_key()) {
                prop_assume!(a != b);
                let (low, high) = if a < b { (a, b) } else { (b, a) };
                let key = key_between(Some(&low), Some(&high)).unwrap();
                prop_assert!(is_valid_key(&key), "{}", key);
                prop_assert!(low < key && key < high, "{} < {} < {}", low, key, high);
                prop_assert!(key.len() <= high.len().max(low.len()) + 1);
            }

            #[test]
            fn open_ends_give_keys_outside(a in any_key()) {
                if let Ok(after) = key_between(Some(&a), None) {
                    prop_assert!(is_valid_key(&after) && after > a, "{} {}", a, after);
                }
                let before = key_between(None, Some(&a)).unwrap();
                prop_assert!(is_valid_key(&before) && before < a, "{} {}", before, a);
            }

            #[test]
            fn reversed_bounds_are_refused(a in any_key(), b in any_key()) {
                prop_assume!(a >= b);
                prop_assert!(key_between(Some(&a), Some(&b)).is_err());
            }

            #[test]
            fn any_sequence_of_inserts_stays_ordered(
                places in proptest::collection::vec(any::<prop::sample::Index>(), 1..200)
            ) {
                let mut keys: Vec<String> = Vec::new();
                for place in places {
                    let i = place.index(keys.len() + 1);
                    let a = i.checked_sub(1).map(|j| keys[j].as_str());
                    let b = keys.get(i).map(String::as_str);
                    let key = key_between(a, b).unwrap();
                    prop_assert!(is_valid_key(&key));
                    keys.insert(i, key);
                }
                prop_assert!(keys.windows(2).all(|w| w[0] < w[1]), "{:?}", keys);
            }

            #[test]
            fn validity_matches_the_grammar(s in "[0-9A-Za-z]{0,12}|.{0,12}") {
                let expected = (|| {
                    let bytes = s.as_bytes();
                    let len = integer_len(*bytes.first()?)?;
                    let ok = bytes.len() >= len
                        && s != SMALLEST_INTEGER
                        && bytes.iter().all(u8::is_ascii_alphanumeric)
                        && (bytes.len() == len || bytes.last() != Some(&b'0'));
                    Some(ok)
                })()
                .unwrap_or(false);
                prop_assert_eq!(is_valid_key(&s), expected, "{}", s);
            }
        }
    }
}
