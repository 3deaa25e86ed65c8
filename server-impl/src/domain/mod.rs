//! The business vocabulary: users, todos and the rules that make a value valid.
//! Nothing here knows about HTTP or SQL.

pub mod idempotency;
pub mod password_policy;
pub mod rate_limit;
pub mod session;
pub mod stats;
pub mod todo;
pub mod todo_query;
pub mod user;
pub mod validation;

pub use idempotency::{Claim, IdempotencyKey};
pub use rate_limit::{RatePolicy, RateState};
pub use session::{NewSession, Rotation, Session, SessionState};
pub use todo::{
    BatchAction, BatchOutcome, Conditional, NewTodo, PageKey, Precondition, Priority, Todo,
    TodoChanges, TodoDraft, TodoPatch,
};
pub use todo_query::{SortField, SortKey, SortValue, TodoFilter, TodoFilterDraft, TodoSort};
pub use user::{
    AccountChange, DisplayName, Email, Guarded, NewUser, Password, Role, User, UserCredentials,
    UserFilter,
};
pub use validation::{FieldError, ValidationErrors};

use chrono::{DateTime, DurationRound, TimeDelta, Utc};

/// The current time, truncated to microseconds: the precision both databases store,
/// so a value reads back exactly as it was written.
pub fn now() -> DateTime<Utc> {
    truncate_to_micros(Utc::now())
}

pub fn truncate_to_micros(t: DateTime<Utc>) -> DateTime<Utc> {
    t.duration_trunc(TimeDelta::microseconds(1)).unwrap_or(t)
}
