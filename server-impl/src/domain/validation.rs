//! Field-level validation errors collected while turning a request into domain values.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

/// The most field errors one answer lists: a request with a million bad items gets a
/// bounded answer (the first ones found).
pub const MAX_FIELD_ERRORS: usize = 100;

/// Every problem found in one request, in the order the fields were checked (at most
/// [`MAX_FIELD_ERRORS`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationErrors(Vec<FieldError>);

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: &str, message: impl Into<String>) -> Self {
        let mut errors = Self::new();
        errors.add(field, message);
        errors
    }

    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        if self.0.len() >= MAX_FIELD_ERRORS {
            return;
        }
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// Records the error of `result` under its field and returns the value, if any.
    pub fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> &[FieldError] {
        &self.0
    }

    /// `Ok(value)` when nothing was recorded.
    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, ValidationErrors> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", e.field, e.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// The instants the API accepts: RFC 3339 has four-digit years, and both databases store
/// every instant of years 0001 to 9999 exactly (chrono parses far more, which neither
/// database can hold or give back).
pub fn check_instant(t: &chrono::DateTime<chrono::Utc>) -> Result<(), String> {
    use chrono::Datelike;
    if (1..=9999).contains(&t.year()) {
        Ok(())
    } else {
        Err("must be between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z".to_owned())
    }
}

/// Whether `value` is at most `max` characters (Unicode scalar values), looking at its
/// length in bytes first: a value of more than `4 * max` bytes is refused without being
/// scanned, one of at most `max` bytes is accepted without counting.
pub fn fits_chars(value: &str, max: usize) -> bool {
    value.len() <= max || (value.len() <= 4 * max && value.chars().count() <= max)
}

/// Checks a text field the way the contract describes it: length in characters
/// (Unicode scalar values, as JSON Schema counts), no NUL character (PostgreSQL
/// cannot store it), and optionally not blank.
pub(crate) fn check_text(
    value: &str,
    min: usize,
    max: usize,
    not_blank: bool,
) -> Result<(), String> {
    let len = value.chars().count();
    if len < min {
        return Err(format!("must be at least {min} characters"));
    }
    if len > max {
        return Err(format!("must be at most {max} characters"));
    }
    if value.contains('\0') {
        return Err("must not contain NUL characters".to_owned());
    }
    if not_blank && value.trim().is_empty() {
        return Err("must not be blank".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_lists_a_bounded_number_of_errors() {
        let mut errors = ValidationErrors::new();
        for i in 0..100_000 {
            errors.add(&format!("f{i}"), "bad");
        }
        assert_eq!(errors.errors().len(), MAX_FIELD_ERRORS);
        assert_eq!(errors.errors()[0].field, "f0");
    }

    mod prop {
        use super::*;
        use crate::prop_support::{any_instant, any_text, instant_in_range};
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn check_instant_accepts_exactly_years_1_to_9999(t in any_instant()) {
                prop_assert_eq!(check_instant(&t).is_ok(), instant_in_range(&t), "{}", t);
            }

            #[test]
            fn check_text_accepts_exactly_what_the_rules_say(
                value in any_text(),
                min in 0usize..5,
                extra in 0usize..300,
                not_blank in any::<bool>(),
            ) {
                let max = min + extra;
                let len = value.chars().count();
                let expected = len >= min
                    && len <= max
                    && !value.contains('\0')
                    && !(not_blank && value.chars().all(char::is_whitespace));
                prop_assert_eq!(check_text(&value, min, max, not_blank).is_ok(), expected);
            }

            #[test]
            fn errors_stay_bounded(n in 0usize..1_000) {
                let mut errors = ValidationErrors::new();
                for i in 0..n {
                    errors.add(&format!("f{i}"), "bad");
                    errors.check::<()>("g", Err("bad".into()));
                }
                prop_assert_eq!(errors.errors().len(), (2 * n).min(MAX_FIELD_ERRORS));
                prop_assert_eq!(errors.is_empty(), n == 0);
            }
        }
    }
}
