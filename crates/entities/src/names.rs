//! Name normalisation and the small word lists the rules rely on.
//!
//! Everything here is general: folding (case, diacritics), a transliteration
//! skeleton, honorifics, title words, the head nouns that give away an
//! organisation or a place, and a short table of renamed places.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases, removes diacritics (NFKD, combining marks dropped), maps the
/// letters NFKD leaves alone (`ł`, `ø`, `ß`, dotless `ı`…), turns hyphens into
/// spaces and drops other punctuation (`U.S.` → `us`).
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    if text.is_ascii() {
        for c in text.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
                space = false;
            } else if (c.is_ascii_whitespace() || c == '-') && !space {
                out.push(' ');
                space = true;
            }
        }
        if out.ends_with(' ') {
            out.pop();
        }
        return out;
    }
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let mapped: &str = match c {
            'ł' | 'Ł' => "l",
            'ø' | 'Ø' => "o",
            'ß' => "ss",
            'ı' => "i",
            'đ' | 'Đ' => "d",
            'æ' | 'Æ' => "ae",
            'œ' | 'Œ' => "oe",
            'þ' | 'Þ' => "th",
            _ => "",
        };
        if !mapped.is_empty() {
            out.push_str(mapped);
            space = false;
        } else if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if (c.is_whitespace() || c == '-' || c == '‐' || c == '–') && !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A folded word reduced to what survives the usual romanisations of one name:
/// `Zelenskyy`/`Zelensky`/`Zelenskiy`, `Oleksii`/`Oleksiy`, `Navalny`/`Navalnyi`,
/// `Sergey`/`Sergei` all give the same skeleton.
pub(crate) fn skeleton(folded: &str) -> String {
    const DIGRAPHS: [&str; 11] = [
        "iy", "yi", "ij", "y", "kh", "ph", "w", "ck", "dzh", "tch", "sch",
    ];
    if !DIGRAPHS.iter().any(|d| folded.contains(d)) {
        let mut out = String::with_capacity(folded.len());
        let mut last = None;
        for c in folded.chars() {
            if Some(c) != last {
                out.push(c);
            }
            last = Some(c);
        }
        return out;
    }
    let mut s = folded.to_string();
    for (from, to) in [
        ("iy", "i"),
        ("yi", "i"),
        ("ij", "i"),
        ("y", "i"),
        ("kh", "h"),
        ("ph", "f"),
        ("w", "v"),
        ("ck", "k"),
        ("dzh", "j"),
        ("tch", "ch"),
        ("sch", "sh"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    // Doubled letters are the commonest spelling difference of all.
    let mut out = String::with_capacity(s.len());
    let mut last = None;
    for c in s.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// Levenshtein distance, giving up (returning `limit + 1`) once it exceeds `limit`.
pub(crate) fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    if a.len().abs_diff(b.len()) > limit * 4 {
        return limit + 1;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        let mut row_min = cur[0];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            row_min = row_min.min(cur[j + 1]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

/// Honorifics: they say "person" (and sometimes gender), never a role.
pub(crate) fn honorific(word: &str) -> Option<Gender> {
    let w = word.trim_end_matches('.');
    if w.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    let lower = buf.get_mut(..w.len())?;
    lower.copy_from_slice(w.as_bytes());
    lower.make_ascii_lowercase();
    match std::str::from_utf8(lower).unwrap_or("") {
        "mr" | "sir" | "lord" | "herr" | "monsieur" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "dame" | "lady" | "madam" | "mme" | "frau" => Some(Gender::Female),
        "dr" | "mx" | "prof" => Some(Gender::Unknown),
        _ => None,
    }
}

/// What a name or title says about a person's gender, used only to keep a
/// pronoun from pointing at someone it cannot mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Gender {
    Male,
    Female,
    Unknown,
}

/// Nouns that head a title or role (singular, lower case).
const TITLE_HEADS: &[&str] = &[
    "president",
    "vice-president",
    "minister",
    "secretary",
    "secretary-general",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "emissary",
    "chief",
    "director",
    "senator",
    "aide",
    "head",
    "adviser",
    "advisor",
    "ambassador",
    "leader",
    "chancellor",
    "premier",
    "general",
    "commander",
    "governor",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "analyst",
    "correspondent",
    "official",
    "negotiator",
    "mediator",
    "assistant",
    "chairman",
    "chairwoman",
    "chair",
    "representative",
    "diplomat",
    "prosecutor",
    "judge",
    "lawyer",
    "attorney",
    "coordinator",
    "commissioner",
    "speaker",
    "lawmaker",
    "mp",
    "congressman",
    "congresswoman",
    "officer",
    "colonel",
    "captain",
    "lieutenant",
    "marshal",
    "admiral",
    "economist",
    "researcher",
    "professor",
    "editor",
    "reporter",
    "journalist",
    "photographer",
    "expert",
    "executive",
    "ceo",
    "founder",
    "manager",
    "nominee",
    "candidate",
    "sheikh",
    "emir",
    "sultan",
    "cleric",
    "bishop",
    "archbishop",
    "patriarch",
    "rabbi",
    "imam",
    "deputy",
    "counsellor",
    "counselor",
    "attaché",
    "consul",
    "delegate",
];

/// Words that may stand inside a title before its head ("Deputy Foreign
/// Minister", "former culture minister", "Secretary of State").
const TITLE_MODIFIERS: &[&str] = &[
    "deputy",
    "vice",
    "former",
    "ex",
    "senior",
    "acting",
    "chief",
    "top",
    "foreign",
    "defence",
    "defense",
    "culture",
    "cultural",
    "trade",
    "finance",
    "financial",
    "economy",
    "economic",
    "interior",
    "justice",
    "health",
    "energy",
    "education",
    "agriculture",
    "transport",
    "environment",
    "labour",
    "labor",
    "sports",
    "digital",
    "industry",
    "development",
    "policy",
    "state",
    "prime",
    "first",
    "junior",
    "special",
    "presidential",
    "military",
    "intelligence",
    "security",
    "peace",
    "lead",
    "then",
    "interim",
    "caretaker",
    "outgoing",
    "incoming",
    "press",
    "national",
    "general",
    "assistant",
    "executive",
    "regional",
    "local",
    "home",
    "treasury",
    "staff",
    "government",
    "high",
    "armed",
    "forces",
    "affairs",
    "opposition",
    "party",
    "parliamentary",
    "communications",
    "political",
    "legal",
    "trade-union",
    "veteran",
    "retired",
    "newly",
    "appointed",
    "elected",
    "long-time",
    "longtime",
    "chief-of-staff",
];

/// Last words that make a name an organisation, whatever the tagger said.
const ORG_HEADS: &[&str] = &[
    "ministry",
    "ministries",
    "council",
    "service",
    "agency",
    "committee",
    "party",
    "union",
    "bank",
    "group",
    "forum",
    "office",
    "army",
    "court",
    "commission",
    "organisation",
    "organization",
    "institute",
    "university",
    "news",
    "times",
    "post",
    "fund",
    "corporation",
    "company",
    "department",
    "government",
    "parliament",
    "assembly",
    "alliance",
    "federation",
    "association",
    "network",
    "press",
    "club",
    "league",
    "inc",
    "ltd",
    "corp",
    "administration",
    "guard",
    "navy",
    "police",
    "movement",
    "foundation",
    "images",
];

/// Last words that make a name a place or a building.
const LOC_HEADS: &[&str] = &[
    "palace",
    "square",
    "hotel",
    "street",
    "bridge",
    "airport",
    "hall",
    "centre",
    "center",
    "stadium",
    "park",
    "sea",
    "river",
    "mountains",
    "mountain",
    "island",
    "islands",
    "lake",
    "bay",
    "region",
    "province",
    "city",
    "oblast",
    "district",
    "county",
    "valley",
    "strait",
    "gulf",
    "peninsula",
    "desert",
    "coast",
    "port",
    "station",
    "tower",
    "cathedral",
    "church",
    "mosque",
    "avenue",
    "road",
];

/// Places known under an old or a second spelling, folded; the right-hand name
/// is the one kept as the key. Only renamings a string rule cannot see belong
/// here (`Kiev`/`Kyiv` are one edit apart on the skeleton but short).
const RENAMED_PLACES: &[(&str, &str)] = &[
    ("kiev", "kyiv"),
    ("kharkov", "kharkiv"),
    ("odessa", "odesa"),
    ("lvov", "lviv"),
    ("rovno", "rivne"),
    ("nikolaev", "mykolaiv"),
    ("nikolayev", "mykolaiv"),
    ("zaporozhye", "zaporizhzhia"),
    ("dnepr", "dnipro"),
    ("dnipropetrovsk", "dnipro"),
    ("lugansk", "luhansk"),
    ("chernigov", "chernihiv"),
    ("artemovsk", "bakhmut"),
    ("turkey", "turkiye"),
    ("bombay", "mumbai"),
    ("madras", "chennai"),
    ("calcutta", "kolkata"),
    ("peking", "beijing"),
    ("canton", "guangzhou"),
    ("burma", "myanmar"),
    ("rangoon", "yangon"),
    ("swaziland", "eswatini"),
    ("czech republic", "czechia"),
    ("ivory coast", "cote d ivoire"),
    ("byelorussia", "belarus"),
    ("belorussia", "belarus"),
    ("kirghizia", "kyrgyzstan"),
    ("macedonia", "north macedonia"),
    ("ceylon", "sri lanka"),
    ("saigon", "ho chi minh city"),
    ("leningrad", "saint petersburg"),
    ("st petersburg", "saint petersburg"),
    ("tiflis", "tbilisi"),
    ("constantinople", "istanbul"),
];

/// Key of a folded non-person name after known renamings.
pub(crate) fn renamed(folded: &str) -> Option<&'static str> {
    static TABLE: LazyLock<HashMap<&'static str, &'static str, WordHash>> =
        LazyLock::new(|| RENAMED_PLACES.iter().copied().collect());
    TABLE.get(folded).copied()
}

/// A multiply-rotate hash over 8-byte words (the Fx hash of rustc): the keys
/// here are short words from our own lists and the report, where SipHash's
/// flood resistance buys nothing and cost a fifth of the stage.
#[derive(Default, Clone, Copy)]
pub(crate) struct WordHasher(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl WordHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl std::hash::Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            if let Some(w) = word.get_mut(..rest.len()) {
                w.copy_from_slice(rest);
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// Builds [`WordHasher`]s.
pub(crate) type WordHash = std::hash::BuildHasherDefault<WordHasher>;

/// The word lists as hash sets, built once: a linear scan of a hundred-odd
/// words per token was most of the stage's time.
struct Lexicon {
    /// Title heads, singular and plural, mapped to the singular.
    heads: HashMap<String, &'static str, WordHash>,
    modifiers: HashSet<&'static str, WordHash>,
    orgs: HashSet<&'static str, WordHash>,
    locs: HashSet<&'static str, WordHash>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut heads = HashMap::default();
    for h in TITLE_HEADS {
        heads.insert((*h).to_string(), *h);
        let plural = if let Some(stem) = h.strip_suffix("man") {
            format!("{stem}men")
        } else if let Some(stem) = h.strip_suffix('y')
            && !stem.ends_with(['a', 'e', 'o', 'u'])
        {
            format!("{stem}ies")
        } else {
            format!("{h}s")
        };
        heads.entry(plural).or_insert(*h);
    }
    Lexicon {
        heads,
        modifiers: TITLE_MODIFIERS.iter().copied().collect(),
        orgs: ORG_HEADS.iter().copied().collect(),
        locs: LOC_HEADS.iter().copied().collect(),
    }
});

/// Runs `f` on the word trimmed of outer punctuation and lower-cased, without
/// allocating when it already is.
fn with_lower<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
    if !w.bytes().any(|b| b.is_ascii_uppercase()) && w.is_ascii() {
        return f(w);
    }
    let mut buf = [0u8; 32];
    if w.is_ascii()
        && let Some(lower) = buf.get_mut(..w.len())
    {
        lower.copy_from_slice(w.as_bytes());
        lower.make_ascii_lowercase();
        return f(std::str::from_utf8(lower).unwrap_or(""));
    }
    f(&w.to_lowercase())
}

/// The singular head when the word (any case) heads a title; plural heads
/// count ("envoys" → "envoy").
pub(crate) fn title_head(word: &str) -> Option<&'static str> {
    with_lower(word, |w| LEXICON.heads.get(w).copied())
}

/// True when the head word is a plural ("envoys"), so the title covers a list.
pub(crate) fn is_plural_head(word: &str) -> bool {
    with_lower(word, |w| LEXICON.heads.get(w).is_some_and(|h| *h != w))
}

/// True for words that may stand inside a title (heads and modifiers).
pub(crate) fn is_title_word(word: &str) -> bool {
    // Most words are neither: a word too short or too long for every list is
    // turned away before hashing.
    if word.len() < 2 || word.len() > 24 {
        return false;
    }
    with_lower(word, |w| {
        LEXICON.modifiers.contains(w) || LEXICON.heads.contains_key(w)
    })
}

/// True when a name's last word makes it an organisation.
pub(crate) fn is_org_head(word: &str) -> bool {
    with_lower(word, |w| LEXICON.orgs.contains(w))
}

/// True when a name's last word makes it a place.
pub(crate) fn is_loc_head(word: &str) -> bool {
    with_lower(word, |w| LEXICON.locs.contains(w))
}

/// The gender a title word implies, if any.
pub(crate) fn title_gender(word: &str) -> Option<Gender> {
    with_lower(word, |w| match w {
        "spokesman" | "chairman" | "congressman" | "king" | "prince" => Some(Gender::Male),
        "spokeswoman" | "chairwoman" | "congresswoman" | "queen" | "princess" => {
            Some(Gender::Female)
        }
        _ => None,
    })
}

/// True for a word that begins with an upper-case letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True for a name cut short to an initial (`F`, `F.`).
pub(crate) fn is_initial(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    let mut chars = w.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Strips a possessive ending (`Putin’s` → `Putin`).
pub(crate) fn strip_possessive(text: &str) -> &str {
    for suffix in ["’s", "'s", "’", "'"] {
        if let Some(stem) = text.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem;
        }
    }
    text
}

/// True for the small words that may sit inside a title ("Secretary of State").
pub(crate) fn is_title_joiner(word: &str) -> bool {
    matches!(word, "of" | "for" | "on")
}

/// Determiners that may open a title phrase.
pub(crate) fn is_determiner(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "the" | "a" | "an" | "his" | "her" | "their" | "its" | "our"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_case_and_diacritics() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Dolmabahçe Palace"), "dolmabahce palace");
        assert_eq!(fold("U.S."), "us");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("NATO"), fold("Nato"));
    }

    #[test]
    fn skeleton_joins_romanisations() {
        for (a, b) in [
            ("zelenskyy", "zelensky"),
            ("oleksii", "oleksiy"),
            ("navalny", "navalnyi"),
            ("andrii", "andriy"),
            ("sergey", "sergei"),
        ] {
            assert_eq!(skeleton(a), skeleton(b), "{a} / {b}");
        }
        assert_ne!(skeleton("kovalenko"), skeleton("kovacs"));
    }

    #[test]
    fn edit_distance_is_bounded() {
        assert_eq!(edit_distance("kitten", "sitting", 5), 3);
        assert_eq!(edit_distance("a", "abcdef", 2), 3);
    }

    #[test]
    fn plural_heads_are_recognised() {
        assert!(is_plural_head("envoys"));
        assert!(is_plural_head("secretaries"));
        assert!(!is_plural_head("envoy"));
        assert_eq!(title_head("spokesmen"), Some("spokesman"));
        assert!(is_title_word("Deputy"));
    }
}
