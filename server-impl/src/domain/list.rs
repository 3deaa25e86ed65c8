//! Lists and their members: names, colours, roles, the caller's order of their lists, and
//! the bounds every account and list stays within.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::validation::{ValidationErrors, check_text};

/// Lists an account may be a member of (its own and shared ones).
pub const MAX_LISTS_PER_ACCOUNT: i64 = 200;
/// Members a list may have.
pub const MAX_MEMBERS_PER_LIST: i64 = 50;
/// Pending (unexpired) invitations a list may have.
pub const MAX_PENDING_INVITATIONS_PER_LIST: i64 = 50;

/// What a member may do: viewers read, editors also write todos, owners also manage the
/// list, its members and its invitations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberRole {
    Owner,
    Editor,
    Viewer,
}

impl MemberRole {
    pub fn as_str(self) -> &'static str {
        match self {
            MemberRole::Owner => "owner",
            MemberRole::Editor => "editor",
            MemberRole::Viewer => "viewer",
        }
    }

    pub fn parse(s: &str) -> Option<MemberRole> {
        match s {
            "owner" => Some(MemberRole::Owner),
            "editor" => Some(MemberRole::Editor),
            "viewer" => Some(MemberRole::Viewer),
            _ => None,
        }
    }
}

/// A list as one member sees it: with their role and their position in their order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TodoList {
    pub id: Uuid,
    pub name: String,
    pub color: Option<String>,
    pub is_default: bool,
    pub role: MemberRole,
    pub member_count: i64,
    pub version: i64,
    /// The caller's position key of this list (their own order).
    pub position: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Where a page of the caller's lists continues: after this (position, id).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListKey {
    pub position: String,
    pub id: Uuid,
}

impl ListKey {
    pub fn of(list: &TodoList) -> ListKey {
        ListKey {
            position: list.position.clone(),
            id: list.id,
        }
    }
}

/// A member of a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub user_id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: MemberRole,
    pub joined_at: DateTime<Utc>,
}

/// A name: trimmed, 1 to 100 characters, not blank, no NUL.
pub fn parse_name(raw: &str) -> Result<String, String> {
    let name = raw.trim();
    check_text(name, 1, 100, true)?;
    Ok(name.to_owned())
}

/// A colour: `#rrggbb` (stored as sent).
pub fn parse_color(raw: &str) -> Result<String, String> {
    let ok =
        raw.len() == 7 && raw.starts_with('#') && raw[1..].bytes().all(|b| b.is_ascii_hexdigit());
    if ok {
        Ok(raw.to_owned())
    } else {
        Err("must be a colour as #rrggbb".to_owned())
    }
}

/// A new list, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewList {
    pub id: Uuid,
    /// Whether the client chose `id` (a replay may find it taken) or the server did.
    pub client_id: bool,
    pub name: String,
    pub color: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl NewList {
    /// `id`: the one the client chose (offline creates), if any.
    pub fn parse(
        id: Option<Uuid>,
        name: &str,
        color: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<NewList, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = errors.check("name", parse_name(name));
        let color = match color {
            Some(c) => errors.check("color", parse_color(c)).map(Some),
            None => Some(None),
        };
        match (name, color) {
            (Some(name), Some(color)) if errors.is_empty() => Ok(NewList {
                id: id.unwrap_or_else(Uuid::now_v7),
                client_id: id.is_some(),
                name,
                color,
                created_at: now,
            }),
            _ => Err(errors),
        }
    }
}

/// A partial update of a list: `None` leaves a field alone; `color: Some(None)` clears it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListChanges {
    pub name: Option<String>,
    pub color: Option<Option<String>>,
}

impl ListChanges {
    pub fn parse(
        name: Option<&str>,
        color: Option<Option<&str>>,
    ) -> Result<ListChanges, ValidationErrors> {
        let mut errors = ValidationErrors::new();
        let name = name.and_then(|n| errors.check("name", parse_name(n)));
        let color = match color {
            Some(Some(c)) => errors.check("color", parse_color(c)).map(Some),
            Some(None) => Some(None),
            None => None,
        };
        errors.into_result(|| ListChanges { name, color })
    }

    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.color.is_none()
    }
}

/// Where a moved list (or todo) goes among its siblings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveTarget {
    After(Uuid),
    Before(Uuid),
    First,
    Last,
}

impl MoveTarget {
    /// Exactly one of `after`, `before` and `to` (`to`: `true` for first).
    pub fn parse(
        after: Option<Uuid>,
        before: Option<Uuid>,
        first: Option<bool>,
    ) -> Result<MoveTarget, ValidationErrors> {
        match (after, before, first) {
            (Some(id), None, None) => Ok(MoveTarget::After(id)),
            (None, Some(id), None) => Ok(MoveTarget::Before(id)),
            (None, None, Some(true)) => Ok(MoveTarget::First),
            (None, None, Some(false)) => Ok(MoveTarget::Last),
            _ => Err(ValidationErrors::single(
                "body",
                "must have exactly one of after, before and to",
            )),
        }
    }
}

/// Why a list, member or invitation operation did not happen (besides 404/403/412).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListConflict {
    DefaultList,
    HasTodos,
    TooManyLists,
    TooManyMembers,
    TooManyInvitations,
    LastOwner,
    AlreadyMember,
}

impl ListConflict {
    pub fn describe(self) -> &'static str {
        match self {
            ListConflict::DefaultList => "The default list (Inbox) cannot be deleted or shared.",
            ListConflict::HasTodos => {
                "The list still holds todos; delete them with it by adding ?delete_todos=true."
            }
            ListConflict::TooManyLists => "An account can be a member of at most 200 lists.",
            ListConflict::TooManyMembers => "A list can have at most 50 members.",
            ListConflict::TooManyInvitations => "A list can have at most 50 pending invitations.",
            ListConflict::LastOwner => {
                "The last owner of a list cannot leave it or give up the owner role; make \
                 another member owner first."
            }
            ListConflict::AlreadyMember => "This address is already a member of the list.",
        }
    }
}

/// The outcome of an operation on a list the caller names: done, or why not. Decided by
/// the statement that acts (its membership and role conditions), and told apart afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListOutcome<T> {
    Done(T),
    /// No such list (or invitation, member), or the caller is no member: the same answer.
    NotFound,
    /// A member whose role does not allow this.
    Forbidden,
    /// `If-Match` named another version.
    VersionMismatch,
    Conflict(ListConflict),
    /// A create with a client-chosen id found the caller's list with that id already there
    /// (an offline queue's replay): nothing changed; the list as it is now.
    Exists(T),
    /// A create with a client-chosen id that belongs to a list the caller cannot see, or to
    /// a deleted one whose tombstone is still kept: nothing changed.
    IdTaken,
}

impl<T> ListOutcome<T> {
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ListOutcome<U> {
        match self {
            ListOutcome::Done(v) => ListOutcome::Done(f(v)),
            ListOutcome::NotFound => ListOutcome::NotFound,
            ListOutcome::Forbidden => ListOutcome::Forbidden,
            ListOutcome::VersionMismatch => ListOutcome::VersionMismatch,
            ListOutcome::Conflict(c) => ListOutcome::Conflict(c),
            ListOutcome::Exists(v) => ListOutcome::Exists(f(v)),
            ListOutcome::IdTaken => ListOutcome::IdTaken,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(parse_name("  Groceries "), Ok("Groceries".to_owned()));
        assert!(parse_name("   ").is_err());
        assert!(parse_name(&"x".repeat(101)).is_err());
        assert!(parse_name(&format!(" {} ", "x".repeat(100))).is_ok());
        assert!(parse_name("a\0b").is_err());
    }

    #[test]
    fn colours_are_hex_triplets() {
        assert!(parse_color("#3366cc").is_ok());
        assert!(parse_color("#3366CC").is_ok());
        for bad in ["3366cc", "#3366c", "#3366ccc", "#33g6cc", "", "#ééé"] {
            assert!(parse_color(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_move_names_exactly_one_target() {
        let id = Uuid::now_v7();
        assert_eq!(
            MoveTarget::parse(Some(id), None, None),
            Ok(MoveTarget::After(id))
        );
        assert_eq!(
            MoveTarget::parse(None, None, Some(true)),
            Ok(MoveTarget::First)
        );
        assert!(MoveTarget::parse(None, None, None).is_err());
        assert!(MoveTarget::parse(Some(id), Some(id), None).is_err());
        assert!(MoveTarget::parse(Some(id), None, Some(false)).is_err());
    }

    #[test]
    fn roles_round_trip() {
        for role in [MemberRole::Owner, MemberRole::Editor, MemberRole::Viewer] {
            assert_eq!(MemberRole::parse(role.as_str()), Some(role));
        }
        assert_eq!(MemberRole::parse("admin"), None);
    }
}
