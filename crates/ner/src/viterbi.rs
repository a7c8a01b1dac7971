//! First-order Viterbi decoding: per-token emission scores from the static features, plus
//! transition scores from features of (previous tag, this token).

use crate::features::{START, Sink, Tok, prev_tag_feature, token_transition_rows};
use crate::tag::EntityTag;

pub(crate) const CLASSES: usize = EntityTag::COUNT;

/// Anything that can add weight rows to a score vector.
pub(crate) trait Weights {
    fn add(&self, buckets: &[u32], scores: &mut [f32; CLASSES]);
}

/// `VALID[prev][c]`: whether class `c` may follow class `prev` (START = 9 acts as O).
const VALID: [[bool; CLASSES]; 10] = {
    let mut v = [[true; CLASSES]; 10];
    let mut prev = 0;
    while prev < 10 {
        let mut c = 2;
        while c < CLASSES {
            // c = I-t needs prev = B-t (c - 1) or I-t (c).
            v[prev][c] = prev == c - 1 || prev == c;
            c += 2;
        }
        prev += 1;
    }
    v
};

const PREVS: [u8; CLASSES] = [0, 1, 2, 3, 4, 5, 6, 7, 8];

/// Reusable decoding buffers.
#[derive(Debug, Default)]
pub(crate) struct Lattice {
    best: Vec<[f32; CLASSES]>,
    back: Vec<[u8; CLASSES]>,
    buckets: Vec<u32>,
}

impl Lattice {
    /// Best IOB2-valid tag sequence for one sentence; writes class indices into `out`.
    pub(crate) fn decode<W: Weights>(
        &mut self,
        weights: &W,
        shift: u32,
        toks: &[Tok],
        emissions: &[[f32; CLASSES]],
        out: &mut [u8],
    ) {
        let n = toks.len().min(emissions.len()).min(out.len());
        self.best.clear();
        self.back.clear();
        // Token-independent transition rows, once per sentence.
        let mut prev_rows = [[0f32; CLASSES]; 10];
        for (p, row) in prev_rows.iter_mut().enumerate() {
            self.buckets.clear();
            prev_tag_feature(
                p as u8,
                &mut Sink {
                    out: &mut self.buckets,
                    shift,
                },
            );
            weights.add(&self.buckets, row);
        }
        for (i, (tok, em)) in toks.iter().zip(emissions).take(n).enumerate() {
            let mut best = [f32::NEG_INFINITY; CLASSES];
            let mut arg = [0u8; CLASSES];
            let prevs: &[u8] = if i == 0 { &[START] } else { &PREVS };
            let before = self.best.last().copied().unwrap_or([0.0; CLASSES]);
            let rows = token_transition_rows(tok, shift);
            for &p in prevs {
                let base = if i == 0 {
                    0.0
                } else {
                    before
                        .get(usize::from(p))
                        .copied()
                        .unwrap_or(f32::NEG_INFINITY)
                };
                if base == f32::NEG_INFINITY {
                    continue;
                }
                let mut trans = prev_rows.get(usize::from(p)).copied().unwrap_or_default();
                // The token's transition rows for this previous tag, in the order
                // `token_transition_features` gives them (same sums, same order).
                let p32 = u32::from(p.min(START));
                weights.add(&[rows[0] + p32, rows[1] + p32], &mut trans);
                let valid = VALID
                    .get(usize::from(p))
                    .copied()
                    .unwrap_or([true; CLASSES]);
                for c in 0..CLASSES {
                    if !valid[c] {
                        continue;
                    }
                    let s = base + em[c] + trans[c];
                    if s > best[c] {
                        best[c] = s;
                        arg[c] = p;
                    }
                }
            }
            self.best.push(best);
            self.back.push(arg);
        }
        let Some(last) = self.best.last() else {
            return;
        };
        let mut state = argmax(last);
        for i in (0..n).rev() {
            if let Some(slot) = out.get_mut(i) {
                *slot = state;
            }
            if i > 0 {
                state = self
                    .back
                    .get(i)
                    .and_then(|b| b.get(usize::from(state)))
                    .copied()
                    .unwrap_or(0);
            }
        }
    }
}

fn argmax(scores: &[f32; CLASSES]) -> u8 {
    let mut best = 0;
    for c in 1..CLASSES {
        if scores[c] > scores[best] {
            best = c;
        }
    }
    best as u8
}

#[cfg(test)]
mod tests {
    use crate::features::{
        FeatureSet, START, Sink, token_transition_features, token_transition_rows,
    };
    use crate::lexicon::Lexicon;

    /// The hoisted rows (hashed once per token) are the rows the per-tag features give.
    #[test]
    fn transition_rows_match_transition_features() {
        let lexicon = Lexicon::new(Vec::new(), Vec::new());
        let mut doc = crate::features::DocInfo::default();
        let sentence = vec![
            "Ilse", "Varga", "left", "Port", "Halvar", "on", "3-1", "Øster",
        ];
        doc.prepare(&[sentence], &lexicon, FeatureSet::default());
        for shift in [64 - 17, 64 - 12] {
            for tok in &doc.toks {
                let rows = token_transition_rows(tok, shift);
                for p in 0..=START {
                    let mut out = Vec::new();
                    token_transition_features(
                        tok,
                        p,
                        &mut Sink {
                            out: &mut out,
                            shift,
                        },
                    );
                    assert_eq!(out, vec![rows[0] + u32::from(p), rows[1] + u32::from(p)]);
                }
            }
        }
    }
}
