//! Across the reports of one story: one entity per real-world referent.

use std::collections::HashMap;

use crosscheck_core::Doc;
use crosscheck_core::layers::entity::EntityKind;

use crate::doc_entities::{
    DocEntities, Group, LocalEntity, person_match, skeleton_words, spelling_rule, truncation_fits,
};
use crate::names;

pub use crosscheck_core::dossier::{EntityTitle, MergeEvidence, MergeRule, StoryEntity};

/// Resolves the entities of one story's reports.
#[derive(Debug, Clone, Copy, Default)]
pub struct EntityResolver;

struct Cluster {
    group: Group,
    /// Initials of a multi-word key, for acronyms.
    initials: String,
    /// True when the key is a one-word all-capitals name (a possible acronym).
    caps: bool,
    person: bool,
    votes: [u32; 4],
    articles: Vec<String>,
    titles: Vec<EntityTitle>,
    mentions: u32,
    other: u32,
    merges: Vec<MergeEvidence>,
    ambiguous_with: Vec<usize>,
    /// Article of each form, for evidence.
    form_articles: HashMap<String, Vec<String>>,
}

impl EntityResolver {
    /// A resolver with the default rules.
    pub fn new() -> Self {
        EntityResolver
    }

    /// Builds each doc's [`DocEntities`] and resolves across them.
    pub fn resolve(&self, docs: &[&Doc]) -> Vec<StoryEntity> {
        let built: Vec<DocEntities> = docs.iter().map(|d| DocEntities::build(d)).collect();
        let pairs: Vec<(&Doc, &DocEntities)> = docs.iter().copied().zip(built.iter()).collect();
        self.resolve_with(&pairs)
    }

    /// Resolves across docs whose [`DocEntities`] the pipeline already built.
    pub fn resolve_with(&self, docs: &[(&Doc, &DocEntities)]) -> Vec<StoryEntity> {
        let mut items: Vec<Item> = Vec::new();
        for (doc, de) in docs {
            let article = doc.article.id.to_string();
            for e in &de.entities {
                if e.body_mentions + e.other_mentions == 0 {
                    continue;
                }
                let folded = names::fold(&e.name);
                let full = full_forms(e);
                items.push(Item {
                    pass: item_pass(e, &full),
                    skel: skeleton_words(&folded),
                    caps: e
                        .name
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(char::is_uppercase),
                    folded,
                    full,
                    entity: e,
                    article: article.clone(),
                });
            }
        }
        let mut clusters: Vec<Cluster> = Vec::new();
        for pass in 0..4 {
            for item in items.iter().filter(|i| i.pass == pass) {
                let target = find(&clusters, item);
                place(&mut clusters, item, target);
            }
        }
        finish(clusters)
    }
}

fn full_forms(e: &LocalEntity) -> Vec<Vec<String>> {
    e.aliases
        .iter()
        .filter(|a| {
            let n = a.split_whitespace().count();
            n >= 2 && !a.split_whitespace().last().is_some_and(names::is_initial)
        })
        .map(|a| skeleton_words(&names::fold(a)))
        .collect()
}

/// A report's entity, prepared for matching once.
struct Item<'a> {
    entity: &'a LocalEntity,
    article: String,
    pass: u8,
    folded: String,
    skel: Vec<String>,
    full: Vec<Vec<String>>,
    caps: bool,
}

fn item_pass(e: &LocalEntity, full: &[Vec<String>]) -> u8 {
    // Full names first, then names cut short, then other types, and bare names
    // last: by then every full name and every place of the story is known.
    if e.kind != EntityKind::Per {
        2
    } else if !full.is_empty() {
        0
    } else if e.name.split_whitespace().count() >= 2 {
        1
    } else {
        3
    }
}

enum Target {
    Join(usize, MergeRule),
    New { ambiguous_with: Vec<usize> },
}

fn initials(key: &str) -> String {
    key.split(' ')
        .filter(|w| !matches!(*w, "of" | "the" | "and" | "for" | "de"))
        .filter_map(|w| w.chars().next())
        .collect()
}

fn find(clusters: &[Cluster], item: &Item) -> Target {
    let e = item.entity;
    let pass = item.pass;
    let folded = &item.folded;
    let skel = &item.skel;
    let people = clusters.iter().enumerate().filter(|(_, c)| c.person);
    let hits: Vec<(usize, MergeRule)> = match pass {
        0 => {
            let mine = &item.full;
            people
                .filter_map(|(i, c)| {
                    c.group
                        .full
                        .iter()
                        .find_map(|f| mine.iter().find_map(|m| person_match(m, f)))
                        .map(|r| (i, r))
                })
                .collect()
        }
        1 => people
            .filter(|(_, c)| c.group.full.iter().any(|f| truncation_fits(skel, f)))
            .map(|(i, _)| (i, MergeRule::TruncatedName))
            .collect(),
        3 => people
            .filter(|(_, c)| c.group.full.iter().any(|f| f.last() == skel.last()))
            .map(|(i, _)| (i, MergeRule::Surname))
            .collect(),
        _ => Vec::new(),
    };
    match hits.as_slice() {
        [(i, rule)] => return Target::Join(*i, *rule),
        [] => {}
        // Two full names fit one another: keep the first (a middle-name variant).
        [(i, rule), ..] if pass == 0 => return Target::Join(*i, *rule),
        many => {
            return Target::New {
                ambiguous_with: many.iter().map(|(i, _)| *i).collect(),
            };
        }
    }
    if pass == 3
        && let Some(i) = clusters
            .iter()
            .position(|c| !c.person && c.group.key == names::renamed(folded).unwrap_or(folded))
    {
        // A bare name tagged as a person here and as a place or group elsewhere:
        // one name, and the story's majority type decides.
        return Target::Join(i, MergeRule::SameName);
    }
    if pass != 2 {
        // A bare or cut name seen in another report with no full form.
        let key = skel.join(" ");
        return clusters
            .iter()
            .position(|c| c.person && c.group.full.is_empty() && c.group.key == key)
            .map_or(
                Target::New {
                    ambiguous_with: Vec::new(),
                },
                |i| Target::Join(i, MergeRule::Transliteration),
            );
    }
    let renamed = names::renamed(folded);
    let key = renamed.unwrap_or(folded);
    let others: Vec<(usize, &Cluster)> = clusters
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.person)
        .collect();
    if let Some((i, c)) = others.iter().find(|(_, c)| c.group.key == key) {
        let renamed_rule = renamed.is_some()
            || c.group
                .forms
                .iter()
                .any(|(f, _)| names::renamed(&names::fold(f)).is_some());
        let rule = if renamed_rule {
            MergeRule::RenamedPlace
        } else {
            MergeRule::SameName
        };
        return Target::Join(*i, rule);
    }
    // Spelling variants of long place and organisation names.
    let len = key.chars().count();
    let limit = if len >= 10 { 2 } else { 1 };
    let spellable = matches!(e.kind, EntityKind::Loc | EntityKind::Org);
    if len >= 6 && spellable {
        let near: Vec<usize> = others
            .iter()
            .filter(|(_, c)| {
                // "Russia"/"Russian" are a place and its people, not two spellings.
                c.votes[kind_index(e.kind)] > 0
                    && !c.group.key.starts_with(key)
                    && !key.starts_with(c.group.key.as_str())
                    && c.group.key.chars().next() == key.chars().next()
                    && names::edit_distance(&c.group.key, key, limit) <= limit
            })
            .map(|(i, _)| *i)
            .collect();
        if let [one] = near.as_slice() {
            return Target::Join(*one, MergeRule::Spelling);
        }
    }
    // An acronym and the one multi-word name whose initials it spells.
    let short_caps = item.caps && !key.contains(' ') && key.len() >= 2;
    let mine = if key.contains(' ') {
        initials(key)
    } else {
        String::new()
    };
    let fits: Vec<usize> = others
        .iter()
        .filter(|(_, c)| {
            (short_caps && c.initials == key) || (c.caps && !mine.is_empty() && c.group.key == mine)
        })
        .map(|(i, _)| *i)
        .collect();
    if let [one] = fits.as_slice() {
        return Target::Join(*one, MergeRule::Acronym);
    }
    Target::New {
        ambiguous_with: Vec::new(),
    }
}

fn kind_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Per => 0,
        EntityKind::Org => 1,
        EntityKind::Loc => 2,
        EntityKind::Misc => 3,
    }
}

fn place(clusters: &mut Vec<Cluster>, item: &Item, target: Target) {
    let e = item.entity;
    let article = item.article.as_str();
    let i = match target {
        Target::Join(i, rule) => {
            if let Some(c) = clusters.get_mut(i) {
                let known = c.group.forms.iter().any(|(f, _)| f == &e.name);
                if !known {
                    let folded = names::fold(&e.name);
                    let other = c
                        .group
                        .forms
                        .iter()
                        .find(|(f, _)| names::fold(f) == folded)
                        .map_or_else(|| c.group.best_name(), |(f, _)| f.clone());
                    let rule = spelling_rule(&e.name, &other, rule);
                    let mut articles = vec![article.to_string()];
                    for a in c.form_articles.get(&other).into_iter().flatten() {
                        if !articles.contains(a) {
                            articles.push(a.clone());
                        }
                    }
                    c.merges.push(MergeEvidence {
                        rule,
                        evidence: format!(
                            "{}: '{}' ({}) and '{}' ({})",
                            describe(rule),
                            e.name,
                            article,
                            other,
                            articles.get(1..).unwrap_or(&[]).join(", ")
                        ),
                        aliases: vec![e.name.clone(), other],
                        articles,
                    });
                }
            }
            i
        }
        Target::New { ambiguous_with } => {
            let folded = &item.folded;
            let person = e.kind == EntityKind::Per;
            let key = if person {
                item.skel.join(" ")
            } else {
                names::renamed(folded).unwrap_or(folded).to_string()
            };
            clusters.push(Cluster {
                initials: if key.contains(' ') {
                    initials(&key)
                } else {
                    String::new()
                },
                caps: item.caps && !key.contains(' '),
                group: Group {
                    key,
                    ..Group::default()
                },
                person,
                votes: [0; 4],
                articles: Vec::new(),
                titles: Vec::new(),
                mentions: 0,
                other: 0,
                merges: Vec::new(),
                ambiguous_with,
                form_articles: HashMap::new(),
            });
            clusters.len() - 1
        }
    };
    let Some(c) = clusters.get_mut(i) else { return };
    let count = e.body_mentions + e.other_mentions;
    for alias in &e.aliases {
        c.group
            .add_form(alias, if *alias == e.name { count } else { 0 });
        let arts = c.form_articles.entry(alias.clone()).or_default();
        if !arts.iter().any(|a| a == article) {
            arts.push(article.to_string());
        }
    }
    c.group.full.extend(item.full.iter().cloned());
    c.votes[kind_index(e.kind)] += count;
    if !c.articles.iter().any(|a| a == article) {
        c.articles.push(article.to_string());
    }
    c.mentions += e.body_mentions;
    c.other += e.other_mentions;
    for m in &e.merges {
        c.merges.push(MergeEvidence {
            rule: m.rule,
            evidence: format!(
                "{} within one report: '{}' refers to '{}' ({})",
                describe(m.rule),
                m.alias,
                m.into,
                article
            ),
            aliases: vec![m.alias.clone(), m.into.clone()],
            articles: vec![article.to_string()],
        });
    }
    for t in &e.titles {
        let key = names::fold(t);
        match c.titles.iter_mut().find(|x| names::fold(&x.title) == key) {
            Some(x) => {
                if !x.articles.iter().any(|a| a == article) {
                    x.articles.push(article.to_string());
                }
            }
            None => c.titles.push(EntityTitle {
                title: t.clone(),
                articles: vec![article.to_string()],
            }),
        }
    }
}

fn describe(rule: MergeRule) -> &'static str {
    match rule {
        MergeRule::SameName => "same name",
        MergeRule::Case => "same name in another case",
        MergeRule::Punctuation => "same name with other punctuation",
        MergeRule::FirstName => "the first name of the only person of the report who has it",
        MergeRule::Diacritics => "same name with or without diacritics",
        MergeRule::Transliteration => "romanisations of one name",
        MergeRule::Spelling => "one letter apart",
        MergeRule::RenamedPlace => "a place known under two names",
        MergeRule::MiddleName => "the same name with and without a middle name",
        MergeRule::Surname => "the surname of the only full name that has it",
        MergeRule::TruncatedName => "a name cut to an initial, and the only full name that fits",
        MergeRule::Acronym => "an acronym of the only name whose initials it spells",
    }
}

const KINDS: [EntityKind; 4] = [
    EntityKind::Per,
    EntityKind::Org,
    EntityKind::Loc,
    EntityKind::Misc,
];

fn slug(kind: EntityKind, name: &str) -> String {
    let prefix = match kind {
        EntityKind::Per => "per",
        EntityKind::Org => "org",
        EntityKind::Loc => "loc",
        EntityKind::Misc => "misc",
    };
    format!("{prefix}:{}", names::fold(name).replace(' ', "-"))
}

fn finish(clusters: Vec<Cluster>) -> Vec<StoryEntity> {
    let mut ids: Vec<String> = Vec::with_capacity(clusters.len());
    let mut seen: HashMap<String, u32> = HashMap::new();
    let mut out: Vec<StoryEntity> = Vec::with_capacity(clusters.len());
    for c in &clusters {
        let name = c.group.best_name();
        // A head noun ("Palace", "Ministry") is one more vote for its type.
        let mut votes = c.votes;
        let last = name.split_whitespace().last().unwrap_or("");
        if name.contains(' ') && names::is_loc_head(last) {
            votes[kind_index(EntityKind::Loc)] += 1;
        } else if name.contains(' ') && names::is_org_head(last) {
            votes[kind_index(EntityKind::Org)] += 1;
        }
        let best = (0..4).max_by_key(|&k| (votes[k], 4 - k)).unwrap_or(0);
        let kind = KINDS[best];
        let mut id = slug(kind, &name);
        let n = seen.entry(id.clone()).or_default();
        *n += 1;
        if *n > 1 {
            id = format!("{id}-{n}");
        }
        ids.push(id.clone());
        let mut aliases = vec![name.clone()];
        for (f, _) in &c.group.forms {
            if !aliases.contains(f) {
                aliases.push(f.clone());
            }
        }
        let mut merges = Vec::new();
        for (form, _) in &c.group.forms {
            if let Some(articles) = c.form_articles.get(form)
                && articles.len() > 1
            {
                merges.push(MergeEvidence {
                    rule: MergeRule::SameName,
                    evidence: format!(
                        "'{form}' written the same way in {} articles",
                        articles.len()
                    ),
                    aliases: vec![form.clone()],
                    articles: articles.clone(),
                });
            }
        }
        merges.extend(c.merges.iter().cloned());
        out.push(StoryEntity {
            id,
            name,
            kind,
            aliases,
            titles: c.titles.clone(),
            articles: c.articles.clone(),
            mentions: c.mentions,
            other_mentions: c.other,
            actor: c.mentions > 0,
            merges,
            ambiguous_with: Vec::new(),
        });
    }
    for (c, e) in clusters.iter().zip(out.iter_mut()) {
        e.ambiguous_with = c
            .ambiguous_with
            .iter()
            .filter_map(|&i| ids.get(i).cloned())
            .collect();
    }
    out.sort_by(|a, b| {
        (b.actor, b.articles.len(), b.mentions).cmp(&(a.actor, a.articles.len(), a.mentions))
    });
    out
}
