//! Entity types, IOB2 tags and entity spans.

use std::fmt;

/// The four CoNLL-2003 entity types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A location.
    Loc,
    /// Any other name (nationalities, events, products, ...).
    Misc,
}

impl EntityType {
    /// All types, in tag-index order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
    ];

    /// The CoNLL label: `PER`, `ORG`, `LOC` or `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// Parses a CoNLL label.
    pub fn parse(label: &str) -> Option<Self> {
        match label {
            "PER" => Some(EntityType::Per),
            "ORG" => Some(EntityType::Org),
            "LOC" => Some(EntityType::Loc),
            "MISC" => Some(EntityType::Misc),
            _ => None,
        }
    }

    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One token's IOB2 tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityTag {
    /// Outside any entity.
    O,
    /// First token of an entity.
    B(EntityType),
    /// A later token of an entity.
    I(EntityType),
}

impl EntityTag {
    /// Number of distinct tags (the model's classes).
    pub const COUNT: usize = 9;

    /// Class index: O = 0, B-t = 1 + 2t, I-t = 2 + 2t.
    pub fn index(self) -> usize {
        match self {
            EntityTag::O => 0,
            EntityTag::B(t) => 1 + 2 * t.index(),
            EntityTag::I(t) => 2 + 2 * t.index(),
        }
    }

    /// The tag with class index `index`, if there is one.
    pub fn from_index(index: usize) -> Option<Self> {
        if index == 0 {
            return Some(EntityTag::O);
        }
        let t = *EntityType::ALL.get((index - 1) / 2)?;
        Some(if index % 2 == 1 {
            EntityTag::B(t)
        } else {
            EntityTag::I(t)
        })
    }

    /// Parses `O`, `B-PER`, `I-LOC`, ...; `None` for anything else.
    pub fn parse(label: &str) -> Option<Self> {
        if label == "O" {
            return Some(EntityTag::O);
        }
        let (prefix, ty) = label.split_once('-')?;
        let ty = EntityType::parse(ty)?;
        match prefix {
            "B" => Some(EntityTag::B(ty)),
            "I" => Some(EntityTag::I(ty)),
            _ => None,
        }
    }

    /// The IOB2 label.
    pub fn as_str(self) -> &'static str {
        const LABELS: [&str; EntityTag::COUNT] = [
            "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
        ];
        LABELS.get(self.index()).copied().unwrap_or("O")
    }

    /// The entity type, unless the tag is `O`.
    pub fn entity_type(self) -> Option<EntityType> {
        match self {
            EntityTag::O => None,
            EntityTag::B(t) | EntityTag::I(t) => Some(t),
        }
    }

    /// Whether `self` may follow `prev` in IOB2 (an `I-t` needs a `B-t` or `I-t` before it).
    pub fn may_follow(self, prev: EntityTag) -> bool {
        match self {
            EntityTag::I(t) => prev.entity_type() == Some(t),
            _ => true,
        }
    }
}

impl fmt::Display for EntityTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An entity found in a sentence: tokens `start..end` (token indices, end exclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EntitySpan {
    /// Index of the first token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The entity type.
    pub kind: EntityType,
}

/// Entity spans of one sentence's tags. A stray `I-t` (after `O` or another type) starts a
/// new entity, as conlleval counts it.
pub fn spans_from_tags(tags: &[EntityTag]) -> Vec<EntitySpan> {
    let mut spans = Vec::new();
    let mut open: Option<EntitySpan> = None;
    for (i, tag) in tags.iter().enumerate() {
        let continues = matches!((tag, &open), (EntityTag::I(t), Some(s)) if s.kind == *t);
        if continues {
            if let Some(s) = open.as_mut() {
                s.end = i + 1;
            }
            continue;
        }
        if let Some(s) = open.take() {
            spans.push(s);
        }
        if let Some(kind) = tag.entity_type() {
            open = Some(EntitySpan {
                start: i,
                end: i + 1,
                kind,
            });
        }
    }
    if let Some(s) = open {
        spans.push(s);
    }
    spans
}

/// Repairs a tag sequence to valid IOB2 (reads IOB1 too): a stray `I-t` becomes `B-t`.
pub fn to_iob2(tags: &mut [EntityTag]) {
    let mut prev = EntityTag::O;
    for tag in tags.iter_mut() {
        if let EntityTag::I(t) = *tag {
            if !tag.may_follow(prev) {
                *tag = EntityTag::B(t);
            }
        }
        prev = *tag;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_round_trips() {
        for i in 0..EntityTag::COUNT {
            let tag = EntityTag::from_index(i).unwrap();
            assert_eq!(tag.index(), i);
            assert_eq!(EntityTag::parse(tag.as_str()), Some(tag));
        }
        assert_eq!(EntityTag::from_index(9), None);
        assert_eq!(EntityTag::parse("B-NP"), None);
    }

    #[test]
    fn stray_inside_tag_starts_an_entity() {
        use EntityTag::*;
        use EntityType::*;
        let tags = [I(Per), I(Per), O, B(Loc), I(Org), B(Org), B(Org)];
        let spans = spans_from_tags(&tags);
        let got: Vec<_> = spans.iter().map(|s| (s.start, s.end, s.kind)).collect();
        assert_eq!(
            got,
            vec![
                (0, 2, Per),
                (3, 4, Loc),
                (4, 5, Org),
                (5, 6, Org),
                (6, 7, Org)
            ]
        );
        let mut fixed = tags;
        to_iob2(&mut fixed);
        assert_eq!(fixed, [B(Per), I(Per), O, B(Loc), B(Org), B(Org), B(Org)]);
    }
}
