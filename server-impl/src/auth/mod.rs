//! Credentials: password hashing, access tokens, refresh tokens and the session check.

pub mod hash_pool;
pub mod jwt_crypto;
pub mod keys;
pub mod opaque_token;
pub mod password;
pub mod session_guard;
pub mod token;

pub use keys::{KeyRing, SigningKey};
pub use password::PasswordHasher;
pub use session_guard::SessionGuard;
pub use token::{AccessClaims, AccessToken, AuthContext, TokenError, TokenService};
