//! Regression test for speed work on the tagger: the tags of an invented document must
//! stay exactly what the model gave before feature extraction and decoding were
//! restructured (testdata/ner/speed_regression.tags was written by the earlier code).

use std::path::PathBuf;

use crosscheck_ner::{NerModel, TagBuffers};

/// Invented news: repeated names (document and second-pass features), an all-caps
/// headline, scores, hyphens, non-ASCII words and a long sentence.
const DOC: &[&str] = &[
    "VARGA WINS BRENMOOR RUN-OFF",
    "Ilse Varga , the former mayor of Brenmoor , won Sunday 's run-off against Tomas Orlen of the Norvane Water Commission .",
    "Varga told the Brenmoor Gazette that the vote was \" a clear mandate \" , and Orlen conceded late on Sunday .",
    "In Port Halvar , supporters of the Veloria Unity Party gathered outside the Halvar Exchange .",
    "The Veloria national side beat Ostrand 3-1 in Kessel , while Brenmoor drew 2-2 with Lindqvist United .",
    "Dr. Amaré Østergaard-Nuñez of the Institut für Küstenforschung said the Calder River floods had receded .",
    "Orlen 's campaign manager , Petra Valcourt-Mbeki , said the Commission would appeal to the Supreme Court of Veloria ; the court sits in Kessel and is expected to rule before the Harvest Festival in October , she said , adding that Varga 's lead of 4,212 votes was \" not final \" .",
    "iPhone sales at NorthWind Ltd. rose 12 % , the company 's chief executive , J. R. Osei , told Reuters .",
];

fn tagged(model: &NerModel, buf: &mut TagBuffers) -> String {
    let doc: Vec<Vec<&str>> = DOC.iter().map(|s| s.split(' ').collect()).collect();
    let tags = model.tag_document_with(&doc, buf);
    let mut out = String::new();
    for (words, tags) in doc.iter().zip(&tags) {
        for (w, t) in words.iter().zip(tags) {
            out.push_str(w);
            out.push(' ');
            out.push_str(t.as_str());
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[test]
fn tags_are_unchanged_by_speed_work() {
    let model = NerModel::shared().unwrap();
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../testdata/ner/speed_regression.tags");
    let mut buf = TagBuffers::default();
    let got = tagged(model, &mut buf);
    if std::env::var_os("CROSSCHECK_WRITE_GOLDEN").is_some() {
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap();
    assert_eq!(got, want);
    // Buffers reused from a previous document give the same tags.
    assert_eq!(tagged(model, &mut buf), want);
}
