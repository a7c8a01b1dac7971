//! The embedded model, the binary format and training, on invented fixtures.

use std::path::PathBuf;

use crosscheck_ner::{EntitySpan, EntityTag, EntityType, FeatureSet, NerModel, TrainConfig, train};

fn testdata(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/ner")
        .join(name)
}

fn words(text: &str) -> Vec<&str> {
    text.split(' ').collect()
}

fn spans_as_text(words: &[&str], spans: &[EntitySpan]) -> Vec<(String, EntityType)> {
    spans
        .iter()
        .map(|s| (words[s.start..s.end].join(" "), s.kind))
        .collect()
}

#[test]
fn embedded_model_loads() {
    let model = NerModel::embedded().expect("the shipped model loads");
    assert!(NerModel::shared().is_ok());
    assert!(model.feature_set().viterbi);
}

#[test]
fn invented_names_are_tagged() {
    let model = NerModel::shared().unwrap();
    let sentence = words(
        "Foreign Minister Ilse Varga of Veloria met officials of the Norvane Water Commission in Brenmoor .",
    );
    let doc = vec![sentence.clone()];
    let spans = model.entities(&doc);
    let found = spans_as_text(&sentence, &spans[0]);
    assert!(
        found.contains(&("Ilse Varga".to_string(), EntityType::Per)),
        "{found:?}"
    );
    // "Minister X of Veloria" reads as a country or an organisation ("of Siemens"); the
    // model may type it either way, but must find the name.
    assert!(
        found.contains(&("Veloria".to_string(), EntityType::Loc))
            || found.contains(&("Veloria".to_string(), EntityType::Org)),
        "{found:?}"
    );
    assert!(
        found.contains(&("Brenmoor".to_string(), EntityType::Loc)),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|(t, k)| t.contains("Norvane Water Commission") && *k == EntityType::Org),
        "{found:?}"
    );
    assert_eq!(found.len(), 4, "{found:?}");
    // Function words and the title stay outside.
    let tags = model.tag_document(&doc);
    assert_eq!(tags[0][0], EntityTag::O);
    assert_eq!(tags[0][4], EntityTag::O);
}

#[test]
fn empty_and_odd_input_does_not_panic() {
    let model = NerModel::shared().unwrap();
    let empty: Vec<Vec<&str>> = Vec::new();
    assert!(model.tag_document(&empty).is_empty());
    let odd = vec![
        vec![],
        vec!["", "   ", "\u{0}", "ß", "İstanbul", "––", "😀"],
    ];
    let tags = model.tag_document(&odd);
    assert_eq!(tags.len(), 2);
    assert!(tags[0].is_empty());
    assert_eq!(tags[1].len(), 7);
}

#[test]
fn binary_format_round_trips() {
    let model = NerModel::shared().unwrap();
    let bytes = model.to_bytes();
    let again = NerModel::from_bytes(&bytes, "round trip").unwrap();
    assert_eq!(again.to_bytes(), bytes);
    let doc = vec![words(
        "Tomas Orlen left Port Halvar for Brenmoor on Monday .",
    )];
    assert_eq!(model.tag_document(&doc), again.tag_document(&doc));

    let dir = std::env::temp_dir().join(format!("ccner-rt-{}", std::process::id()));
    let path = dir.join("model.ccner");
    model.save(&path).unwrap();
    let loaded = NerModel::load(&path).unwrap();
    assert_eq!(loaded.to_bytes(), bytes);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn corrupt_model_files_are_errors() {
    let bytes = NerModel::shared().unwrap().to_bytes();
    // Empty, truncated anywhere in the header or body, one flipped byte, wrong magic,
    // wrong version: all errors, none a panic.
    assert!(NerModel::from_bytes(&[], "empty").is_err());
    for cut in [4, 8, 12, 20, 24, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            NerModel::from_bytes(&bytes[..cut], "cut").is_err(),
            "cut {cut}"
        );
    }
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x40;
    let err = NerModel::from_bytes(&flipped, "flipped").unwrap_err();
    assert!(err.to_string().contains("checksum"), "{err}");
    let mut magic = bytes.clone();
    magic[0] = b'X';
    assert!(NerModel::from_bytes(&magic, "magic").is_err());
    let mut version = bytes.clone();
    version[8] = 99;
    let err = NerModel::from_bytes(&version, "version").unwrap_err();
    assert!(err.to_string().contains("version"), "{err}");
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect();
    assert!(NerModel::from_bytes(&garbage, "garbage").is_err());

    let missing = testdata("no-such-model.ccner");
    assert!(NerModel::load(&missing).is_err());
    let not_a_model = testdata("invented_news.conll");
    assert!(NerModel::load(&not_a_model).is_err());
}

fn tiny_config(out: PathBuf) -> TrainConfig {
    let dir = testdata("train_tiny");
    TrainConfig {
        data: dir.clone(),
        out,
        clusters: dir.join("clusters.tsv"),
        gazetteer: dir.join("gazetteer.tsv"),
        epochs: 5,
        seed: 3,
        table_bits: 12,
        features: FeatureSet::default(),
        ..TrainConfig::default()
    }
}

#[test]
fn training_is_deterministic_and_learns_its_data() {
    let dir = std::env::temp_dir().join(format!("ccner-train-{}", std::process::id()));
    let a = dir.join("a.ccner");
    let b = dir.join("b.ccner");
    let report = train(&tiny_config(a.clone())).unwrap();
    train(&tiny_config(b.clone())).unwrap();
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert_eq!(report.documents, 2);
    assert_eq!(report.sentences, 3);
    assert!(report.to_string().contains("3 sentences"));
    let model = NerModel::load(&a).unwrap();
    let doc = vec![words("Ilse Varga visited Brenmoor .")];
    let tags = model.tag_document(&doc);
    assert_eq!(tags[0][0], EntityTag::B(EntityType::Per));
    assert_eq!(tags[0][3], EntityTag::B(EntityType::Loc));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn training_without_data_is_an_error() {
    let mut config = tiny_config(std::env::temp_dir().join("ccner-never-written.ccner"));
    config.data = testdata("no-such-dir");
    assert!(train(&config).is_err());
    let mut config = tiny_config(std::env::temp_dir().join("ccner-never-written.ccner"));
    config.table_bits = 40;
    assert!(train(&config).is_err());
}

#[test]
fn annotate_fills_the_entity_layer_of_a_doc() {
    use crosscheck_core::layers::entity::EntityKind;
    use crosscheck_core::{Article, Doc, Origin, Sentence, Span, Token, TokenKind};

    let text = "Foreign Minister Ilse Varga of Veloria met officials of the Norvane Water Commission in Brenmoor .\nVarga left on Tuesday .";
    let mut doc = Doc::unanalysed(Article::new(Origin::file("invented.txt"), text.to_string()));
    // Tokens at the spaces, one sentence per line: enough for this test, which is about
    // the mapping back to byte spans, not about tokenisation.
    let mut offset = 0;
    for (n, line) in text.split('\n').enumerate() {
        let start = offset;
        for word in line.split(' ') {
            let at = offset;
            offset += word.len() + 1;
            doc.tokens.push(Token {
                span: Span::new(at, at + word.len()),
                kind: TokenKind::Word,
            });
        }
        doc.sentences.push(Sentence {
            span: Span::new(start, start + line.len()),
            segment: n as u32,
        });
    }
    NerModel::shared().unwrap().annotate(&mut doc);
    let found: Vec<(&str, EntityKind)> = doc
        .entities
        .iter()
        .map(|m| (doc.text(m.span), m.kind))
        .collect();
    assert!(
        found.contains(&("Ilse Varga", EntityKind::Per)),
        "{found:?}"
    );
    assert!(found.contains(&("Brenmoor", EntityKind::Loc)), "{found:?}");
    assert!(found.contains(&("Varga", EntityKind::Per)), "{found:?}");
    assert!(
        found.contains(&("Norvane Water Commission", EntityKind::Org)),
        "{found:?}"
    );
}
