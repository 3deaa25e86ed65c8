//! Translation between the generated contract models and domain values.

use todo_api_gen::models;
use todo_api_gen::types::Nullable;

use uuid::Uuid;

use crate::domain::{
    AccountChange, AuditEvent, AuditFilter, BatchAction, Flags, Priority, Role, Session, SortField,
    Todo, TodoDraft, TodoFilterDraft, TodoPatch, TodoSort, User, UserFilter,
};
use crate::service::Registration;

fn nullable<T>(value: Option<T>) -> Nullable<T> {
    value.map_or(Nullable::Null, Nullable::Present)
}

/// Absent stays `None`; `null` becomes `Some(None)`.
fn patch_field<T: Clone>(value: &Option<Nullable<T>>) -> Option<Option<T>> {
    value.as_ref().map(|v| match v {
        Nullable::Null => None,
        Nullable::Present(x) => Some(x.clone()),
    })
}

pub fn priority_from_model(p: models::Priority) -> Priority {
    match p {
        models::Priority::Low => Priority::Low,
        models::Priority::Normal => Priority::Normal,
        models::Priority::High => Priority::High,
    }
}

pub fn priority_to_model(p: Priority) -> models::Priority {
    match p {
        Priority::Low => models::Priority::Low,
        Priority::Normal => models::Priority::Normal,
        Priority::High => models::Priority::High,
    }
}

pub fn role_to_model(r: Role) -> models::Role {
    match r {
        Role::User => models::Role::User,
        Role::Admin => models::Role::Admin,
    }
}

pub fn role_from_model(r: models::Role) -> Role {
    match r {
        models::Role::User => Role::User,
        models::Role::Admin => Role::Admin,
    }
}

pub fn registration_from_model(body: &models::Registration) -> Registration {
    Registration {
        email: body.email.clone(),
        password: body.password.clone(),
        display_name: body.display_name.clone(),
    }
}

pub fn user_filter_from_model(q: &models::ListUsersQueryParams) -> UserFilter {
    UserFilter {
        email_contains: q.email.clone(),
        role: q.role.map(role_from_model),
        disabled: q.disabled,
    }
}

pub fn account_change_from_model(body: &models::AdminUserUpdate) -> AccountChange {
    AccountChange {
        role: body.role.map(role_from_model),
        disabled: body.disabled,
    }
}

pub fn batch_action_from_model(action: models::BatchAction) -> BatchAction {
    match action {
        models::BatchAction::Complete => BatchAction::Complete,
        models::BatchAction::Reopen => BatchAction::Reopen,
        models::BatchAction::Delete => BatchAction::Delete,
    }
}

pub fn admin_user_to_model(u: User) -> models::AdminUser {
    models::AdminUser {
        id: u.id,
        email: u.email,
        display_name: u.display_name,
        role: role_to_model(u.role),
        disabled: u.disabled,
        created_at: u.created_at,
        updated_at: u.updated_at,
    }
}

pub fn user_to_model(u: User) -> models::User {
    models::User {
        id: u.id,
        email: u.email,
        display_name: u.display_name,
        role: role_to_model(u.role),
        created_at: u.created_at,
    }
}

pub fn todo_to_model(t: Todo) -> models::Todo {
    models::Todo {
        id: t.id,
        title: t.title,
        notes: nullable(t.notes),
        completed: t.completed,
        completed_at: nullable(t.completed_at),
        due_at: nullable(t.due_at),
        priority: priority_to_model(t.priority),
        tags: t.tags,
        created_at: t.created_at,
        updated_at: t.updated_at,
        list_id: t.list_id,
        parent_id: nullable(t.parent_id),
        position: t.position,
        subtask_count: t.subtask_count,
        completed_subtask_count: t.completed_subtask_count,
        created_by: nullable(t.created_by),
        updated_by: nullable(t.updated_by),
        completed_by: nullable(t.completed_by),
    }
}

pub fn draft_from_model(body: &models::TodoCreate) -> TodoDraft {
    TodoDraft {
        id: body.id,
        title: body.title.clone(),
        notes: patch_field(&body.notes).flatten(),
        due_at: patch_field(&body.due_at).flatten(),
        priority: body.priority.map(priority_from_model),
        tags: body.tags.clone().unwrap_or_default(),
        list_id: body.list_id,
        parent_id: body.parent_id,
    }
}

pub fn patch_from_model(body: &models::TodoUpdate) -> TodoPatch {
    TodoPatch {
        title: body.title.clone(),
        notes: patch_field(&body.notes),
        completed: body.completed,
        due_at: patch_field(&body.due_at),
        priority: body.priority.map(priority_from_model),
        tags: body.tags.clone(),
        list_id: body.list_id,
    }
}

pub fn move_from_model(
    body: &models::TodoMove,
) -> Result<crate::domain::TodoMoveTarget, crate::domain::ValidationErrors> {
    crate::domain::TodoMoveTarget::parse(
        body.after,
        body.before,
        body.to.map(|to| matches!(to, models::MoveEnd::Last)),
        patch_field(&body.parent_id),
    )
}

pub fn session_to_model(s: Session, current: Uuid) -> models::Session {
    models::Session {
        current: s.id == current,
        id: s.id,
        created_at: s.created_at,
        last_used_at: s.last_used_at,
        expires_at: s.expires_at,
        user_agent: nullable(s.user_agent),
        ip: nullable(s.ip),
    }
}

/// The sort asked for; `None` leaves the default to the service (it depends on the filters).
pub fn sort_from_model(sort: Option<models::TodoSort>) -> Option<TodoSort> {
    use models::TodoSort as S;
    let (field, descending) = match sort? {
        S::CreatedAtAsc => (SortField::CreatedAt, false),
        S::CreatedAtDesc => (SortField::CreatedAt, true),
        S::UpdatedAtAsc => (SortField::UpdatedAt, false),
        S::UpdatedAtDesc => (SortField::UpdatedAt, true),
        S::DueAtAsc => (SortField::DueAt, false),
        S::DueAtDesc => (SortField::DueAt, true),
        S::PriorityAsc => (SortField::Priority, false),
        S::PriorityDesc => (SortField::Priority, true),
        S::TitleAsc => (SortField::Title, false),
        S::TitleDesc => (SortField::Title, true),
        S::PositionAsc => (SortField::Position, false),
        S::PositionDesc => (SortField::Position, true),
    };
    Some(TodoSort { field, descending })
}

pub fn filter_from_model(q: &models::ListTodosQueryParams) -> TodoFilterDraft {
    TodoFilterDraft {
        completed: q.completed,
        priority: q.priority.map(priority_from_model),
        tags: q.tag.clone(),
        due_before: q.due_before,
        due_after: q.due_after,
        overdue: q.overdue,
        q: q.q.clone(),
        list_id: q.list_id,
        parent_id: q.parent_id,
        top_level: q.top_level,
    }
}

pub fn stats_to_model(s: &crate::domain::stats::Statistics) -> models::Statistics {
    models::Statistics {
        total: s.total,
        open: s.open,
        completed: s.completed,
        overdue: s.overdue,
        completion_rate: s.completion_rate,
        days: i32::try_from(s.days).unwrap_or(i32::MAX),
        completions_per_day: s
            .completions_per_day
            .iter()
            .map(|(date, count)| models::DayCount {
                date: *date,
                count: *count,
            })
            .collect(),
        by_priority: models::PriorityCounts {
            low: s.by_priority[0],
            normal: s.by_priority[1],
            high: s.by_priority[2],
        },
        top_tags: s
            .top_tags
            .iter()
            .map(|(tag, count)| models::TagCount {
                tag: tag.clone(),
                count: *count,
            })
            .collect(),
    }
}

pub fn flags_to_model(flags: Flags) -> models::Flags {
    models::Flags {
        registration: flags.registration,
        maintenance: flags.maintenance,
        sharing: flags.sharing,
        sync: flags.sync,
        live_events: flags.live_events,
    }
}

pub fn audit_filter_from_model(q: &models::ListAuditEventsQueryParams) -> AuditFilter {
    AuditFilter {
        actor: q.actor,
        target: q.target.clone(),
        kind: q.kind.clone(),
        since: q.since,
        until: q.until,
    }
}

pub fn audit_event_to_model(event: AuditEvent) -> models::AuditEvent {
    models::AuditEvent {
        id: event.id,
        at: event.at,
        kind: event.kind,
        actor_id: nullable(event.actor_id),
        target_type: nullable(event.target_type),
        target_id: nullable(event.target_id),
        request_id: nullable(event.request_id),
        ip: nullable(event.ip),
        details: event.details.to_string(),
    }
}
