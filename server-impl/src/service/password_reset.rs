//! Password reset by mail: a single-use token, valid 30 minutes, stored only as a hash.

use std::sync::Arc;

use chrono::TimeDelta;

use super::rate_limit::RateLimiter;
use crate::auth::opaque_token::{hash_token, new_opaque_token};
use crate::auth::{PasswordHasher, SessionGuard};
use crate::domain::{self, Email, ValidationErrors, password_policy};
use crate::error::AppError;
use crate::mail::{Mail, Mailer};
use crate::repo::{PasswordResetRepository, UserRepository};

#[derive(Debug, Clone)]
pub struct ResetSettings {
    pub token_ttl: TimeDelta,
    /// The page a reset link opens; `?token=…` is appended.
    pub link_base: String,
}

#[derive(Clone)]
pub struct PasswordResetService {
    users: Arc<dyn UserRepository>,
    resets: Arc<dyn PasswordResetRepository>,
    hasher: PasswordHasher,
    mailer: Arc<dyn Mailer>,
    limiter: RateLimiter,
    guard: SessionGuard,
    settings: ResetSettings,
}

fn invalid_token() -> AppError {
    AppError::Validation(ValidationErrors::single(
        "token",
        "is invalid, used or expired",
    ))
}

impl PasswordResetService {
    pub fn new(
        users: Arc<dyn UserRepository>,
        resets: Arc<dyn PasswordResetRepository>,
        hasher: PasswordHasher,
        mailer: Arc<dyn Mailer>,
        limiter: RateLimiter,
        guard: SessionGuard,
        settings: ResetSettings,
    ) -> Self {
        PasswordResetService {
            users,
            resets,
            hasher,
            mailer,
            limiter,
            guard,
            settings,
        }
    }

    /// Validates the email and answers at once; the lookup, the token and the mail happen
    /// in the background, so neither the answer nor its timing tells whether the account
    /// exists.
    #[tracing::instrument(skip_all)]
    pub async fn request(&self, email: &str) -> Result<(), AppError> {
        let email = Email::parse(email)
            .map_err(|m| AppError::Validation(ValidationErrors::single("email", m)))?;
        let this = self.clone();
        tokio::spawn(async move {
            if let Err(error) = this.send_reset(email.normalized()).await {
                tracing::error!(error = format!("{error:#}"), "password reset mail failed");
            }
        });
        Ok(())
    }

    async fn send_reset(&self, email: &str) -> anyhow::Result<()> {
        let policy = self.limiter.limits.reset_per_account;
        if self
            .limiter
            .hit(super::rate_limit::RESET_PER_ACCOUNT, policy, email)
            .await?
            .exceeded()
        {
            tracing::warn!("password reset requests for one account over the limit; no mail sent");
            return Ok(());
        }
        let Some(creds) = self.users.find_credentials_by_email(email).await? else {
            return Ok(());
        };
        if creds.user.disabled {
            return Ok(());
        }
        let (token, hash) = new_opaque_token()?;
        let now = domain::now();
        self.resets
            .create_reset(&hash, creds.user.id, now, now + self.settings.token_ttl)
            .await?;
        let minutes = self.settings.token_ttl.num_minutes();
        let body = format!(
            "Someone (hopefully you) asked to reset the password of the Todo API account {email}.\n\n\
             To choose a new password, open this link within {minutes} minutes:\n\n\
             {base}?token={token}\n\n\
             (or send the token to POST /api/v1/auth/password-reset/confirm).\n\n\
             If you did not ask for this, ignore this mail: your password stays as it is.\n",
            email = creds.user.email,
            base = self.settings.link_base,
        );
        self.mailer
            .send(Mail {
                to: creds.user.email,
                subject: "Reset your Todo API password".to_owned(),
                body,
            })
            .await
    }

    /// Sets the new password (after the policy check, which leaves the token usable) and
    /// signs the account out everywhere.
    #[tracing::instrument(skip_all)]
    pub async fn confirm(
        &self,
        token: &str,
        new_password: &str,
        origin: &crate::domain::Origin,
    ) -> Result<(), AppError> {
        let hash = hash_token(token);
        let user_id = self
            .resets
            .find_reset(&hash, domain::now())
            .await?
            .ok_or_else(invalid_token)?;
        let user = self
            .users
            .find_user(user_id)
            .await?
            .ok_or_else(invalid_token)?;
        let password = password_policy::new_password(new_password, &user.email)
            .map_err(|m| AppError::Validation(ValidationErrors::single("new_password", m)))?;
        let password_hash = self.hasher.hash(password.expose()).await?;
        self.resets
            .reset_password(
                &hash,
                &password_hash,
                domain::now(),
                &crate::domain::AuditEvent::new(crate::domain::audit::PASSWORD_RESET, origin),
            )
            .await?
            .ok_or_else(invalid_token)?;
        self.guard.forget_all();
        Ok(())
    }
}
