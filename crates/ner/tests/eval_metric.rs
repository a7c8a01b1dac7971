//! Compiles crates/eval/src/ner.rs here too, so its conlleval unit tests run with this
//! crate's tests until the eval crate declares the module itself.

#[path = "../../eval/src/ner.rs"]
#[allow(dead_code)]
mod ner;
