//! Invented names and phrases. Nothing here names a real person or outlet.

pub const FIRST_NAMES: &[&str] = &[
    "Ilse", "Tomas", "Marta", "Oren", "Lidia", "Pavel", "Anouk", "Rafael", "Sanna", "Bruno",
    "Yelena", "Kofi", "Ines", "Dariusz", "Maren", "Teodor", "Amira", "Joaquin", "Helka", "Viktor",
    "Noor", "Emil", "Zofia", "Arvid",
];

pub const SURNAMES: &[&str] = &[
    "Varga",
    "Redl",
    "Okonkwo",
    "Lindqvist",
    "Mercado",
    "Halloran",
    "Petrakis",
    "Vinter",
    "Castellan",
    "Duvall",
    "Brennholt",
    "Sadowska",
    "Ferrante",
    "Quill",
    "Ashworth",
    "Nakashima",
    "Obradovic",
    "Tessaro",
    "Marlowe",
    "Kettering",
    "Ravensworth",
    "Ilyin",
    "Moravec",
    "Delacroix-Byrne",
];

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
];

pub const COUNTRIES: &[&str] = &[
    "Veloria", "Kestrand", "Ostmark", "Lunesia", "Caldria", "Norvane", "Tessaly", "Brakmoor",
    "Solvania", "Erendal",
];

pub const CITIES: &[&str] = &[
    "Brenmoor",
    "Calder",
    "Port Ardent",
    "Vessel Bay",
    "Ostrava Nova",
    "Hallin",
    "Marrowgate",
    "Lakemere",
    "Sundholm",
    "Greywater",
    "Tarrow",
    "Kilnsey",
    "Orin",
    "Westfold",
    "Ambergate",
    "Rookhaven",
];

pub const OUTLETS: &[(&str, &str)] = &[
    ("Northwire", "northwire.example"),
    ("The Meridian", "meridian-news.example"),
    ("Harbour Post", "harbourpost.example"),
    ("Daily Ledger", "dailyledger.example"),
    ("Global Brief", "globalbrief.example"),
    ("Eastcoast Herald", "eastcoastherald.example"),
    ("The Lantern", "thelantern.example"),
    ("Capital Dispatch", "capitaldispatch.example"),
    ("Riverside Courier", "riversidecourier.example"),
    ("Open Ledger Radio", "olr.example"),
    ("The Weekly Compass", "weeklycompass.example"),
    ("Signal Daily", "signaldaily.example"),
];

pub const WIRES: &[&str] = &["Northwire", "Global Brief"];

/// Event kinds: a noun phrase, what it did, and what a number in it counts.
pub const EVENTS: &[(&str, &str, &str)] = &[
    ("summit on water rights", "opened", "delegates"),
    ("strike by port workers", "began", "workers"),
    (
        "flood along the river valley",
        "struck",
        "residents evacuated",
    ),
    ("trial of a former minister", "opened", "witnesses"),
    ("earthquake", "struck", "people injured"),
    (
        "election for the regional council",
        "was held",
        "polling stations",
    ),
    ("trade accord", "was signed", "companies affected"),
    ("ceasefire talks", "began", "negotiators"),
    ("fire at a chemical plant", "broke out", "firefighters"),
    ("protest against fuel prices", "drew", "protesters"),
];

pub const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

pub const FILLER: &[&str] = &[
    "Officials said the preparations had taken several months and involved dozens of staff.",
    "Analysts cautioned that expectations of a quick result were low.",
    "The talks follow a year of growing tension between the two sides.",
    "Local businesses reported disruption across the city centre.",
    "Observers from neighbouring countries were expected to attend.",
    "The government has not published a detailed plan.",
    "Opposition parties called for an independent review of the decision.",
    "Residents described long queues and closed roads throughout the morning.",
    "A previous round of negotiations collapsed without agreement last year.",
    "The ministry said more details would be released in the coming days.",
    "Transport services were partly suspended while the authorities assessed the damage.",
    "Several aid groups said they were ready to help if asked.",
];

pub const QUOTES: &[&str] = &[
    "We have waited a long time for this day, and we will not waste it",
    "Nobody should expect miracles, but this is a serious start",
    "The people of our country deserve answers, not more delay",
    "We are ready to work through the night if that is what it takes",
    "This is not the end of the process; it is the beginning",
    "Our priority is the safety of everyone affected",
    "I do not think anyone here wants to leave empty-handed",
    "The numbers speak for themselves",
];

pub const CAPTION_VERBS: &[&str] = &[
    "arrives at",
    "speaks to reporters at",
    "walks past",
    "looks at the damage in",
];

pub const AGENCIES: &[&str] = &["NWA", "GBP", "Pool", "Lantern Photo"];

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
];
