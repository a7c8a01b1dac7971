//! The search query language, parsed once and written out for each backend, so
//! both give the same answers and no user input ever reaches SQL as syntax.

use crate::model::Snippet;

/// Why a query cannot be run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// Every word of a group is excluded: there is nothing to look for.
    #[error("only excluded words in \"{0}\": add a word to look for")]
    OnlyExclusions(String),
}

/// A parsed query: any of `groups` matches (`OR`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Alternatives; an article matches when it matches one of them.
    pub groups: Vec<Group>,
}

/// Terms that must all match, and terms that must not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Group {
    /// Required terms.
    pub include: Vec<Term>,
    /// Excluded terms.
    pub exclude: Vec<Term>,
}

/// One term: words in a row (a single word is a one-word phrase).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// Lower-cased words, letters and digits only.
    pub words: Vec<String>,
    /// True when the last word is a prefix (`minist*`).
    pub prefix: bool,
}

impl ParsedQuery {
    /// Parses the query language described on [`crate::SearchQuery`]. Never fails on
    /// syntax: unbalanced quotes close at the end, stray symbols are ignored.
    pub fn parse(text: &str) -> Result<Self, QueryError> {
        let mut groups = vec![Group::default()];
        let mut had_exclusion_only = false;
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let Some(&c) = chars.get(i) else { break };
            if c.is_whitespace() {
                i += 1;
                continue;
            }
            let negated = c == '-' && chars.get(i + 1).is_some_and(|n| !n.is_whitespace());
            if negated {
                i += 1;
            }
            let raw: String;
            let quoted = chars.get(i) == Some(&'"');
            if quoted {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && chars.get(end) != Some(&'"') {
                    end += 1;
                }
                raw = chars.get(start..end).unwrap_or(&[]).iter().collect();
                i = end + 1;
            } else {
                let start = i;
                while i < chars.len() && !chars.get(i).is_some_and(|c| c.is_whitespace()) {
                    i += 1;
                }
                raw = chars.get(start..i).unwrap_or(&[]).iter().collect();
                if raw == "OR" && !negated {
                    groups.push(Group::default());
                    continue;
                }
            }
            // A `*` right after a closing quote, or at the end of a word.
            let mut prefix = false;
            if quoted && chars.get(i) == Some(&'*') {
                prefix = true;
                i += 1;
            }
            if !quoted && raw.ends_with('*') {
                prefix = true;
            }
            let words = words(&raw);
            if words.is_empty() {
                continue;
            }
            let term = Term { words, prefix };
            if let Some(group) = groups.last_mut() {
                if negated {
                    group.exclude.push(term);
                } else {
                    group.include.push(term);
                }
            }
        }
        groups.retain(|g| {
            if g.include.is_empty() && !g.exclude.is_empty() {
                had_exclusion_only = true;
            }
            !g.include.is_empty()
        });
        if groups.is_empty() && had_exclusion_only {
            return Err(QueryError::OnlyExclusions(text.to_string()));
        }
        Ok(ParsedQuery { groups })
    }

    /// True when there is nothing to look for (a filter-only search).
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// The query in SQLite FTS5 syntax. Every word is quoted, so no input can be
    /// read as an FTS5 operator or column name.
    pub fn to_fts5(&self) -> String {
        let term = |t: &Term| {
            let mut s = format!("\"{}\"", t.words.join(" "));
            if t.prefix {
                s.push('*');
            }
            s
        };
        self.groups
            .iter()
            .map(|g| {
                let include: Vec<String> = g.include.iter().map(term).collect();
                let mut s = format!("({})", include.join(" AND "));
                for t in &g.exclude {
                    s = format!("({s} NOT {})", term(t));
                }
                s
            })
            .collect::<Vec<_>>()
            .join(" OR ")
    }

    /// The query as a PostgreSQL `tsquery` expression whose parameters are
    /// numbered from `first_param`; returns the SQL and the parameter values.
    pub fn to_tsquery_sql(&self, first_param: usize) -> (String, Vec<String>) {
        let mut params = Vec::new();
        let mut term = |t: &Term| {
            let n = first_param + params.len();
            // The search vector holds folded words (see `fold`).
            let folded: Vec<String> = t.words.iter().map(|w| fold(w)).collect();
            if t.prefix {
                // Words are letters and digits only, so quoting them is safe.
                let mut parts: Vec<String> = folded.iter().map(|w| format!("'{w}'")).collect();
                if let Some(last) = parts.last_mut() {
                    last.push_str(":*");
                }
                params.push(parts.join(" <-> "));
                format!("to_tsquery('simple', ${n})")
            } else {
                params.push(folded.join(" "));
                format!("phraseto_tsquery('simple', ${n})")
            }
        };
        let mut groups = Vec::new();
        for g in &self.groups {
            let mut parts: Vec<String> = g.include.iter().map(&mut term).collect();
            for t in &g.exclude {
                let sql = term(t);
                parts.push(format!("!!({sql})"));
            }
            groups.push(format!("({})", parts.join(" && ")));
        }
        (groups.join(" || "), params)
    }
}

/// Text with its accents removed (canonical decomposition, combining marks
/// dropped), as SQLite's `unicode61 remove_diacritics 2` tokenizer sees it: what
/// the PostgreSQL search vector is built from, and what query words are matched as.
pub(crate) fn fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    if text.is_ascii() {
        return text.to_string();
    }
    text.nfd().filter(|c| !is_combining_mark(*c)).collect()
}

impl ParsedQuery {
    /// A stretch of `body` around the words this query matches, accents and case
    /// ignored, with the matches marked; the start of the body when none match.
    pub(crate) fn snippet(&self, body: &str) -> Snippet {
        const WORDS: usize = 30;
        const BEFORE: usize = 6;
        let words: Vec<(usize, usize, String)> = word_spans(body)
            .map(|(s, e)| (s, e, fold(&body[s..e]).to_lowercase()))
            .collect();
        let terms: Vec<(Vec<String>, bool)> = self
            .groups
            .iter()
            .flat_map(|g| &g.include)
            .map(|t| (t.words.iter().map(|w| fold(w)).collect(), t.prefix))
            .collect();
        // Matches as word ranges [first, last).
        let mut matches: Vec<(usize, usize)> = Vec::new();
        for i in 0..words.len() {
            for (term, prefix) in &terms {
                let hit = !term.is_empty()
                    && term.iter().enumerate().all(|(j, want)| {
                        words.get(i + j).is_some_and(|(_, _, got)| {
                            if *prefix && j + 1 == term.len() {
                                got.starts_with(want.as_str())
                            } else {
                                got == want
                            }
                        })
                    });
                if hit {
                    matches.push((i, i + term.len()));
                    break;
                }
            }
        }
        if matches.is_empty() {
            return Snippet::lead(body);
        }
        // The window of WORDS words, starting a little before a match, that holds
        // the most matches (the first such).
        let mut best = (0usize, 0usize);
        for &(first, _) in &matches {
            let start = first.saturating_sub(BEFORE);
            let inside = matches
                .iter()
                .filter(|&&(a, b)| a >= start && b <= start + WORDS)
                .count();
            if inside > best.1 {
                best = (start, inside);
            }
        }
        let start = best.0;
        let end = (start + WORDS).min(words.len());
        let (Some(first), Some(last)) = (words.get(start), words.get(end.saturating_sub(1))) else {
            return Snippet::lead(body);
        };
        let (from, to) = (first.0, last.1);
        let mut text = String::new();
        if start > 0 {
            text.push('…');
        }
        let shift = text.len();
        text.push_str(body.get(from..to).unwrap_or(""));
        let mut highlights = Vec::new();
        for &(a, b) in matches.iter().filter(|&&(a, b)| a >= start && b <= end) {
            if let (Some(wa), Some(wb)) = (words.get(a), words.get(b - 1)) {
                highlights.push((wa.0 - from + shift, wb.1 - from + shift));
            }
        }
        if end < words.len() {
            text.push('…');
        }
        Snippet { text, highlights }
    }
}

/// Byte ranges of the runs of letters, digits and combining marks in `text`.
fn word_spans(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    use unicode_normalization::char::is_combining_mark;
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let is_word = |c: char| c.is_alphanumeric() || is_combining_mark(c);
        while chars.peek().is_some_and(|&(_, c)| !is_word(c)) {
            chars.next();
        }
        let (start, _) = *chars.peek()?;
        let mut end = start;
        while let Some(&(i, c)) = chars.peek() {
            if !is_word(c) {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some((start, end))
    })
}

/// Lower-cased runs of letters and digits: how both backends' tokenizers cut text.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_prefixes_and_exclusions() {
        let q = ParsedQuery::parse("Minist* \"peace talks\" -strike").unwrap();
        assert_eq!(
            q.to_fts5(),
            "((\"minist\"* AND \"peace talks\") NOT \"strike\")"
        );
        let (sql, params) = q.to_tsquery_sql(3);
        assert_eq!(
            sql,
            "(to_tsquery('simple', $3) && phraseto_tsquery('simple', $4) && !!(phraseto_tsquery('simple', $5)))"
        );
        assert_eq!(params, vec!["'minist':*", "peace talks", "strike"]);
    }

    #[test]
    fn or_makes_alternatives() {
        let q = ParsedQuery::parse("flood OR storm").unwrap();
        assert_eq!(q.to_fts5(), "(\"flood\") OR (\"storm\")");
    }

    #[test]
    fn hostile_input_is_only_words() {
        let q = ParsedQuery::parse("\"unbalanced NEAR( title: body:x' ; DROP").unwrap();
        assert_eq!(q.to_fts5(), "(\"unbalanced near title body x drop\")");
        assert!(ParsedQuery::parse("* ( ) : \" -").unwrap().is_empty());
        assert!(ParsedQuery::parse("").unwrap().is_empty());
    }

    #[test]
    fn only_exclusions_is_an_error() {
        assert!(matches!(
            ParsedQuery::parse("-strike"),
            Err(QueryError::OnlyExclusions(_))
        ));
    }

    #[test]
    fn accents_are_folded_for_postgres() {
        let q = ParsedQuery::parse("Erdoğan Ankara*").unwrap();
        assert_eq!(q.to_tsquery_sql(1).1, vec!["erdogan", "'ankara':*"]);
        assert_eq!(fold("Erdoğan née Zürich"), "Erdogan nee Zurich");
    }

    #[test]
    fn snippet_marks_matches_ignoring_accents() {
        let q = ParsedQuery::parse("erdogan \"harbour talks\" minist*").unwrap();
        let s = q.snippet("Mr Erdoğan met the Minister for harbour talks on Friday.");
        let marked: Vec<&str> = s.highlights.iter().map(|&(a, b)| &s.text[a..b]).collect();
        assert_eq!(marked, vec!["Erdoğan", "Minister", "harbour talks"]);
        let none = q.snippet("Nothing here.");
        assert_eq!(none.text, "Nothing here.");
        assert!(none.highlights.is_empty());
    }

    #[test]
    fn long_snippet_is_cut_around_the_match() {
        let body = format!("{} the vote {}", "word ".repeat(100), "more ".repeat(100));
        let s = ParsedQuery::parse("vote").unwrap().snippet(&body);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(s.highlights.len(), 1);
        let (a, b) = s.highlights[0];
        assert_eq!(&s.text[a..b], "vote");
    }

    #[test]
    fn punctuated_prefix_is_a_phrase_prefix() {
        let q = ParsedQuery::parse("U.S*").unwrap();
        assert_eq!(q.to_fts5(), "(\"u s\"*)");
        assert_eq!(q.to_tsquery_sql(1).1, vec!["'u' <-> 's':*"]);
    }
}
