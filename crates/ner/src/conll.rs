//! Reading CoNLL-2003 files: `word POS chunk tag` per line, a blank line between sentences,
//! `-DOCSTART-` lines between documents.

use std::path::Path;

use crate::error::{Error, Result};

/// One token line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConllToken {
    /// The line as read (without its line break).
    pub line: String,
    /// The first column.
    pub word: String,
    /// The last column, or `O` when the line has a single column.
    pub tag: String,
}

/// One sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConllSentence {
    /// Its tokens.
    pub tokens: Vec<ConllToken>,
}

/// One document: the sentences after a `-DOCSTART-` line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConllDocument {
    /// The `-DOCSTART-` line that opened it, if any (text before the first one has none).
    pub docstart: Option<String>,
    /// Its sentences.
    pub sentences: Vec<ConllSentence>,
}

impl ConllDocument {
    /// The words of each sentence, as the tagger takes them.
    pub fn words(&self) -> Vec<Vec<&str>> {
        self.sentences
            .iter()
            .map(|s| s.tokens.iter().map(|t| t.word.as_str()).collect())
            .collect()
    }

    /// Number of tokens.
    pub fn token_count(&self) -> usize {
        self.sentences.iter().map(|s| s.tokens.len()).sum()
    }
}

/// Reads a CoNLL file.
pub fn read_conll(path: &Path) -> Result<Vec<ConllDocument>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(parse_conll(&text))
}

/// Parses CoNLL text. Never fails: every non-blank line is a token or a document start.
pub fn parse_conll(text: &str) -> Vec<ConllDocument> {
    let mut docs = Vec::new();
    let mut doc = ConllDocument::default();
    let mut sentence = ConllSentence::default();
    for raw in text.lines() {
        let line = raw.trim_end_matches('\r');
        let mut fields = line.split_whitespace();
        let Some(word) = fields.next() else {
            if !sentence.tokens.is_empty() {
                doc.sentences.push(std::mem::take(&mut sentence));
            }
            continue;
        };
        if word == "-DOCSTART-" {
            if !sentence.tokens.is_empty() {
                doc.sentences.push(std::mem::take(&mut sentence));
            }
            if !doc.sentences.is_empty() || doc.docstart.is_some() {
                docs.push(std::mem::take(&mut doc));
            }
            doc.docstart = Some(line.to_string());
            continue;
        }
        let tag = fields.last().unwrap_or("O");
        sentence.tokens.push(ConllToken {
            line: line.to_string(),
            word: word.to_string(),
            tag: tag.to_string(),
        });
    }
    if !sentence.tokens.is_empty() {
        doc.sentences.push(sentence);
    }
    if !doc.sentences.is_empty() || doc.docstart.is_some() {
        docs.push(doc);
    }
    docs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_and_sentences_are_split() {
        let text = "-DOCSTART- -X- -X- O\n\nIlse NNP B-NP B-PER\nVarga NNP I-NP I-PER\n\nspoke VBD B-VP O\n\n-DOCSTART- -X- -X- O\n\nBrenmoor\n";
        let docs = parse_conll(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].tokens[1].tag, "I-PER");
        assert_eq!(docs[1].sentences[0].tokens[0].tag, "O");
        assert_eq!(docs[0].words(), vec![vec!["Ilse", "Varga"], vec!["spoke"]]);
    }
}
