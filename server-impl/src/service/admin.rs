//! Account administration; every operation needs the admin role.

use std::sync::Arc;

use uuid::Uuid;

use super::pagination::{CursorCodec, Page};
use crate::auth::{AuthContext, SessionGuard};
use crate::domain::{
    self, AccountChange, AdminGuarded, AuditEvent, Origin, PageKey, Role, User, UserFilter, audit,
};
use crate::error::AppError;
use crate::repo::UserRepository;

const LIST: &str = "admin-users";

#[derive(Clone)]
pub struct AdminService {
    users: Arc<dyn UserRepository>,
    guard: SessionGuard,
    cursors: CursorCodec,
}

pub(super) fn require_admin(caller: &AuthContext) -> Result<(), AppError> {
    if caller.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn admin_guarded<T>(outcome: AdminGuarded<T>) -> Result<T, AppError> {
    match outcome {
        AdminGuarded::Done(value) => Ok(value),
        AdminGuarded::NotFound => Err(AppError::NotFound("account")),
        AdminGuarded::LastAdmin => Err(AppError::LastAdmin),
    }
}

impl AdminService {
    pub fn new(users: Arc<dyn UserRepository>, guard: SessionGuard, cursors: CursorCodec) -> Self {
        AdminService {
            users,
            guard,
            cursors,
        }
    }

    #[tracing::instrument(skip_all, fields(admin_id = %caller.user_id, limit = ?limit))]
    pub async fn list(
        &self,
        caller: &AuthContext,
        filter: UserFilter,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<User>, AppError> {
        require_admin(caller)?;
        // The cursor is bound to the admin who listed; the filters are not part of it, so
        // changing them mid-walk continues from the same position.
        let request = self.cursors.request(LIST, caller.user_id, limit, cursor)?;
        let rows = self
            .users
            .list_users(&filter, request.after, request.fetch())
            .await?;
        Ok(self
            .cursors
            .page(LIST, caller.user_id, &request, rows, |u| PageKey {
                created_at: u.created_at,
                id: u.id,
            }))
    }

    #[tracing::instrument(skip_all, fields(admin_id = %caller.user_id, user_id = %id))]
    pub async fn get(&self, caller: &AuthContext, id: Uuid) -> Result<User, AppError> {
        require_admin(caller)?;
        self.users
            .find_user(id)
            .await?
            .ok_or(AppError::NotFound("account"))
    }

    #[tracing::instrument(skip_all, fields(admin_id = %caller.user_id, user_id = %id))]
    pub async fn update(
        &self,
        caller: &AuthContext,
        id: Uuid,
        change: AccountChange,
        origin: &Origin,
    ) -> Result<User, AppError> {
        require_admin(caller)?;
        let event = AuditEvent::new(audit::ACCOUNT_UPDATED, origin).actor(Some(caller.user_id));
        let user = admin_guarded(
            self.users
                .update_account(id, change, domain::now(), &event)
                .await?,
        )?;
        // A disabled account or a changed role must be seen at once on this node.
        self.guard.forget_all();
        Ok(user)
    }

    #[tracing::instrument(skip_all, fields(admin_id = %caller.user_id, user_id = %id))]
    pub async fn delete(
        &self,
        caller: &AuthContext,
        id: Uuid,
        origin: &Origin,
    ) -> Result<(), AppError> {
        require_admin(caller)?;
        let event = AuditEvent::new(audit::ACCOUNT_DELETED, origin).actor(Some(caller.user_id));
        admin_guarded(self.users.delete_user(id, &event).await?)?;
        self.guard.forget_all();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::{MockSessionRepository, MockUserRepository};

    fn caller(role: Role) -> AuthContext {
        AuthContext {
            user_id: Uuid::now_v7(),
            role,
            session_id: Uuid::now_v7(),
            expires_at: i64::MAX,
        }
    }

    fn service(users: MockUserRepository) -> AdminService {
        let guard = SessionGuard::new(
            Arc::new(MockSessionRepository::new()),
            std::time::Duration::from_secs(1),
        );
        AdminService::new(Arc::new(users), guard, CursorCodec::new(b"k"))
    }

    #[tokio::test]
    async fn users_are_refused_before_any_database_work() {
        let mut users = MockUserRepository::new();
        users.expect_list_users().never();
        users.expect_find_user().never();
        users.expect_update_account().never();
        users.expect_delete_user().never();
        let svc = service(users);
        let user = caller(Role::User);
        let id = Uuid::now_v7();
        assert!(matches!(
            svc.list(&user, UserFilter::default(), None, None).await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(svc.get(&user, id).await, Err(AppError::Forbidden)));
        assert!(matches!(
            svc.update(&user, id, AccountChange::default(), &Origin::default())
                .await,
            Err(AppError::Forbidden)
        ));
        assert!(matches!(
            svc.delete(&user, id, &Origin::default()).await,
            Err(AppError::Forbidden)
        ));
    }

    #[tokio::test]
    async fn last_admin_refusal_becomes_a_conflict() {
        let mut users = MockUserRepository::new();
        users
            .expect_delete_user()
            .returning(|_, _| Ok(AdminGuarded::LastAdmin));
        users
            .expect_update_account()
            .returning(|_, _, _, _| Ok(AdminGuarded::NotFound));
        let svc = service(users);
        let admin = caller(Role::Admin);
        assert!(matches!(
            svc.delete(&admin, admin.user_id, &Origin::default()).await,
            Err(AppError::LastAdmin)
        ));
        let change = AccountChange {
            disabled: Some(true),
            role: None,
        };
        assert!(matches!(
            svc.update(&admin, Uuid::now_v7(), change, &Origin::default())
                .await,
            Err(AppError::NotFound("account"))
        ));
    }
}
