//! Creations with an idempotency key: claim the key, create, or replay the first answer.

use uuid::Uuid;

use super::TodoService;
use crate::domain::{
    self, Claim, Conditional, Creation, IdempotencyKey, NewTodo, Todo, TodoDraft, idempotency,
};
use crate::error::AppError;

/// The result of a creation with an idempotency key.
#[derive(Debug)]
pub enum Created {
    New(Box<Todo>),
    /// The client-chosen id is already the caller's todo (an offline queue's replay under
    /// a new key): nothing changed, the key is left unused; the todo as it is now.
    Existing(Box<Todo>),
    /// An earlier request with the same key and body created it; this is its response.
    Replayed {
        response_body: String,
        id: Uuid,
    },
}

impl TodoService {
    /// Creates a todo at most once per (owner, key): a retry with the same request gets the
    /// first response back. The key is bound to the fingerprint of `request` (the request as
    /// the client meant it, in canonical bytes). `render` gives the response body stored for
    /// replays. The body is validated before the key is claimed, so an invalid request
    /// leaves the key unused.
    #[tracing::instrument(skip_all, fields(user_id = %owner))]
    pub async fn create_idempotent(
        &self,
        owner: Uuid,
        draft: TodoDraft,
        key: &IdempotencyKey,
        request: &[u8],
        render: for<'a> fn(&'a Todo) -> String,
    ) -> Result<Created, AppError> {
        let now = domain::now();
        let todo = NewTodo::parse(draft, now)?;
        let claim = self
            .keys
            .claim_key(
                owner,
                key.as_str(),
                &idempotency::fingerprint(request),
                now,
                idempotency::LOCK_TIMEOUT,
                idempotency::KEY_TTL,
            )
            .await?;
        match claim {
            Claim::Owned { locked_at } => {
                match self
                    .keys
                    .insert_todo_for_key(owner, &todo, key.as_str(), locked_at, render)
                    .await
                {
                    Ok(Conditional::Done(created)) => Ok(Created::New(Box::new(created))),
                    // Refused (no such list, read-only, a parent that does not fit): the key
                    // stays unused, as for an invalid body.
                    // So does a client-chosen id found taken: already the caller's (a
                    // replay: 200, as without a key) or not theirs to use (409).
                    Ok(refused) => {
                        let _ = self.keys.release_key(owner, key.as_str()).await;
                        super::created(refused).map(|made| match made {
                            Creation::New(todo) => Created::New(Box::new(todo)),
                            Creation::Existing(todo) => Created::Existing(Box::new(todo)),
                        })
                    }
                    // A retry took the key over while this request was too slow: it owns it now.
                    Err(crate::repo::RepoError::IdempotencyLockLost) => {
                        Err(AppError::IdempotencyInProgress)
                    }
                    Err(error) => {
                        let _ = self.keys.release_key(owner, key.as_str()).await;
                        Err(error.into())
                    }
                }
            }
            Claim::Replay { body, resource_id } => Ok(Created::Replayed {
                response_body: body,
                id: resource_id,
            }),
            Claim::InProgress => Err(AppError::IdempotencyInProgress),
            Claim::Mismatch => Err(AppError::IdempotencyKeyReused),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::repo::{MockIdempotencyRepository, MockTodoRepository};
    use crate::service::CursorCodec;

    fn service(keys: MockIdempotencyRepository) -> TodoService {
        TodoService::new(
            Arc::new(MockTodoRepository::new()),
            Arc::new(crate::repo::MockTagRepository::new()),
            Arc::new(keys),
            CursorCodec::new(b"k"),
        )
    }

    fn draft(title: &str) -> TodoDraft {
        TodoDraft {
            title: title.into(),
            ..TodoDraft::default()
        }
    }

    #[tokio::test]
    async fn invalid_body_never_claims_the_key() {
        let mut keys = MockIdempotencyRepository::new();
        keys.expect_claim_key().never();
        let key = IdempotencyKey::parse("k1").unwrap();
        let err = service(keys)
            .create_idempotent(Uuid::now_v7(), draft(" "), &key, b"h", |_| String::new())
            .await;
        assert!(matches!(err, Err(AppError::Validation(_))));
    }

    #[tokio::test]
    async fn claim_outcomes_map_to_errors_or_replays() {
        let key = IdempotencyKey::parse("k1").unwrap();
        for (claim, expect) in [
            (Claim::InProgress, "409"),
            (Claim::Mismatch, "422"),
            (
                Claim::Replay {
                    body: "{}".into(),
                    resource_id: Uuid::nil(),
                },
                "replay",
            ),
        ] {
            let mut keys = MockIdempotencyRepository::new();
            keys.expect_claim_key()
                .return_once(move |_, _, _, _, _, _| Ok(claim));
            keys.expect_insert_todo_for_key().never();
            let result = service(keys)
                .create_idempotent(Uuid::now_v7(), draft("t"), &key, b"h", |_| String::new())
                .await;
            match (expect, result) {
                ("409", Err(AppError::IdempotencyInProgress))
                | ("422", Err(AppError::IdempotencyKeyReused)) => {}
                ("replay", Ok(Created::Replayed { id, .. })) => assert_eq!(id, Uuid::nil()),
                (e, r) => panic!("{e}: {r:?}"),
            }
        }
    }

    #[tokio::test]
    async fn failed_insert_releases_the_key() {
        let mut keys = MockIdempotencyRepository::new();
        keys.expect_claim_key().return_once(|_, _, _, _, _, _| {
            Ok(Claim::Owned {
                locked_at: domain::now(),
            })
        });
        keys.expect_insert_todo_for_key()
            .withf(|_, _, key, _, _| key == "k1")
            .return_once(|_, _, _, _, _| Err(crate::repo::RepoError::Corrupt("boom".into())));
        keys.expect_release_key().times(1).returning(|_, _| Ok(()));
        let key = IdempotencyKey::parse("k1").unwrap();
        let result = service(keys)
            .create_idempotent(Uuid::now_v7(), draft("t"), &key, b"h", |_| String::new())
            .await;
        assert!(matches!(result, Err(AppError::Internal(_))));
    }
}
