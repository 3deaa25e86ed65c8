//! Accounts: registration, login, and the caller's own account.

use std::sync::Arc;

use uuid::Uuid;

use crate::auth::{AuthContext, PasswordHasher, SessionGuard};
use crate::domain::validation::fits_chars;
use crate::domain::{
    self, AdminGuarded, AuditEvent, DisplayName, Email, NewUser, Origin, Role, User,
    ValidationErrors, audit, password_policy,
};
use crate::error::AppError;
use crate::repo::{RepoError, UserRepository};
use crate::service::rate_limit::{Attempted, RateLimiter};

/// The per-account counter of failed password checks: logins, password changes and
/// account deletions share it, so a stolen access token buys no extra guesses.
pub const PASSWORD_FAILURES: &str = "login-account";

/// A registration request as it arrived.
#[derive(Debug, Clone)]
pub struct Registration {
    pub email: String,
    pub password: String,
    pub display_name: String,
}

/// Why a grant failed, in RFC 6749 terms.
#[derive(Debug, thiserror::Error)]
pub enum LoginError {
    #[error("invalid credentials")]
    InvalidGrant,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// A user who just proved their password, and the credentials version the proof was for.
#[derive(Debug, Clone)]
pub struct Authenticated {
    pub user: User,
    pub credentials_version: i64,
}

#[derive(Clone)]
pub struct AccountService {
    users: Arc<dyn UserRepository>,
    hasher: PasswordHasher,
    guard: Option<SessionGuard>,
    limiter: Option<RateLimiter>,
}

impl AccountService {
    /// `guard` is the node's session cache, told when a change ends sessions (none in the CLI).
    pub fn new(
        users: Arc<dyn UserRepository>,
        hasher: PasswordHasher,
        guard: Option<SessionGuard>,
    ) -> Self {
        AccountService {
            users,
            hasher,
            guard,
            limiter: None,
        }
    }

    /// Puts checks of the current password (password change, account deletion) behind
    /// the per-account limit on failed password checks.
    pub fn limit_password_checks(mut self, limiter: RateLimiter) -> Self {
        self.limiter = Some(limiter);
        self
    }

    /// Validates every field (the password against the policy), hashes the password and
    /// stores the account.
    #[tracing::instrument(skip_all, fields(role = ?role))]
    pub async fn register(&self, form: Registration, role: Role) -> Result<User, AppError> {
        let mut errors = ValidationErrors::new();
        let email = errors.check("email", Email::parse(&form.email));
        let password = errors.check(
            "password",
            password_policy::new_password(&form.password, &form.email),
        );
        let display_name = errors.check("display_name", DisplayName::parse(&form.display_name));
        let (Some(email), Some(password), Some(display_name)) = (email, password, display_name)
        else {
            return Err(AppError::Validation(errors));
        };
        let password_hash = self.hasher.hash(password.expose()).await?;
        let user = NewUser {
            id: Uuid::now_v7(),
            email,
            display_name,
            password_hash,
            role,
            created_at: domain::now(),
        };
        match self.users.insert_user(&user).await {
            Ok(user) => Ok(user),
            Err(RepoError::UniqueViolation { .. }) => Err(AppError::EmailTaken),
            Err(e) => Err(e.into()),
        }
    }

    /// The resource-owner password check: the same answer, and the same work, whether the
    /// email is unknown, the password wrong or the account disabled. A hash made with
    /// weaker settings than today's is replaced on success.
    #[tracing::instrument(skip_all)]
    pub async fn authenticate(
        &self,
        email: &str,
        password: &str,
    ) -> Result<Authenticated, LoginError> {
        let found = self
            .users
            .find_credentials_by_email(&Email::normalize(email))
            .await
            .map_err(anyhow::Error::from)?;
        let stored = found.as_ref().map(|c| c.password_hash.as_str());
        let matches = self.hasher.verify(password, stored).await?;
        match found {
            Some(creds) if matches && !creds.user.disabled => {
                if self.hasher.needs_rehash(&creds.password_hash) {
                    let upgraded = self.hasher.hash(password).await?;
                    self.users
                        .upgrade_password_hash(creds.user.id, &creds.password_hash, &upgraded)
                        .await
                        .map_err(anyhow::Error::from)?;
                    tracing::info!(user_id = %creds.user.id, "password hash upgraded");
                }
                Ok(Authenticated {
                    user: creds.user,
                    credentials_version: creds.credentials_version,
                })
            }
            _ => Err(LoginError::InvalidGrant),
        }
    }

    /// The caller's account; a token whose account is gone or disabled no longer counts.
    #[tracing::instrument(skip_all, fields(user_id = %caller.user_id))]
    pub async fn current_user(&self, caller: &AuthContext) -> Result<User, AppError> {
        match self.users.find_user(caller.user_id).await? {
            Some(user) if !user.disabled => Ok(user),
            _ => Err(AppError::Unauthorized),
        }
    }

    #[tracing::instrument(skip_all, fields(user_id = %caller.user_id))]
    pub async fn update_display_name(
        &self,
        caller: &AuthContext,
        display_name: Option<&str>,
    ) -> Result<User, AppError> {
        let Some(raw) = display_name else {
            return self.current_user(caller).await;
        };
        let name = DisplayName::parse(raw)
            .map_err(|m| AppError::Validation(ValidationErrors::single("display_name", m)))?;
        self.users
            .update_display_name(caller.user_id, &name, domain::now())
            .await?
            .ok_or(AppError::Unauthorized)
    }

    /// Checks the current password, applies the policy to the new one, stores it and signs
    /// out every other session.
    #[tracing::instrument(skip_all, fields(user_id = %caller.user_id))]
    pub async fn change_password(
        &self,
        caller: &AuthContext,
        current: &str,
        new: &str,
        origin: &Origin,
    ) -> Result<(), AppError> {
        let user = self.current_user(caller).await?;
        self.check_password(&user, current, "current_password")
            .await?;
        let password = password_policy::new_password(new, &user.email)
            .map_err(|m| AppError::Validation(ValidationErrors::single("new_password", m)))?;
        let hash = self.hasher.hash(password.expose()).await?;
        let event = AuditEvent::new(audit::PASSWORD_CHANGED, origin)
            .actor(Some(user.id))
            .target("user", user.id);
        self.users
            .change_password(
                user.id,
                &hash,
                domain::now(),
                Some(caller.session_id),
                &event,
            )
            .await?;
        self.forget_sessions();
        Ok(())
    }

    /// Deletes the caller's account after checking the password.
    #[tracing::instrument(skip_all, fields(user_id = %caller.user_id))]
    pub async fn delete_account(
        &self,
        caller: &AuthContext,
        password: &str,
        origin: &Origin,
    ) -> Result<(), AppError> {
        let user = self.current_user(caller).await?;
        self.check_password(&user, password, "password").await?;
        let event = AuditEvent::new(audit::ACCOUNT_DELETED, origin).actor(Some(user.id));
        let outcome = self.users.delete_user(user.id, &event).await?;
        self.forget_sessions();
        match outcome {
            AdminGuarded::Done(()) => Ok(()),
            AdminGuarded::NotFound => Err(AppError::Unauthorized),
            AdminGuarded::LastAdmin => Err(AppError::LastAdmin),
        }
    }

    /// A wrong password is a validation error on `field`; failures count against the
    /// account's limit (reserved before hashing, given back on success).
    async fn check_password(
        &self,
        user: &User,
        password: &str,
        field: &str,
    ) -> Result<(), AppError> {
        let incorrect = || AppError::Validation(ValidationErrors::single(field, "is incorrect"));
        if !fits_chars(password, domain::user::PASSWORD_MAX) {
            return Err(incorrect()); // longer than any password: no hash, nothing counted
        }
        let check = async {
            let creds = self
                .users
                .find_credentials_by_email(&Email::normalize(&user.email))
                .await?
                .ok_or(AppError::Unauthorized)?;
            if self
                .hasher
                .verify(password, Some(&creds.password_hash))
                .await?
            {
                Ok(())
            } else {
                Err(incorrect())
            }
        };
        let Some(limiter) = &self.limiter else {
            return check.await;
        };
        let account = Email::normalize(&user.email);
        let attempt = limiter.limit_failures(
            PASSWORD_FAILURES,
            limiter.limits.login_failures_per_account,
            &account,
            check,
            |e| matches!(e, AppError::Validation(_)),
        );
        match attempt.await {
            Attempted::Refused(state) => Err(AppError::RateLimited {
                what: "failed password checks for this account",
                retry_after: state.reset_in,
            }),
            Attempted::Ran(result, _) => result,
        }
    }

    fn forget_sessions(&self) {
        if let Some(guard) = &self.guard {
            guard.forget_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserCredentials;
    use crate::repo::MockUserRepository;

    fn service(repo: MockUserRepository) -> AccountService {
        AccountService::new(Arc::new(repo), PasswordHasher::new().unwrap(), None)
    }

    fn user(disabled: bool) -> User {
        let now = domain::now();
        User {
            id: Uuid::now_v7(),
            email: "ann@example.com".into(),
            display_name: "Ann".into(),
            role: Role::User,
            disabled,
            created_at: now,
            updated_at: now,
        }
    }

    #[tokio::test]
    async fn invalid_registration_reports_every_field_and_stores_nothing() {
        let mut repo = MockUserRepository::new();
        repo.expect_insert_user().never();
        let err = service(repo)
            .register(
                Registration {
                    email: "nope".into(),
                    password: "short".into(),
                    display_name: " ".into(),
                },
                Role::User,
            )
            .await
            .unwrap_err();
        let AppError::Validation(errors) = err else {
            panic!("{err:?}")
        };
        let fields: Vec<_> = errors.errors().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["email", "password", "display_name"]);
    }

    #[tokio::test]
    async fn duplicate_email_becomes_email_taken() {
        let mut repo = MockUserRepository::new();
        repo.expect_insert_user()
            .withf(|u| {
                u.email.normalized() == "ann@example.com"
                    && u.password_hash.starts_with("$argon2id$")
            })
            .returning(|_| Err(RepoError::UniqueViolation { constraint: None }));
        let err = service(repo)
            .register(
                Registration {
                    email: "ANN@example.com".into(),
                    password: "long enough".into(),
                    display_name: "Ann".into(),
                },
                Role::User,
            )
            .await
            .unwrap_err();
        assert!(matches!(err, AppError::EmailTaken), "{err:?}");
    }

    #[tokio::test]
    async fn unknown_email_wrong_password_and_disabled_account_all_fail_alike() {
        let hasher = PasswordHasher::new().unwrap();
        let hash = hasher.hash("right password").await.unwrap();
        for (disabled, password, exists) in [
            (false, "wrong password", true),
            (true, "right password", true),
            (false, "x", false),
        ] {
            let mut repo = MockUserRepository::new();
            let creds = UserCredentials {
                user: user(disabled),
                password_hash: hash.clone(),
                credentials_version: 1,
            };
            repo.expect_find_credentials_by_email()
                .withf(|e| e == "ann@example.com")
                .returning(move |_| Ok(exists.then(|| creds.clone())));
            let err = service(repo)
                .authenticate("Ann@Example.com", password)
                .await
                .unwrap_err();
            assert!(matches!(err, LoginError::InvalidGrant));
        }
    }

    #[tokio::test]
    async fn right_password_authenticates_that_user() {
        let hasher = PasswordHasher::new().unwrap();
        let hash = hasher.hash("right password").await.unwrap();
        let u = user(false);
        let id = u.id;
        let mut repo = MockUserRepository::new();
        repo.expect_find_credentials_by_email().returning(move |_| {
            Ok(Some(UserCredentials {
                user: u.clone(),
                password_hash: hash.clone(),
                credentials_version: 1,
            }))
        });
        let user = service(repo)
            .authenticate("ann@example.com", "right password")
            .await
            .unwrap();
        assert_eq!(user.user.id, id);
    }
}
