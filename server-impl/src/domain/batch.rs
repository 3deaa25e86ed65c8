//! Batches: one action applied to up to 100 of a user's todos at once.

use uuid::Uuid;

use super::Todo;
use super::validation::ValidationErrors;

/// One action applied to several todos at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchAction {
    Complete,
    Reopen,
    Delete,
}

pub const BATCH_MAX: usize = 100;

/// Checks a batch's ids: 1 to 100, no id twice. Linear: a list over the limit is refused
/// before any element is looked at, and repeats are found with a hash set.
pub fn check_batch_ids(ids: &[Uuid]) -> Result<(), ValidationErrors> {
    if ids.is_empty() || ids.len() > BATCH_MAX {
        return Err(ValidationErrors::single(
            "ids",
            format!("must hold 1 to {BATCH_MAX} ids"),
        ));
    }
    let mut errors = ValidationErrors::new();
    let mut seen = std::collections::HashSet::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        if !seen.insert(id) {
            errors.add(&format!("ids[{i}]"), "appears twice");
        }
    }
    errors.into_result(|| ())
}

/// The outcome of a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchOutcome {
    /// `affected` todos changed; `items` are all the batch's todos after it (none for delete).
    Done { affected: u64, items: Vec<Todo> },
    /// These positions of the request are not the owner's todos; nothing changed.
    Missing(Vec<usize>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_ids_over_the_limit_are_refused_without_comparing_them() {
        // 20,000 copies of one id: before the fix every id was compared with every
        // earlier one and each repeat got an error of its own.
        let id = Uuid::now_v7();
        let errors = check_batch_ids(&vec![id; 20_000]).unwrap_err();
        let fields: Vec<_> = errors.errors().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["ids"]);
        let errors = check_batch_ids(&[id, Uuid::now_v7(), id]).unwrap_err();
        assert_eq!(errors.errors()[0].field, "ids[2]");
        assert!(check_batch_ids(&[]).is_err());
    }

    mod prop {
        use super::*;
        use crate::domain::validation::MAX_FIELD_ERRORS;
        use proptest::collection::vec;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn batch_ids_are_accepted_iff_1_to_100_distinct(
                ids in prop_oneof![
                    vec(any::<u128>().prop_map(Uuid::from_u128), 0..=BATCH_MAX + 2),
                    vec(0u128..4, 0..=BATCH_MAX + 2).prop_map(|v| v.into_iter().map(Uuid::from_u128).collect()),
                ]
            ) {
                let distinct = ids.iter().collect::<std::collections::HashSet<_>>().len() == ids.len();
                let expected = (1..=BATCH_MAX).contains(&ids.len()) && distinct;
                match check_batch_ids(&ids) {
                    Ok(()) => prop_assert!(expected),
                    Err(errors) => {
                        prop_assert!(!expected);
                        prop_assert!(!errors.is_empty() && errors.errors().len() <= MAX_FIELD_ERRORS);
                    }
                }
            }
        }
    }
}
