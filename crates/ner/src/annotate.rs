//! The pipeline edge: fills a [`Doc`]'s entity layer from its sentences and tokens.

use crosscheck_core::layers::entity::{EntityKind, EntityMention};
use crosscheck_core::{Doc, Span};

use crate::model::{NerModel, TagBuffers};
use crate::tag::{EntityType, spans_from_tags};

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
        let sentences: Vec<Vec<&str>> = doc
            .sentences
            .iter()
            .map(|s| {
                doc.sentence_tokens(s)
                    .iter()
                    .map(|t| doc.text(t.span))
                    .collect()
            })
            .collect();
        let tags = self.tag_document_with(&sentences, buf);
        let mut mentions = Vec::new();
        for (sentence, tags) in doc.sentences.iter().zip(&tags) {
            let tokens = doc.sentence_tokens(sentence);
            for span in spans_from_tags(tags) {
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
