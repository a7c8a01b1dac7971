//! The pipeline edge: fills a [`Doc`]'s entity layer from its sentences and tokens.

use crosscheck_core::layers::entity::{EntityKind, EntityMention};
use crosscheck_core::{Doc, Span, Token};

use crate::model::{NerModel, TagBuffers};
use crate::tag::{EntityTag, EntityType, spans_from_tags};

impl From<EntityType> for EntityKind {
    fn from(t: EntityType) -> Self {
        match t {
            EntityType::Per => EntityKind::Per,
            EntityType::Org => EntityKind::Org,
            EntityType::Loc => EntityKind::Loc,
            EntityType::Misc => EntityKind::Misc,
        }
    }
}

impl NerModel {
    /// Tags every sentence of `doc` (as one document, so document-level features see all
    /// of it) and replaces `doc.entities` with the mentions found, in order.
    pub fn annotate(&self, doc: &mut Doc) {
        self.annotate_with(doc, &mut TagBuffers::default());
    }

    /// [`NerModel::annotate`] with caller-owned buffers, for many documents.
    pub fn annotate_with(&self, doc: &mut Doc, buf: &mut TagBuffers) {
        // Token texts in one list, sentences as slices of it: a few allocations per
        // document instead of one per sentence.
        let sentence_tokens: Vec<&[Token]> = doc
            .sentences
            .iter()
            .map(|s| doc.sentence_tokens(s))
            .collect();
        let words: Vec<&str> = sentence_tokens
            .iter()
            .flat_map(|tokens| tokens.iter().map(|t| doc.text(t.span)))
            .collect();
        let mut sentences: Vec<&[&str]> = Vec::with_capacity(sentence_tokens.len());
        let mut at = 0;
        for tokens in &sentence_tokens {
            sentences.push(words.get(at..at + tokens.len()).unwrap_or(&[]));
            at += tokens.len();
        }
        self.tag_into(&sentences, buf);
        let mut mentions = Vec::new();
        let mut tags = Vec::new();
        for (tokens, &(lo, hi)) in sentence_tokens.iter().zip(&buf.doc.sentences) {
            tags.clear();
            tags.extend(
                buf.tags
                    .get(lo..hi)
                    .unwrap_or(&[])
                    .iter()
                    .map(|&t| EntityTag::from_index(usize::from(t)).unwrap_or(EntityTag::O)),
            );
            for span in spans_from_tags(&tags) {
                let first = tokens.get(span.start);
                let last = span.end.checked_sub(1).and_then(|i| tokens.get(i));
                if let (Some(first), Some(last)) = (first, last)
                    && first.span.start <= last.span.end
                {
                    mentions.push(EntityMention {
                        span: Span {
                            start: first.span.start,
                            end: last.span.end,
                        },
                        kind: span.kind.into(),
                    });
                }
            }
        }
        doc.entities = mentions;
    }
}
