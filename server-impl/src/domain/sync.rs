//! The change feed's vocabulary (ADR 0026): what changed (kind, upsert or tombstone), the
//! item as it is now, and the position in the feed a cursor names.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Member, Todo, TodoList};

/// What kind of item changed. The order is the feed's order among changes with the same
/// change number (a list before its members before its todos).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SyncKind {
    List,
    Member,
    Todo,
}

impl SyncKind {
    /// The kind's rank in a feed position.
    pub fn rank(self) -> i8 {
        match self {
            SyncKind::List => 0,
            SyncKind::Member => 1,
            SyncKind::Todo => 2,
        }
    }

    /// As tombstones store it.
    pub fn as_str(self) -> &'static str {
        match self {
            SyncKind::List => "list",
            SyncKind::Member => "member",
            SyncKind::Todo => "todo",
        }
    }

    pub fn parse(s: &str) -> Option<SyncKind> {
        match s {
            "list" => Some(SyncKind::List),
            "member" => Some(SyncKind::Member),
            "todo" => Some(SyncKind::Todo),
            _ => None,
        }
    }
}

/// The item's current state, or a tombstone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncOp {
    Upsert,
    Delete,
}

/// An item as the caller sees it now (`op: upsert`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncItem {
    Todo(Todo),
    List(TodoList),
    Member(Member),
}

impl SyncItem {
    /// The kind of item this is.
    pub fn kind(&self) -> SyncKind {
        match self {
            SyncItem::Todo(_) => SyncKind::Todo,
            SyncItem::List(_) => SyncKind::List,
            SyncItem::Member(_) => SyncKind::Member,
        }
    }
}

/// A place in the feed: just after the change at this key. The feed is ordered by
/// `(change, kind, own, list, id)`: `change` is the item's effective change number (for a
/// list the caller joined after their cursor, every todo and member of it takes the
/// membership's number, so that joining delivers the whole list), `own` the number its row
/// carries (so that a list's walk is its index order), `list` the list the item is in (a
/// member is in several lists). `floor`: tombstones below it are not delivered (a snapshot
/// started there; what was deleted before never reached it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FeedPosition {
    #[serde(rename = "c")]
    pub change: i64,
    #[serde(rename = "k")]
    pub kind: i8,
    #[serde(rename = "o")]
    pub own: i64,
    #[serde(rename = "l")]
    pub list: Uuid,
    #[serde(rename = "i")]
    pub id: Uuid,
    #[serde(rename = "f")]
    pub floor: i64,
}

impl FeedPosition {
    /// Before everything (rows written before the feed existed carry change number 0).
    pub fn origin(floor: i64) -> FeedPosition {
        FeedPosition {
            change: -1,
            kind: -1,
            own: -1,
            list: Uuid::nil(),
            id: Uuid::nil(),
            floor,
        }
    }

    /// After every change below the watermark `w` (caught up at `w`).
    pub fn caught_up(w: i64, floor: i64) -> FeedPosition {
        FeedPosition {
            change: w,
            kind: -1,
            own: -1,
            list: Uuid::nil(),
            id: Uuid::nil(),
            floor,
        }
    }

    /// The key only (what orders the feed), without the floor.
    pub fn key(&self) -> (i64, i8, i64, Uuid, Uuid) {
        (self.change, self.kind, self.own, self.list, self.id)
    }

    /// Whether a purge up to `horizon` removed tombstones this position still needs.
    pub fn expired(&self, horizon: i64) -> bool {
        (self.change + 1).max(self.floor) <= horizon
    }
}

/// One change of the feed: the item's kind and id, the list it is in (a list's own id for a
/// list), its state now (`None` for a tombstone), and its place in the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    pub position: FeedPosition,
    pub kind: SyncKind,
    pub op: SyncOp,
    pub id: Uuid,
    pub list_id: Uuid,
    pub item: Option<SyncItem>,
}

/// What the feed read below one watermark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeedRead {
    /// Up to `limit + 1` entries after the position, in feed order, all below `watermark`.
    Entries {
        entries: Vec<FeedEntry>,
        watermark: i64,
    },
    /// The position is below the purge horizon: tombstones it needs are gone.
    Expired,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_order_by_key() {
        let a = FeedPosition::origin(0);
        let b = FeedPosition::caught_up(5, 0);
        assert!(a.key() < b.key());
        let mut c = b;
        c.kind = SyncKind::List.rank();
        c.own = 0;
        assert!(
            b.key() < c.key(),
            "a caught-up position precedes every change at w"
        );
    }

    #[test]
    fn expiry_counts_the_floor() {
        assert!(!FeedPosition::caught_up(10, 0).expired(10));
        assert!(FeedPosition::caught_up(9, 0).expired(10));
        assert!(!FeedPosition::origin(11).expired(10));
        assert!(FeedPosition::origin(10).expired(10));
    }
}
