//! Annotation layers that later stages add to a [`Doc`](crate::Doc). Each file is
//! one layer's types, owned by the stage that fills it.

pub mod claim;
pub mod entity;
pub mod quote;
pub mod time;
