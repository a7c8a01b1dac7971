//! Claims read after the time and quotes stages, as the pipeline runs them, on
//! invented reports: reported-speech frames, passives, negation, numbers, places.
use crosscheck_claims::{ClaimExtractor, ClaimsConfig, Modality};
use crosscheck_core::layers::claim::Claim;
use crosscheck_core::{Article, Doc, Origin};
use crosscheck_quotes::{QuoteFinder, QuotesConfig};
use crosscheck_text::{TextAnalyzer, TextConfig};
use crosscheck_time::TimeConfig;

/// Text, names, time, quotes and claims, in the pipeline's order.
fn chain(name: &str) -> Doc {
    let path = format!(
        "{}/../../testdata/claims/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(!text.is_empty(), "missing fixture {path}");
    let mut doc =
        TextAnalyzer::new(TextConfig::default()).analyze(Article::new(Origin::file(&path), text));
    if let Ok(ner) = crosscheck_ner::NerModel::shared() {
        ner.annotate(&mut doc);
    }
    if let Ok(time) = TimeConfig::default().build() {
        time.tag_doc(&mut doc);
    }
    QuoteFinder::new(QuotesConfig::default()).annotate(&mut doc);
    ClaimExtractor::new(ClaimsConfig::default()).annotate(&mut doc);
    doc
}

fn claims_in<'d>(doc: &'d Doc, evidence_has: &str) -> Vec<&'d Claim> {
    doc.claims
        .iter()
        .filter(|c| {
            doc.sentences
                .get(c.sentence as usize)
                .is_some_and(|s| doc.text(s.span).contains(evidence_has))
        })
        .collect()
}

fn only<'d>(doc: &'d Doc, evidence_has: &str) -> &'d Claim {
    let found = claims_in(doc, evidence_has);
    assert_eq!(found.len(), 1, "{evidence_has:?}: {found:#?}");
    found[0]
}

fn text(doc: &Doc, span: Option<crosscheck_core::Span>) -> &str {
    span.map_or("", |s| doc.text(s))
}

fn head(arg: &Option<crosscheck_claims::Argument>) -> &str {
    arg.as_ref().map_or("", |a| a.head.as_str())
}

#[test]
fn regression_say_frame_hid_the_reported_clause() {
    let doc = chain("reported_speech_frames.txt");
    // `Y, X said on Sunday.`: the claim is Y, attributed to X; no `say` claim.
    let sign = only(&doc, "Delegations are expected");
    assert_eq!(sign.predicate, "sign");
    assert_eq!(head(&sign.subject), "delegation");
    assert_eq!(head(&sign.object), "accord");
    assert_eq!(sign.modality, Modality::Planned);
    assert_eq!(
        sign.place.as_ref().map(|p| doc.text(p.span)),
        Some("Brenmoor")
    );
    assert_eq!(sign.date.as_ref().map(|d| doc.text(d.span)), Some("Monday"));
    let attribution = sign.attribution.expect("attributed to the officials");
    assert!(!attribution.direct);
    assert_eq!(text(&doc, attribution.source), "officials");
    assert_eq!(text(&doc, attribution.cue), "said");
    assert!(
        doc.claims.iter().all(|c| c.predicate != "say"),
        "{:#?}",
        doc.claims
    );
}

#[test]
fn reported_speech_frames_attribute_the_clause() {
    let doc = chain("reported_speech_frames.txt");
    // `X said that Y`.
    let reach = only(&doc, "convoy reached");
    assert_eq!(reach.predicate, "reach");
    assert_eq!(head(&reach.subject), "convoy");
    assert!(!doc.text(reach.evidence).starts_with("that"));
    assert_eq!(
        text(&doc, reach.attribution.and_then(|a| a.source)),
        "ministry"
    );
    // `X said Y` without `that`.
    let resume = only(&doc, "ferry will resume");
    assert_eq!(resume.predicate, "resume");
    assert_eq!(resume.modality, Modality::Planned);
    assert!(resume.attribution.is_some());
    // `According to X, Y`.
    let open = only(&doc, "terminal opened");
    assert_eq!(open.predicate, "open");
    assert_eq!(
        text(&doc, open.attribution.and_then(|a| a.source)),
        "the port authority"
    );
    // `Y, X said.` with a passive Y and no agent: the subject is what was acted on.
    let reopen = only(&doc, "was reopened");
    assert_eq!(reopen.predicate, "reopen");
    assert!(reopen.passive);
    assert_eq!(head(&reopen.subject), "bridge");
    assert!(reopen.attribution.is_some_and(|a| !a.direct));
}

#[test]
fn relative_clause_in_the_frame_is_a_claim_and_the_reported_clause_too() {
    let doc = chain("reported_speech_frames.txt");
    let found = claims_in(&doc, "who chaired the inquiry");
    let chair = found
        .iter()
        .find(|c| c.predicate == "chair")
        .expect("the relative clause");
    assert_eq!(head(&chair.subject), "belden");
    assert!(chair.attribution.is_none());
    let reopen = found
        .iter()
        .find(|c| c.predicate == "reopen")
        .expect("the reported clause");
    assert_eq!(reopen.modality, Modality::Planned);
    assert_eq!(head(&reopen.subject), "quay");
    assert!(
        doc.text(
            reopen
                .attribution
                .and_then(|a| a.source)
                .unwrap_or_default()
        )
        .contains("Belden")
    );
    assert!(found.iter().all(|c| c.predicate != "say"), "{found:#?}");
}

#[test]
fn direct_quotes_are_kept_apart_from_the_outlets_claims() {
    let doc = chain("reported_speech_frames.txt");
    let hold = only(&doc, "The dam will hold");
    assert!(hold.from_quote(), "{hold:#?}");
    assert!(!hold.is_outlet_claim());
    assert_eq!(hold.predicate, "hold");
}

#[test]
fn headline_yields_no_claim() {
    let doc = chain("reported_speech_frames.txt");
    assert!(claims_in(&doc, "Delegations expected in Brenmoor\n").is_empty());
    assert!(doc.claims.iter().all(|c| c.sentence > 0));
}

#[test]
fn passive_with_agent_reads_in_the_active_voice() {
    let doc = chain("slots_passive_negation_numbers.txt");
    let sign = only(&doc, "was signed by Ilse Varga");
    assert_eq!(sign.predicate, "sign");
    assert_eq!(head(&sign.subject), "varga");
    assert_eq!(head(&sign.object), "accord");
    assert!(!sign.passive, "normalised to the active voice");
    assert_eq!(sign.key, "sign|accord|varga");
    assert_eq!(
        sign.place.as_ref().map(|p| doc.text(p.span)),
        Some("Brenmoor")
    );
}

#[test]
fn negation_of_the_verb_and_of_the_subject() {
    let doc = chain("slots_passive_negation_numbers.txt");
    let not_sign = only(&doc, "did not sign");
    assert!(not_sign.negated);
    assert_eq!(not_sign.key, "sign|accord|delegation");
    let no_deal = only(&doc, "No agreement was reached");
    assert!(no_deal.negated);
    assert_eq!(no_deal.predicate, "reach");
    assert_eq!(head(&no_deal.subject), "agreement");
    let never = only(&doc, "never signed");
    assert!(never.negated);
    assert_eq!(never.predicate, "sign");
}

#[test]
fn numbers_carry_their_units() {
    let doc = chain("slots_passive_negation_numbers.txt");
    let unit_of = |c: &Claim, value: f64| {
        c.numbers
            .iter()
            .find(|q| q.value == value)
            .and_then(|q| q.unit.clone())
    };
    let injured = only(&doc, "12 people");
    assert_eq!(injured.predicate, "injure");
    assert_eq!(unit_of(injured, 12.0).as_deref(), Some("people"));
    let spend = only(&doc, "$3 billion");
    assert_eq!(unit_of(spend, 3e9).as_deref(), Some("dollar"));
    let no_deal = only(&doc, "three hours of talks");
    assert_eq!(unit_of(no_deal, 3.0).as_deref(), Some("hour"));
    let closed = only(&doc, "closed for three hours");
    assert_eq!(unit_of(closed, 3.0).as_deref(), Some("hour"));
}

#[test]
fn places_from_names_and_from_in_phrases() {
    let doc = chain("slots_passive_negation_numbers.txt");
    let no_deal = only(&doc, "No agreement was reached");
    assert_eq!(
        no_deal.place.as_ref().map(|p| doc.text(p.span)),
        Some("Calder")
    );
    let closed = only(&doc, "closed for three hours");
    assert_eq!(
        closed.place.as_ref().map(|p| doc.text(p.span)),
        Some("Saltmarsh")
    );
    assert_eq!(
        closed.date.as_ref().map(|d| doc.text(d.span)),
        Some("Friday")
    );
}

#[test]
fn subjects_after_a_subordinator_and_of_coordinated_adjectives() {
    let doc = chain("subjects_subordinate_coordinated.txt");
    // `As the team … arrived`: the team arrived; `as` is not the subject.
    let team = claims_in(&doc, "As the team")
        .into_iter()
        .find(|c| c.predicate == "arrive")
        .expect("an arrive claim in the subordinate clause");
    assert_eq!(head(&team.subject), "team");
    // `Velorian and Kestrandi negotiators`: the negotiators arrived, not `Velorian`.
    let negotiators = only(&doc, "Kestrandi negotiators");
    assert_eq!(negotiators.predicate, "arrive");
    assert_eq!(head(&negotiators.subject), "negotiator");
}

#[test]
fn they_stands_for_the_plural_noun_named_before_it() {
    let doc = chain("subjects_subordinate_coordinated.txt");
    let begin = claims_in(&doc, "they will begin")
        .into_iter()
        .find(|c| c.predicate == "begin")
        .expect("a begin claim");
    assert_eq!(head(&begin.subject), "talk");
}
