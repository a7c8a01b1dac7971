//! What the API and the pages do, on a locked store: adding articles through the
//! archive's own ingestion path, and reading stories and articles with what the
//! pages need beside them. Handlers only parse requests and call these.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use crosscheck_core::dossier::{Dossier, DossierStory, Evidence};
use crosscheck_core::{ArticleId, Doc};
use crosscheck_pipeline::Pipeline;
use crosscheck_store::{ArticleStore, Problem, StoryRecord};
use serde::{Deserialize, Serialize};

use crate::error::{Result, ServerError};

/// One article posted to the API or pasted into the form: text or HTML with
/// optional metadata (the fields of crosscheck's JSON Lines input).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewArticle {
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Its headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Plain text (this or `html`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// HTML of the page (this or `text`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// Publication date or instant (`2025-05-14`, RFC 3339).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The outlet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A file uploaded to the API or the form.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The name the client gave (only its last component is used).
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// What adding did, as the API reports it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AddOutcome {
    /// Inputs read.
    pub read: u64,
    /// Articles stored by this request.
    pub new: u64,
    /// Inputs whose article was already stored.
    pub already_stored: u64,
    /// Inputs that could not be read or analysed.
    pub failed: u64,
    /// Each failure.
    pub problems: Vec<Problem>,
    /// Articles stored by this request.
    pub new_articles: Vec<ArticleId>,
    /// Articles of this request that were stored before.
    pub known_articles: Vec<ArticleId>,
    /// The stories the request's articles are in.
    pub stories: Vec<String>,
}

/// Adds articles and files through the archive's ingestion path
/// ([`crosscheck_store::add_with`]): each is written to its own folder under
/// `upload_root` and read from there exactly as `crosscheck add` reads files, so
/// the same checks, deduplication, analysis and story updates apply.
///
/// The folder is named by a hash of the content, so an article without a URL
/// posted twice comes from the same path, gets the same id and is stored once
/// (ingestion derives the id from the URL, or else from the path, and the text).
/// The caller holds the store's lock, so two requests never share a folder.
pub fn add_articles(
    store: &mut dyn ArticleStore,
    pipeline: &Pipeline,
    upload_root: &Path,
    articles: &[NewArticle],
    uploads: &[Upload],
) -> Result<AddOutcome> {
    if articles.is_empty() && uploads.is_empty() {
        return Err(ServerError::BadRequest(
            "nothing to add: no articles and no files".into(),
        ));
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for article in articles {
        let json = serde_json::to_vec(article).map_err(|e| ServerError::Internal(e.to_string()))?;
        let name = format!(
            "{}.json",
            article
                .source
                .as_deref()
                .map(safe_file_name)
                .unwrap_or_else(|| "pasted".into())
        );
        files.push((name, json));
    }
    for upload in uploads {
        files.push((safe_file_name(&upload.name), upload.bytes.clone()));
    }
    let mut folders = Folders(Vec::new());
    let mut paths: Vec<PathBuf> = Vec::new();
    for (name, bytes) in &files {
        let mut hasher = blake3::Hasher::new();
        hasher.update(name.as_bytes());
        hasher.update(&[0]);
        hasher.update(bytes);
        let folder = upload_root.join(&hasher.finalize().to_hex()[..32]);
        std::fs::create_dir_all(&folder)
            .map_err(|e| ServerError::io(format!("cannot make {}", folder.display()), e))?;
        folders.0.push(folder.clone());
        let path = folder.join(name);
        std::fs::write(&path, bytes)
            .map_err(|e| ServerError::io(format!("cannot write {}", path.display()), e))?;
        paths.push(path);
    }

    let mut outcome = AddOutcome::default();
    let report = crosscheck_store::add_with(
        store,
        pipeline,
        &paths,
        &crosscheck_store::AddOptions::default(),
        &mut |batch| {
            outcome.new_articles.extend(batch.new.iter().cloned());
            outcome.known_articles.extend(batch.already.iter().cloned());
        },
    )?;
    outcome.read = report.read;
    outcome.new = report.new;
    outcome.already_stored = report.already_stored;
    outcome.failed = report.failed;
    // Problems name the server's upload folder; the client knows its files by
    // their own names.
    let root = format!("{}/", upload_root.display());
    outcome.problems = report
        .problems
        .into_iter()
        .map(|mut p| {
            let inner = p.file.strip_prefix(&root).unwrap_or(&p.file);
            p.file = inner
                .split_once('/')
                .map_or(inner, |(_, name)| name)
                .to_string();
            p
        })
        .collect();
    let mut stories = BTreeSet::new();
    for id in outcome.new_articles.iter().chain(&outcome.known_articles) {
        stories.extend(store.stories_of(id)?);
    }
    outcome.stories = stories.into_iter().collect();
    Ok(outcome)
}

/// Upload folders, removed when the request is done (whatever happened).
struct Folders(Vec<PathBuf>);

impl Drop for Folders {
    fn drop(&mut self) {
        for folder in &self.0 {
            // Best effort: a folder left behind is rewritten by the next upload
            // of the same content.
            let _ = std::fs::remove_dir_all(folder);
        }
    }
}

/// The last path component of a client's file name, with only harmless characters.
fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let clean = clean.trim_start_matches('.');
    if clean.is_empty() {
        "upload.txt".to_string()
    } else {
        clean.chars().take(100).collect()
    }
}

/// The story a record holds: its dossier is a `DossierStory`, or a whole
/// `Dossier` whose first story is this one.
pub fn dossier_story(record: &StoryRecord) -> Result<DossierStory> {
    if let Ok(story) = serde_json::from_value::<DossierStory>(record.dossier.clone()) {
        return Ok(story);
    }
    serde_json::from_value::<Dossier>(record.dossier.clone())
        .ok()
        .and_then(|d| d.stories.into_iter().find(|s| s.id == record.id).or(None))
        .ok_or_else(|| {
            ServerError::Internal(format!(
                "story {} has a dossier this server cannot read",
                record.id
            ))
        })
}

/// A story with the articles it cites, for its page.
#[derive(Debug, Clone)]
pub struct StoryView {
    /// The stored record.
    pub record: StoryRecord,
    /// Its dossier story.
    pub story: DossierStory,
    /// Its articles that are in the archive, by id.
    pub docs: HashMap<String, Doc>,
}

impl StoryView {
    /// Loads a story and its articles.
    pub fn load(store: &mut dyn ArticleStore, id: &str) -> Result<Self> {
        let record = store
            .get_story(id)?
            .ok_or_else(|| ServerError::NotFound(format!("no story {id}")))?;
        let story = dossier_story(&record)?;
        let mut docs = HashMap::new();
        let ids: BTreeSet<&String> = story.articles.iter().collect();
        for article in ids {
            if let Some(doc) = store.get(&ArticleId(article.clone()))? {
                docs.insert(article.clone(), doc);
            }
        }
        Ok(StoryView {
            record,
            story,
            docs,
        })
    }

    /// Where an evidence link goes: the sentence holding the evidence, in its
    /// article's page.
    pub fn evidence_href(&self, evidence: &Evidence) -> String {
        let base = format!("/articles/{}", url_segment(&evidence.article));
        match self
            .docs
            .get(&evidence.article)
            .and_then(|doc| sentence_at(doc, evidence.start))
        {
            Some(n) => format!("{base}#s-{n}"),
            None => base,
        }
    }
}

/// The index of the sentence that holds byte `offset` of the body.
pub fn sentence_at(doc: &Doc, offset: u32) -> Option<usize> {
    doc.sentences
        .iter()
        .position(|s| s.span.start <= offset && offset < s.span.end.max(s.span.start + 1))
}

/// An article with the sentences its stories cite.
#[derive(Debug, Clone)]
pub struct ArticleView {
    /// The analysed article.
    pub doc: Doc,
    /// Its stories: id and title.
    pub stories: Vec<(String, String)>,
    /// Indexes of its sentences cited as evidence by its stories.
    pub evidence_sentences: BTreeSet<usize>,
}

impl ArticleView {
    /// Loads an article and what its stories cite of it.
    pub fn load(store: &mut dyn ArticleStore, id: &str) -> Result<Self> {
        let doc = store
            .get(&ArticleId(id.to_string()))?
            .ok_or_else(|| ServerError::NotFound(format!("no article {id}")))?;
        let mut stories = Vec::new();
        let mut evidence_sentences = BTreeSet::new();
        for story_id in store.stories_of(&doc.article.id)? {
            let Some(record) = store.get_story(&story_id)? else {
                continue;
            };
            if let Ok(story) = dossier_story(&record) {
                for evidence in story.evidence().filter(|e| e.article == id) {
                    evidence_sentences.extend(sentence_at(&doc, evidence.start));
                }
            }
            stories.push((record.id, record.title));
        }
        Ok(ArticleView {
            doc,
            stories,
            evidence_sentences,
        })
    }
}

/// Percent-encodes an id for a URL path segment (ids are hex today; this keeps
/// any future id from breaking the link).
pub fn url_segment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uploaded_names_lose_their_folders_and_odd_characters() {
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("C:\\news\\a b.html"), "a_b.html");
        assert_eq!(safe_file_name(".."), "upload.txt");
        assert_eq!(safe_file_name(".hidden.txt"), "hidden.txt");
    }

    #[test]
    fn ids_are_percent_encoded_in_paths() {
        assert_eq!(url_segment("ab12"), "ab12");
        assert_eq!(url_segment("a/b c"), "a%2Fb%20c");
    }
}
