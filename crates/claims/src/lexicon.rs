//! The closed word classes and the verb forms the clause reader needs, and a small
//! English lemmatiser (irregular-verb table plus suffix rules).
//!
//! Everything is looked up in one hash map built once, keyed by the lowercase
//! form; a word is lowercased into a stack buffer, so a lookup allocates nothing.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// Word-class bits.
pub(crate) mod class {
    pub const DET: u32 = 1;
    pub const PRON: u32 = 1 << 1;
    pub const PREP: u32 = 1 << 2;
    pub const CONJ: u32 = 1 << 3;
    pub const BE: u32 = 1 << 4;
    pub const HAVE: u32 = 1 << 5;
    pub const DO: u32 = 1 << 6;
    pub const MODAL_PLAN: u32 = 1 << 7;
    pub const MODAL_HEDGE: u32 = 1 << 8;
    pub const NEG: u32 = 1 << 9;
    /// `expected`, `due`, `set`, `scheduled`, `plans`… followed by `to`.
    pub const PLAN_CAT: u32 = 1 << 10;
    /// `refused`, `declined`, `failed` followed by `to`.
    pub const NEG_CAT: u32 = 1 << 11;
    /// `appears`, `seems`, `believed`, `likely` followed by `to`.
    pub const HEDGE_CAT: u32 = 1 << 12;
    pub const HEDGE_ADV: u32 = 1 << 13;
    pub const REL: u32 = 1 << 14;
    pub const WEEKDAY: u32 = 1 << 15;
    pub const MONTH: u32 = 1 << 16;
    pub const DAYWORD: u32 = 1 << 17;
    pub const NUMWORD: u32 = 1 << 18;
    pub const MULT: u32 = 1 << 19;
    /// A verb form (known base or irregular).
    pub const VERB: u32 = 1 << 20;
    /// Reporting verbs (`say`, `tell`, `add`, `confirm`…), any form.
    pub const REPORT: u32 = 1 << 21;
    /// Motion verbs that take `to` as part of the predicate (`travel to`).
    pub const MOTION: u32 = 1 << 22;
    /// Verb particles (`up`, `out`, `off`…).
    pub const PARTICLE: u32 = 1 << 23;
    /// Words that look like verb forms but in news are almost always something
    /// else (`need`, `hundred`, `united`, `news`).
    pub const NOT_VERB: u32 = 1 << 24;
    /// A temporal modifier word (`early`, `late`, `last`, `next`, `this`).
    pub const TIME_MOD: u32 = 1 << 25;
    /// `to`.
    pub const TO: u32 = 1 << 26;
    /// `that`.
    pub const THAT: u32 = 1 << 27;
}

/// The grammatical form of a verb token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VerbForm {
    Base,
    ThirdPerson,
    Past,
    PastParticiple,
    /// Past tense and participle written the same (`signed`, `met`).
    PastOrParticiple,
    Ing,
}

/// What the lexicon knows about a lowercase word.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub class: u32,
    /// For verb forms: the lemma.
    pub lemma: Option<&'static str>,
    pub form: Option<VerbForm>,
    /// For number words: the value; for months and weekdays: their number (1-based).
    pub number: u32,
}

pub(crate) const EMPTY: Entry = Entry {
    class: 0,
    lemma: None,
    form: None,
    number: 0,
};

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "this", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "some", "any", "each", "every", "both", "several", "many", "another", "such", "other",
];
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "who"];
const PREPOSITIONS: &[&str] = &[
    "in",
    "on",
    "at",
    "to",
    "from",
    "with",
    "by",
    "for",
    "of",
    "into",
    "onto",
    "over",
    "after",
    "before",
    "during",
    "since",
    "until",
    "under",
    "between",
    "against",
    "about",
    "across",
    "near",
    "outside",
    "inside",
    "through",
    "despite",
    "amid",
    "among",
    "without",
    "within",
    "towards",
    "toward",
    "via",
    "per",
    "than",
    "like",
    "around",
    "along",
    "behind",
    "beyond",
    "following",
    "throughout",
    "upon",
    "off",
];
const CONJUNCTIONS: &[&str] = &[
    "and", "but", "or", "while", "whereas", "although", "though", "because", "when", "where", "if",
    "so", "as", "whether", "unless", "nor", "yet",
];
const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re",
];
const HAVE: &[&str] = &["has", "have", "had", "having", "'ve"];
const DO: &[&str] = &["do", "does", "did"];
const MODAL_PLAN: &[&str] = &["will", "shall", "'ll", "would", "wo"];
const MODAL_HEDGE: &[&str] = &["may", "might", "could", "can", "should", "must", "ca"];
const NEGATIONS: &[&str] = &["not", "never", "n't", "no"];
const PLAN_CAT: &[&str] = &[
    "expected",
    "due",
    "set",
    "scheduled",
    "slated",
    "poised",
    "plans",
    "planned",
    "plan",
    "planning",
    "intends",
    "intended",
    "intend",
    "aims",
    "aimed",
    "going",
    "prepared",
    "preparing",
    "hopes",
    "hoped",
    "hoping",
    "expects",
];
const NEG_CAT: &[&str] = &[
    "refused", "refuses", "refuse", "declined", "declines", "decline", "failed", "fails", "fail",
];
const HEDGE_CAT: &[&str] = &[
    "appears",
    "appeared",
    "seems",
    "seemed",
    "believed",
    "thought",
    "likely",
    "alleged",
    "reported",
    "said",
    "understood",
    "rumoured",
    "rumored",
    "unlikely",
    "tipped",
];
const HEDGE_ADV: &[&str] = &[
    "reportedly",
    "possibly",
    "allegedly",
    "probably",
    "perhaps",
    "apparently",
    "likely",
    "purportedly",
    "seemingly",
    "supposedly",
    "maybe",
];
const RELATIVES: &[&str] = &["who", "which", "whom", "whose"];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan.", "feb.", "mar.", "apr.", "may.", "jun.", "jul.", "aug.", "sep.", "oct.", "nov.", "dec.",
];
const DAYWORDS: &[&str] = &["today", "yesterday", "tomorrow", "tonight"];
const TIME_MODS: &[&str] = &[
    "early", "late", "last", "next", "this", "on", "earlier", "later",
];
const NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
    ("dozen", 12),
    ("dozens", 24),
    ("hundreds", 200),
    ("thousands", 2000),
];
const MULTIPLIERS: &[(&str, u32)] = &[
    ("hundred", 100),
    ("thousand", 1_000),
    ("million", 1_000_000),
    ("billion", 1_000_000_000),
];
const REPORTING: &[&str] = &[
    "say",
    "tell",
    "add",
    "state",
    "announce",
    "confirm",
    "claim",
    "insist",
    "warn",
    "note",
    "explain",
    "deny",
    "write",
    "declare",
    "stress",
    "argue",
    "report",
    "acknowledge",
    "admit",
    "suggest",
    "assert",
    "reiterate",
    "emphasise",
    "emphasize",
    "indicate",
    "predict",
    "reply",
    "respond",
    "comment",
    "estimate",
    "believe",
    "think",
    "hint",
];
const MOTION: &[&str] = &[
    "travel", "go", "come", "return", "fly", "head", "move", "arrive", "walk", "drive", "sail",
    "march", "flee", "retreat", "advance", "journey", "relocate", "deploy",
];
const PARTICLES: &[&str] = &["up", "out", "off", "down", "back", "away", "over"];
const NOT_VERBS: &[&str] = &[
    "need",
    "needs",
    "hundred",
    "united",
    "news",
    "red",
    "bed",
    "speed",
    "seed",
    "series",
    "species",
    "bus",
    "gas",
    "yes",
    "always",
    "has",
    "does",
    "this",
    "thus",
    "less",
    "unless",
    "various",
    "previous",
    "serious",
    "famous",
    "us",
    "its",
    "is",
    "was",
    "as",
    "sides",
    "forces",
    "talks",
    "troops",
    "officials",
    "leaders",
    "years",
    "days",
    "weeks",
    "months",
    "hours",
    "times",
    "members",
    "people",
    "countries",
    "states",
    "nations",
    "parties",
    "ties",
    "relations",
    "news",
    "rights",
    "arms",
    "terms",
    "efforts",
    "plans",
    "hundreds",
    "thousands",
    "millions",
    "dozens",
    "sanctions",
    "negotiations",
    "elections",
    "tensions",
    "weapons",
    "prisoners",
    "guarantees",
    "kind",
    "ground",
];

/// Regular verbs that news reports use most, by their base form.
const REGULAR_VERBS: &[&str] = &[
    "accept",
    "accuse",
    "achieve",
    "act",
    "add",
    "address",
    "admit",
    "adopt",
    "agree",
    "aim",
    "allow",
    "announce",
    "appear",
    "appoint",
    "approve",
    "argue",
    "arrest",
    "arrive",
    "ask",
    "assert",
    "attack",
    "attempt",
    "attend",
    "back",
    "ban",
    "block",
    "boost",
    "call",
    "cancel",
    "capture",
    "cause",
    "celebrate",
    "change",
    "charge",
    "claim",
    "close",
    "collapse",
    "comment",
    "commit",
    "complete",
    "conclude",
    "condemn",
    "confirm",
    "consider",
    "continue",
    "convene",
    "convict",
    "create",
    "criticise",
    "criticize",
    "damage",
    "declare",
    "decline",
    "defeat",
    "defend",
    "delay",
    "deliver",
    "demand",
    "deny",
    "deploy",
    "describe",
    "destroy",
    "detain",
    "develop",
    "die",
    "direct",
    "discuss",
    "dismiss",
    "drop",
    "elect",
    "emphasise",
    "emphasize",
    "end",
    "enter",
    "escalate",
    "establish",
    "estimate",
    "evacuate",
    "exchange",
    "expand",
    "expect",
    "explain",
    "express",
    "extend",
    "face",
    "fail",
    "file",
    "finish",
    "fire",
    "follow",
    "force",
    "form",
    "gather",
    "halt",
    "hand",
    "happen",
    "head",
    "help",
    "host",
    "hope",
    "ignore",
    "impose",
    "include",
    "increase",
    "indicate",
    "injure",
    "insist",
    "intend",
    "introduce",
    "invade",
    "invite",
    "issue",
    "join",
    "journey",
    "jump",
    "kill",
    "land",
    "launch",
    "list",
    "live",
    "locate",
    "look",
    "march",
    "mark",
    "mention",
    "move",
    "name",
    "need",
    "negotiate",
    "nominate",
    "note",
    "obtain",
    "occur",
    "offer",
    "open",
    "order",
    "organise",
    "organize",
    "participate",
    "pass",
    "pay",
    "plan",
    "play",
    "pledge",
    "point",
    "postpone",
    "praise",
    "predict",
    "prepare",
    "present",
    "press",
    "prevent",
    "produce",
    "promise",
    "propose",
    "protest",
    "prove",
    "provide",
    "publish",
    "pull",
    "push",
    "question",
    "raise",
    "reach",
    "receive",
    "record",
    "reduce",
    "refuse",
    "reiterate",
    "reject",
    "release",
    "relocate",
    "remain",
    "remove",
    "repeat",
    "replace",
    "reply",
    "report",
    "represent",
    "request",
    "require",
    "rescue",
    "resign",
    "respond",
    "restore",
    "resume",
    "retreat",
    "return",
    "reveal",
    "rule",
    "sail",
    "sanction",
    "score",
    "secure",
    "serve",
    "settle",
    "share",
    "shell",
    "sign",
    "start",
    "state",
    "stay",
    "step",
    "stop",
    "strengthen",
    "stress",
    "submit",
    "suffer",
    "suggest",
    "support",
    "surge",
    "surrender",
    "suspend",
    "talk",
    "target",
    "test",
    "threaten",
    "total",
    "touch",
    "track",
    "trade",
    "travel",
    "try",
    "turn",
    "urge",
    "use",
    "visit",
    "vote",
    "wait",
    "walk",
    "want",
    "warn",
    "welcome",
    "work",
    "worry",
    "advance",
    "convince",
    "undercut",
    "accompany",
    "abandon",
    "collaborate",
    "compensate",
    "contain",
    "decide",
    "employ",
    "exceed",
    "mediate",
    "observe",
    "outline",
    "overturn",
    "participate",
    "ratify",
    "reaffirm",
    "recall",
    "recognise",
    "recognize",
    "renew",
    "reopen",
    "sentence",
    "shape",
    "shift",
    "sponsor",
    "trigger",
    "unveil",
    "uphold",
    "violate",
    "withdraw",
    "discover",
    "announce",
    "acknowledge",
    "comply",
    "attribute",
    "hold",
    "believe",
    "prompt",
    "cite",
    "quote",
    "tweet",
    "post",
];

/// Regular verbs that double their last consonant (`stopped`, `planning`).
const DOUBLING: &[&str] = &[
    "ban", "commit", "drop", "plan", "step", "stop", "submit", "admit", "regret", "control",
    "kidnap", "rob", "trap", "ship", "grab", "shop", "occur", "patrol", "refer", "prefer",
];

/// Irregular verbs: base, past, past participle.
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was", "been"),
    ("begin", "began", "begun"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fly", "flew", "flown"),
    ("forget", "forgot", "forgotten"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "got"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("let", "let", "let"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("overtake", "overtook", "overtaken"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shoot", "shot", "shot"),
    ("shut", "shut", "shut"),
    ("sit", "sat", "sat"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("strike", "struck", "struck"),
    ("swear", "swore", "sworn"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("undertake", "undertook", "undertaken"),
    ("understand", "understood", "understood"),
    ("uphold", "upheld", "upheld"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("win", "won", "won"),
    ("withdraw", "withdrew", "withdrawn"),
    ("write", "wrote", "written"),
    ("become", "became", "become"),
    ("bear", "bore", "borne"),
    ("hang", "hung", "hung"),
    ("arise", "arose", "arisen"),
    ("forbid", "forbade", "forbidden"),
    ("sink", "sank", "sunk"),
    ("spread", "spread", "spread"),
    ("sweep", "swept", "swept"),
    ("tear", "tore", "torn"),
    ("oversee", "oversaw", "overseen"),
];

/// Irregular plural nouns a head may take.
const IRREGULAR_PLURALS: &[(&str, &str)] = &[
    ("men", "man"),
    ("women", "woman"),
    ("children", "child"),
    ("people", "people"),
    ("police", "police"),
    ("news", "news"),
    ("series", "series"),
    ("feet", "foot"),
    ("mice", "mouse"),
    ("crises", "crisis"),
    ("analyses", "analysis"),
    ("data", "data"),
    ("media", "media"),
];

fn ends_consonant_y(base: &str) -> bool {
    let b = base.as_bytes();
    b.len() >= 2
        && b[b.len() - 1] == b'y'
        && !matches!(b[b.len() - 2], b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Regular inflections of a base form: third person, past, -ing.
fn inflect(base: &str, doubles: bool) -> [String; 3] {
    let third = if base.ends_with('s')
        || base.ends_with('x')
        || base.ends_with('z')
        || base.ends_with("ch")
        || base.ends_with("sh")
        || base.ends_with('o')
    {
        format!("{base}es")
    } else if ends_consonant_y(base) {
        format!("{}ies", &base[..base.len() - 1])
    } else {
        format!("{base}s")
    };
    let last = base.chars().last().unwrap_or('x');
    let past = if doubles {
        format!("{base}{last}ed")
    } else if base.ends_with('e') {
        format!("{base}d")
    } else if ends_consonant_y(base) {
        format!("{}ied", &base[..base.len() - 1])
    } else {
        format!("{base}ed")
    };
    let ing = if doubles {
        format!("{base}{last}ing")
    } else if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if base.ends_with('e') && !base.ends_with("ee") && base.len() > 2 {
        format!("{}ing", &base[..base.len() - 1])
    } else {
        format!("{base}ing")
    };
    [third, past, ing]
}

/// FNV-1a: the keys are short words from a fixed list, so a strong hash buys
/// nothing and SipHash cost a fifth of the stage's time.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The lexicon: lowercase word → entry. Built once.
pub(crate) struct Lexicon {
    map: FnvMap<&'static [u8], Entry>,
}

/// Leaks a generated form so the map can hold `&'static str` keys; the lexicon is
/// built once per process, so this is a fixed, small amount of memory.
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

impl Lexicon {
    fn build() -> Self {
        let mut map: HashMap<&'static str, Entry> = HashMap::with_capacity(4096);
        map.insert(
            "to",
            Entry {
                class: class::TO | class::PREP,
                ..EMPTY
            },
        );
        map.insert(
            "that",
            Entry {
                class: class::THAT,
                ..EMPTY
            },
        );
        let mut add = |word: &'static str, f: &dyn Fn(&mut Entry)| {
            let e = map.entry(word).or_insert(EMPTY);
            f(e);
        };
        let mut add_class = |words: &[&'static str], bits: u32| {
            for w in words {
                add(w, &|e: &mut Entry| e.class |= bits);
            }
        };
        add_class(DETERMINERS, class::DET);
        add_class(PRONOUNS, class::PRON);
        add_class(PREPOSITIONS, class::PREP);
        add_class(CONJUNCTIONS, class::CONJ);
        add_class(BE, class::BE);
        add_class(HAVE, class::HAVE);
        add_class(DO, class::DO);
        add_class(MODAL_PLAN, class::MODAL_PLAN);
        add_class(MODAL_HEDGE, class::MODAL_HEDGE);
        add_class(NEGATIONS, class::NEG);
        add_class(PLAN_CAT, class::PLAN_CAT);
        add_class(NEG_CAT, class::NEG_CAT);
        add_class(HEDGE_CAT, class::HEDGE_CAT);
        add_class(HEDGE_ADV, class::HEDGE_ADV);
        add_class(RELATIVES, class::REL);
        add_class(DAYWORDS, class::DAYWORD);
        add_class(TIME_MODS, class::TIME_MOD);
        add_class(PARTICLES, class::PARTICLE);
        add_class(NOT_VERBS, class::NOT_VERB);
        for (i, w) in WEEKDAYS.iter().enumerate() {
            let e = map.entry(w).or_insert(EMPTY);
            e.class |= class::WEEKDAY;
            e.number = i as u32 + 1;
        }
        for (i, w) in MONTHS.iter().chain(MONTH_ABBREVIATIONS).enumerate() {
            let e = map.entry(w).or_insert(EMPTY);
            e.class |= class::MONTH;
            e.number = (i % 12) as u32 + 1;
        }
        for &(w, n) in NUMBER_WORDS {
            let e = map.entry(w).or_insert(EMPTY);
            e.class |= class::NUMWORD;
            e.number = n;
        }
        for &(w, n) in MULTIPLIERS {
            let e = map.entry(w).or_insert(EMPTY);
            e.class |= class::MULT;
            e.number = n;
        }
        let mut verb = |form: &'static str, lemma: &'static str, vf: VerbForm| {
            let e = map.entry(form).or_insert(EMPTY);
            // The first reading wins (`left` past of `leave`, not a base form).
            if e.lemma.is_none() {
                e.lemma = Some(lemma);
                e.form = Some(vf);
            }
            e.class |= class::VERB;
        };
        for &(base, past, pp) in IRREGULAR {
            if past == pp {
                verb(past, base, VerbForm::PastOrParticiple);
            } else {
                verb(past, base, VerbForm::Past);
                verb(pp, base, VerbForm::PastParticiple);
            }
            let [third, _, ing] = inflect(
                base,
                matches!(
                    base,
                    "run"
                        | "sit"
                        | "hit"
                        | "win"
                        | "get"
                        | "cut"
                        | "let"
                        | "put"
                        | "set"
                        | "shut"
                        | "forget"
                        | "begin"
                        | "forbid"
                        | "quit"
                ),
            );
            let third = if base == "be" {
                "is".to_owned()
            } else if base == "have" {
                "has".to_owned()
            } else {
                third
            };
            verb(leak(third), base, VerbForm::ThirdPerson);
            verb(leak(ing), base, VerbForm::Ing);
            verb(base, base, VerbForm::Base);
        }
        for &base in REGULAR_VERBS {
            let [third, past, ing] = inflect(base, DOUBLING.contains(&base));
            verb(leak(past), base, VerbForm::PastOrParticiple);
            verb(leak(third), base, VerbForm::ThirdPerson);
            verb(leak(ing), base, VerbForm::Ing);
            verb(base, base, VerbForm::Base);
            // British spelling doubles a final `l` after one vowel (`travelled`).
            let b = base.as_bytes();
            if b.len() >= 3
                && b[b.len() - 1] == b'l'
                && matches!(b[b.len() - 2], b'a' | b'e' | b'o')
                && !matches!(b[b.len() - 3], b'a' | b'e' | b'i' | b'o' | b'u')
            {
                verb(leak(format!("{base}led")), base, VerbForm::PastOrParticiple);
                verb(leak(format!("{base}ling")), base, VerbForm::Ing);
            }
        }
        // Class bits that hold for every form of a lemma.
        for e in map.values_mut() {
            if let Some(lemma) = e.lemma {
                if REPORTING.contains(&lemma) {
                    e.class |= class::REPORT;
                }
                if MOTION.contains(&lemma) {
                    e.class |= class::MOTION;
                }
            }
        }
        let mut fast: FnvMap<&'static [u8], Entry> = FnvMap::default();
        fast.reserve(map.len());
        for (k, v) in map {
            fast.insert(k.as_bytes(), v);
        }
        Lexicon { map: fast }
    }

    /// The shared lexicon.
    pub(crate) fn get() -> &'static Lexicon {
        static LEXICON: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);
        &LEXICON
    }

    /// The entry of a word, looked up case-insensitively without allocating.
    pub(crate) fn lookup(&self, word: &str) -> Entry {
        let mut buf = [0u8; 24];
        match lower_bytes(word, &mut buf) {
            Some(w) => self.lookup_lower(w),
            None => EMPTY,
        }
    }

    /// The entry of an already lowercased word.
    pub(crate) fn lookup_lower(&self, word: &[u8]) -> Entry {
        self.map.get(word).copied().unwrap_or(EMPTY)
    }
}

/// Lowercases an ASCII word (curly apostrophes made straight) into `buf` as bytes.
pub(crate) fn lower_bytes<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b [u8]> {
    let mut n = 0;
    for c in word.chars() {
        let b = match c {
            '\u{2019}' | '\u{2018}' => b'\'',
            c if c.is_ascii() => (c as u8).to_ascii_lowercase(),
            _ => return None,
        };
        *buf.get_mut(n)? = b;
        n += 1;
    }
    buf.get(..n)
}

/// Lemma of a verb form: the lexicon's when known, else suffix rules.
pub fn verb_lemma(word: &str) -> Cow<'static, str> {
    let entry = Lexicon::get().lookup(word);
    if let Some(lemma) = entry.lemma {
        return Cow::Borrowed(lemma);
    }
    let w = word.to_lowercase();
    Cow::Owned(strip_verb_suffix(&w))
}

/// Suffix rules for verbs the lexicon does not hold.
fn strip_verb_suffix(w: &str) -> String {
    let restore_e = |stem: &str| -> String {
        let b = stem.as_bytes();
        let n = b.len();
        // `located`, `used`, `raised`, `arrived`: a stem ending in a consonant
        // that English rarely ends a verb with, or vowel + `s`/`z`/`c`/`v`/`g`.
        let needs_e = n >= 2
            && (matches!(b[n - 1], b'v' | b'z' | b'c')
                || (matches!(b[n - 1], b's' | b'g' | b'r' | b'k')
                    && matches!(b[n - 2], b'a' | b'i' | b'o' | b'u')
                    && !(n >= 3 && matches!(b[n - 3], b'a' | b'e' | b'i' | b'o' | b'u')))
                || (n >= 3 && b[n - 1] == b't' && b[n - 2] == b'a'));
        if needs_e {
            format!("{stem}e")
        } else {
            stem.to_owned()
        }
    };
    let undouble = |stem: &str| -> Option<String> {
        let b = stem.as_bytes();
        let n = b.len();
        // ASCII only: equal bytes inside one multi-byte character must not be cut.
        (n >= 3
            && b[n - 1].is_ascii_alphabetic()
            && b[n - 1] == b[n - 2]
            && !matches!(b[n - 1], b'l' | b's' | b'z' | b'f' | b'e'))
        .then(|| stem[..n - 1].to_owned())
    };
    if let Some(stem) = w.strip_suffix("ied") {
        return format!("{stem}y");
    }
    if let Some(stem) = w.strip_suffix("ed").filter(|s| s.len() >= 2) {
        if stem.ends_with('e') {
            return stem.to_owned();
        }
        return undouble(stem).unwrap_or_else(|| restore_e(stem));
    }
    if let Some(stem) = w.strip_suffix("ing").filter(|s| s.len() >= 2) {
        return undouble(stem).unwrap_or_else(|| restore_e(stem));
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return format!("{stem}y");
    }
    if let Some(stem) = w
        .strip_suffix("es")
        .filter(|s| s.ends_with("sh") || s.ends_with("ch") || s.ends_with('x') || s.ends_with("ss"))
    {
        return stem.to_owned();
    }
    if let Some(stem) = w
        .strip_suffix('s')
        .filter(|s| !s.ends_with('s') && s.len() >= 2)
    {
        return stem.to_owned();
    }
    w.to_owned()
}

/// The singular, lowercase form of a noun (heads and units).
pub fn noun_singular(word: &str) -> String {
    let w = word.to_lowercase();
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("\u{2019}s"))
        .unwrap_or(&w)
        .to_owned();
    if let Some(&(_, s)) = IRREGULAR_PLURALS.iter().find(|(p, _)| *p == w) {
        return s.to_owned();
    }
    if w.len() > 4 {
        if let Some(stem) = w.strip_suffix("ies") {
            return format!("{stem}y");
        }
        if let Some(stem) = w.strip_suffix("es").filter(|s| {
            s.ends_with("sh") || s.ends_with("ch") || s.ends_with('x') || s.ends_with("ss")
        }) {
            return stem.to_owned();
        }
    }
    if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        return w[..w.len() - 1].to_owned();
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmas_of_irregular_and_regular_forms() {
        for (form, lemma) in [
            ("met", "meet"),
            ("led", "lead"),
            ("said", "say"),
            ("signed", "sign"),
            ("signs", "sign"),
            ("signing", "sign"),
            ("stopped", "stop"),
            ("planning", "plan"),
            ("travelled", "travel"),
            ("Attended", "attend"),
            ("carried", "carry"),
            ("located", "locate"),
            ("arrived", "arrive"),
            ("denied", "deny"),
            ("withdrew", "withdraw"),
            ("relocated", "relocate"),
            ("mediated", "mediate"),
            ("bombarded", "bombard"),
            ("freezes", "freeze"),
        ] {
            assert_eq!(verb_lemma(form), lemma, "{form}");
        }
    }

    #[test]
    fn odd_words_never_panic() {
        for w in [
            "\u{2082}\u{2082}ed",
            "ed",
            "ing",
            "s",
            "",
            "\u{e9}\u{e9}ing",
            "ßßed",
            "x\u{1080}\u{2082}ies",
        ] {
            let _ = verb_lemma(w);
            let _ = noun_singular(w);
        }
    }

    #[test]
    fn singular_nouns() {
        assert_eq!(noun_singular("engineers"), "engineer");
        assert_eq!(noun_singular("talks"), "talk");
        assert_eq!(noun_singular("ceasefires"), "ceasefire");
        assert_eq!(noun_singular("years"), "year");
        assert_eq!(noun_singular("countries"), "country");
        assert_eq!(noun_singular("crisis"), "crisis");
        assert_eq!(noun_singular("Varga's"), "varga");
        assert_eq!(noun_singular("percent"), "percent");
    }

    #[test]
    fn lookup_is_case_insensitive_and_knows_classes() {
        let lex = Lexicon::get();
        assert!(lex.lookup("Will").class & class::MODAL_PLAN != 0);
        assert!(lex.lookup("Thursday").class & class::WEEKDAY != 0);
        assert_eq!(lex.lookup("signed").lemma, Some("sign"));
        assert!(lex.lookup("told").class & class::REPORT != 0);
        assert!(lex.lookup("travelled").class & class::MOTION != 0);
    }
}
