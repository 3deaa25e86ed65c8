//! What a create comes to when the client may choose the id (offline queues, issue 14):
//! made now (201), or made before by an earlier delivery of the same create (200, nothing
//! changed).

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Creation<T> {
    /// Created by this request.
    New(T),
    /// The caller's item with the client-chosen id was already there: as it is now.
    Existing(T),
}

impl<T> Creation<T> {
    pub fn into_inner(self) -> T {
        match self {
            Creation::New(v) | Creation::Existing(v) => v,
        }
    }

    pub fn is_new(&self) -> bool {
        matches!(self, Creation::New(_))
    }
}
