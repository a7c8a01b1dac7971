//! Feature extraction. Each token is read once into a [`Tok`] of 64-bit keys (word,
//! lowercase, shape, affixes, cluster ids, gazetteer and document facts); a feature is then
//! one `mix` of a template id with one or two of those keys, reduced to a weight-table
//! bucket. No string is allocated per token or per feature.

use crate::hash::{Fnv, KeyMap, exact_key, mix};
use crate::lexicon::{Lexicon, PREFIX_BIT};

/// Which feature families a model uses (stored in the model file, so tagging always
/// extracts what training saw).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FeatureSet {
    /// Words, shapes and flags of the ±2 neighbours (the local token features are always on).
    pub window: bool,
    /// Document-level facts: how the same word is capitalised elsewhere in the document.
    pub document: bool,
    /// MiniLM token-embedding k-means cluster ids of the word and its ±1 neighbours.
    pub clusters: bool,
    /// Gazetteer matches (longest phrase match over the sentence).
    pub gazetteer: bool,
    /// A second pass that sees the first pass's tags here and for the same word elsewhere
    /// in the document.
    pub second_pass: bool,
    /// More window conjunctions: neighbour word × shape, context pairs, neighbour affixes
    /// and full shapes, clusters at ±2.
    pub extra: bool,
    /// First-order Viterbi decoding (structured perceptron) instead of greedy decoding.
    pub viterbi: bool,
    /// Context aggregation: the neighbours of the other capitalised occurrences of the
    /// same word in the document.
    pub context: bool,
}

impl Default for FeatureSet {
    fn default() -> Self {
        FeatureSet {
            window: true,
            document: true,
            clusters: true,
            gazetteer: true,
            second_pass: true,
            extra: true,
            viterbi: true,
            context: true,
        }
    }
}

impl FeatureSet {
    pub(crate) fn bits(self) -> u32 {
        u32::from(self.window)
            | u32::from(self.document) << 1
            | u32::from(self.clusters) << 2
            | u32::from(self.gazetteer) << 3
            | u32::from(self.second_pass) << 4
            | u32::from(self.extra) << 5
            | u32::from(self.viterbi) << 6
            | u32::from(self.context) << 7
    }

    pub(crate) fn from_bits(bits: u32) -> Self {
        FeatureSet {
            window: bits & 1 != 0,
            document: bits & 2 != 0,
            clusters: bits & 4 != 0,
            gazetteer: bits & 8 != 0,
            second_pass: bits & 16 != 0,
            extra: bits & 32 != 0,
            viterbi: bits & 64 != 0,
            context: bits & 128 != 0,
        }
    }
}

// Token flags.
const F_INIT_CAP: u16 = 1;
const F_ALL_CAPS: u16 = 1 << 1;
const F_ALL_LOWER: u16 = 1 << 2;
const F_HAS_DIGIT: u16 = 1 << 3;
const F_ALL_DIGIT: u16 = 1 << 4;
const F_HYPHEN: u16 = 1 << 5;
const F_PERIOD: u16 = 1 << 6;
const F_NO_ALNUM: u16 = 1 << 7;
const F_INNER_CAP: u16 = 1 << 8;
const F_FIRST: u16 = 1 << 9;
const F_SINGLE: u16 = 1 << 10;
const F_APOSTROPHE: u16 = 1 << 11;
const F_SCORE: u16 = 1 << 12;
const FLAG_COUNT: u64 = 13;

// Document flags.
const D_LOWER_SEEN: u8 = 1;
const D_CAP_MID_SEEN: u8 = 1 << 1;
const D_UNSURE_CASE: u8 = 1 << 2;
/// The document reports results (two or more score-like tokens such as 2-1): there,
/// place names are mostly teams.
const D_SCORES: u8 = 1 << 3;

// Sentence flags.
const S_ALL_CAPS: u8 = 1;
const S_FIRST_IN_DOC: u8 = 1 << 1;

/// "No previous tag" (sentence start) in the previous-tag features.
pub(crate) const START: u8 = 9;

/// One token, read once.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Tok {
    word: u64,
    pub(crate) lower: u64,
    shape: u64,
    short_shape: u64,
    prefix: [u64; 4],
    suffix: [u64; 4],
    flags: u16,
    /// Cluster ids + 1 (0 = no cluster).
    cluster: [u16; 3],
    cluster_whole: bool,
    gaz_single: u8,
    /// 0 = no match; else 1 + type * 2 + (0 for first token, 1 for later).
    gaz_span: u8,
    doc: u8,
    sent: u8,
    /// First-pass tag (class index), for the second pass.
    pub(crate) first: u8,
    /// Types (bit mask) the first pass gave other occurrences of this word in the document.
    pub(crate) elsewhere: u8,
    /// Lowercase keys of the neighbours (pads at sentence edges), for context aggregation.
    left: u64,
    right: u64,
    left2: u64,
    right2: u64,
}

const PAD_BEFORE: Tok = pad(0x5eed_0001);
const PAD_AFTER: Tok = pad(0x5eed_0002);

const fn pad(key: u64) -> Tok {
    Tok {
        word: key,
        lower: key,
        shape: key,
        short_shape: key,
        prefix: [key; 4],
        suffix: [key; 4],
        flags: 0,
        cluster: [0; 3],
        cluster_whole: false,
        gaz_single: 0,
        gaz_span: 0,
        doc: 0,
        sent: 0,
        first: START,
        elsewhere: 0,
        left: key,
        right: key,
        left2: key,
        right2: key,
    }
}

/// A document prepared for tagging: tokens and sentence bounds. Reused between documents.
#[derive(Debug, Default)]
pub(crate) struct DocInfo {
    pub(crate) toks: Vec<Tok>,
    pub(crate) sentences: Vec<(usize, usize)>,
    doc_stats: KeyMap<u8>,
    /// Per token, the range in `groups` of the other capitalised occurrences of its word.
    group_of: Vec<(u32, u32)>,
    groups: Vec<u32>,
    sort_buf: Vec<(u64, u32)>,
}

impl DocInfo {
    /// Reads a document's sentences into `self`.
    pub(crate) fn prepare<T: AsRef<[S]>, S: AsRef<str>>(
        &mut self,
        sentences: &[T],
        lexicon: &Lexicon,
        set: FeatureSet,
    ) {
        self.toks.clear();
        self.sentences.clear();
        for (si, sentence) in sentences.iter().enumerate() {
            let sentence = sentence.as_ref();
            let start = self.toks.len();
            for (i, word) in sentence.iter().enumerate() {
                self.toks
                    .push(read_token(word.as_ref(), i == 0, lexicon, set));
            }
            let end = self.toks.len();
            self.sentences.push((start, end));
            let toks = &mut self.toks[start..end];
            let has_letters = toks
                .iter()
                .any(|t| t.flags & (F_ALL_CAPS | F_ALL_LOWER | F_INIT_CAP) != 0);
            let all_caps = has_letters
                && toks
                    .iter()
                    .all(|t| t.flags & (F_ALL_LOWER | F_INNER_CAP) == 0 && !is_title(t.flags));
            let sent = (u8::from(all_caps) * S_ALL_CAPS) | (u8::from(si == 0) * S_FIRST_IN_DOC);
            for t in toks.iter_mut() {
                t.sent = sent;
            }
            if set.gazetteer && lexicon.has_gazetteer() {
                gazetteer_matches(sentence, toks, lexicon);
            }
        }
        if set.document {
            self.document_facts();
        }
        if set.context {
            self.context_groups();
        }
    }

    /// Groups the capitalised occurrences of each word, so each can see the contexts of
    /// the others (Ratinov & Roth's context aggregation).
    fn context_groups(&mut self) {
        for &(s, e) in &self.sentences {
            for i in s..e {
                let left = if i > s {
                    self.toks.get(i - 1).map_or(PAD_BEFORE.lower, |t| t.lower)
                } else {
                    PAD_BEFORE.lower
                };
                let right = if i + 1 < e {
                    self.toks.get(i + 1).map_or(PAD_AFTER.lower, |t| t.lower)
                } else {
                    PAD_AFTER.lower
                };
                let left2 = if i > s + 1 {
                    self.toks.get(i - 2).map_or(PAD_BEFORE.lower, |t| t.lower)
                } else {
                    PAD_BEFORE.lower
                };
                let right2 = if i + 2 < e {
                    self.toks.get(i + 2).map_or(PAD_AFTER.lower, |t| t.lower)
                } else {
                    PAD_AFTER.lower
                };
                if let Some(t) = self.toks.get_mut(i) {
                    t.left = left;
                    t.right = right;
                    t.left2 = left2;
                    t.right2 = right2;
                }
            }
        }
        self.sort_buf.clear();
        for (i, t) in self.toks.iter().enumerate() {
            if t.flags & (F_INIT_CAP | F_ALL_CAPS) != 0 {
                self.sort_buf.push((t.lower, i as u32));
            }
        }
        self.sort_buf.sort_unstable();
        self.groups.clear();
        self.group_of.clear();
        self.group_of.resize(self.toks.len(), (0, 0));
        let mut k = 0;
        while k < self.sort_buf.len() {
            let key = self.sort_buf.get(k).map_or(0, |x| x.0);
            let mut end = k;
            while self.sort_buf.get(end).is_some_and(|x| x.0 == key) {
                end += 1;
            }
            if end - k > 1 {
                let start = self.groups.len() as u32;
                self.groups
                    .extend(self.sort_buf.get(k..end).unwrap_or(&[]).iter().map(|x| x.1));
                for &(_, i) in self.sort_buf.get(k..end).unwrap_or(&[]) {
                    if let Some(g) = self.group_of.get_mut(i as usize) {
                        *g = (start, (end - k) as u32);
                    }
                }
            }
            k = end;
        }
    }

    /// How each word is capitalised elsewhere in the document, where its case means
    /// something (not sentence-initial, not in an all-caps sentence).
    fn document_facts(&mut self) {
        self.doc_stats.clear();
        for t in &self.toks {
            if t.sent & S_ALL_CAPS != 0 || t.flags & F_FIRST != 0 {
                continue;
            }
            let bit = if t.flags & F_ALL_LOWER != 0 {
                D_LOWER_SEEN
            } else if t.flags & F_INIT_CAP != 0 {
                D_CAP_MID_SEEN
            } else {
                continue;
            };
            *self.doc_stats.entry(t.lower).or_insert(0) |= bit;
        }
        let scores = self.toks.iter().filter(|t| t.flags & F_SCORE != 0).count();
        let scores = u8::from(scores >= 2) * D_SCORES;
        for t in &mut self.toks {
            let unsure = t.sent & S_ALL_CAPS != 0 || t.flags & F_FIRST != 0;
            t.doc = self.doc_stats.get(&t.lower).copied().unwrap_or(0)
                | (u8::from(unsure) * D_UNSURE_CASE)
                | scores;
        }
    }

    /// Records first-pass tags and, per word, the types given to its other occurrences.
    pub(crate) fn set_first_pass(&mut self, tags: &[u8]) {
        self.doc_stats.clear();
        for (t, &tag) in self.toks.iter_mut().zip(tags) {
            t.first = tag;
        }
        // Count per word how many times each type was given; "elsewhere" excludes the
        // token itself, so a type seen only here does not count.
        let mut counts: KeyMap<[u16; 4]> = KeyMap::default();
        for t in &self.toks {
            if t.flags & (F_INIT_CAP | F_ALL_CAPS) == 0 {
                continue;
            }
            if let Some(ty) = type_of(t.first) {
                counts.entry(t.lower).or_insert([0; 4])[ty] += 1;
            }
        }
        for t in &mut self.toks {
            let mut mask = 0u8;
            if let Some(c) = counts.get(&t.lower) {
                let own = type_of(t.first);
                for (ty, &n) in c.iter().enumerate() {
                    let others = if own == Some(ty) {
                        n.saturating_sub(1)
                    } else {
                        n
                    };
                    if others > 0 {
                        mask |= 1 << ty;
                    }
                }
            }
            t.elsewhere = mask;
        }
    }
}

fn type_of(tag: u8) -> Option<usize> {
    if tag == 0 || tag >= START {
        None
    } else {
        Some(usize::from(tag - 1) / 2)
    }
}

fn is_title(flags: u16) -> bool {
    flags & F_INIT_CAP != 0 && flags & F_ALL_CAPS == 0
}

fn read_token(word: &str, first: bool, lexicon: &Lexicon, set: FeatureSet) -> Tok {
    let mut t = Tok {
        word: exact_key(word),
        first: START,
        ..Tok::default()
    };
    let mut lower = Fnv::new();
    let mut shape = Fnv::new();
    let mut short = Fnv::new();
    let mut last_class = '\0';
    let (mut upper, mut lowerc, mut digit, mut other, mut n) = (0usize, 0usize, 0usize, 0, 0);
    let mut inner_cap = false;
    let mut prefix_h = Fnv::new();
    for (i, c) in word.chars().enumerate() {
        lower.lower_char(c);
        let class = if c.is_uppercase() {
            upper += 1;
            if i > 0 {
                inner_cap = true;
            }
            'X'
        } else if c.is_lowercase() {
            lowerc += 1;
            'x'
        } else if c.is_numeric() {
            digit += 1;
            'd'
        } else {
            other += 1;
            match c {
                '-' => t.flags |= F_HYPHEN,
                '.' => t.flags |= F_PERIOD,
                '\'' | '’' => t.flags |= F_APOSTROPHE,
                _ => {}
            }
            c
        };
        if i < 16 {
            shape.char(class);
        }
        if class != last_class {
            short.char(class);
            last_class = class;
        }
        if i < 4 {
            prefix_h.lower_char(c);
            t.prefix[i] = mix(prefix_h.finish(), 0x0070_7265);
        }
        n += 1;
    }
    // Suffixes: walk the last four chars backwards into a small buffer.
    let mut tail = ['\0'; 4];
    let mut k = 0;
    for c in word.chars().rev().take(4) {
        tail[k] = c;
        k += 1;
    }
    for len in 0..k {
        // The suffix of len + 1 chars is tail[len], ..., tail[0]; hash it forwards.
        let mut h = Fnv::new();
        for c in tail.iter().take(len + 1).rev() {
            h.lower_char(*c);
        }
        if let Some(slot) = t.suffix.get_mut(len) {
            *slot = mix(h.finish(), 0x0073_7566);
        }
    }
    t.lower = lower.finish();
    t.shape = shape.finish();
    t.short_shape = short.finish();
    let letters = upper + lowerc;
    if upper > 0 && word.chars().next().is_some_and(char::is_uppercase) {
        t.flags |= F_INIT_CAP;
    }
    if letters > 0 && lowerc == 0 {
        t.flags |= F_ALL_CAPS;
    }
    if letters > 0 && upper == 0 {
        t.flags |= F_ALL_LOWER;
    }
    if digit > 0 {
        t.flags |= F_HAS_DIGIT;
        if digit == n {
            t.flags |= F_ALL_DIGIT;
        }
    }
    if letters + digit == 0 && other > 0 {
        t.flags |= F_NO_ALNUM;
    }
    if inner_cap && lowerc > 0 {
        t.flags |= F_INNER_CAP;
    }
    if first {
        t.flags |= F_FIRST;
    }
    if n == 1 {
        t.flags |= F_SINGLE;
    }
    if digit > 0
        && digit + 1 == n
        && word.trim_matches(|c: char| c.is_ascii_digit()).len() == 1
        && word.contains('-')
    {
        t.flags |= F_SCORE;
    }
    if set.clusters
        && let Some((ids, whole)) = lexicon.cluster(word)
    {
        for (slot, id) in t.cluster.iter_mut().zip(ids) {
            *slot = id.saturating_add(1);
        }
        t.cluster_whole = whole;
    }
    t
}

/// Greedy longest gazetteer match, left to right, over phrases that start capitalised.
fn gazetteer_matches<S: AsRef<str>>(sentence: &[S], toks: &mut [Tok], lexicon: &Lexicon) {
    let max = lexicon.gazetteer_max_len.max(1);
    let mut i = 0;
    while i < toks.len() {
        let starts_cap = toks.get(i).is_some_and(|t| t.flags & F_INIT_CAP != 0);
        if !starts_cap {
            i += 1;
            continue;
        }
        let mut h = Fnv::new();
        let mut best: Option<(usize, u8)> = None;
        for len in 1..=max {
            let Some(word) = sentence.get(i + len - 1) else {
                break;
            };
            if len > 1 {
                h.char(' ');
            }
            for c in word.as_ref().chars() {
                h.lower_char(c);
            }
            let mask = lexicon.gazetteer_mask(h.finish());
            if mask & 0x0f != 0 {
                best = Some((len, mask));
            }
            if mask & !PREFIX_BIT != 0
                && len == 1
                && let Some(t) = toks.get_mut(i)
            {
                t.gaz_single = mask & !PREFIX_BIT;
            }
            if mask & PREFIX_BIT == 0 {
                break;
            }
        }
        match best {
            // Multi-token spans come from the entity-type lists only (bits 0-3).
            Some((len, mask)) if mask & 0x0f != 0 => {
                let ty = (mask & 0x0f).trailing_zeros() as u8;
                for (j, t) in toks.iter_mut().skip(i).take(len).enumerate() {
                    t.gaz_span = 1 + ty * 2 + u8::from(j > 0);
                }
                i += len;
            }
            _ => i += 1,
        }
    }
}

// Template ids: arbitrary distinct constants, mixed with the keys.
macro_rules! templates {
    ($($name:ident = $v:expr),* $(,)?) => { $(const $name: u64 = $v;)* };
}
templates! {
    T_BIAS = 1, T_WORD = 2, T_LOWER = 3, T_SHAPE = 4, T_SHORT = 5, T_PREFIX = 6, T_SUFFIX = 10,
    T_FLAGS = 14, T_FLAG = 15, T_LOWER_M1 = 30, T_LOWER_M2 = 31, T_LOWER_P1 = 32,
    T_LOWER_P2 = 33, T_WORD_M1 = 34, T_WORD_P1 = 35, T_SHORT_M1 = 36, T_SHORT_M2 = 37,
    T_SHORT_P1 = 38, T_SHORT_P2 = 39, T_BIGRAM_M = 40, T_BIGRAM_P = 41, T_SHORT_TRI = 42,
    T_FLAGS_M1 = 43, T_FLAGS_P1 = 44, T_SUFFIX3_M1 = 45, T_SUFFIX3_P1 = 46,
    T_CAPS_SENT_SHAPE = 50, T_CAPS_SENT_LOWER = 51, T_FIRST_DOC_SHAPE = 52,
    T_CLUSTER = 60, T_CLUSTER_M1 = 63, T_CLUSTER_P1 = 66, T_CLUSTER_SHAPE = 69,
    T_GAZ_SINGLE = 70, T_GAZ_SPAN = 71, T_GAZ_SPAN_M1 = 72, T_GAZ_SPAN_P1 = 73,
    T_GAZ_SPAN_SHAPE = 74,
    T_DOC = 80, T_DOC_FLAGS = 81, T_DOC_SHAPE = 82,
    T_FIRST = 90, T_FIRST_M1 = 91, T_FIRST_P1 = 92, T_ELSEWHERE = 93, T_ELSEWHERE_FIRST = 94,
    T_ELSEWHERE_SHAPE = 95, T_FIRST_M1_P1 = 96,
    T_LOWER_M1_SHORT = 110, T_SHORT_LOWER_P1 = 111, T_CONTEXT = 112, T_CLUSTER_M2 = 113,
    T_CLUSTER_P2 = 114, T_PREFIX3_P1 = 115, T_SUFFIX2_M1 = 116, T_SHAPE_M1 = 117, T_SHAPE_P1 = 118,
    T_GAZ_SINGLE_SHAPE = 120, T_GAZ_SINGLE_M1 = 121, T_GAZ_SINGLE_P1 = 122,
    T_SCORES_LOWER = 123, T_SCORES_GAZ = 124,
    T_FIRST_LOWER = 125, T_ELSEWHERE_M1 = 126, T_ELSEWHERE_P1 = 127,
    T_AGG_LEFT = 128, T_AGG_RIGHT = 129, T_AGG_BOTH = 130, T_AGG_SHAPE = 131, T_AGG_LEFT2 = 132,
    T_AGG_RIGHT2 = 133,
    T_PREV = 100, T_PREV2 = 101, T_PREV_LOWER = 102, T_PREV_SHORT = 103,
}

/// log2 of the number of transition blocks for a table of `bits` emission buckets.
pub(crate) fn transition_bits(bits: u32) -> u32 {
    bits.saturating_sub(5).max(1)
}

/// Rows of a weight table: emission buckets, then ten rows per transition block.
pub(crate) fn table_rows(bits: u32) -> usize {
    (1usize << bits) + 10 * (1usize << transition_bits(bits))
}

/// Pushes weight-table buckets into `out`.
pub(crate) struct Sink<'a> {
    pub(crate) out: &'a mut Vec<u32>,
    pub(crate) shift: u32,
}

impl Sink<'_> {
    #[inline]
    fn push(&mut self, key: u64) {
        // The high bits of a mixed key are the best mixed; `shift` = 64 - table bits.
        self.out.push((key >> self.shift) as u32);
    }
    /// Row of a transition feature: (template, key) picks a block of ten rows after the
    /// emission buckets, one row per previous tag, so the nine previous tags of one token
    /// read adjacent memory.
    #[inline]
    fn trans(&mut self, template: u64, key: u64, prev: u8) {
        let bits = 64 - self.shift;
        let block = mix(template, key) >> (64 - transition_bits(bits));
        self.out
            .push((1u32 << bits) + block as u32 * 10 + u32::from(prev.min(START)));
    }

    #[inline]
    fn one(&mut self, template: u64, a: u64) {
        self.push(mix(template, a));
    }
    #[inline]
    fn two(&mut self, template: u64, a: u64, b: u64) {
        self.push(mix(mix(template, a), b));
    }
}

/// Features that do not depend on earlier decisions of this pass.
pub(crate) fn static_features(
    set: FeatureSet,
    second: bool,
    doc: &DocInfo,
    sentence: (usize, usize),
    i: usize,
    sink: &mut Sink<'_>,
) {
    let (start, end) = sentence;
    let at = |d: isize| -> &Tok {
        let j = i as isize + d;
        if j < start as isize {
            &PAD_BEFORE
        } else if j >= end as isize {
            &PAD_AFTER
        } else {
            doc.toks.get(j as usize).unwrap_or(&PAD_AFTER)
        }
    };
    let t = at(0);
    sink.push(mix(T_BIAS, 0));
    sink.one(T_WORD, t.word);
    sink.one(T_LOWER, t.lower);
    sink.one(T_SHAPE, t.shape);
    sink.one(T_SHORT, t.short_shape);
    for k in 0..4 {
        if t.prefix[k] != 0 {
            sink.one(T_PREFIX + k as u64, t.prefix[k]);
        }
        if t.suffix[k] != 0 {
            sink.one(T_SUFFIX + k as u64, t.suffix[k]);
        }
    }
    sink.one(T_FLAGS, u64::from(t.flags));
    for b in 0..FLAG_COUNT {
        if t.flags & (1 << b) != 0 {
            sink.one(T_FLAG, b);
        }
    }
    let caps_sentence = u64::from(t.sent & S_ALL_CAPS);
    sink.two(T_CAPS_SENT_SHAPE, caps_sentence, t.short_shape);
    if caps_sentence != 0 {
        sink.one(T_CAPS_SENT_LOWER, t.lower);
    }
    sink.two(
        T_FIRST_DOC_SHAPE,
        u64::from(t.sent & S_FIRST_IN_DOC),
        t.short_shape,
    );

    if set.window {
        let (m2, m1, p1, p2) = (at(-2), at(-1), at(1), at(2));
        sink.one(T_LOWER_M1, m1.lower);
        sink.one(T_LOWER_M2, m2.lower);
        sink.one(T_LOWER_P1, p1.lower);
        sink.one(T_LOWER_P2, p2.lower);
        sink.one(T_WORD_M1, m1.word);
        sink.one(T_WORD_P1, p1.word);
        sink.one(T_SHORT_M1, m1.short_shape);
        sink.one(T_SHORT_M2, m2.short_shape);
        sink.one(T_SHORT_P1, p1.short_shape);
        sink.one(T_SHORT_P2, p2.short_shape);
        sink.two(T_BIGRAM_M, m1.lower, t.lower);
        sink.two(T_BIGRAM_P, t.lower, p1.lower);
        sink.push(mix(
            mix(mix(T_SHORT_TRI, m1.short_shape), t.short_shape),
            p1.short_shape,
        ));
        sink.two(T_FLAGS_M1, u64::from(m1.flags), u64::from(t.flags));
        sink.two(T_FLAGS_P1, u64::from(t.flags), u64::from(p1.flags));
        sink.one(T_SUFFIX3_M1, m1.suffix[2]);
        sink.one(T_SUFFIX3_P1, p1.suffix[2]);
        if set.extra {
            sink.two(T_LOWER_M1_SHORT, m1.lower, t.short_shape);
            sink.two(T_SHORT_LOWER_P1, t.short_shape, p1.lower);
            sink.two(T_CONTEXT, m1.lower, p1.lower);
            sink.one(T_PREFIX3_P1, p1.prefix[2]);
            sink.one(T_SUFFIX2_M1, m1.suffix[1]);
            sink.one(T_SHAPE_M1, m1.shape);
            sink.one(T_SHAPE_P1, p1.shape);
            if set.clusters {
                sink.one(T_CLUSTER_M2, u64::from(m2.cluster[2]));
                sink.one(T_CLUSTER_P2, u64::from(p2.cluster[2]));
            }
        }
    }

    if set.clusters {
        let whole = u64::from(t.cluster_whole);
        for k in 0..3 {
            sink.two(T_CLUSTER + k as u64, u64::from(t.cluster[k]), whole);
        }
        if set.window {
            let (m1, p1) = (at(-1), at(1));
            for k in 0..3 {
                sink.one(T_CLUSTER_M1 + k as u64, u64::from(m1.cluster[k]));
                sink.one(T_CLUSTER_P1 + k as u64, u64::from(p1.cluster[k]));
            }
        }
        sink.two(T_CLUSTER_SHAPE, u64::from(t.cluster[1]), t.short_shape);
    }

    if set.gazetteer {
        sink.one(T_GAZ_SINGLE, u64::from(t.gaz_single));
        sink.one(T_GAZ_SPAN, u64::from(t.gaz_span));
        sink.two(T_GAZ_SPAN_SHAPE, u64::from(t.gaz_span), t.short_shape);
        sink.two(T_GAZ_SINGLE_SHAPE, u64::from(t.gaz_single), t.short_shape);
        if set.window {
            sink.one(T_GAZ_SINGLE_M1, u64::from(at(-1).gaz_single));
            sink.one(T_GAZ_SINGLE_P1, u64::from(at(1).gaz_single));
            sink.one(T_GAZ_SPAN_M1, u64::from(at(-1).gaz_span));
            sink.one(T_GAZ_SPAN_P1, u64::from(at(1).gaz_span));
        }
    }

    if set.document {
        sink.one(T_DOC, u64::from(t.doc));
        sink.two(T_DOC_FLAGS, u64::from(t.doc), u64::from(t.flags & 0x7));
        sink.two(T_DOC_SHAPE, u64::from(t.doc), t.short_shape);
        if t.doc & D_SCORES != 0 {
            sink.one(T_SCORES_LOWER, t.lower);
            sink.one(T_SCORES_GAZ, u64::from(t.gaz_span));
        }
    }

    if set.context
        && let Some(&(start, len)) = doc.group_of.get(i)
    {
        // At most eight other occurrences: enough evidence, bounded cost.
        let members = doc
            .groups
            .get(start as usize..(start + len) as usize)
            .unwrap_or(&[]);
        for &j in members.iter().filter(|&&j| j as usize != i).take(8) {
            if let Some(o) = doc.toks.get(j as usize) {
                sink.one(T_AGG_LEFT, o.left);
                sink.one(T_AGG_RIGHT, o.right);
                if set.extra {
                    sink.two(T_AGG_BOTH, o.left, o.right);
                    sink.one(T_AGG_SHAPE, o.short_shape);
                    sink.one(T_AGG_LEFT2, o.left2);
                    sink.one(T_AGG_RIGHT2, o.right2);
                }
            }
        }
    }

    if second {
        second_pass_features(doc, sentence, i, sink);
    }
}

/// Second-pass features: the first pass's tags around the token and for the same word
/// elsewhere in the document.
pub(crate) fn second_pass_features(
    doc: &DocInfo,
    sentence: (usize, usize),
    i: usize,
    sink: &mut Sink<'_>,
) {
    let (start, end) = sentence;
    let at = |d: isize| -> &Tok {
        let j = i as isize + d;
        if j < start as isize {
            &PAD_BEFORE
        } else if j >= end as isize {
            &PAD_AFTER
        } else {
            doc.toks.get(j as usize).unwrap_or(&PAD_AFTER)
        }
    };
    let t = at(0);
    let (m1, p1) = (at(-1), at(1));
    sink.one(T_FIRST, u64::from(t.first));
    sink.one(T_FIRST_M1, u64::from(m1.first));
    sink.one(T_FIRST_P1, u64::from(p1.first));
    sink.two(T_FIRST_M1_P1, u64::from(m1.first), u64::from(p1.first));
    sink.one(T_ELSEWHERE, u64::from(t.elsewhere));
    sink.two(
        T_ELSEWHERE_FIRST,
        u64::from(t.elsewhere),
        u64::from(t.first),
    );
    sink.two(T_ELSEWHERE_SHAPE, u64::from(t.elsewhere), t.short_shape);
    sink.two(T_FIRST_LOWER, u64::from(t.first), t.lower);
    sink.one(T_ELSEWHERE_M1, u64::from(at(-1).elsewhere));
    sink.one(T_ELSEWHERE_P1, u64::from(at(1).elsewhere));
}

/// Features of the tags this pass already chose for the two previous tokens.
#[inline]
pub(crate) fn dynamic_features(tok: &Tok, prev: u8, prev2: u8, sink: &mut Sink<'_>) {
    sink.one(T_PREV, u64::from(prev));
    sink.two(T_PREV2, u64::from(prev), u64::from(prev2));
    sink.trans(T_PREV_LOWER, tok.lower, prev);
    sink.trans(T_PREV_SHORT, tok.short_shape, prev);
}

/// Features of (previous tag, this token), for Viterbi decoding.
#[inline]
pub(crate) fn transition_features(tok: &Tok, prev: u8, sink: &mut Sink<'_>) {
    prev_tag_feature(prev, sink);
    token_transition_features(tok, prev, sink);
}

/// The part of [`transition_features`] that ignores the token (computed once per sentence).
#[inline]
pub(crate) fn prev_tag_feature(prev: u8, sink: &mut Sink<'_>) {
    sink.one(T_PREV, u64::from(prev));
}

/// The part of [`transition_features`] that depends on the token.
#[inline]
pub(crate) fn token_transition_features(tok: &Tok, prev: u8, sink: &mut Sink<'_>) {
    sink.trans(T_PREV_LOWER, tok.lower, prev);
    sink.trans(T_PREV_SHORT, tok.short_shape, prev);
}

/// The rows [`token_transition_features`] gives for previous tag 0, in the same order;
/// previous tag `p` reads these rows plus `p`. Decoding hashes each token once this way
/// instead of once per previous tag (the block does not depend on the tag).
#[inline]
pub(crate) fn token_transition_rows(tok: &Tok, shift: u32) -> [u32; 2] {
    let bits = 64 - shift;
    let row = |template: u64, key: u64| {
        let block = mix(template, key) >> (64 - transition_bits(bits));
        (1u32 << bits) + block as u32 * 10
    };
    [
        row(T_PREV_LOWER, tok.lower),
        row(T_PREV_SHORT, tok.short_shape),
    ]
}
