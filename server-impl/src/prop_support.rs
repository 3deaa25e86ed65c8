//! Input generators shared by the property tests (`mod prop` in the modules they test):
//! client input as it can arrive — any Unicode, whitespace of every kind, NUL, control
//! characters, and sizes from empty to far over every limit.

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;

/// Any text a client can send in a JSON string or query parameter.
pub fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        // Arbitrary Unicode, short.
        4 => ".{0,60}",
        // Whitespace (ASCII and Unicode), NUL, control characters, letters that change
        // length when case-folded.
        4 => "[ \t\r\n\u{0}\u{1}\u{7f}\u{85}\u{a0}\u{2028}\u{3000}aZéÉßİﬁ@,;\"'\\\\/%+]{0,30}",
        // Around the limits the contract sets (50, 100, 200, 254, 255 ...).
        2 => (any::<char>(), 0usize..300).prop_map(|(c, n)| c.to_string().repeat(n)),
        // Huge: far over every limit.
        1 => (any::<char>(), 10_000usize..40_000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

/// Any instant chrono can hold, with nanoseconds, biased towards the years around the
/// bounds the API accepts (0001 and 9999) and the ones nanosecond timestamps cover.
pub fn any_instant() -> impl Strategy<Value = DateTime<Utc>> {
    let min = DateTime::<Utc>::MIN_UTC.timestamp();
    let max = DateTime::<Utc>::MAX_UTC.timestamp();
    prop_oneof![
        (min..=max, 0u32..1_000_000_000)
            .prop_map(|(s, n)| DateTime::from_timestamp(s, n).expect("in range")),
        (
            -3i32..=3,
            prop_oneof![Just(0i32), Just(9998), Just(9999), Just(10_000)]
        )
            .prop_flat_map(|(d, y)| (Just(y + d), 0u32..365 * 86_400, 0u32..1_000_000_000))
            .prop_map(|(year, secs, nanos)| {
                let start = Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap();
                start + chrono::TimeDelta::new(i64::from(secs), nanos).unwrap()
            }),
        (1600i32..2400, 0u32..365 * 86_400, 0u32..1_000_000_000).prop_map(|(year, secs, nanos)| {
            Utc.with_ymd_and_hms(year, 1, 1, 0, 0, 0).unwrap()
                + chrono::TimeDelta::new(i64::from(secs), nanos).unwrap()
        }),
    ]
}

/// The instants the API accepts: 0001-01-01T00:00:00Z up to, not including, year 10000.
pub fn instant_in_range(t: &DateTime<Utc>) -> bool {
    let first = Utc.with_ymd_and_hms(1, 1, 1, 0, 0, 0).unwrap();
    let after_last = Utc.with_ymd_and_hms(10_000, 1, 1, 0, 0, 0).unwrap();
    *t >= first && *t < after_last
}
