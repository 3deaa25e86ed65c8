//! The password grant: a login behind the per-account limit on failed logins, and the
//! session it opens.

use super::accounts::{AccountService, LoginError, PASSWORD_FAILURES};
use super::rate_limit::{Attempted, RateLimiter};
use super::sessions::{ClientInfo, IssuedTokens, SessionService};
use std::sync::Arc;

use crate::domain::user::login_input_fits;
use crate::domain::{AuditEvent, Email, Origin, RateState, audit};
use crate::repo::{AuditRepository, UserRepository};

#[derive(Clone)]
pub struct LoginService {
    accounts: AccountService,
    sessions: SessionService,
    limiter: RateLimiter,
    failures: Option<FailureLog>,
}

/// Where failed sign-ins of existing accounts are recorded.
#[derive(Clone)]
struct FailureLog {
    users: Arc<dyn UserRepository>,
    events: Arc<dyn AuditRepository>,
}

/// How a password login ended.
#[derive(Debug)]
pub enum PasswordLogin {
    /// The username or password is longer than any account's: refused before any work or
    /// storage.
    TooLong,
    /// The account has had too many failed logins in the window: nothing was checked (even
    /// the right password waits). Where the account's failure counter stands.
    Refused(RateState),
    /// The password was checked: the tokens of the new session, or why not; and where the
    /// account's failure counter stands afterwards (`None`: counters unavailable).
    Checked(Result<IssuedTokens, LoginError>, Option<RateState>),
}

impl PasswordLogin {
    /// The `result` label of `todo_api_logins_total`: `success`, `failure` (wrong or
    /// impossible credentials), `refused` (over the per-account limit, not checked) or
    /// `error` (the check or the session could not be completed).
    pub fn result(&self) -> &'static str {
        match self {
            PasswordLogin::Checked(Ok(_), _) => "success",
            PasswordLogin::TooLong | PasswordLogin::Checked(Err(LoginError::InvalidGrant), _) => {
                "failure"
            }
            PasswordLogin::Refused(_) => "refused",
            PasswordLogin::Checked(Err(LoginError::Internal(_)), _) => "error",
        }
    }

    /// Every value of [`PasswordLogin::result`].
    pub const RESULTS: [&'static str; 4] = ["success", "failure", "refused", "error"];
}

impl LoginService {
    pub fn new(accounts: AccountService, sessions: SessionService, limiter: RateLimiter) -> Self {
        LoginService {
            accounts,
            sessions,
            limiter,
            failures: None,
        }
    }

    /// Records failed sign-ins of existing accounts in the audit log. Failures for unknown
    /// emails are not recorded: an anonymous caller could otherwise grow the log without
    /// bound; those of an account are bounded by its failure limit.
    pub fn record_failures(
        mut self,
        users: Arc<dyn UserRepository>,
        events: Arc<dyn AuditRepository>,
    ) -> Self {
        self.failures = Some(FailureLog { users, events });
        self
    }

    /// Records a failed sign-in for `account`, if it exists, off the answer's path: the
    /// answer takes the same time whether the account exists or not, and no change
    /// transaction exists to join.
    fn record_failure(&self, account: String, origin: Origin) {
        let Some(log) = self.failures.clone() else {
            return;
        };
        tokio::spawn(async move {
            let found = match log.users.find_credentials_by_email(&account).await {
                Ok(Some(creds)) => creds.user.id,
                Ok(None) => return,
                Err(error) => {
                    tracing::warn!(%error, "failed sign-in not recorded");
                    return;
                }
            };
            let event = AuditEvent::new(audit::SIGN_IN_FAILED, &origin).target("user", found);
            if let Err(error) = log.events.record_event(&event).await {
                tracing::warn!(%error, "failed sign-in not recorded");
            }
        });
    }

    /// Logs in with a password and opens a session for `client`. The attempt is counted
    /// before the password is hashed (so parallel guesses cannot overtake the count), and
    /// given back when the login succeeds. Every outcome is counted in
    /// `todo_api_logins_total` by `result`.
    #[tracing::instrument(skip_all)]
    pub async fn password_grant(
        &self,
        username: &str,
        password: &str,
        client: ClientInfo,
    ) -> PasswordLogin {
        let login = self.attempt(username, password, client).await;
        metrics::counter!("todo_api_logins_total", "result" => login.result()).increment(1);
        login
    }

    async fn attempt(&self, username: &str, password: &str, client: ClientInfo) -> PasswordLogin {
        if !login_input_fits(username, password) {
            return PasswordLogin::TooLong;
        }
        let account = Email::normalize(username);
        let attempt = self.limiter.limit_failures(
            PASSWORD_FAILURES,
            self.limiter.limits.login_failures_per_account,
            &account,
            self.accounts.authenticate(username, password),
            |e| matches!(e, LoginError::InvalidGrant),
        );
        match attempt.await {
            Attempted::Refused(state) => PasswordLogin::Refused(state),
            Attempted::Ran(Ok(verified), state) => {
                PasswordLogin::Checked(self.sessions.open(&verified, client).await, state)
            }
            Attempted::Ran(Err(error), state) => {
                if matches!(error, LoginError::InvalidGrant) {
                    self.record_failure(account, client.origin());
                }
                PasswordLogin::Checked(Err(error), state)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use chrono::TimeDelta;

    use super::*;
    use crate::auth::{PasswordHasher, SessionGuard, TokenService};
    use crate::domain::{self, RatePolicy};
    use crate::repo::{MockRateLimitRepository, MockSessionRepository, MockUserRepository};
    use crate::service::{CursorCodec, RateLimits, SessionSettings};

    /// A login service whose repositories expect nothing but `counters`' calls.
    fn service(counters: MockRateLimitRepository) -> LoginService {
        let users = MockUserRepository::new(); // any lookup panics
        let sessions: Arc<MockSessionRepository> = Arc::new(MockSessionRepository::new());
        let policy: RatePolicy = "2/60".parse().unwrap();
        let limits = RateLimits {
            token_per_ip: policy,
            login_failures_per_account: policy,
            register_per_ip: policy,
            reset_per_ip: policy,
            reset_per_account: policy,
            invitations_per_account: policy,
        };
        let tokens = TokenService::new(
            &crate::auth::KeyRing::single(&[7; 32]),
            "iss",
            "aud",
            Duration::from_secs(60),
        );
        let settings = SessionSettings {
            refresh_ttl: TimeDelta::days(1),
            max_lifetime: TimeDelta::days(2),
            reuse_interval: TimeDelta::zero(),
        };
        LoginService::new(
            AccountService::new(Arc::new(users), PasswordHasher::new().unwrap(), None),
            SessionService::new(
                sessions.clone(),
                Arc::new(tokens),
                SessionGuard::new(sessions, Duration::ZERO),
                CursorCodec::new(b"k"),
                settings,
                b"successor",
            ),
            RateLimiter::new(Arc::new(counters), limits),
        )
    }

    #[tokio::test]
    async fn oversized_input_touches_nothing() {
        let mut counters = MockRateLimitRepository::new();
        counters.expect_hit().never();
        let login = service(counters)
            .password_grant(&"u".repeat(100_000), "pw", ClientInfo::default())
            .await;
        assert!(matches!(login, PasswordLogin::TooLong), "{login:?}");
    }

    #[tokio::test]
    async fn over_the_limit_the_password_is_not_checked() {
        let mut counters = MockRateLimitRepository::new();
        counters
            .expect_hit()
            .returning(|_, _, _| Ok((3, domain::now())));
        let login = service(counters)
            .password_grant("ann@example.com", "right password", ClientInfo::default())
            .await;
        match login {
            PasswordLogin::Refused(state) => assert!(state.exceeded()),
            other => panic!("{other:?}"),
        }
    }
}
