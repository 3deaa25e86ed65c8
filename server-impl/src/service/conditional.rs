//! Conditional writes (`If-Match`, RFC 9110 §13.1.1) of any versioned resource (todos, lists).

use std::future::Future;

use crate::domain::Precondition;
use crate::error::AppError;

/// The one version a conditional write may apply to. With several acceptable versions the
/// current one is read first (`current`); the write still checks it did not change meanwhile.
pub(crate) async fn expected_version<F, Fut>(
    precondition: &Precondition,
    current: F,
) -> Result<Option<i64>, AppError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<i64, AppError>>,
{
    match precondition {
        Precondition::None | Precondition::Exists => Ok(None),
        Precondition::OneOf(versions) if versions.len() == 1 => Ok(Some(versions[0])),
        Precondition::OneOf(_) => {
            let version = current().await.map_err(|e| failed_if(e, precondition))?;
            if precondition.allows(version) {
                Ok(Some(version))
            } else {
                Err(AppError::PreconditionFailed)
            }
        }
    }
}

/// A condition on a resource that does not exist (for the caller) is false: 412, not 404.
pub(crate) fn failed_if(error: AppError, precondition: &Precondition) -> AppError {
    match (error, precondition) {
        (AppError::NotFound(_), Precondition::Exists | Precondition::OneOf(_)) => {
            AppError::PreconditionFailed
        }
        (error, _) => error,
    }
}
