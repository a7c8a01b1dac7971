//! Invented names and phrases. Nothing here names a real person, place or outlet:
//! names are built from syllables, so a large corpus gets millions of distinct
//! people, thousands of places and organisations, and each event its own.

use crate::random::Random;

/// Start of an invented given name.
const GIVEN_START: &[&str] = &[
    "Al", "An", "Ar", "Be", "Bo", "Ca", "Da", "De", "Do", "E", "El", "Fa", "Fe", "Ga", "Ha", "He",
    "I", "Il", "Ja", "Jo", "Ka", "Ke", "Ko", "La", "Le", "Li", "Lu", "Ma", "Me", "Mi", "Na", "Ne",
    "No", "O", "Pa", "Pe", "Ra", "Re", "Ro", "Sa", "Se", "So", "Ta", "Te", "To", "U", "Va", "Ve",
    "Vi", "Ya", "Za", "Zo",
];
/// End of an invented given name.
const GIVEN_END: &[&str] = &[
    "na", "ro", "lia", "rik", "mon", "sa", "ven", "da", "len", "ris", "tan", "mir", "ela", "bert",
    "dor", "ka", "lo", "nia", "ran", "rin", "sha", "tio", "vin", "win", "ya", "za", "nko", "lde",
    "mar", "ssa",
];
/// Start of an invented family name.
const FAMILY_START: &[&str] = &[
    "Ab", "Ald", "Bar", "Bel", "Bram", "Cal", "Cor", "Dal", "Dren", "Ell", "Fen", "Gar", "Gol",
    "Hal", "Har", "Ist", "Jar", "Kal", "Kess", "Lind", "Lor", "Mal", "Mer", "Mor", "Nal", "Nor",
    "Ost", "Pel", "Quen", "Rad", "Rav", "Sal", "Sev", "Stor", "Tal", "Ter", "Ull", "Val", "Ver",
    "Wes", "Yar", "Zel", "Brun", "Crest", "Dov", "Fal", "Grim", "Hol", "Kor", "Lev",
];
/// Middle of an invented family name.
const FAMILY_MIDDLE: &[&str] = &[
    "", "a", "e", "i", "o", "en", "er", "in", "ov", "ar", "el", "is",
];
/// End of an invented family name.
const FAMILY_END: &[&str] = &[
    "berg", "dottir", "ek", "ford", "grave", "holt", "ian", "ic", "ins", "kov", "land", "ley",
    "lund", "man", "mont", "ner", "nik", "oni", "quist", "rath", "ski", "son", "stad", "ton",
    "vic", "well", "wick", "wood", "y", "zak",
];
/// Start of an invented place name.
const PLACE_START: &[&str] = &[
    "Amber", "Ash", "Bel", "Bren", "Brock", "Cald", "Carr", "Cold", "Dun", "Elm", "Fair", "Fell",
    "Glen", "Gold", "Grey", "Hallin", "Hart", "High", "Ivy", "Kiln", "Lake", "Lorn", "Marrow",
    "Mill", "Moss", "Nor", "Oak", "Orin", "Pen", "Quarry", "Raven", "Red", "Rook", "Salt", "Stone",
    "Sund", "Tarr", "Thorn", "Vessel", "West", "Whit", "Wolf", "Yar", "Zeln", "Alder", "Brier",
    "Cinder", "Dray", "Ember", "Frost",
];
/// End of an invented place name.
const PLACE_END: &[&str] = &[
    "bridge", "by", "dale", "field", "ford", "gate", "haven", "holm", "hurst", "mere", "moor",
    "mouth", "port", "stead", "stow", "thorpe", "ton", "vale", "wick", "worth", "burgh", "cliff",
    "combe", "ness", "wold",
];
/// Start of an invented country name.
const COUNTRY_START: &[&str] = &[
    "Vel", "Kest", "Ost", "Lun", "Cald", "Nor", "Tess", "Brak", "Solv", "Eren", "Mar", "Zan",
    "Ard", "Bel", "Dor", "Fal", "Gor", "Ith", "Kar", "Lor", "Mor", "Pral", "Ruv", "Sel", "Tar",
    "Ul", "Var", "Wen", "Yel", "Zor",
];
/// End of an invented country name.
const COUNTRY_END: &[&str] = &[
    "oria", "rand", "mark", "esia", "ria", "vane", "aly", "moor", "ania", "dal", "istan", "ovia",
    "enia", "land", "ara",
];

/// Titles of people in the news.
pub const TITLES: &[&str] = &[
    "Foreign Minister",
    "Prime Minister",
    "Interior Minister",
    "Mayor",
    "union leader",
    "chief negotiator",
    "Defence Minister",
    "spokeswoman",
    "spokesman",
    "President",
    "Finance Minister",
    "police chief",
    "Health Minister",
    "governor",
    "judge",
    "prosecutor",
    "chief executive",
    "fire chief",
    "council leader",
    "Transport Minister",
    "senator",
    "ambassador",
    "professor",
    "director",
];

/// What an organisation is, after its place-like name.
const ORG_KINDS: &[&str] = &[
    "Water Authority",
    "Port Union",
    "Rail Company",
    "Energy Board",
    "Medical Council",
    "Farmers' League",
    "Trade Commission",
    "Teachers' Federation",
    "Mining Corporation",
    "Housing Trust",
    "Chemical Works",
    "Shipping Group",
    "Court of Appeal",
    "Electoral Commission",
    "Football Club",
    "Airline",
    "Bank",
    "University",
    "Relief Agency",
    "Party",
];

/// Event kinds: a noun phrase with `{place}` or `{org}` in it, what it did, what a
/// number in it counts, and the kind's own vocabulary.
pub const EVENTS: &[(&str, &str, &str, &[&str])] = &[
    (
        "summit on water rights",
        "opened",
        "delegates",
        &[
            "reservoir",
            "treaty",
            "irrigation",
            "drought",
            "quota",
            "basin",
        ],
    ),
    (
        "strike by {org} workers",
        "began",
        "workers",
        &[
            "wages", "pickets", "shifts", "contract", "overtime", "walkout",
        ],
    ),
    (
        "flood along the {place} valley",
        "struck",
        "residents evacuated",
        &[
            "levee",
            "rainfall",
            "sandbags",
            "shelters",
            "embankment",
            "rescue",
        ],
    ),
    (
        "trial of a former {org} chief",
        "opened",
        "witnesses",
        &[
            "defendant",
            "bribery",
            "verdict",
            "jury",
            "testimony",
            "indictment",
        ],
    ),
    (
        "earthquake near {place}",
        "struck",
        "people injured",
        &[
            "magnitude",
            "aftershocks",
            "rubble",
            "epicentre",
            "tremor",
            "collapsed",
        ],
    ),
    (
        "election for the {place} council",
        "was held",
        "polling stations",
        &[
            "ballots",
            "turnout",
            "candidates",
            "recount",
            "coalition",
            "manifesto",
        ],
    ),
    (
        "trade accord with {country}",
        "was signed",
        "companies affected",
        &["tariffs", "exports", "customs", "quotas", "steel", "grain"],
    ),
    (
        "ceasefire talks over {place}",
        "began",
        "negotiators",
        &[
            "truce",
            "mediators",
            "shelling",
            "corridor",
            "prisoners",
            "withdrawal",
        ],
    ),
    (
        "fire at the {org} plant",
        "broke out",
        "firefighters",
        &[
            "blaze",
            "smoke",
            "toxic",
            "chemicals",
            "evacuation",
            "flames",
        ],
    ),
    (
        "protest against fuel prices",
        "drew",
        "protesters",
        &[
            "petrol",
            "subsidies",
            "marchers",
            "barricades",
            "slogans",
            "tear gas",
        ],
    ),
    (
        "bridge collapse in {place}",
        "happened",
        "vehicles trapped",
        &[
            "girders",
            "inspection",
            "span",
            "engineers",
            "debris",
            "traffic",
        ],
    ),
    (
        "vaccination drive by the {org}",
        "started",
        "clinics",
        &[
            "doses",
            "nurses",
            "measles",
            "appointments",
            "supply",
            "immunity",
        ],
    ),
    (
        "merger of the {org} and a rival",
        "was announced",
        "jobs at stake",
        &[
            "shareholders",
            "takeover",
            "valuation",
            "regulators",
            "synergies",
            "bid",
        ],
    ),
    (
        "rail crash outside {place}",
        "happened",
        "passengers hurt",
        &[
            "derailment",
            "carriages",
            "signal",
            "locomotive",
            "track",
            "investigators",
        ],
    ),
    (
        "heatwave across {country}",
        "set records",
        "hospital admissions",
        &[
            "temperatures",
            "drought",
            "wildfires",
            "water",
            "shade",
            "alerts",
        ],
    ),
    (
        "cyber attack on the {org}",
        "disrupted services",
        "systems affected",
        &[
            "hackers",
            "ransom",
            "servers",
            "passwords",
            "encryption",
            "outage",
        ],
    ),
    (
        "budget vote in the {country} parliament",
        "took place",
        "lawmakers",
        &[
            "deficit",
            "spending",
            "taxes",
            "pensions",
            "austerity",
            "amendments",
        ],
    ),
    (
        "mine accident at {place}",
        "trapped workers",
        "miners",
        &[
            "shaft",
            "tunnel",
            "ventilation",
            "rescuers",
            "methane",
            "collapse",
        ],
    ),
    (
        "storm off the {place} coast",
        "made landfall",
        "homes without power",
        &["gusts", "waves", "ferries", "warnings", "outages", "surge"],
    ),
    (
        "court ruling on the {org}",
        "was delivered",
        "plaintiffs",
        &[
            "appeal",
            "judgment",
            "damages",
            "lawyers",
            "precedent",
            "injunction",
        ],
    ),
    (
        "festival in {place}",
        "opened",
        "visitors",
        &[
            "stages",
            "tickets",
            "performers",
            "crowds",
            "parade",
            "lanterns",
        ],
    ),
    (
        "oil spill near {place}",
        "was reported",
        "kilometres of coastline",
        &["tanker", "slick", "booms", "seabirds", "cleanup", "crude"],
    ),
    (
        "hostage stand-off in {place}",
        "ended",
        "hostages",
        &[
            "gunman",
            "negotiators",
            "police",
            "cordon",
            "siege",
            "release",
        ],
    ),
    (
        "launch of the {org} satellite",
        "took place",
        "engineers",
        &[
            "rocket",
            "orbit",
            "payload",
            "countdown",
            "telemetry",
            "launchpad",
        ],
    ),
];

/// Words any news report may use, drawn per story so that stories differ in
/// their wording too.
pub const TOPIC_WORDS: &[&str] = &[
    "agreement",
    "airport",
    "allowance",
    "archive",
    "assembly",
    "audit",
    "backlog",
    "ballot",
    "barracks",
    "benchmark",
    "blueprint",
    "border",
    "boycott",
    "brigade",
    "bulletin",
    "cabinet",
    "canal",
    "capacity",
    "cargo",
    "cathedral",
    "census",
    "charter",
    "checkpoint",
    "clinic",
    "coalition",
    "commission",
    "compensation",
    "compound",
    "concession",
    "convoy",
    "corridor",
    "curfew",
    "customs",
    "dam",
    "deadline",
    "delegation",
    "deposit",
    "depot",
    "dialogue",
    "district",
    "dividend",
    "dossier",
    "embargo",
    "embassy",
    "emission",
    "enclave",
    "estate",
    "exemption",
    "expedition",
    "factory",
    "ferry",
    "fishery",
    "forecast",
    "forest",
    "foundry",
    "freight",
    "garrison",
    "granary",
    "grid",
    "harbour",
    "hearing",
    "highway",
    "hospital",
    "inquiry",
    "inventory",
    "island",
    "jetty",
    "kiln",
    "laboratory",
    "landfill",
    "lease",
    "levy",
    "licence",
    "lighthouse",
    "loan",
    "manifest",
    "market",
    "memorandum",
    "militia",
    "mill",
    "monastery",
    "monument",
    "mortgage",
    "motorway",
    "museum",
    "observatory",
    "orchard",
    "outpost",
    "paddock",
    "parish",
    "pension",
    "permit",
    "pipeline",
    "plantation",
    "plaza",
    "pontoon",
    "prison",
    "quarry",
    "quay",
    "railway",
    "ration",
    "refinery",
    "referendum",
    "reform",
    "refugee",
    "regiment",
    "registry",
    "rehearsal",
    "reservoir",
    "retreat",
    "ridge",
    "runway",
    "salary",
    "sanction",
    "sanctuary",
    "school",
    "seminary",
    "settlement",
    "shipyard",
    "shortage",
    "silo",
    "smelter",
    "stadium",
    "subsidy",
    "subway",
    "surplus",
    "survey",
    "tannery",
    "terminal",
    "textile",
    "timber",
    "tollgate",
    "tournament",
    "tower",
    "tramway",
    "tribunal",
    "tunnel",
    "turbine",
    "vineyard",
    "voucher",
    "wage",
    "warehouse",
    "watershed",
    "wharf",
    "workshop",
    "zoning",
];

/// Adjectives for topic phrases.
pub const TOPIC_ADJECTIVES: &[&str] = &[
    "northern",
    "southern",
    "eastern",
    "western",
    "coastal",
    "rural",
    "urban",
    "disputed",
    "new",
    "old",
    "temporary",
    "emergency",
    "regional",
    "national",
    "private",
    "public",
    "unfinished",
    "abandoned",
    "flooded",
    "crowded",
    "historic",
    "contested",
    "military",
    "civilian",
    "offshore",
    "inland",
    "upper",
    "lower",
];

/// Sentence shapes for body paragraphs. Slots: `{place}`, `{country}`, `{org}`,
/// `{venue}`, `{a}` and `{b}` (people: title and full name), `{sa}` `{sb}`
/// (surnames), `{n}` `{m}` (numbers), `{k}` (kind word), `{t}` `{u}` (topic
/// words), `{adj}`, `{day}` (weekday), `{month}`.
pub const SENTENCES: &[&str] = &[
    "Officials in {place} said the {t} near the {venue} had been closed since {day}.",
    "The {org} said {n} staff had been sent to the {adj} {t}.",
    "{a} told the {country} parliament that the {k} was the government's first concern.",
    "According to the {org}, {m} people had signed a petition about the {u}.",
    "Residents of {place} described long queues outside the {t} on {day} morning.",
    "{sb} said the {adj} {u} would be reviewed by a panel from {country}.",
    "The cost of the {k} was put at {n} million {country} crowns by the {org}.",
    "Analysts in {place} cautioned that the {t} could take {m} weeks to repair.",
    "A spokesperson for the {org} declined to comment on the {k}.",
    "{sa} visited the {venue} on {day} and met families from the {adj} {u}.",
    "The {u} in {place} reopened after {m} days, local radio reported.",
    "Reporters saw {n} police vans parked near the {t}.",
    "Opposition members in {country} called for an inquiry into the {k} and the {u}.",
    "The {org} has promised a report on the {t} by the end of {month}.",
    "Several groups from {place} said they would help with the {k} if asked.",
    "In {month}, a smaller {k} hit the same {adj} {t}, officials recalled.",
    "{a} said the {org} had not been warned about the {u}.",
    "Traffic around the {venue} was diverted while crews inspected the {t}.",
    "The {country} embassy said {m} of its citizens had been affected by the {k}.",
    "{sb} rejected claims that the {org} had ignored the {adj} {u}.",
    "Engineers from {place} said the {t} was built {m} years ago.",
    "Schools near the {venue} stayed closed on {day}, the {org} said.",
    "Volunteers handed out food at the {t} while the {k} continued.",
    "The {org} estimated that {n} households depended on the {u}.",
];

/// Quote shapes, with the same slots.
pub const QUOTES: &[&str] = &[
    "We have waited a long time for the {t} in {place}, and we will not waste it",
    "Nobody should expect miracles from the {org}, but this is a serious start",
    "The people of {country} deserve answers about the {k}, not more delay",
    "We are ready to work through the night on the {u} if that is what it takes",
    "This is not the end of the {k}; it is the beginning",
    "Our priority is the safety of everyone near the {t}",
    "I do not think anyone at the {venue} wants to leave empty-handed",
    "The {n} figure speaks for itself",
    "The {adj} {u} was never going to survive another winter",
    "Every family in {place} will remember this {day}",
    "We told the {org} about the {t} months ago",
    "There will be a full account of the {k} before {month} is out",
];

/// What a person in a caption is doing.
pub const CAPTION_VERBS: &[&str] = &[
    "arrives at",
    "speaks to reporters at",
    "walks past",
    "looks at the damage in",
    "leaves",
    "is greeted outside",
];

/// Photo agencies credited in captions.
pub const AGENCIES: &[&str] = &[
    "NWA",
    "GBP",
    "Pool",
    "Lantern Photo",
    "Corvid Images",
    "Stillwater Press Photo",
];

/// Outlet name parts.
const OUTLET_START: &[&str] = &[
    "Northern",
    "The",
    "Harbour",
    "Daily",
    "Global",
    "Eastcoast",
    "Capital",
    "Riverside",
    "Open",
    "Weekly",
    "Signal",
    "Evening",
    "Morning",
    "Valley",
    "Union",
    "Island",
    "Coastal",
    "Metro",
    "Frontier",
    "Civic",
];
const OUTLET_END: &[&str] = &[
    "Wire",
    "Meridian",
    "Post",
    "Ledger",
    "Brief",
    "Herald",
    "Lantern",
    "Dispatch",
    "Courier",
    "Radio",
    "Compass",
    "Times",
    "Observer",
    "Gazette",
    "Chronicle",
    "Standard",
    "Record",
    "Tribune",
    "Sentinel",
    "Star",
];

/// Wire services, whose copy other outlets reprint.
pub const WIRES: &[(&str, &str)] = &[
    ("Northwire", "northwire.example"),
    ("Global Brief", "globalbrief.example"),
    ("Continental Press", "contpress.example"),
];

/// Weekday names, Monday first.
pub const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Navigation links of an outlet's page.
pub const BOILERPLATE_LINKS: &[&str] = &[
    "Home",
    "World",
    "Politics",
    "Business",
    "Sport",
    "Culture",
    "Opinion",
    "Weather",
    "Podcasts",
    "Newsletters",
    "Science",
    "Travel",
];

/// An invented given name (≈1,500 of them).
pub fn given_name(r: &mut Random) -> String {
    format!("{}{}", r.pick(GIVEN_START), r.pick(GIVEN_END))
}

/// An invented family name (≈18,000 of them).
pub fn family_name(r: &mut Random) -> String {
    let start = *r.pick(FAMILY_START);
    let middle = *r.pick(FAMILY_MIDDLE);
    let end = *r.pick(FAMILY_END);
    format!("{start}{middle}{end}")
}

/// An invented full name (≈27 million of them).
pub fn person_name(r: &mut Random) -> String {
    format!("{} {}", given_name(r), family_name(r))
}

/// An invented town (≈1,250 one-word names, four times that with a prefix).
pub fn place_name(r: &mut Random) -> String {
    let base = format!("{}{}", r.pick(PLACE_START), r.pick(PLACE_END));
    match r.below(8) {
        0 => format!("Port {base}"),
        1 => format!("North {base}"),
        2 => format!("{base} Bay"),
        _ => base,
    }
}

/// An invented country (450 of them).
pub fn country_name(r: &mut Random) -> String {
    format!("{}{}", r.pick(COUNTRY_START), r.pick(COUNTRY_END))
}

/// An invented organisation named after a place.
pub fn org_name(r: &mut Random) -> String {
    let mut place = format!("{}{}", r.pick(PLACE_START), r.pick(PLACE_END));
    if r.chance(0.3) {
        place = format!("{} {}", place, r.pick(PLACE_END)).replace(' ', "");
        place = capitalise_first(&place);
    }
    format!("{place} {}", r.pick(ORG_KINDS))
}

/// An invented outlet: its name and its domain (400 of them).
pub fn outlet(r: &mut Random) -> (String, String) {
    let start = *r.pick(OUTLET_START);
    let end = *r.pick(OUTLET_END);
    let name = format!("{start} {end}");
    let domain = format!("{}{}.example", start.to_lowercase(), end.to_lowercase());
    (name, domain)
}

fn capitalise_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first
            .to_uppercase()
            .chain(chars.map(|c| c.to_ascii_lowercase()))
            .collect(),
        None => String::new(),
    }
}
