//! The who's-who table of a story, as rows both renderers print.

use crosscheck_core::dossier::DossierStory;

/// One actor of a story, ready to print.
pub struct WhoRow<'s> {
    pub name: &'s str,
    pub kind: String,
    /// Each title with the number of reports that give it.
    pub titles: String,
    /// The other spellings used.
    pub aliases: String,
    pub reports: usize,
}

/// The story's actors (people and organisations named outside captions and
/// credits), in the dossier's order.
pub fn whos_who(story: &DossierStory) -> Vec<WhoRow<'_>> {
    story
        .entities
        .iter()
        .filter(|e| e.actor)
        .map(|entity| WhoRow {
            name: &entity.name,
            kind: format!("{:?}", entity.kind).to_uppercase(),
            titles: entity
                .titles
                .iter()
                .map(|t| format!("{} ({})", t.title, t.articles.len()))
                .collect::<Vec<_>>()
                .join("; "),
            aliases: entity
                .aliases
                .iter()
                .map(String::as_str)
                .filter(|a| *a != entity.name)
                .collect::<Vec<_>>()
                .join(", "),
            reports: entity.articles.len(),
        })
        .collect()
}
