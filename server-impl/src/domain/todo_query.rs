//! Listing todos: filters, sort orders, tags, and the keyset position within a sort.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::validation::{ValidationErrors, check_instant, check_text};
use super::{Priority, Todo};

pub const MAX_TAGS: usize = 20;
pub const TAG_MAX: usize = 50;
pub const QUERY_MIN: usize = 3;
pub const QUERY_MAX: usize = 200;

/// The tags of a todo as sent: each 1 to 50 characters (trimmed, not blank), at most 20;
/// duplicates (case-insensitive) count once, keeping the first spelling. Sorted by key.
///
/// Linear in the input: a list over the limit is refused before any element is looked at,
/// and duplicates are found with a hash set (a client may send a million tags; they cost
/// one length check).
pub fn parse_tags(raw: &[String], field: &str) -> Result<Vec<String>, ValidationErrors> {
    if raw.len() > MAX_TAGS {
        return Err(ValidationErrors::single(
            field,
            format!("must hold at most {MAX_TAGS} tags"),
        ));
    }
    let mut errors = ValidationErrors::new();
    let mut seen = std::collections::HashSet::with_capacity(raw.len());
    let mut tags: Vec<(String, String)> = Vec::with_capacity(raw.len());
    for (i, tag) in raw.iter().enumerate() {
        match check_text(tag, 1, TAG_MAX, true) {
            Ok(()) => {
                let tag = tag.trim().to_owned();
                let key = tag_key(&tag);
                if seen.insert(key.clone()) {
                    tags.push((key, tag));
                }
            }
            Err(message) => errors.add(&format!("{field}[{i}]"), message),
        }
    }
    tags.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    errors.into_result(|| tags.into_iter().map(|(_, tag)| tag).collect())
}

/// One of a user's tags, with the number of their todos that carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    /// The spelling shown (the first in key order of the spellings used).
    pub tag: String,
    /// What tags are compared and ordered by (see [`tag_key`]).
    pub key: String,
    pub count: i64,
}

/// What tags are compared by: Unicode lower case.
pub fn tag_key(tag: &str) -> String {
    tag.trim().to_lowercase()
}

/// The keys of a todo's tags as `todos.tag_keys` holds them (migration 26): byte order (as
/// SQLite's BINARY and PostgreSQL's "C" collation order them), none twice.
pub fn sorted_tag_keys(tags: &[String]) -> Vec<String> {
    let mut keys: Vec<String> = tags.iter().map(|tag| tag_key(tag)).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortField {
    #[default]
    CreatedAt,
    UpdatedAt,
    DueAt,
    Priority,
    Title,
    /// The manual order (fractional keys, byte order).
    Position,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TodoSort {
    pub field: SortField,
    pub descending: bool,
}

impl Default for TodoSort {
    /// Newest first.
    fn default() -> Self {
        TodoSort {
            field: SortField::CreatedAt,
            descending: true,
        }
    }
}

impl TodoSort {
    pub fn name(&self) -> String {
        let field = match self.field {
            SortField::CreatedAt => "created_at",
            SortField::UpdatedAt => "updated_at",
            SortField::DueAt => "due_at",
            SortField::Priority => "priority",
            SortField::Title => "title",
            SortField::Position => "position",
        };
        if self.descending {
            format!("-{field}")
        } else {
            field.to_owned()
        }
    }
}

/// A todo's value for the sort field (`None` due dates sort as if at the end of time).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortValue {
    Time(DateTime<Utc>),
    MaybeTime(Option<DateTime<Utc>>),
    Priority(i16),
    Text(String),
    Position(String),
}

/// A position in a sorted list: the sort value, then the id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SortKey {
    pub value: SortValue,
    pub id: Uuid,
}

impl SortKey {
    pub fn of(todo: &Todo, field: SortField) -> SortKey {
        let value = match field {
            SortField::CreatedAt => SortValue::Time(todo.created_at),
            SortField::UpdatedAt => SortValue::Time(todo.updated_at),
            SortField::DueAt => SortValue::MaybeTime(todo.due_at),
            SortField::Priority => SortValue::Priority(todo.priority.to_db()),
            SortField::Title => SortValue::Text(todo.title.clone()),
            SortField::Position => SortValue::Position(todo.position.clone()),
        };
        SortKey { value, id: todo.id }
    }

    /// Whether this key can be a position in `field`'s order (a cursor of another sort cannot).
    pub fn fits(&self, field: SortField) -> bool {
        matches!(
            (&self.value, field),
            (
                SortValue::Time(_),
                SortField::CreatedAt | SortField::UpdatedAt
            ) | (SortValue::MaybeTime(_), SortField::DueAt)
                | (SortValue::Priority(_), SortField::Priority)
                | (SortValue::Text(_), SortField::Title)
                | (SortValue::Position(_), SortField::Position)
        )
    }
}

/// The filters of a list request, validated. `tag_keys` are lower-cased and sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TodoFilter {
    pub completed: Option<bool>,
    pub priority: Option<Priority>,
    pub tag_keys: Vec<String>,
    pub due_before: Option<DateTime<Utc>>,
    pub due_after: Option<DateTime<Utc>>,
    pub overdue: Option<bool>,
    pub text: Option<String>,
    /// Only this list's todos (else every list the caller is a member of).
    pub list_id: Option<Uuid>,
    /// Only this todo's subtasks.
    pub parent_id: Option<Uuid>,
    /// Only top-level todos (true) or only subtasks (false).
    pub top_level: Option<bool>,
}

/// A list request as it arrived.
#[derive(Debug, Clone, Default)]
pub struct TodoFilterDraft {
    pub completed: Option<bool>,
    pub priority: Option<Priority>,
    pub tags: Vec<String>,
    pub due_before: Option<DateTime<Utc>>,
    pub due_after: Option<DateTime<Utc>>,
    pub overdue: Option<bool>,
    pub q: Option<String>,
    pub list_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
    pub top_level: Option<bool>,
}

impl TodoFilter {
    pub fn parse(draft: TodoFilterDraft) -> Result<TodoFilter, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let tags = match parse_tags(&draft.tags, "tag") {
            Ok(tags) => tags,
            Err(e) => {
                for f in e.errors() {
                    errors.add(&f.field, f.message.clone());
                }
                Vec::new()
            }
        };
        if let Some(q) = &draft.q {
            errors.check("q", check_text(q, QUERY_MIN, QUERY_MAX, true));
        }
        for (field, time) in [
            ("due_before", &draft.due_before),
            ("due_after", &draft.due_after),
        ] {
            if let Some(t) = time {
                errors.check(field, check_instant(t));
            }
        }
        let mut tag_keys: Vec<String> = tags.iter().map(|t| tag_key(t)).collect();
        tag_keys.sort();
        errors.into_result(|| TodoFilter {
            completed: draft.completed,
            priority: draft.priority,
            tag_keys,
            due_before: draft.due_before,
            due_after: draft.due_after,
            overdue: draft.overdue,
            text: draft.q,
            list_id: draft.list_id,
            parent_id: draft.parent_id,
            top_level: draft.top_level,
        })
    }

    /// A stable description of the filters, which a cursor is bound to.
    pub fn fingerprint(&self) -> String {
        format!(
            "c={:?};p={:?};t={:?};b={:?};a={:?};o={:?};q={:?};l={:?};pa={:?};tl={:?}",
            self.completed,
            self.priority.map(Priority::to_db),
            self.tag_keys,
            self.due_before.map(|t| t.timestamp_micros()),
            self.due_after.map(|t| t.timestamp_micros()),
            self.overdue,
            self.text,
            self.list_id,
            self.parent_id,
            self.top_level
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_trimmed_deduplicated_case_insensitively_and_sorted() {
        let raw: Vec<String> = ["Work", " home ", "work", "Éte", "HOME"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(parse_tags(&raw, "tags").unwrap(), ["home", "Work", "Éte"]);
    }

    #[test]
    fn tag_rules() {
        let too_many: Vec<String> = (0..21).map(|i| format!("t{i}")).collect();
        assert!(parse_tags(&too_many, "tags").is_err());
        let bad = parse_tags(&["ok".into(), " ".into(), "x".repeat(51)], "tags").unwrap_err();
        let fields: Vec<_> = bad.errors().iter().map(|e| e.field.clone()).collect();
        assert_eq!(fields, ["tags[1]", "tags[2]"]);
    }

    #[test]
    fn a_list_over_the_limit_is_refused_without_looking_at_its_elements() {
        // 32,000 blank tags: before the fix each was checked (and compared with every
        // earlier one), and each got an error of its own.
        let huge: Vec<String> = vec![" ".to_owned(); 32_000];
        let errors = parse_tags(&huge, "tags").unwrap_err();
        let fields: Vec<_> = errors.errors().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["tags"]);
        // At the limit, duplicates still count once.
        let twenty: Vec<String> = (0..MAX_TAGS).map(|i| format!("T{}", i % 5)).collect();
        assert_eq!(
            parse_tags(&twenty, "tags").unwrap(),
            ["T0", "T1", "T2", "T3", "T4"]
        );
    }

    #[test]
    fn search_text_needs_three_characters() {
        let q = |s: &str| {
            TodoFilter::parse(TodoFilterDraft {
                q: Some(s.into()),
                ..Default::default()
            })
        };
        assert!(q("ab").is_err());
        assert!(q("   ").is_err());
        assert!(q("abc").is_ok());
    }

    #[test]
    fn sort_keys_fit_only_their_order() {
        let key = SortKey {
            value: SortValue::Text("a".into()),
            id: Uuid::nil(),
        };
        assert!(key.fits(SortField::Title));
        assert!(!key.fits(SortField::CreatedAt));
        assert_eq!(TodoSort::default().name(), "-created_at");
    }

    mod prop {
        use super::*;
        use crate::domain::validation::MAX_FIELD_ERRORS;
        use crate::prop_support::{any_instant, any_text, instant_in_range};
        use proptest::collection::vec;
        use proptest::prelude::*;

        /// Tags with many near-duplicates (case, surrounding space), blanks, NUL, and any text.
        fn tag_text() -> impl Strategy<Value = String> {
            prop_oneof![
                4 => "[ \t]{0,2}[aAbBéÉßİi\u{3000}]{0,3}[ \t]{0,2}",
                1 => "[a\u{0}]{1,3}",
                2 => any_text(),
            ]
        }

        fn valid_tag(raw: &str) -> bool {
            let len = raw.chars().count();
            (1..=TAG_MAX).contains(&len)
                && !raw.contains('\0')
                && !raw.chars().all(char::is_whitespace)
        }

        fn tag_lists() -> impl Strategy<Value = Vec<String>> {
            prop_oneof![
                8 => vec(tag_text(), 0..=MAX_TAGS + 3),
                // A huge list: refused as a whole.
                1 => (tag_text(), MAX_TAGS + 1..20_000).prop_map(|(t, n)| vec![t; n]),
            ]
        }

        proptest! {
            #[test]
            fn parse_tags_output_follows_the_rules(raw in tag_lists()) {
                let all_valid = raw.len() <= MAX_TAGS && raw.iter().all(|t| valid_tag(t));
                match parse_tags(&raw, "tags") {
                    Ok(tags) => {
                        prop_assert!(all_valid);
                        prop_assert!(tags.len() <= MAX_TAGS);
                        for t in &tags {
                            let len = t.chars().count();
                            prop_assert!((1..=TAG_MAX).contains(&len), "{:?}", t);
                            prop_assert_eq!(t.trim(), t.as_str());
                            prop_assert!(!t.contains('\0'));
                        }
                        // Sorted by key, each key once (case-insensitive uniqueness).
                        let keys: Vec<String> = tags.iter().map(|t| t.to_lowercase()).collect();
                        prop_assert!(keys.windows(2).all(|w| w[0] < w[1]), "{:?}", keys);
                        // Nothing lost, first spelling kept.
                        for r in &raw {
                            let key = r.trim().to_lowercase();
                            let first = raw.iter().find(|x| x.trim().to_lowercase() == key).unwrap();
                            prop_assert!(tags.iter().any(|t| t == first.trim()), "{:?} lost", r);
                        }
                    }
                    Err(errors) => {
                        prop_assert!(!all_valid);
                        let fields: Vec<&str> =
                            errors.errors().iter().map(|e| e.field.as_str()).collect();
                        prop_assert!(!fields.is_empty() && fields.len() <= MAX_FIELD_ERRORS);
                        if raw.len() > MAX_TAGS {
                            prop_assert_eq!(fields, ["tags"]);
                        } else {
                            let bad: Vec<String> = (0..raw.len())
                                .filter(|&i| !valid_tag(&raw[i]))
                                .map(|i| format!("tags[{i}]"))
                                .collect();
                            prop_assert_eq!(fields, bad);
                        }
                    }
                }
            }

            #[test]
            fn filter_parse_accepts_only_valid_filters(
                tags in vec(tag_text(), 0..=MAX_TAGS + 2),
                q in proptest::option::of(any_text()),
                due_before in proptest::option::of(any_instant()),
                due_after in proptest::option::of(any_instant()),
            ) {
                let draft = TodoFilterDraft {
                    tags: tags.clone(),
                    q: q.clone(),
                    due_before,
                    due_after,
                    ..Default::default()
                };
                let q_ok = q.as_deref().is_none_or(|q| {
                    let len = q.chars().count();
                    (QUERY_MIN..=QUERY_MAX).contains(&len)
                        && !q.contains('\0')
                        && !q.chars().all(char::is_whitespace)
                });
                let expected = parse_tags(&tags, "tag").is_ok()
                    && q_ok
                    && due_before.as_ref().is_none_or(instant_in_range)
                    && due_after.as_ref().is_none_or(instant_in_range);
                match TodoFilter::parse(draft) {
                    Ok(filter) => {
                        prop_assert!(expected);
                        let keys = &filter.tag_keys;
                        prop_assert!(keys.windows(2).all(|w| w[0] < w[1]), "{:?}", keys);
                        prop_assert!(keys.iter().all(|k| *k == k.trim().to_lowercase()));
                        prop_assert_eq!(filter.text, q);
                    }
                    Err(errors) => {
                        prop_assert!(!expected);
                        prop_assert!(!errors.is_empty());
                        prop_assert!(errors.errors().len() <= MAX_FIELD_ERRORS);
                    }
                }
            }
        }
    }
}
