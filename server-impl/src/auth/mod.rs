//! Credentials: password hashing and access tokens.

pub mod password;
pub mod token;

pub use password::PasswordHasher;
pub use token::{AccessToken, AuthContext, TokenError, TokenService};
