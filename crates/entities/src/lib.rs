//! Who is who: the tagger's mentions grouped into entities, within a report and
//! across the reports of one story.
//!
//! Per article, [`DocEntities::build`] joins short and titled forms to the full
//! name ("Ms Varga" → "Ilse Varga"), fixes tagger slips from the report's own
//! evidence (one type per name, head nouns such as "Palace"), collects titles and
//! roles from premodifiers and appositions, resolves "the minister" where one
//! minister was named, and resolves pronoun subjects for the quotes stage
//! ([`DocEntities::resolve_pronoun`]). Names in photo credits and bylines are never
//! entities; names seen only in captions or headings are kept but marked.
//!
//! Per story, [`EntityResolver`] merges the reports' entities into
//! [`StoryEntity`]s: spelling, case, diacritic and transliteration variants,
//! renamed places, acronyms, names cut to an initial, bare surnames of the one
//! full name that has them. It never merges two full names with different
//! surnames, and leaves a bare name that fits two people unmerged. Every merge
//! carries its rule and evidence.
//!
//! ```
//! use crosscheck_core::{Article, Doc, Origin, Span};
//! use crosscheck_core::layers::entity::{EntityKind, EntityMention};
//! use crosscheck_entities::{DocEntities, EntityResolver};
//!
//! let text = "Ilse Varga spoke. Ms Varga left.";
//! let mut doc = Doc::unanalysed(Article::new(Origin::file("a.txt"), text.into()));
//! doc.entities = vec![
//!     EntityMention { span: Span::new(0, 10), kind: EntityKind::Per },
//!     EntityMention { span: Span::new(18, 26), kind: EntityKind::Per },
//! ];
//! let local = DocEntities::build(&doc);
//! assert_eq!(local.entities.len(), 1);
//! let story = EntityResolver::new().resolve(&[&doc]);
//! assert_eq!(story[0].name, "Ilse Varga");
//! ```
#![deny(missing_docs)]

mod doc_entities;
mod names;
mod pronoun;
mod resolver;
mod titles;

pub use doc_entities::{DocEntities, LocalEntity, LocalMerge, ResolvedMention};
pub use resolver::{EntityResolver, EntityTitle, MergeEvidence, MergeRule, StoryEntity};
