//! Dev tool: every weekday expression of a folder of plain-text reports of one
//! story, with the date it resolves to when the reports' dates are inferred as the
//! pipeline does (own text and links, then the story's other reports).
//! `cargo run --release -p crosscheck-time --example weekday_check -- DIR`
use crosscheck_core::{Article, Doc, Origin};
use crosscheck_time::{TimeTagger, infer_published_story};

/// Drops `<…>` markup so links do not read as words.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut inside = false;
    for c in text.chars() {
        match c {
            '<' => inside = true,
            '>' if inside => inside = false,
            _ if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_default();
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|r| r.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    let mut docs: Vec<Doc> = paths
        .iter()
        .filter_map(|p| {
            let text = strip_tags(&std::fs::read_to_string(p).ok()?);
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some(Doc::unanalysed(Article::new(Origin::file(name), text)))
        })
        .collect();
    let tagger = TimeTagger::default();
    // As the pipeline does: each doc first on its own (its own text and links),
    // then the undated ones from the story's dated reports.
    for doc in docs.iter_mut() {
        tagger.tag_doc(doc);
    }
    let inferred = infer_published_story(&docs.iter().collect::<Vec<_>>());
    let weekdays = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    for (doc, inferred) in docs.iter_mut().zip(inferred) {
        if let Some(inferred) = &inferred {
            inferred.apply(&mut doc.article);
        }
        tagger.tag_doc(doc);
        let inferred = inferred.or_else(|| {
            doc.article
                .published
                .as_ref()
                .map(|p| crosscheck_time::InferredDate {
                    date: p.date(),
                    evidence: "own text or link".to_string(),
                    span: None,
                })
        });
        println!(
            "== {:?} date {:?} ({})",
            doc.article.origin,
            doc.article.published,
            inferred.map(|i| i.evidence).unwrap_or_default()
        );
        for t in &doc.times {
            let text = t.span.slice(&doc.body);
            if weekdays
                .iter()
                .any(|w| text.to_ascii_lowercase().contains(w))
            {
                let lo = doc
                    .body
                    .floor_char_boundary((t.span.start as usize).saturating_sub(70));
                let hi = doc
                    .body
                    .ceil_char_boundary((t.span.end as usize + 40).min(doc.body.len()));
                println!(
                    "  {:<22} {:<16} …{}…",
                    text,
                    t.value,
                    doc.body[lo..hi].replace('\n', " ")
                );
            }
        }
    }
}
