//! Use cases: what the API does, in terms of the domain and the repository traits.
//! Handlers translate HTTP to these calls and back; nothing here knows about HTTP.

pub mod accounts;
pub mod admin;
pub mod audit;
pub(crate) mod conditional;
pub mod events;
pub mod flags;
pub mod lists;
pub mod login;
pub mod pagination;
pub mod password_reset;
pub mod rate_limit;
pub mod sessions;
pub mod sharing;
pub mod stats;
pub mod sync;
pub mod todos;

pub use accounts::{AccountService, Registration};
pub use admin::AdminService;
pub use audit::AuditService;
pub use events::{ChangeFeed, EventHub, EventSettings};
pub use flags::FlagService;
pub use lists::ListService;
pub use login::{LoginService, PasswordLogin};
pub use pagination::{CursorCodec, Page};
pub use password_reset::{PasswordResetService, ResetSettings};
pub use rate_limit::{RateLimiter, RateLimits};
pub use sessions::{ClientInfo, IssuedTokens, SessionService, SessionSettings};
pub use sharing::SharingService;
pub use stats::StatsService;
pub use sync::{FeedChange, SyncFeedPage, SyncService};
pub use todos::{Created, TodoService};
