//! Fusion inside a story: the heart of crosscheck.
//!
//! Given the analysed reports of one story (each with its claims) and which
//! reports are copies of which (their *origin*), the [`Fuser`]:
//! - aligns claims that state the same thing across reports and counts the
//!   independent sources (origins, not articles) behind each;
//! - finds **conflicts**: aligned claims whose date, place, number or polarity
//!   disagree, with the competing values and the reports holding each;
//! - finds **updates**: a planned or expected claim in an earlier report that a
//!   later report states as done, differently — shown as an update, not an error;
//! - merges the same quote carried by several outlets, keeping each wording;
//! - builds the story's timeline.
//!
//! Every item carries the exact evidence (article, byte span, text) it rests on.
#![deny(missing_docs)]

mod align;
mod fuser;
mod places;
mod quotes;
mod slots;

pub use fuser::{FuseConfig, FusedStory, Fuser, StoryDoc};
