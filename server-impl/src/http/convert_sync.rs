//! The change feed between the domain and the contract's models.

use todo_api_gen::models;
use todo_api_gen::types::Nullable;

use super::convert::todo_to_model;
use super::convert_lists::{list_to_model, member_to_model};
use crate::domain::{SyncItem, SyncKind, SyncOp};
use crate::service::{FeedChange, SyncFeedPage};

pub fn sync_kind_to_model(kind: SyncKind) -> models::SyncKind {
    match kind {
        SyncKind::Todo => models::SyncKind::Todo,
        SyncKind::List => models::SyncKind::List,
        SyncKind::Member => models::SyncKind::Member,
    }
}

pub fn sync_op_to_model(op: SyncOp) -> models::SyncOp {
    match op {
        SyncOp::Upsert => models::SyncOp::Upsert,
        SyncOp::Delete => models::SyncOp::Delete,
    }
}

pub fn sync_change_to_model(change: FeedChange) -> models::SyncChange {
    let (mut todo, mut list, mut member) = (Nullable::Null, Nullable::Null, Nullable::Null);
    match change.item {
        Some(SyncItem::Todo(t)) => todo = Nullable::Present(todo_to_model(t)),
        Some(SyncItem::List(l)) => list = Nullable::Present(list_to_model(l)),
        Some(SyncItem::Member(m)) => member = Nullable::Present(member_to_model(m)),
        None => {}
    }
    models::SyncChange {
        kind: sync_kind_to_model(change.kind),
        op: sync_op_to_model(change.op),
        id: change.id,
        list_id: change.list_id,
        todo,
        list,
        member,
    }
}

pub fn sync_page_to_model(page: SyncFeedPage) -> models::SyncPage {
    models::SyncPage {
        changes: page.changes.into_iter().map(sync_change_to_model).collect(),
        next_cursor: page.next_cursor,
        has_more: page.has_more,
    }
}
