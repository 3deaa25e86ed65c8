//! The password policy (NIST SP 800-63B): 8 to 128 characters, not the account's email,
//! not a commonly used password. The list ships in `assets/` (see its licence note).

use std::collections::HashSet;
use std::sync::LazyLock;

use super::Password;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../assets/common-passwords.txt")
        .lines()
        .collect()
});

/// Checks a password being set for the account with this email.
pub fn new_password(raw: &str, email: &str) -> Result<Password, String> {
    let password = Password::parse(raw)?;
    let folded = raw.to_lowercase();
    if folded == email.trim().to_lowercase() {
        return Err("must not be the account's email".to_owned());
    }
    if COMMON.contains(folded.as_str()) {
        return Err("is too common; choose a less guessable password".to_owned());
    }
    Ok(password)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_is_shipped_and_large_enough() {
        assert!(COMMON.len() >= 1000, "{}", COMMON.len());
        assert!(COMMON.contains("password"));
    }

    #[test]
    fn refuses_common_passwords_in_any_case_and_the_email() {
        for bad in ["password", "PassWord1", "123456789", "qwertyuiop"] {
            assert!(new_password(bad, "ann@example.com").is_err(), "{bad}");
        }
        assert!(new_password("Ann@Example.com", "ann@example.com").is_err());
        assert!(new_password("short", "ann@example.com").is_err());
        assert!(new_password("correct horse battery staple", "ann@example.com").is_ok());
    }

    mod prop {
        use super::*;
        use crate::prop_support::any_text;
        use proptest::prelude::*;

        fn common() -> Vec<&'static str> {
            let mut list: Vec<&str> = COMMON.iter().copied().collect();
            list.sort_unstable();
            list
        }

        proptest! {
            #[test]
            fn accepted_passwords_follow_the_policy(raw in any_text(), email in any_text()) {
                if let Ok(p) = new_password(&raw, &email) {
                    prop_assert_eq!(p.expose(), raw.as_str());
                    prop_assert!(Password::parse(&raw).is_ok());
                    prop_assert!(!COMMON.contains(raw.to_lowercase().as_str()));
                    prop_assert_ne!(raw.to_lowercase(), email.trim().to_lowercase());
                }
            }

            #[test]
            fn common_passwords_are_refused_in_any_ascii_case(
                i in any::<proptest::sample::Index>(),
                upper in proptest::collection::vec(any::<bool>(), 128),
            ) {
                let list = common();
                let word = list[i.index(list.len())];
                let cased: String = word
                    .chars()
                    .zip(upper.iter().cycle())
                    .map(|(c, &u)| if u { c.to_ascii_uppercase() } else { c })
                    .collect();
                prop_assert!(new_password(&cased, "ann@example.com").is_err(), "{}", cased);
            }

            #[test]
            fn the_email_is_refused_as_password(email in "[a-zA-Z0-9.]{4,20}@[a-zA-Z]{1,10}\\.com") {
                let padded = format!(" {email} ");
                prop_assert!(new_password(&email.to_uppercase(), &padded).is_err());
            }
        }
    }
}
