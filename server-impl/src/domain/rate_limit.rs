//! Rate-limit policies: at most `limit` events per `window` for one key (an IP, an account).

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RatePolicy {
    pub limit: u32,
    pub window: Duration,
}

impl FromStr for RatePolicy {
    type Err = String;

    /// `N/SECONDS`, e.g. `10/900` for ten per fifteen minutes.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (limit, window) = s
            .split_once('/')
            .ok_or("expected LIMIT/SECONDS, e.g. 10/900")?;
        let limit: u32 = limit
            .trim()
            .parse()
            .map_err(|_| "LIMIT must be a positive integer")?;
        let window: u64 = window
            .trim()
            .parse()
            .map_err(|_| "SECONDS must be a positive integer")?;
        if limit == 0 || window == 0 {
            return Err("LIMIT and SECONDS must be at least 1".into());
        }
        Ok(RatePolicy {
            limit,
            window: Duration::from_secs(window),
        })
    }
}

impl fmt::Display for RatePolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.limit, self.window.as_secs())
    }
}

/// Where a key stands in its current window after an event was counted (or looked up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateState {
    pub policy: RatePolicy,
    /// Events counted in the current window.
    pub hits: u32,
    /// Seconds until the window resets.
    pub reset_in: u64,
}

impl RateState {
    pub fn exceeded(&self) -> bool {
        self.hits > self.policy.limit
    }

    pub fn remaining(&self) -> u32 {
        self.policy.limit.saturating_sub(self.hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_policies() {
        let p: RatePolicy = "10/900".parse().unwrap();
        assert_eq!((p.limit, p.window.as_secs()), (10, 900));
        assert_eq!(p.to_string(), "10/900");
        for bad in ["", "10", "0/60", "10/0", "x/60", "10/y"] {
            assert!(bad.parse::<RatePolicy>().is_err(), "{bad}");
        }
    }

    #[test]
    fn remaining_and_exceeded() {
        let policy: RatePolicy = "2/60".parse().unwrap();
        let at = |hits| RateState {
            policy,
            hits,
            reset_in: 60,
        };
        assert_eq!((at(1).remaining(), at(1).exceeded()), (1, false));
        assert_eq!((at(2).remaining(), at(2).exceeded()), (0, false));
        assert_eq!((at(3).remaining(), at(3).exceeded()), (0, true));
    }

    mod prop {
        use super::*;
        use crate::prop_support::any_text;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_text_parses_to_a_usable_policy_or_an_error(
                raw in prop_oneof![any_text(), "[ +\\-0-9/x]{0,25}"],
            ) {
                if let Ok(p) = raw.parse::<RatePolicy>() {
                    prop_assert!(p.limit >= 1 && p.window.as_secs() >= 1);
                    prop_assert_eq!(p.to_string().parse::<RatePolicy>(), Ok(p));
                }
            }

            #[test]
            fn display_round_trips(limit in 1u32.., window in 1u64..) {
                let p = RatePolicy { limit, window: Duration::from_secs(window) };
                prop_assert_eq!(p.to_string().parse::<RatePolicy>(), Ok(p));
                prop_assert_eq!(format!(" {limit} / {window} ").parse::<RatePolicy>(), Ok(p));
            }

            #[test]
            fn zero_is_refused(n in any::<u64>(), zero_limit in any::<bool>()) {
                let raw = if zero_limit { format!("0/{n}") } else { format!("{}/0", n % u64::from(u32::MAX)) };
                prop_assert!(raw.parse::<RatePolicy>().is_err());
            }
        }
    }
}
