//! Todos and the rules for creating and changing them.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::truncate_to_micros;
use super::validation::{ValidationErrors, check_instant, check_text};

pub const TITLE_MAX: usize = 200;
pub const NOTES_MAX: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Priority {
    Low,
    #[default]
    Normal,
    High,
}

impl Priority {
    /// Stored as a small integer so that it sorts by importance.
    pub fn to_db(self) -> i16 {
        match self {
            Priority::Low => 0,
            Priority::Normal => 1,
            Priority::High => 2,
        }
    }

    pub fn from_db(value: i16) -> Option<Priority> {
        match value {
            0 => Some(Priority::Low),
            1 => Some(Priority::Normal),
            2 => Some(Priority::High),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Todo {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub title: String,
    pub notes: Option<String>,
    pub completed: bool,
    pub completed_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub priority: Priority,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// 1 when created, +1 on every change: what ETags name.
    pub version: i64,
    /// Sorted case-insensitively.
    pub tags: Vec<String>,
    /// The list it is in.
    pub list_id: Uuid,
    /// The top-level todo it is a subtask of (one level only).
    pub parent_id: Option<Uuid>,
    /// Its fractional ordering key among its siblings (same list and parent).
    pub position: String,
    pub subtask_count: i64,
    pub completed_subtask_count: i64,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    pub completed_by: Option<Uuid>,
}

/// Most subtasks one todo may have.
pub const MAX_SUBTASKS: i64 = 100;

/// What a conditional request (`If-Match`) expects of a todo's version.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Precondition {
    /// No condition.
    #[default]
    None,
    /// Any version, as long as the todo exists (`*`).
    Exists,
    /// One of these versions.
    OneOf(Vec<i64>),
}

impl Precondition {
    pub fn allows(&self, version: i64) -> bool {
        match self {
            Precondition::None | Precondition::Exists => true,
            Precondition::OneOf(versions) => versions.contains(&version),
        }
    }
}

/// The outcome of a conditional write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conditional<T> {
    Done(T),
    NotFound,
    /// The todo exists but is not at the expected version; nothing was changed.
    VersionMismatch,
    /// The caller may read the todo's list but not change it (a viewer).
    Forbidden,
    /// The change is refused as it stands (a parent or sibling that does not fit).
    Invalid(ValidationErrors),
    /// A create with a client-chosen id found the caller's todo with that id already there
    /// (an offline queue's replay): nothing changed; the todo as it is now.
    Exists(T),
    /// A create with a client-chosen id that belongs to a todo the caller cannot see, or to
    /// a deleted one whose tombstone is still kept: nothing changed, and never will.
    IdTaken,
}

/// Where `POST /todos/{id}/move` puts a todo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TodoMoveTarget {
    /// Right after this todo, among its siblings (taking its parent).
    After(Uuid),
    /// Right before this todo, among its siblings (taking its parent).
    Before(Uuid),
    /// First or last among the siblings under `parent` (`None`: keep the current parent;
    /// `Some(None)`: the top level).
    End {
        last: bool,
        parent: Option<Option<Uuid>>,
    },
}

impl TodoMoveTarget {
    /// Exactly one of `after`, `before` or `to` (`Some(true)`: last); `parent` only with `to`.
    pub fn parse(
        after: Option<Uuid>,
        before: Option<Uuid>,
        to_last: Option<bool>,
        parent: Option<Option<Uuid>>,
    ) -> Result<TodoMoveTarget, ValidationErrors> {
        let target = match (after, before, to_last) {
            (Some(x), None, None) => TodoMoveTarget::After(x),
            (None, Some(x), None) => TodoMoveTarget::Before(x),
            (None, None, Some(last)) => TodoMoveTarget::End { last, parent },
            _ => {
                return Err(ValidationErrors::single(
                    "to",
                    "exactly one of after, before or to is needed",
                ));
            }
        };
        if parent.is_some() && !matches!(target, TodoMoveTarget::End { .. }) {
            return Err(ValidationErrors::single(
                "parent_id",
                "only goes with to (after and before take the sibling's parent)",
            ));
        }
        Ok(target)
    }
}

/// A position in a newest-first list (`created_at`, then `id`): sessions, users.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PageKey {
    pub created_at: DateTime<Utc>,
    pub id: Uuid,
}

/// A create request as it arrived, before validation.
#[derive(Debug, Clone, Default)]
pub struct TodoDraft {
    /// The id the client chose (offline creates), if any.
    pub id: Option<Uuid>,
    pub title: String,
    pub notes: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub priority: Option<Priority>,
    pub tags: Vec<String>,
    pub list_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
}

/// A valid todo that is not stored yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTodo {
    pub id: Uuid,
    /// Whether the client chose `id` (a replay may find it taken) or the server did.
    pub client_id: bool,
    pub title: String,
    pub notes: Option<String>,
    pub due_at: Option<DateTime<Utc>>,
    pub priority: Priority,
    pub tags: Vec<String>,
    pub created_at: DateTime<Utc>,
    /// The list to put it in; the creator's Inbox when `None` (or the parent's list).
    pub list_id: Option<Uuid>,
    pub parent_id: Option<Uuid>,
}

impl NewTodo {
    pub fn parse(draft: TodoDraft, now: DateTime<Utc>) -> Result<NewTodo, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let title = errors.check("title", parse_title(&draft.title));
        if let Some(notes) = &draft.notes {
            errors.check("notes", check_notes(notes));
        }
        if let Some(due_at) = &draft.due_at {
            errors.check("due_at", check_instant(due_at));
        }
        let tags = collect(
            &mut errors,
            super::todo_query::parse_tags(&draft.tags, "tags"),
        );
        errors.into_result(|| NewTodo {
            id: draft.id.unwrap_or_else(Uuid::now_v7),
            client_id: draft.id.is_some(),
            title: title.unwrap_or_default(),
            notes: draft.notes,
            due_at: draft.due_at.map(truncate_to_micros),
            priority: draft.priority.unwrap_or_default(),
            tags: tags.unwrap_or_default(),
            created_at: now,
            list_id: draft.list_id,
            parent_id: draft.parent_id,
        })
    }
}

/// A partial update as it arrived: `None` leaves a field alone, `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct TodoPatch {
    pub title: Option<String>,
    pub notes: Option<Option<String>>,
    pub completed: Option<bool>,
    pub due_at: Option<Option<DateTime<Utc>>>,
    pub priority: Option<Priority>,
    pub tags: Option<Vec<String>>,
    pub list_id: Option<Uuid>,
}

/// A valid partial update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodoChanges {
    pub title: Option<String>,
    pub notes: Option<Option<String>>,
    pub completed: Option<bool>,
    pub due_at: Option<Option<DateTime<Utc>>>,
    pub priority: Option<Priority>,
    /// Replaces all tags when present.
    pub tags: Option<Vec<String>>,
    /// Moves it (with its subtasks) to the end of another list.
    pub list_id: Option<Uuid>,
    pub updated_at: DateTime<Utc>,
}

impl TodoChanges {
    pub fn parse(patch: TodoPatch, now: DateTime<Utc>) -> Result<TodoChanges, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let title = match &patch.title {
            Some(t) => errors.check("title", parse_title(t)),
            None => None,
        };
        if let Some(Some(notes)) = &patch.notes {
            errors.check("notes", check_notes(notes));
        }
        if let Some(Some(due_at)) = &patch.due_at {
            errors.check("due_at", check_instant(due_at));
        }
        let tags = match &patch.tags {
            Some(raw) => collect(&mut errors, super::todo_query::parse_tags(raw, "tags")),
            None => None,
        };
        errors.into_result(|| TodoChanges {
            title,
            notes: patch.notes,
            completed: patch.completed,
            due_at: patch.due_at.map(|d| d.map(truncate_to_micros)),
            priority: patch.priority,
            tags,
            list_id: patch.list_id,
            updated_at: now,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.notes.is_none()
            && self.completed.is_none()
            && self.due_at.is_none()
            && self.priority.is_none()
            && self.tags.is_none()
            && self.list_id.is_none()
    }
}

/// Moves the errors of `result` into `errors`; the value if there were none.
fn collect<T>(errors: &mut ValidationErrors, result: Result<T, ValidationErrors>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(e) => {
            for f in e.errors() {
                errors.add(&f.field, f.message.clone());
            }
            None
        }
    }
}

/// 1 to 200 characters as sent, not blank; stored trimmed.
fn parse_title(raw: &str) -> Result<String, String> {
    check_text(raw, 1, TITLE_MAX, true)?;
    Ok(raw.trim().to_owned())
}

fn check_notes(notes: &str) -> Result<(), String> {
    check_text(notes, 0, NOTES_MAX, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(title: &str) -> TodoDraft {
        TodoDraft {
            title: title.to_owned(),
            ..TodoDraft::default()
        }
    }

    #[test]
    fn title_is_trimmed_and_text_kept_verbatim() {
        let t = NewTodo::parse(draft("  Fix <div> layout "), Utc::now()).unwrap();
        assert_eq!(t.title, "Fix <div> layout");
        let t = NewTodo::parse(draft("O'Brien; DROP TABLE todos;--"), Utc::now()).unwrap();
        assert_eq!(t.title, "O'Brien; DROP TABLE todos;--");
        assert_eq!(t.priority, Priority::Normal);
    }

    #[test]
    fn every_invalid_field_is_reported() {
        let mut d = draft("   ");
        d.notes = Some("n".repeat(NOTES_MAX + 1));
        let errors = NewTodo::parse(d, Utc::now()).unwrap_err();
        let fields: Vec<_> = errors.errors().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "notes"]);
    }

    #[test]
    fn title_length_limits() {
        assert!(NewTodo::parse(draft(""), Utc::now()).is_err());
        assert!(NewTodo::parse(draft(&"t".repeat(TITLE_MAX)), Utc::now()).is_ok());
        assert!(NewTodo::parse(draft(&"t".repeat(TITLE_MAX + 1)), Utc::now()).is_err());
    }

    #[test]
    fn patch_distinguishes_absent_from_null() {
        let changes = TodoChanges::parse(
            TodoPatch {
                notes: Some(None),
                ..TodoPatch::default()
            },
            Utc::now(),
        )
        .unwrap();
        assert_eq!(changes.notes, Some(None));
        assert_eq!(changes.due_at, None);
        assert!(!changes.is_empty());
        let blank = TodoChanges::parse(
            TodoPatch {
                title: Some(" ".into()),
                ..TodoPatch::default()
            },
            Utc::now(),
        );
        assert!(blank.is_err());
    }

    #[test]
    fn a_move_names_exactly_one_place() {
        let id = Uuid::now_v7();
        let x = Some(id);
        assert_eq!(
            TodoMoveTarget::parse(x, None, None, None),
            Ok(TodoMoveTarget::After(id))
        );
        assert!(TodoMoveTarget::parse(None, None, None, None).is_err());
        assert!(TodoMoveTarget::parse(x, x, None, None).is_err());
        assert!(TodoMoveTarget::parse(x, None, Some(true), None).is_err());
        assert!(TodoMoveTarget::parse(x, None, None, Some(None)).is_err());
        assert_eq!(
            TodoMoveTarget::parse(None, None, Some(false), Some(None)),
            Ok(TodoMoveTarget::End {
                last: false,
                parent: Some(None)
            })
        );
    }

    #[test]
    fn priority_round_trips_through_storage() {
        for p in [Priority::Low, Priority::Normal, Priority::High] {
            assert_eq!(Priority::from_db(p.to_db()), Some(p));
        }
        assert_eq!(Priority::from_db(7), None);
    }

    mod prop {
        use super::*;
        use crate::domain::todo_query::{MAX_TAGS, parse_tags};
        use crate::domain::validation::MAX_FIELD_ERRORS;
        use crate::prop_support::{any_instant, any_text, instant_in_range};
        use proptest::collection::vec;
        use proptest::option::of;
        use proptest::prelude::*;

        fn text_fits(s: &str, max: usize, not_blank: bool) -> bool {
            s.chars().count() <= max
                && !s.contains('\0')
                && !(not_blank && s.chars().all(char::is_whitespace))
        }

        fn title_ok(s: &str) -> bool {
            !s.is_empty() && text_fits(s, TITLE_MAX, true)
        }

        fn priority() -> impl Strategy<Value = Priority> {
            prop_oneof![
                Just(Priority::Low),
                Just(Priority::Normal),
                Just(Priority::High)
            ]
        }

        fn tags() -> impl Strategy<Value = Vec<String>> {
            vec(
                prop_oneof![3 => "[ aAé]{0,4}", 1 => any_text()],
                0..=MAX_TAGS + 2,
            )
        }

        /// A stored instant is whole microseconds, at most 1 µs before the one sent.
        fn truncated(sent: DateTime<Utc>, stored: DateTime<Utc>) -> bool {
            use chrono::Timelike;
            let diff = sent - stored;
            stored.nanosecond().is_multiple_of(1_000)
                && diff >= chrono::TimeDelta::zero()
                && diff < chrono::TimeDelta::microseconds(1)
        }

        proptest! {
            #[test]
            fn new_todo_parse_accepts_only_valid_drafts(
                title in any_text(),
                notes in of(any_text()),
                due_at in of(any_instant()),
                priority in of(priority()),
                tags in tags(),
            ) {
                let expected = title_ok(&title)
                    && notes.as_deref().is_none_or(|n| text_fits(n, NOTES_MAX, false))
                    && due_at.as_ref().is_none_or(instant_in_range)
                    && parse_tags(&tags, "tags").is_ok();
                let draft = TodoDraft {
                    title: title.clone(),
                    notes: notes.clone(),
                    due_at,
                    priority,
                    tags: tags.clone(),
                    ..TodoDraft::default()
                };
                match NewTodo::parse(draft, crate::domain::now()) {
                    Ok(todo) => {
                        prop_assert!(expected);
                        prop_assert_eq!(todo.title.as_str(), title.trim());
                        prop_assert_eq!(todo.notes, notes);
                        prop_assert_eq!(todo.priority, priority.unwrap_or_default());
                        prop_assert_eq!(todo.tags, parse_tags(&tags, "tags").unwrap());
                        match (due_at, todo.due_at) {
                            (None, None) => {}
                            (Some(sent), Some(stored)) => {
                                prop_assert!(truncated(sent, stored), "{} -> {}", sent, stored)
                            }
                            other => prop_assert!(false, "{:?}", other),
                        }
                    }
                    Err(errors) => {
                        prop_assert!(!expected);
                        prop_assert!(!errors.is_empty());
                        prop_assert!(errors.errors().len() <= MAX_FIELD_ERRORS);
                        for e in errors.errors() {
                            let f = e.field.as_str();
                            prop_assert!(
                                ["title", "notes", "due_at", "tags"].contains(&f)
                                    || f.starts_with("tags["),
                                "{}", f
                            );
                        }
                    }
                }
            }

            #[test]
            fn todo_changes_parse_accepts_only_valid_patches(
                title in of(any_text()),
                notes in of(of(any_text())),
                completed in of(any::<bool>()),
                due_at in of(of(any_instant())),
                priority in of(priority()),
                tags in of(tags()),
            ) {
                let expected = title.as_deref().is_none_or(title_ok)
                    && notes.as_ref().and_then(Option::as_deref)
                        .is_none_or(|n| text_fits(n, NOTES_MAX, false))
                    && due_at.flatten().as_ref().is_none_or(instant_in_range)
                    && tags.as_ref().is_none_or(|t| parse_tags(t, "tags").is_ok());
                let patch = TodoPatch {
                    title: title.clone(),
                    notes: notes.clone(),
                    completed,
                    due_at,
                    priority,
                    tags: tags.clone(),
                    ..TodoPatch::default()
                };
                match TodoChanges::parse(patch, crate::domain::now()) {
                    Ok(changes) => {
                        prop_assert!(expected);
                        prop_assert_eq!(changes.title.as_deref(), title.as_deref().map(str::trim));
                        prop_assert_eq!(changes.notes, notes);
                        prop_assert_eq!(changes.completed, completed);
                        prop_assert_eq!(changes.priority, priority);
                        prop_assert_eq!(
                            changes.tags,
                            tags.map(|t| parse_tags(&t, "tags").unwrap())
                        );
                        match (due_at, changes.due_at) {
                            (None, None) | (Some(None), Some(None)) => {}
                            (Some(Some(sent)), Some(Some(stored))) => {
                                prop_assert!(truncated(sent, stored), "{} -> {}", sent, stored)
                            }
                            other => prop_assert!(false, "{:?}", other),
                        }
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
