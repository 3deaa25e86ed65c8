//! Feature flags and kill switches: their names, defaults and values.

/// The flags' names, in the order they are shown.
pub const FLAG_NAMES: [&str; 5] = [
    "registration",
    "maintenance",
    "sharing",
    "sync",
    "live_events",
];

/// Every flag's value. `Default` is what a database without the flag's row means:
/// registration and sharing on, everything else off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flags {
    /// `POST /auth/register` accepts new accounts.
    pub registration: bool,
    /// Read-only maintenance: writes are refused, except signing in and out and flags.
    pub maintenance: bool,
    /// Kill switch of sharing: off, creating and accepting invitations answer 503.
    pub sharing: bool,
    /// Kill switch of the change feed: off, `GET /sync` and `GET /events` answer 503.
    pub sync: bool,
    /// Kill switch of the event stream: off, `GET /events` answers 503.
    pub live_events: bool,
}

impl Default for Flags {
    fn default() -> Self {
        Flags {
            registration: true,
            maintenance: false,
            sharing: true,
            sync: true,
            live_events: true,
        }
    }
}

impl Flags {
    /// The flag named `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<bool> {
        Some(match name {
            "registration" => self.registration,
            "maintenance" => self.maintenance,
            "sharing" => self.sharing,
            "sync" => self.sync,
            "live_events" => self.live_events,
            _ => return None,
        })
    }

    /// Sets the flag named `name`; `false` if there is no such flag.
    pub fn set(&mut self, name: &str, value: bool) -> bool {
        let slot = match name {
            "registration" => &mut self.registration,
            "maintenance" => &mut self.maintenance,
            "sharing" => &mut self.sharing,
            "sync" => &mut self.sync,
            "live_events" => &mut self.live_events,
            _ => return false,
        };
        *slot = value;
        true
    }

    /// Flags from stored `(name, value)` rows; unknown names are ignored, missing ones
    /// keep their defaults.
    pub fn from_rows(rows: impl IntoIterator<Item = (String, bool)>) -> Flags {
        let mut flags = Flags::default();
        for (name, value) in rows {
            flags.set(&name, value);
        }
        flags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_and_writes_its_own_flag() {
        for name in FLAG_NAMES {
            let mut flags = Flags::default();
            let before = flags.get(name).unwrap();
            assert!(flags.set(name, !before));
            assert_eq!(flags.get(name), Some(!before));
            let changed = FLAG_NAMES
                .iter()
                .filter(|n| flags.get(n) != Flags::default().get(n))
                .count();
            assert_eq!(changed, 1, "{name}");
        }
        assert_eq!(Flags::default().get("nope"), None);
        assert!(!Flags::default().set("nope", true));
    }
}
