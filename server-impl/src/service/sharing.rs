//! Sharing: a list's members and invitations. Creating and accepting invitations obey the
//! `sharing` flag (a kill switch: off, they answer 503; leaving, removing and listing keep
//! working). Invitations are rate-limited per inviter and mailed after they are stored.

use std::sync::Arc;

use uuid::Uuid;

use super::FlagService;
use super::lists::resolve;
use super::pagination::{CursorCodec, Page};
use super::rate_limit::{INVITATIONS_PER_ACCOUNT, RateLimiter};
use crate::domain::{
    self, AuditEvent, Invitation, Member, MemberRole, NewInvitation, Origin, PageKey, RateState,
    TodoList, audit,
};
use crate::error::AppError;
use crate::mail::{Mail, Mailer};
use crate::repo::SharingRepository;

const SWITCHED_OFF: &str =
    "Sharing is switched off for now (feature flag `sharing`); nothing was changed.";

#[derive(Clone)]
pub struct SharingService {
    sharing: Arc<dyn SharingRepository>,
    flags: FlagService,
    limiter: RateLimiter,
    mailer: Arc<dyn Mailer>,
    cursors: CursorCodec,
}

impl SharingService {
    pub fn new(
        sharing: Arc<dyn SharingRepository>,
        flags: FlagService,
        limiter: RateLimiter,
        mailer: Arc<dyn Mailer>,
        cursors: CursorCodec,
    ) -> Self {
        SharingService {
            sharing,
            flags,
            limiter,
            mailer,
            cursors,
        }
    }

    async fn require_sharing(&self) -> Result<(), AppError> {
        if self.flags.current().await.sharing {
            Ok(())
        } else {
            Err(AppError::FeatureDisabled(SWITCHED_OFF))
        }
    }

    /// A page of the list's members, oldest first (any member).
    #[tracing::instrument(skip_all, fields(user_id = %me, list_id = %list_id))]
    pub async fn members(
        &self,
        me: Uuid,
        list_id: Uuid,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<Member>, AppError> {
        let name = format!("members|{list_id}");
        let request = self.cursors.request::<PageKey>(&name, me, limit, cursor)?;
        let rows = resolve(
            self.sharing
                .list_members(me, list_id, request.after, request.fetch())
                .await?,
            "list",
        )?;
        Ok(self.cursors.page(&name, me, &request, rows, |m| PageKey {
            created_at: m.joined_at,
            id: m.user_id,
        }))
    }

    #[tracing::instrument(skip_all, fields(user_id = %me, list_id = %list_id))]
    pub async fn update_member(
        &self,
        me: Uuid,
        list_id: Uuid,
        user_id: Uuid,
        role: MemberRole,
        origin: &Origin,
    ) -> Result<Member, AppError> {
        let event = AuditEvent::new(audit::MEMBER_ROLE_CHANGED, origin).actor(Some(me));
        resolve(
            self.sharing
                .update_member(me, list_id, user_id, role, &event)
                .await?,
            "member",
        )
    }

    #[tracing::instrument(skip_all, fields(user_id = %me, list_id = %list_id))]
    pub async fn remove_member(
        &self,
        me: Uuid,
        list_id: Uuid,
        user_id: Uuid,
        origin: &Origin,
    ) -> Result<(), AppError> {
        let event = AuditEvent::new(audit::MEMBER_REMOVED, origin).actor(Some(me));
        resolve(
            self.sharing
                .remove_member(me, list_id, user_id, &event)
                .await?,
            "member",
        )
    }

    /// Invites an address (owner), counted against the inviter's hourly limit, and mails
    /// the invitation (in the background: a mail failure does not undo it, and the invitee
    /// finds it under `GET /invitations` anyway). Also returns where the inviter stands
    /// against the limit (for the `RateLimit` headers), once counted.
    #[tracing::instrument(skip_all, fields(user_id = %me, list_id = %list_id))]
    pub async fn invite(
        &self,
        me: Uuid,
        list_id: Uuid,
        email: &str,
        role: Option<MemberRole>,
    ) -> (Option<RateState>, Result<Invitation, AppError>) {
        if let Err(e) = self.require_sharing().await {
            return (None, Err(e));
        }
        let invitation = match NewInvitation::parse(email, role, domain::now()) {
            Ok(i) => i,
            Err(e) => return (None, Err(e.into())),
        };
        let policy = self.limiter.limits.invitations_per_account;
        let rate = match self
            .limiter
            .hit(INVITATIONS_PER_ACCOUNT, policy, &me.to_string())
            .await
        {
            Ok(rate) => rate,
            Err(e) => return (None, Err(e.into())),
        };
        if rate.exceeded() {
            let refused = AppError::RateLimited {
                what: "invitations from this account",
                retry_after: rate.reset_in,
            };
            return (Some(rate), Err(refused));
        }
        (
            Some(rate),
            self.store_and_mail(me, list_id, &invitation).await,
        )
    }

    async fn store_and_mail(
        &self,
        me: Uuid,
        list_id: Uuid,
        invitation: &NewInvitation,
    ) -> Result<Invitation, AppError> {
        let stored = resolve(
            self.sharing
                .create_invitation(me, list_id, invitation)
                .await?,
            "list",
        )?;
        let mail = invitation_mail(&stored);
        let mailer = self.mailer.clone();
        tokio::spawn(async move {
            if let Err(error) = mailer.send(mail).await {
                tracing::error!(error = format!("{error:#}"), "invitation mail failed");
            }
        });
        Ok(stored)
    }

    /// A page of the list's pending invitations, newest first (owner).
    #[tracing::instrument(skip_all, fields(user_id = %me, list_id = %list_id))]
    pub async fn list_invitations_of(
        &self,
        me: Uuid,
        list_id: Uuid,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<Invitation>, AppError> {
        let name = format!("list-invitations|{list_id}");
        let request = self.cursors.request::<PageKey>(&name, me, limit, cursor)?;
        let rows = resolve(
            self.sharing
                .list_list_invitations(me, list_id, domain::now(), request.after, request.fetch())
                .await?,
            "list",
        )?;
        Ok(self.cursors.page(&name, me, &request, rows, invitation_key))
    }

    #[tracing::instrument(skip_all, fields(user_id = %me, list_id = %list_id))]
    pub async fn revoke(
        &self,
        me: Uuid,
        list_id: Uuid,
        invitation_id: Uuid,
    ) -> Result<(), AppError> {
        resolve(
            self.sharing
                .revoke_invitation(me, list_id, invitation_id)
                .await?,
            "invitation",
        )
    }

    /// A page of the pending invitations to the caller's email, newest first.
    #[tracing::instrument(skip_all, fields(user_id = %me))]
    pub async fn my_invitations(
        &self,
        me: Uuid,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<Invitation>, AppError> {
        let request = self
            .cursors
            .request::<PageKey>("invitations", me, limit, cursor)?;
        let rows = self
            .sharing
            .list_invitations(me, domain::now(), request.after, request.fetch())
            .await?;
        Ok(self
            .cursors
            .page("invitations", me, &request, rows, invitation_key))
    }

    #[tracing::instrument(skip_all, fields(user_id = %me, invitation_id = %invitation_id))]
    pub async fn accept(
        &self,
        me: Uuid,
        invitation_id: Uuid,
        origin: &Origin,
    ) -> Result<TodoList, AppError> {
        self.require_sharing().await?;
        let event = AuditEvent::new(audit::MEMBER_JOINED, origin).actor(Some(me));
        resolve(
            self.sharing
                .accept_invitation(me, invitation_id, domain::now(), &event)
                .await?,
            "invitation",
        )
    }

    #[tracing::instrument(skip_all, fields(user_id = %me, invitation_id = %invitation_id))]
    pub async fn decline(&self, me: Uuid, invitation_id: Uuid) -> Result<(), AppError> {
        if self
            .sharing
            .decline_invitation(me, invitation_id, domain::now())
            .await?
        {
            Ok(())
        } else {
            Err(AppError::NotFound("invitation"))
        }
    }
}

fn invitation_key(i: &Invitation) -> PageKey {
    PageKey {
        created_at: i.created_at,
        id: i.id,
    }
}

/// The mail to the invitee: who invited them to which list, as what, until when, and how
/// to answer.
fn invitation_mail(invitation: &Invitation) -> Mail {
    let expires = invitation
        .expires_at
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let body = format!(
        "{inviter} invited you to the list \"{list}\" on the Todo API,\n\
         as {role}.\n\n\
         Sign in with this address (or create an account with it) to accept\n\
         or decline: the invitation is listed under GET /api/v1/invitations\n\
         (id {id}).\n\n\
         It expires at {expires}.\n\n\
         If you do not know {inviter}, ignore this mail.\n",
        inviter = invitation.invited_by_name,
        list = invitation.list_name,
        role = invitation.role.as_str(),
        id = invitation.id,
    );
    Mail {
        to: invitation.email.clone(),
        subject: "You are invited to a shared Todo API list".to_owned(),
        body,
    }
}
