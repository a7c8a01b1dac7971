//! Sources that point back to someone named earlier (`he added`, `the first wrote`,
//! `said the secretary of state`), replaced by the name they point to when the
//! text makes it clear, so that the dossier can give such quotes a speaker.
//!
//! A pronoun takes the source of the nearest earlier attribution whose source is a
//! name (news writing repeats a speaker as `he`); `the first` / `the former` and
//! `the latter` / `the second` take the first or last person named in the sentence
//! before the quotation; `the president` takes the person last written right after
//! the same title (`President Ana Vell`). The last two need the entity layer; without
//! it those sources stay as written.

use crosscheck_core::layers::entity::EntityKind;
use crosscheck_core::layers::quote::Quote;
use crosscheck_core::{Doc, Span};

/// Paragraphs a pronoun may look back over for its speaker.
const PRONOUN_PARAGRAPHS: usize = 3;

/// What kind of back-reference a source is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anaphor {
    /// `he`, `she`.
    Pronoun,
    /// `the first`, `the former`.
    First,
    /// `the latter`, `the second`.
    Last,
    /// `the president`, `the secretary of state`: the words after `the`.
    Title,
}

fn anaphor(text: &str) -> Option<Anaphor> {
    let lower = text.to_ascii_lowercase();
    match lower.as_str() {
        "he" | "she" => return Some(Anaphor::Pronoun),
        "the first" | "the former" => return Some(Anaphor::First),
        "the latter" | "the second" => return Some(Anaphor::Last),
        _ => {}
    }
    let rest = text.get(4..)?;
    let words = rest.split_whitespace().count();
    // A title is a few lowercase words (`the secretary of state`); a capital or a
    // long phrase is a description of its own (`the Ukrainian delegation`).
    (lower.starts_with("the ")
        && (1..=4).contains(&words)
        && rest
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == ' ' || c == '-'))
    .then_some(Anaphor::Title)
}

/// A named source: it starts with a capital and is no back-reference itself.
fn is_named(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase) && anaphor(text).is_none()
}

/// Replaces back-referring sources of `quotes` (in order of content) by the names
/// they refer to, where the text makes that clear.
pub(crate) fn resolve(doc: &Doc, quotes: &mut [Quote]) {
    let people: Vec<Span> = doc
        .entities
        .iter()
        .filter(|m| m.kind == EntityKind::Per)
        .map(|m| m.span)
        .collect();
    let written: Vec<Option<Span>> = quotes.iter().map(|q| q.source).collect();
    for i in 0..quotes.len() {
        let Some(quote) = quotes.get(i).copied() else {
            continue;
        };
        let Some(source) = quote.source else { continue };
        let Some(kind) = anaphor(doc.text(source)) else {
            continue;
        };
        let found = match kind {
            Anaphor::Pronoun => earlier_speaker(
                doc,
                quotes.get(..i).unwrap_or(&[]),
                written.get(..i).unwrap_or(&[]),
                quote,
            ),
            Anaphor::First | Anaphor::Last => {
                named_before(doc, &people, quote.content.start, kind == Anaphor::First)
            }
            Anaphor::Title => titled(doc, &people, source, quote.content.start),
        };
        if let (Some(found), Some(q)) = (found, quotes.get_mut(i)) {
            q.source = Some(person_in(&people, found).unwrap_or(found));
        }
    }
}

/// The first person mention inside `span`, to point at a name rather than at a
/// name with its title and appositive.
fn person_in(people: &[Span], span: Span) -> Option<Span> {
    let at = people.partition_point(|p| p.start < span.start);
    people.get(at).copied().filter(|p| p.end <= span.end)
}

/// The source of the nearest earlier attribution with a named source, when it lies
/// within a few paragraphs and no pronoun of the other gender came between
/// (`“…,” she said. “…,” he said.` are two people). `written` holds the earlier
/// sources as written.
fn earlier_speaker(
    doc: &Doc,
    earlier: &[Quote],
    written: &[Option<Span>],
    quote: Quote,
) -> Option<Span> {
    let pronoun = quote.source.map(|s| doc.text(s).to_ascii_lowercase())?;
    let paragraph = doc
        .segments
        .partition_point(|s| s.span.end <= quote.content.start);
    let floor = doc
        .segments
        .get(paragraph.saturating_sub(PRONOUN_PARAGRAPHS))
        .map_or(0, |s| s.span.start);
    for (q, w) in earlier.iter().zip(written).rev() {
        if q.content.start < floor {
            break;
        }
        let Some(w) = *w else { continue };
        let as_written = doc.text(w);
        if anaphor(as_written) == Some(Anaphor::Pronoun)
            && !as_written.eq_ignore_ascii_case(&pronoun)
        {
            return None;
        }
        if let Some(s) = q.source
            && is_named(doc.text(s))
            && s.start < quote.content.start
        {
            return Some(s);
        }
    }
    None
}

/// The first or last person named in the sentence before byte `position`.
fn named_before(doc: &Doc, people: &[Span], position: u32, first: bool) -> Option<Span> {
    let here = doc.sentences.partition_point(|s| s.span.end <= position);
    let before = doc.sentences.get(here.checked_sub(1)?)?;
    let inside = people
        .iter()
        .filter(|p| before.span.contains(**p) && !inside_quotation(doc, p.start, before.span));
    if first {
        inside.copied().next()
    } else {
        inside.copied().last()
    }
}

/// True when byte `position` of a sentence lies between quotation marks.
fn inside_quotation(doc: &Doc, position: u32, sentence: Span) -> bool {
    let text = doc
        .body
        .get(sentence.start as usize..position as usize)
        .unwrap_or("");
    let opens = text.matches(['“', '"']).count();
    let closes = text.matches('”').count();
    // Straight marks count as opening; an odd number of them is an open quotation.
    opens > closes && (opens - closes) % 2 == 1
}

/// The person last written right after the title of `source` (`the president` →
/// `President Ana Vell`), before byte `position`.
fn titled(doc: &Doc, people: &[Span], source: Span, position: u32) -> Option<Span> {
    let title = doc.text(source).get(4..)?.to_ascii_lowercase();
    people
        .iter()
        .rev()
        .filter(|p| p.end <= position)
        .find(|p| {
            let before = doc.body.get(..p.start as usize).unwrap_or("").trim_end();
            let tail_start = before.len().saturating_sub(title.len());
            before.is_char_boundary(tail_start)
                && before
                    .get(tail_start..)
                    .is_some_and(|t| t.eq_ignore_ascii_case(&title))
                && before
                    .get(..tail_start)
                    .is_none_or(|b| b.is_empty() || b.ends_with(char::is_whitespace))
        })
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_references_by_shape() {
        assert_eq!(anaphor("He"), Some(Anaphor::Pronoun));
        assert_eq!(anaphor("the first"), Some(Anaphor::First));
        assert_eq!(anaphor("the latter"), Some(Anaphor::Last));
        assert_eq!(anaphor("the harbour master"), Some(Anaphor::Title));
        assert_eq!(anaphor("the Port Authority"), None);
        assert_eq!(anaphor("Ana Vell"), None);
        assert!(is_named("Ana Vell") && !is_named("the first"));
    }
}
