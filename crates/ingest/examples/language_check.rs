//! Accuracy and speed of [`crosscheck_ingest::detect_language`] on invented news
//! snippets (the figures quoted in `language.rs`).
//!
//! `cargo run --release -p crosscheck-ingest --example language_check`

use std::time::Instant;

use crosscheck_ingest::detect_language;

const SNIPPETS: &[(&str, &str)] = &[
    (
        "en",
        "The harbour authority in Velmora said on Tuesday that the ferry had been delayed by a storm.",
    ),
    ("en", "Minister Aldo Brenn denied the report."),
    (
        "en",
        "Shares of Quillon Freight fell 4% after the company cut its forecast for the third quarter, citing weaker demand in northern ports.",
    ),
    (
        "de",
        "Der Bürgermeister von Feldhausen kündigte am Montag neue Maßnahmen gegen den Verkehr an.",
    ),
    ("de", "Die Polizei ermittelt weiter."),
    (
        "fr",
        "Le conseil municipal de Vaubrin a voté mardi soir un budget en hausse pour les écoles.",
    ),
    ("fr", "Le ministre a démenti l'information."),
    (
        "es",
        "El gobierno regional de Castaluna anunció el lunes un nuevo plan de vivienda para jóvenes.",
    ),
    ("es", "La policía detuvo a dos sospechosos."),
    (
        "it",
        "Il sindaco di Borgoverde ha annunciato lunedì la chiusura temporanea del ponte sul fiume.",
    ),
    (
        "pt",
        "O governo de Almaris anunciou na segunda-feira um novo pacote de medidas para a agricultura.",
    ),
    (
        "nl",
        "De gemeenteraad van Veldhoven heeft dinsdag ingestemd met het nieuwe verkeersplan voor het centrum.",
    ),
    (
        "pl",
        "Burmistrz Zielonej Doliny ogłosił w poniedziałek nowy plan budowy dróg w regionie.",
    ),
    (
        "ru",
        "Мэр города Северск заявил в понедельник о начале ремонта главного моста.",
    ),
    (
        "ar",
        "أعلنت وزارة الصحة يوم الاثنين عن افتتاح مستشفى جديد في المدينة.",
    ),
    ("zh", "市政府星期一宣布将在明年开放一座新的图书馆。"),
    (
        "ja",
        "市当局は月曜日、新しい図書館を来年開館すると発表した。",
    ),
    (
        "en",
        "Talks resumed in Ostrava-Nord. Officials from Kelvaran and Drusia met for three hours.",
    ),
    ("it", "La polizia ha arrestato due persone."),
    ("nl", "De politie heeft twee verdachten aangehouden."),
];

fn main() {
    let (mut right, mut wrong, mut unknown) = (0, 0, 0);
    for (expected, text) in SNIPPETS {
        match detect_language(text) {
            Some(got) if got == *expected => right += 1,
            Some(got) => {
                wrong += 1;
                println!("wrong: {expected} read as {got}: {text}");
            }
            None => {
                unknown += 1;
                println!("unknown: {expected}: {text}");
            }
        }
    }
    println!(
        "{right} right, {wrong} wrong, {unknown} unknown of {}",
        SNIPPETS.len()
    );
    let long = "The harbour authority in Velmora said on Tuesday that the ferry had been delayed. "
        .repeat(50);
    let n = 5000;
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(detect_language(std::hint::black_box(&long)));
    }
    let micros = start.elapsed().as_secs_f64() / f64::from(n) * 1e6;
    println!(
        "{micros:.1} µs per call on a {}-character article (500-character prefix)",
        long.chars().count()
    );
}
