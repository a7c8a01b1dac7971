//! Offset maps that the cleaning passes build and compose.
//!
//! `crosscheck_core::OffsetMap` keeps its anchors private, so two maps cannot be
//! chained through its API. Each cleaning pass records its anchors here, with the same
//! meaning (each anchor starts a run in which both texts advance together), the
//! passes' maps are composed, and only the final map becomes an `OffsetMap`.

use crosscheck_core::OffsetMap;

/// Anchors `(derived, source)`, sorted by `derived`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RunMap {
    anchors: Vec<(u32, u32)>,
}

impl RunMap {
    /// An empty map (which maps every offset to itself).
    pub(crate) fn new() -> Self {
        RunMap {
            anchors: Vec::new(),
        }
    }

    /// Starts a run at `derived` lining up with `source`. Offsets must not decrease.
    pub(crate) fn push(&mut self, derived: usize, source: usize) {
        let anchor = (derived as u32, source as u32);
        match self.anchors.last_mut() {
            Some(last) if last.0 == anchor.0 => *last = anchor,
            // A run that continues the previous one adds nothing.
            Some(last)
                if anchor.0.wrapping_sub(last.0) == anchor.1.wrapping_sub(last.1)
                    && anchor.1 >= last.1 => {}
            _ => self.anchors.push(anchor),
        }
    }

    /// The source offset of `derived`.
    pub(crate) fn get(&self, derived: usize) -> usize {
        let derived = derived as u32;
        let at = self.anchors.partition_point(|&(d, _)| d <= derived);
        match at.checked_sub(1).and_then(|i| self.anchors.get(i)) {
            Some(&(d, s)) => (s as usize) + (derived - d) as usize,
            None => derived as usize,
        }
    }

    /// The map `derived → original` from `self: derived → mid` and
    /// `inner: mid → original`. `mid_len` bounds the last run of `self`.
    pub(crate) fn compose(&self, inner: &RunMap, mid_len: usize) -> RunMap {
        let mut out = RunMap::new();
        if self.anchors.is_empty() {
            return inner.clone();
        }
        for (i, &(d, m)) in self.anchors.iter().enumerate() {
            out.push(d as usize, inner.get(m as usize));
            // The mid range this run covers; inner anchors inside it start new runs.
            let run_end = match self.anchors.get(i + 1) {
                Some(&(next_d, _)) => m as usize + (next_d - d) as usize,
                None => mid_len.max(m as usize),
            };
            let first = inner
                .anchors
                .partition_point(|&(im, _)| (im as usize) <= m as usize);
            for &(im, io) in inner.anchors.get(first..).unwrap_or(&[]) {
                if im as usize >= run_end {
                    break;
                }
                out.push(d as usize + (im - m) as usize, io as usize);
            }
        }
        out
    }

    /// The map as the core type.
    pub(crate) fn into_offset_map(self) -> OffsetMap {
        let mut map = OffsetMap::identity();
        for (d, s) in self.anchors {
            map.push(d as usize, s as usize);
        }
        map
    }
}

/// Text being built by a pass, with the map back to the pass's input.
#[derive(Debug, Default)]
pub(crate) struct MappedText {
    pub(crate) text: String,
    pub(crate) map: RunMap,
}

impl MappedText {
    /// An empty text with room for `capacity` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        MappedText {
            text: String::with_capacity(capacity),
            map: RunMap::new(),
        }
    }

    /// Appends `s`, which stands for the source bytes starting at `at`.
    pub(crate) fn push(&mut self, s: &str, at: usize) {
        if s.is_empty() {
            return;
        }
        self.map.push(self.text.len(), at);
        self.text.push_str(s);
    }

    /// Appends one character standing for the source bytes starting at `at`.
    pub(crate) fn push_char(&mut self, c: char, at: usize) {
        self.map.push(self.text.len(), at);
        self.text.push(c);
    }

    /// Appends a character standing for the source bytes `start..end` (an entity, a
    /// normalised sequence): its first byte maps to `start` and its last to
    /// `end - 1`, so spans over it map back to the whole source stretch.
    pub(crate) fn push_char_spanning(&mut self, c: char, start: usize, end: usize) {
        let d = self.text.len();
        let len = c.len_utf8();
        let last = end.max(start + 1) - 1;
        for j in 0..len {
            let source = if j + 1 == len && len > 1 {
                last
            } else {
                (start + j).min(last)
            };
            self.map.push(d + j, source);
        }
        self.text.push(c);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn composing_two_passes_maps_through_both() {
        // original "a<b>bc</b>  d" → mid "abc  d" → body "abc d"
        let mut inner = RunMap::new();
        inner.push(0, 0);
        inner.push(1, 4);
        inner.push(3, 10);
        let mut outer = RunMap::new();
        outer.push(0, 0);
        outer.push(4, 5);
        let map = outer.compose(&inner, 6);
        assert_eq!(map.get(0), 0);
        assert_eq!(map.get(1), 4);
        assert_eq!(map.get(2), 5);
        assert_eq!(map.get(3), 10);
        assert_eq!(map.get(4), 12);
    }

    #[test]
    fn empty_outer_map_is_the_inner_map() {
        let mut inner = RunMap::new();
        inner.push(0, 3);
        assert_eq!(RunMap::new().compose(&inner, 5).get(1), 4);
    }
}
