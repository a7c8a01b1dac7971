//! Claims from invented reports, built the way the pipeline builds docs.
use crosscheck_claims::{ClaimExtractor, ClaimsConfig, Modality};
use crosscheck_core::layers::claim::Claim;
use crosscheck_core::layers::entity::EntityKind;
use crosscheck_core::{Article, Doc, Origin, SegmentKind};
use crosscheck_text::{TextAnalyzer, TextConfig};
use proptest::prelude::*;

fn analyse(path: &str, text: String) -> Doc {
    let mut doc =
        TextAnalyzer::new(TextConfig::default()).analyze(Article::new(Origin::file(path), text));
    if let Ok(ner) = crosscheck_ner::NerModel::shared() {
        ner.annotate(&mut doc);
    }
    ClaimExtractor::new(ClaimsConfig::default()).annotate(&mut doc);
    doc
}

fn fixture(name: &str) -> Doc {
    let path = format!(
        "{}/../../testdata/claims/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(!text.is_empty(), "missing fixture {path}");
    analyse(&path, text)
}

fn find<'d>(doc: &'d Doc, evidence_has: &str) -> &'d Claim {
    doc.claims
        .iter()
        .find(|c| doc.text(c.evidence).contains(evidence_has))
        .unwrap_or_else(|| panic!("no claim with {evidence_has:?} in {:#?}", doc.claims))
}

fn date_value(c: &Claim) -> Option<&str> {
    c.date.as_ref().and_then(|d| d.value.as_deref())
}

#[test]
fn planned_signing_and_asserted_signing_share_a_key() {
    let planned = fixture("talks_planned.txt");
    let signed = fixture("talks_signed.txt");
    let p = find(&planned, "expected to sign");
    let s = find(&signed, "signed the water accord");
    assert_eq!(p.predicate, "sign");
    assert_eq!(p.modality, Modality::Planned);
    assert_eq!(s.modality, Modality::Asserted);
    assert_eq!(p.key, s.key);
    assert_eq!(p.key, "sign|accord|delegation");
    assert_eq!(date_value(p), Some("XXXX-WXX-1"));
    assert_eq!(date_value(s), Some("XXXX-WXX-2"));
    assert_eq!(
        planned.text(p.place.as_ref().map(|a| a.span).unwrap_or_default()),
        "Port Halden"
    );
    assert_eq!(
        signed.text(s.place.as_ref().map(|a| a.span).unwrap_or_default()),
        "Lake Orrin"
    );
}

#[test]
fn negation_and_relative_clause() {
    let doc = fixture("talks_planned.txt");
    let attend = find(&doc, "did not attend");
    assert!(attend.negated);
    assert_eq!(attend.predicate, "attend");
    assert_eq!(
        attend.subject.as_ref().map(|a| a.head.as_str()),
        Some("varga")
    );
    assert_eq!(date_value(attend), Some("XXXX-WXX-5"));
    // The relative clause is a claim of its own about the same person, not negated.
    let pact = find(&doc, "negotiated the 2021 border pact");
    assert!(!pact.negated);
    assert_eq!(pact.predicate, "negotiate");
    assert_eq!(
        pact.subject.as_ref().map(|a| a.head.as_str()),
        Some("varga")
    );
    assert!(
        pact.numbers.is_empty(),
        "a year before a noun is not a quantity"
    );
    let signed = fixture("talks_signed.txt");
    let refused = find(&signed, "refused to comment");
    assert!(refused.negated);
    assert_eq!(refused.predicate, "comment");
}

#[test]
fn hedging_and_numbers_with_units() {
    let doc = fixture("talks_planned.txt");
    let run = find(&doc, "reportedly run");
    assert_eq!(run.modality, Modality::Hedged);
    assert_eq!(run.numbers.len(), 1);
    assert_eq!(run.numbers[0].value, 3.0);
    assert_eq!(run.numbers[0].unit.as_deref(), Some("day"));
    let ceasefire = find(&doc, "ceasefire may be extended");
    assert_eq!(ceasefire.modality, Modality::Hedged);
    assert!(ceasefire.passive);
    assert_eq!(ceasefire.numbers[0].value, 30.0);
    assert_eq!(ceasefire.numbers[0].unit.as_deref(), Some("day"));
    assert_eq!(ceasefire.numbers[0].of.as_deref(), Some("ceasefire"));
    let trade = find(&doc, "fell 40 percent");
    assert_eq!(trade.numbers.len(), 1, "{:?}", trade.numbers);
    assert_eq!(trade.numbers[0].unit.as_deref(), Some("percent"));
    let signed = fixture("talks_signed.txt");
    let engineers = find(&signed, "12 engineers");
    assert_eq!(engineers.numbers[0].value, 12.0);
    assert_eq!(engineers.numbers[0].unit.as_deref(), Some("engineer"));
}

#[test]
fn captions_credits_and_headlines_yield_no_claims() {
    for name in ["caption_credit_quote.txt", "talks_planned.txt"] {
        let doc = fixture(name);
        for claim in &doc.claims {
            let seg = doc.sentences[claim.sentence as usize].segment as usize;
            assert_eq!(
                doc.segments[seg].kind,
                SegmentKind::Body,
                "{}",
                doc.text(claim.evidence)
            );
        }
        assert!(
            doc.segments
                .iter()
                .any(|s| s.kind == SegmentKind::Caption || s.kind == SegmentKind::Credit),
            "{name}: fixture has no caption/credit"
        );
    }
    let doc = fixture("caption_credit_quote.txt");
    assert!(
        !doc.claims
            .iter()
            .any(|c| doc.text(c.evidence).contains("cuts the ribbon"))
    );
    assert!(
        !doc.claims
            .iter()
            .any(|c| doc.text(c.evidence).contains("Getty"))
    );
}

#[test]
fn quoted_claims_are_attributed_to_the_speaker() {
    let doc = fixture("caption_credit_quote.txt");
    let carry = find(&doc, "will carry");
    assert!(carry.from_quote());
    assert_eq!(carry.modality, Modality::Planned);
    let source = carry
        .attribution
        .and_then(|a| a.source)
        .map(|s| doc.text(s));
    assert_eq!(source, Some("Linde"));
    assert_eq!(carry.numbers[0].value, 9000.0);
    let opened = find(&doc, "opened the Kessel bridge");
    assert!(opened.is_outlet_claim());
    let approved = find(&doc, "never approved");
    assert!(approved.negated);
    assert!(approved.attribution.is_some_and(|a| !a.direct));
    let planned = fixture("talks_planned.txt");
    let ready = find(&planned, "We are ready");
    assert!(ready.from_quote());
}

#[test]
fn subjects_resolve_to_entity_mentions() {
    let doc = fixture("talks_planned.txt");
    let lead = find(&doc, "will lead");
    let subject = lead.subject.as_ref().expect("subject");
    assert_eq!(doc.text(subject.span), "Ilse Varga");
    assert_eq!(subject.kind, Some(EntityKind::Per));
    assert!(subject.entity.is_some());
    assert_eq!(
        lead.object.as_ref().map(|a| a.head.as_str()),
        Some("delegation")
    );
    assert_eq!(lead.predicate, "lead");
    let signed = fixture("talks_signed.txt");
    let she = find(&signed, "would open an office");
    assert_eq!(she.modality, Modality::Planned);
    // A passive with its agent is read in the active voice: the agent is the subject.
    let by = find(&signed, "was signed by");
    assert!(!by.passive);
    assert_eq!(by.subject.as_ref().map(|a| a.head.as_str()), Some("varga"));
}

#[test]
fn claims_round_trip_through_json() {
    let doc = fixture("talks_signed.txt");
    let json = serde_json::to_string(&doc).unwrap_or_default();
    let back: Doc = serde_json::from_str(&json).expect("doc json");
    assert_eq!(back.claims, doc.claims);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn random_text_never_panics_and_spans_are_valid(text in "[A-Za-z0-9 ,.;\"“”'’%é₂ß\\-\n]{0,400}") {
        let doc = analyse("p.txt", text);
        for c in &doc.claims {
            let mut spans = vec![c.evidence, c.verb];
            spans.extend(c.subject.iter().chain(&c.object).chain(&c.place).chain(&c.participants).map(|a| a.span));
            spans.extend(c.date.iter().map(|d| d.span));
            spans.extend(c.numbers.iter().map(|q| q.span));
            for s in spans {
                prop_assert!(s.start <= s.end && (s.end as usize) <= doc.body.len());
                prop_assert!(doc.body.is_char_boundary(s.start as usize) && doc.body.is_char_boundary(s.end as usize));
            }
            prop_assert!(!c.predicate.is_empty());
        }
    }
}

#[test]
fn regression_verb_groups_with_adverbs_auxiliaries_and_appositions() {
    let doc = fixture("verb_groups.txt");
    let review = find(&doc, "also review");
    assert_eq!(
        review.predicate, "review",
        "an adverb after a modal is not the verb"
    );
    assert_eq!(review.modality, Modality::Planned);
    let dispute = find(&doc, "does not dispute");
    assert_eq!(
        dispute.predicate, "dispute",
        "an unknown verb after `do` is the verb"
    );
    assert!(dispute.negated);
    let everything = find(&doc, "do everything");
    assert_eq!(everything.predicate, "do");
    let hinted = find(&doc, "has hinted");
    assert_eq!(
        hinted.subject.as_ref().map(|a| a.head.as_str()),
        Some("fenn"),
        "an apposition between commas hands the subject back"
    );
    let vote = find(&doc, "set to vote");
    assert_eq!(vote.predicate, "vote");
    assert_eq!(vote.modality, Modality::Planned);
    assert_eq!(date_value(vote), Some("XXXX-WXX-4"));
    let attend = find(&doc, "plans to attend");
    assert_eq!(attend.predicate, "attend");
    assert_eq!(attend.modality, Modality::Planned);
    assert_eq!(
        attend.subject.as_ref().map(|a| a.head.as_str()),
        Some("mayor")
    );
}

#[test]
fn time_and_quote_layers_are_used_when_present() {
    use crosscheck_core::Span;
    use crosscheck_core::layers::quote::Quote;
    use crosscheck_core::layers::time::{TimeExpression, TimexKind};
    let text = "Envoys met on Monday in Port Halden.\n\nThe talks will resume soon, Varga said.\n"
        .to_owned();
    let mut doc = TextAnalyzer::new(TextConfig::default())
        .analyze(Article::new(Origin::file("layers.txt"), text));
    let at = |needle: &str| {
        let start = doc.body.find(needle).unwrap_or(0);
        Span::new(start, start + needle.len())
    };
    let monday = at("Monday");
    let content = at("The talks will resume soon");
    let cue = at("said");
    let source = at("Varga");
    doc.times.push(TimeExpression {
        span: monday,
        kind: TimexKind::Date,
        value: "2025-03-03".into(),
    });
    doc.quotes.push(Quote {
        content,
        cue: Some(cue),
        source: Some(source),
        direct: false,
    });
    ClaimExtractor::new(ClaimsConfig::default()).annotate(&mut doc);
    let met = find(&doc, "Envoys met");
    assert_eq!(
        date_value(met),
        Some("2025-03-03"),
        "the time layer's value wins"
    );
    let resume = find(&doc, "will resume");
    let attribution = resume.attribution.expect("attributed");
    assert_eq!(attribution.quote, Some(0));
    assert_eq!(attribution.source, Some(source));
    assert!(!resume.from_quote());
    assert_eq!(resume.modality, Modality::Planned);
    // The frame `Varga said` is not a claim of its own.
    assert_eq!(doc.claims.len(), 2, "{:#?}", doc.claims);
}

proptest! {
    #[test]
    fn lemmatiser_takes_any_word(word in "\\PC{0,12}") {
        let _ = crosscheck_claims::verb_lemma(&word);
        let _ = crosscheck_claims::noun_singular(&word);
    }
}
