//! First-order Viterbi decoding: per-token emission scores from the static features, plus
//! transition scores from features of (previous tag, this token).

use crate::features::{START, Sink, Tok, transition_features};
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
        for (i, (tok, em)) in toks.iter().zip(emissions).take(n).enumerate() {
            let mut best = [f32::NEG_INFINITY; CLASSES];
            let mut arg = [0u8; CLASSES];
            let prevs: &[u8] = if i == 0 { &[START] } else { &PREVS };
            let before = self.best.last().copied().unwrap_or([0.0; CLASSES]);
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
                let mut trans = [0f32; CLASSES];
                self.buckets.clear();
                transition_features(
                    tok,
                    p,
                    &mut Sink {
                        out: &mut self.buckets,
                        shift,
                    },
                );
                weights.add(&self.buckets, &mut trans);
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
