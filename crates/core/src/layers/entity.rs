//! Named-entity mentions (filled by the `ner` stage).

use serde::{Deserialize, Serialize};

use crate::Span;

/// The CoNLL-2003 entity types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityKind {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A place.
    Loc,
    /// Anything else named: nationalities, events, works…
    Misc,
}

/// A stretch of the body that names an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityMention {
    /// Where the name is in the body.
    pub span: Span,
    /// What kind of entity it names.
    pub kind: EntityKind,
}
