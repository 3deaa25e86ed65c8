//! User accounts.

use std::fmt;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::validation::{check_text, fits_chars};

pub const EMAIL_MAX: usize = 254;
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;
pub const DISPLAY_NAME_MAX: usize = 100;

/// Whether a login's username and password are short enough to belong to an account
/// (checked before any lookup, hash or stored counter; bytes first, so that a huge
/// value is refused without being scanned).
pub fn login_input_fits(username: &str, password: &str) -> bool {
    fits_chars(username, EMAIL_MAX) && fits_chars(password, PASSWORD_MAX)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    User,
    Admin,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::User => "user",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "user" => Some(Role::User),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// An email address as the user typed it, plus its case-folded form used for uniqueness.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    display: String,
    normalized: String,
}

impl Email {
    /// Accepts `local@domain` with a non-empty local part and a domain that has no
    /// spaces; deliverability is not our business. Surrounding spaces are trimmed.
    pub fn parse(raw: &str) -> Result<Email, String> {
        check_text(raw, 1, EMAIL_MAX, true)?;
        let email = raw.trim();
        let Some((local, domain)) = email.rsplit_once('@') else {
            return Err("must be an email address".to_owned());
        };
        let bad = |s: &str| s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control());
        if bad(local) || bad(domain) || local.contains('@') || local.len() > 64 {
            return Err("must be an email address".to_owned());
        }
        Ok(Email {
            display: email.to_owned(),
            normalized: Email::normalize(email),
        })
    }

    /// The key emails are compared by: Unicode lower case.
    pub fn normalize(raw: &str) -> String {
        raw.trim().to_lowercase()
    }

    pub fn as_str(&self) -> &str {
        &self.display
    }

    pub fn normalized(&self) -> &str {
        &self.normalized
    }
}

/// A shown name: 1 to 100 characters after trimming, not blank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<DisplayName, String> {
        check_text(raw, 1, DISPLAY_NAME_MAX, true)?;
        Ok(DisplayName(raw.trim().to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password, checked against the policy. Never logged.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    pub fn parse(raw: &str) -> Result<Password, String> {
        let len = raw.chars().count();
        if len < PASSWORD_MIN {
            return Err(format!("must be at least {PASSWORD_MIN} characters"));
        }
        if len > PASSWORD_MAX {
            return Err(format!("must be at most {PASSWORD_MAX} characters"));
        }
        Ok(Password(raw.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub disabled: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A user together with the stored password hash, for logging in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserCredentials {
    pub user: User,
    pub password_hash: String,
    /// Bumped by every password change or reset; sessions and reset tokens made under an
    /// older version no longer work.
    pub credentials_version: i64,
}

/// Filters of the administrators' account list; `None` matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserFilter {
    /// Case-insensitive substring of the email.
    pub email_contains: Option<String>,
    pub role: Option<Role>,
    pub disabled: Option<bool>,
}

/// An administrator's change to an account; `None` leaves a field alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountChange {
    pub role: Option<Role>,
    pub disabled: Option<bool>,
}

/// The outcome of an account change that must leave at least one active admin (a role
/// change, disabling, deletion): done, no such account, or refused as the last admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AdminGuarded<T> {
    Done(T),
    NotFound,
    /// Refused: it would leave no active admin.
    LastAdmin,
}

impl User {
    pub fn is_active_admin(&self) -> bool {
        self.role == Role::Admin && !self.disabled
    }
}

/// Everything needed to store a new account; the password is already hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub id: Uuid,
    pub email: Email,
    pub display_name: DisplayName,
    pub password_hash: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_trimmed_and_case_folded_for_comparison() {
        let e = Email::parse("  Ann@Example.COM ").unwrap();
        assert_eq!(e.as_str(), "Ann@Example.COM");
        assert_eq!(e.normalized(), "ann@example.com");
    }

    #[test]
    fn email_needs_local_part_and_domain() {
        for bad in [
            "",
            "ann",
            "@example.com",
            "ann@",
            "a b@example.com",
            "ann@exa mple.com",
            "a@b@c",
        ] {
            assert!(Email::parse(bad).is_err(), "{bad:?} accepted");
        }
        assert!(Email::parse(&format!("{}@example.com", "a".repeat(65))).is_err());
    }

    #[test]
    fn display_name_rules() {
        assert_eq!(DisplayName::parse("  Ann  ").unwrap().as_str(), "Ann");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse("").is_err());
        assert!(DisplayName::parse(&"x".repeat(101)).is_err());
        assert!(DisplayName::parse(&"é".repeat(100)).is_ok());
        assert!(DisplayName::parse("a\0b").is_err());
    }

    #[test]
    fn password_length_counts_characters() {
        assert!(Password::parse("1234567").is_err());
        assert!(Password::parse("12345678").is_ok());
        assert!(Password::parse(&"ü".repeat(128)).is_ok());
        assert!(Password::parse(&"ü".repeat(129)).is_err());
        assert_eq!(
            format!("{:?}", Password::parse("secret-pass").unwrap()),
            "Password(<redacted>)"
        );
    }

    mod prop {
        use super::*;
        use crate::prop_support::any_text;
        use proptest::prelude::*;

        /// Things that look like emails (and many that nearly do), plus any text.
        fn email_like() -> impl Strategy<Value = String> {
            prop_oneof![
                3 => "[ \t]{0,2}[a-zA-Zé.+\u{0}\u{7}@ ]{0,70}@[a-zA-ZÉ.\u{200b}\u{a0}@-]{0,20}[ \t]{0,2}",
                1 => ("[a-z]{60,70}", "[a-z]{1,200}").prop_map(|(l, d)| format!("{l}@{d}")),
                2 => any_text(),
            ]
        }

        proptest! {
            #[test]
            fn accepted_emails_are_trimmed_addresses_within_limits(raw in email_like()) {
                if let Ok(email) = Email::parse(&raw) {
                    let e = email.as_str();
                    prop_assert_eq!(e, raw.trim());
                    prop_assert!((1..=EMAIL_MAX).contains(&e.chars().count()));
                    let (local, domain) = e.rsplit_once('@').unwrap();
                    prop_assert!(!local.is_empty() && local.len() <= 64 && !local.contains('@'));
                    prop_assert!(!domain.is_empty());
                    prop_assert!(!e.chars().any(|c| c.is_whitespace() || c.is_control()));
                    prop_assert_eq!(email.normalized(), Email::normalize(e));
                    prop_assert_eq!(email.normalized(), e.to_lowercase());
                    // Whatever is accepted at registration also fits the login check.
                    prop_assert!(login_input_fits(e, "password"));
                    // Normalizing is idempotent, and the typed and normalized forms agree.
                    prop_assert_eq!(Email::normalize(email.normalized()), email.normalized());
                    prop_assert_eq!(Email::normalize(&raw), email.normalized());
                }
            }

            #[test]
            fn display_names_are_trimmed_and_within_limits(raw in any_text()) {
                let len = raw.chars().count();
                let expected = (1..=DISPLAY_NAME_MAX).contains(&len)
                    && !raw.contains('\0')
                    && !raw.chars().all(char::is_whitespace);
                match DisplayName::parse(&raw) {
                    Ok(name) => {
                        prop_assert!(expected);
                        prop_assert_eq!(name.as_str(), raw.trim());
                        prop_assert!(!name.as_str().is_empty());
                    }
                    Err(_) => prop_assert!(!expected),
                }
            }

            #[test]
            fn login_input_fits_counts_characters(username in any_text(), password in any_text()) {
                let expected = username.chars().count() <= EMAIL_MAX
                    && password.chars().count() <= PASSWORD_MAX;
                prop_assert_eq!(login_input_fits(&username, &password), expected);
            }

            #[test]
            fn passwords_are_8_to_128_characters(raw in any_text()) {
                let len = raw.chars().count();
                match Password::parse(&raw) {
                    Ok(p) => {
                        prop_assert!((PASSWORD_MIN..=PASSWORD_MAX).contains(&len));
                        prop_assert_eq!(p.expose(), raw.as_str());
                        prop_assert_eq!(format!("{p:?}"), "Password(<redacted>)");
                    }
                    Err(_) => prop_assert!(!(PASSWORD_MIN..=PASSWORD_MAX).contains(&len)),
                }
            }
        }
    }
}
