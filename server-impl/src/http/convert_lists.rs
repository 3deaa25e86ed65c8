//! Conversions between the contract's list, member and invitation models and the domain.

use todo_api_gen::models;
use todo_api_gen::types::Nullable;

use crate::domain::{Invitation, Member, MemberRole, MoveTarget, TodoList, ValidationErrors};

pub fn role_to_model(role: MemberRole) -> models::MemberRole {
    match role {
        MemberRole::Owner => models::MemberRole::Owner,
        MemberRole::Editor => models::MemberRole::Editor,
        MemberRole::Viewer => models::MemberRole::Viewer,
    }
}

pub fn role_from_model(role: models::MemberRole) -> MemberRole {
    match role {
        models::MemberRole::Owner => MemberRole::Owner,
        models::MemberRole::Editor => MemberRole::Editor,
        models::MemberRole::Viewer => MemberRole::Viewer,
    }
}

pub fn list_to_model(list: TodoList) -> models::TodoList {
    models::TodoList {
        id: list.id,
        name: list.name,
        color: list.color.map_or(Nullable::Null, Nullable::Present),
        default: list.is_default,
        role: role_to_model(list.role),
        member_count: list.member_count,
        position: list.position,
        created_at: list.created_at,
        updated_at: list.updated_at,
    }
}

pub fn member_to_model(member: Member) -> models::Member {
    models::Member {
        user_id: member.user_id,
        email: member.email,
        display_name: member.display_name,
        role: role_to_model(member.role),
        joined_at: member.joined_at,
    }
}

pub fn invitation_to_model(invitation: Invitation) -> models::Invitation {
    models::Invitation {
        id: invitation.id,
        list_id: invitation.list_id,
        list_name: invitation.list_name,
        email: invitation.email,
        role: role_to_model(invitation.role),
        invited_by: invitation.invited_by,
        invited_by_name: invitation.invited_by_name,
        created_at: invitation.created_at,
        expires_at: invitation.expires_at,
    }
}

/// `color`: absent → `None`, `null` → `Some(None)`, a value → `Some(Some(value))`.
pub fn nullable_color(color: &Option<Nullable<String>>) -> Option<Option<&str>> {
    match color {
        None => None,
        Some(Nullable::Null) => Some(None),
        Some(Nullable::Present(c)) => Some(Some(c.as_str())),
    }
}

pub fn list_move_from_model(body: &models::ListMove) -> Result<MoveTarget, ValidationErrors> {
    MoveTarget::parse(
        body.after,
        body.before,
        body.to.map(|to| to == models::MoveEnd::First),
    )
}
