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
}
