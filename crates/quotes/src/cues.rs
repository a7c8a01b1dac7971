//! The reporting-cue lexicon: verbs (with their inflections) and phrases that
//! introduce what someone said, wrote, thought or found.
//!
//! Each word carries a strength: the share of its uses in news text that report
//! speech or thought. `said` almost always does; `called` or `shows` often do not.
//! The strengths were estimated by counting, on the PolNeAR training split, how often
//! each word was annotated as a cue among all its occurrences (rounded to tenths).
//! The finder keeps only words at or above its threshold.

/// How a cue relates to its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueKind {
    /// A verb: `said`, `told`, `warned`.
    Verb,
    /// A verb that takes an addressee before its content (`told reporters that …`).
    Addressed,
    /// A participle joined to a clause (`…, saying the plan was dead`).
    Participle,
}

/// Cue words with their strength (tenths) and kind, sorted by word for binary search.
static CUES: &[(&str, u8, CueKind)] = &{
    use CueKind::{Addressed as A, Participle as P, Verb as V};
    [
        ("accuse", 6, A),
        ("accused", 7, A),
        ("accuses", 7, A),
        ("accusing", 7, A),
        ("acknowledge", 6, V),
        ("acknowledged", 8, V),
        ("acknowledges", 8, V),
        ("acknowledging", 8, P),
        ("add", 5, V),
        ("added", 8, V),
        ("adding", 7, P),
        ("adds", 6, V),
        ("admit", 5, V),
        ("admits", 8, V),
        ("admitted", 6, V),
        ("admitting", 6, P),
        ("advised", 5, A),
        ("affirmed", 6, V),
        ("agreed", 6, V),
        ("agrees", 6, V),
        ("alleged", 5, V),
        ("alleging", 5, P),
        ("announce", 6, V),
        ("announced", 8, V),
        ("announces", 8, V),
        ("announcing", 7, P),
        ("answered", 5, V),
        ("argue", 7, V),
        ("argued", 9, V),
        ("argues", 9, V),
        ("arguing", 8, P),
        ("ask", 5, A),
        ("asked", 8, A),
        ("asking", 6, P),
        ("asks", 7, A),
        ("assert", 7, V),
        ("asserted", 9, V),
        ("asserting", 8, P),
        ("asserts", 9, V),
        ("assured", 7, A),
        ("assures", 7, A),
        ("believe", 4, V),
        ("believed", 5, V),
        ("believes", 5, V),
        ("boasted", 8, V),
        ("boasts", 8, V),
        ("cautioned", 9, V),
        ("cautions", 9, V),
        ("chanted", 8, V),
        ("charged", 5, V),
        ("claim", 5, V),
        ("claimed", 9, V),
        ("claiming", 5, P),
        ("claims", 5, V),
        ("commented", 8, V),
        ("complain", 6, V),
        ("complained", 8, V),
        ("complains", 8, V),
        ("conceded", 9, V),
        ("concedes", 9, V),
        ("concluded", 7, V),
        ("concludes", 7, V),
        ("confirm", 5, V),
        ("confirmed", 6, V),
        ("confirms", 6, V),
        ("contend", 7, V),
        ("contended", 8, V),
        ("contends", 8, V),
        ("continued", 6, V),
        ("countered", 8, V),
        ("declare", 6, V),
        ("declared", 7, V),
        ("declares", 7, V),
        ("declaring", 7, P),
        ("demanded", 6, V),
        ("denied", 6, V),
        ("denies", 6, V),
        ("estimated", 4, V),
        ("explain", 4, V),
        ("explained", 8, V),
        ("explaining", 7, P),
        ("explains", 7, V),
        ("feared", 5, V),
        ("fears", 5, V),
        ("finds", 6, V),
        ("found", 4, V),
        ("hinted", 7, V),
        ("hints", 7, V),
        ("hoped", 5, V),
        ("hopes", 6, V),
        ("hoping", 7, P),
        ("indicate", 7, V),
        ("indicated", 8, V),
        ("indicates", 8, V),
        ("insist", 8, V),
        ("insisted", 9, V),
        ("insisting", 9, P),
        ("insists", 9, V),
        ("interjected", 9, V),
        ("joked", 9, V),
        ("jokes", 9, V),
        ("lamented", 9, V),
        ("laments", 9, V),
        ("learned", 4, V),
        ("maintained", 6, V),
        ("maintains", 6, V),
        ("mentioned", 6, V),
        ("mocked", 6, V),
        ("mocks", 6, V),
        ("noted", 9, V),
        ("notes", 7, V),
        ("noting", 9, P),
        ("observed", 7, V),
        ("opined", 9, V),
        ("opines", 9, V),
        ("pleaded", 7, V),
        ("pledged", 5, V),
        ("pledging", 8, P),
        ("predict", 4, V),
        ("predicted", 7, V),
        ("predicting", 6, P),
        ("predicts", 7, V),
        ("proclaimed", 8, V),
        ("promise", 5, V),
        ("promised", 8, V),
        ("promises", 5, V),
        ("promising", 6, P),
        ("questioned", 8, V),
        ("quipped", 9, V),
        ("quips", 9, V),
        ("read", 5, V),
        ("reads", 6, V),
        ("recalled", 9, V),
        ("recalling", 8, P),
        ("recalls", 9, V),
        ("reiterated", 9, V),
        ("remarked", 9, V),
        ("reminded", 8, A),
        ("replied", 8, V),
        ("replies", 8, V),
        ("reported", 7, V),
        ("reportedly", 6, V),
        ("responded", 7, V),
        ("retorted", 9, V),
        ("revealed", 7, V),
        ("reveals", 7, V),
        ("said", 9, V),
        ("say", 5, V),
        ("saying", 7, P),
        ("says", 9, V),
        ("screamed", 8, V),
        ("shouted", 7, V),
        ("signaled", 8, V),
        ("signalled", 8, V),
        ("speculated", 8, V),
        ("state", 3, V),
        ("stated", 8, V),
        ("states", 3, V),
        ("stating", 9, P),
        ("stressed", 8, V),
        ("stresses", 8, V),
        ("suggest", 6, V),
        ("suggested", 9, V),
        ("suggesting", 7, P),
        ("suggests", 7, V),
        ("suspect", 5, V),
        ("suspects", 5, V),
        ("tell", 5, A),
        ("telling", 5, A),
        ("tells", 7, A),
        ("testified", 8, V),
        ("think", 4, V),
        ("thinks", 4, V),
        ("thought", 4, V),
        ("told", 8, A),
        ("tweeted", 9, V),
        ("tweeting", 7, P),
        ("tweets", 9, V),
        ("urge", 6, A),
        ("urged", 9, A),
        ("urges", 9, A),
        ("urging", 5, P),
        ("vow", 7, V),
        ("vowed", 9, V),
        ("vowing", 8, P),
        ("vows", 9, V),
        ("warn", 9, V),
        ("warned", 9, A),
        ("warning", 5, P),
        ("warns", 9, A),
        ("wondered", 9, V),
        ("wonders", 9, V),
        ("worried", 5, V),
        ("worries", 4, V),
        ("writes", 8, V),
        ("wrote", 9, V),
    ]
};

/// Looks a word up, case-insensitively. Returns its strength (tenths) and kind.
pub(crate) fn lookup(word: &str) -> Option<(u8, CueKind)> {
    // Cue words are short ASCII; lowercase into a stack buffer instead of allocating.
    let bytes = word.as_bytes();
    if bytes.len() > 16 || !bytes.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 16];
    let lower = buf.get_mut(..bytes.len())?;
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).ok()?;
    CUES.binary_search_by(|(w, _, _)| (*w).cmp(lower))
        .ok()
        .and_then(|i| CUES.get(i))
        .map(|&(_, s, k)| (s, k))
}

/// Number of distinct cue words, for documentation and tests.
pub fn cue_count() -> usize {
    CUES.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_is_sorted_for_binary_search() {
        assert!(CUES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn lookup_ignores_case() {
        assert_eq!(lookup("Said").map(|c| c.0), Some(9));
        assert!(lookup("table").is_none());
    }
}
