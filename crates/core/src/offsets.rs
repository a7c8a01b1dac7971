use serde::{Deserialize, Serialize};

/// Maps byte offsets in a derived text (the cleaned body) back to byte offsets in the
/// text it was derived from (the article's text as read), so evidence found in the
/// body can always point at the original characters.
///
/// The map is a sorted list of anchors `(derived, original)`: each anchor starts a run
/// in which both texts advance together byte for byte. Edits (removed markup, collapsed
/// spaces, replaced characters) start a new run, so the map stays small: one anchor per
/// edit, not one per byte.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OffsetMap {
    anchors: Vec<(u32, u32)>,
}

impl OffsetMap {
    /// The identity map: the derived text is the original.
    pub fn identity() -> Self {
        OffsetMap {
            anchors: vec![(0, 0)],
        }
    }

    /// Starts a new run: from `derived` on, derived bytes line up with original bytes
    /// from `original` on. Anchors must be pushed in increasing `derived` order; a
    /// later anchor at the same derived offset replaces the earlier one.
    /// An anchor before the last one is ignored: offsets never go backwards.
    pub fn push(&mut self, derived: usize, original: usize) {
        let anchor = (derived as u32, original as u32);
        match self.anchors.last_mut() {
            Some(last) if anchor.0 < last.0 => {}
            Some(last) if last.0 == anchor.0 => *last = anchor,
            // A run that continues the previous one adds nothing.
            Some(last) if anchor.0 - last.0 == anchor.1.wrapping_sub(last.1) => {}
            _ => self.anchors.push(anchor),
        }
    }

    /// The original offset of derived byte `derived`.
    pub fn to_original(&self, derived: usize) -> usize {
        let derived = derived as u32;
        let at = self.anchors.partition_point(|&(d, _)| d <= derived);
        match at.checked_sub(1).map(|i| self.anchors[i]) {
            Some((d, o)) => (o + (derived - d)) as usize,
            None => derived as usize,
        }
    }

    /// The original range of a derived span.
    pub fn span_to_original(&self, span: crate::Span) -> crate::Span {
        let start = self.to_original(span.start as usize);
        // Map the last byte rather than the end, so a span ending right before an
        // edit does not stretch over the removed original bytes.
        let end = if span.is_empty() {
            start
        } else {
            self.to_original(span.end as usize - 1) + 1
        };
        crate::Span::new(start, end.max(start))
    }

    /// A map from its anchors, `(derived, original)` pairs in increasing `derived`
    /// order (out-of-order anchors are dropped).
    pub fn from_anchors(anchors: impl IntoIterator<Item = (u32, u32)>) -> Self {
        let mut map = OffsetMap {
            anchors: Vec::new(),
        };
        for (derived, original) in anchors {
            map.push(derived as usize, original as usize);
        }
        map
    }

    /// The anchors, `(derived, original)`, in increasing `derived` order.
    pub fn anchors(&self) -> &[(u32, u32)] {
        &self.anchors
    }

    /// Chains two maps: `self` maps a derived text to an intermediate one, `inner`
    /// maps the intermediate text to the original. The result maps derived offsets
    /// straight to original ones.
    pub fn compose(&self, inner: &OffsetMap) -> OffsetMap {
        let mut points: Vec<u32> = self.anchors.iter().map(|&(d, _)| d).collect();
        // Every place where the inner map starts a new run, seen from the derived side.
        for &(mid, _) in &inner.anchors {
            let at = self.anchors.partition_point(|&(_, m)| m <= mid);
            if let Some(&(d, m)) = at.checked_sub(1).and_then(|i| self.anchors.get(i)) {
                points.push(d + (mid - m));
            }
        }
        points.sort_unstable();
        points.dedup();
        OffsetMap::from_anchors(
            points
                .into_iter()
                .map(|d| (d, inner.to_original(self.to_original(d as usize)) as u32)),
        )
    }

    /// Number of anchors: a measure of how much cleaning changed the text.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    /// True when the map has no anchors (it then maps every offset to itself).
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    #[test]
    fn removed_markup_maps_around_the_gap() {
        // original: "a <b>bold</b> word"  derived: "a bold word"
        let mut map = OffsetMap::identity();
        map.push(2, 5); // "bold" starts after "<b>"
        map.push(6, 13); // " word" after "</b>"
        assert_eq!(map.to_original(0), 0);
        assert_eq!(map.to_original(2), 5);
        assert_eq!(map.to_original(5), 8);
        assert_eq!(map.to_original(7), 14);
        assert_eq!(map.span_to_original(Span::new(2, 6)), Span::new(5, 9));
    }

    #[test]
    fn composed_maps_agree_with_applying_both() {
        let mut outer = OffsetMap::identity();
        outer.push(3, 7);
        outer.push(10, 20);
        let mut inner = OffsetMap::identity();
        inner.push(5, 9);
        inner.push(15, 30);
        let both = outer.compose(&inner);
        for d in 0..40 {
            assert_eq!(
                both.to_original(d),
                inner.to_original(outer.to_original(d)),
                "at {d}"
            );
        }
    }

    #[test]
    fn backward_anchors_are_ignored() {
        let mut map = OffsetMap::identity();
        map.push(10, 12);
        map.push(5, 3);
        assert_eq!(map.to_original(11), 13);
    }

    #[test]
    fn continuing_runs_are_not_stored() {
        let mut map = OffsetMap::identity();
        map.push(10, 10);
        map.push(20, 20);
        assert_eq!(map.len(), 1);
    }
}
