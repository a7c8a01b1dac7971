//! Fast case-insensitive look-ups in the stage's fixed word lists.
//!
//! Built once (the lists are sorted then), looked up by lowercasing into a stack
//! buffer and a binary search: no allocation and no scan of the whole list per word.

/// A set of lowercase ASCII words or phrases.
#[derive(Debug, Clone)]
pub(crate) struct WordSet {
    /// Sorted by (length, bytes), so each (length, first byte) bucket is a range.
    words: Vec<&'static str>,
    /// `buckets[len][first - b'a']`: the range of `words` with that length and
    /// first letter; words of other lengths or first bytes are found by search.
    buckets: Vec<[(u16, u16); 26]>,
    longest: usize,
    /// The members sorted by bytes alone, for prefix look-ups.
    sorted: Vec<&'static str>,
}

/// Longest word a set can hold.
const MAX_LEN: usize = 32;
/// Words up to this length are bucketed.
const BUCKETED: usize = 16;

impl WordSet {
    /// A set of `words`, which must be lowercase.
    pub(crate) fn new(words: &[&'static str]) -> Self {
        let mut sorted = words.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let mut words = sorted.clone();
        words.sort_unstable_by(|a, b| (a.len(), *a).cmp(&(b.len(), *b)));
        let longest = words
            .iter()
            .map(|w| w.len())
            .max()
            .unwrap_or(0)
            .min(MAX_LEN);
        let mut buckets = vec![[(0u16, 0u16); 26]; BUCKETED + 1];
        for (i, w) in words.iter().enumerate() {
            let first = w.as_bytes().first().copied().unwrap_or(0);
            if w.len() <= BUCKETED
                && first.is_ascii_lowercase()
                && let Some(bucket) = buckets
                    .get_mut(w.len())
                    .and_then(|b| b.get_mut(usize::from(first - b'a')))
            {
                if bucket.1 == 0 {
                    bucket.0 = i as u16;
                }
                bucket.1 = i as u16 + 1;
            }
        }
        WordSet {
            words,
            buckets,
            longest,
            sorted,
        }
    }

    /// True when `word`, ignoring ASCII case, is in the set.
    pub(crate) fn contains(&self, word: &str) -> bool {
        let len = word.len();
        if len > self.longest || len == 0 {
            return false;
        }
        let mut buf = [0u8; MAX_LEN];
        let Some(lower) = buf.get_mut(..len) else {
            return false;
        };
        for (dst, src) in lower.iter_mut().zip(word.bytes()) {
            *dst = src.to_ascii_lowercase();
        }
        let lower: &[u8] = lower;
        let first = lower.first().copied().unwrap_or(0);
        if len <= BUCKETED && first.is_ascii_lowercase() {
            let (start, end) = self
                .buckets
                .get(len)
                .and_then(|b| b.get(usize::from(first - b'a')))
                .copied()
                .unwrap_or((0, 0));
            return self
                .words
                .get(usize::from(start)..usize::from(end))
                .unwrap_or(&[])
                .iter()
                .any(|w| w.as_bytes().iter().zip(lower).all(|(a, b)| a == b));
        }
        self.words.iter().any(|w| w.as_bytes() == lower)
    }

    /// True when `text` starts with a member, ignoring ASCII case.
    pub(crate) fn prefix_of(&self, text: &str) -> Option<&'static str> {
        let mut end = text.len().min(self.longest);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let head = text.get(..end).unwrap_or("");
        let mut buf = [0u8; MAX_LEN];
        let lower = buf.get_mut(..head.len())?;
        for (dst, src) in lower.iter_mut().zip(head.bytes()) {
            *dst = src.to_ascii_lowercase();
        }
        let lower: &[u8] = lower;
        // Candidates share the first byte; the sorted list keeps them together.
        let first = *lower.first()?;
        let from = self
            .sorted
            .partition_point(|w| w.as_bytes().first() < Some(&first));
        self.sorted
            .get(from..)?
            .iter()
            .take_while(|w| w.as_bytes().first() == Some(&first))
            .find(|w| lower.starts_with(w.as_bytes()))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks_up_ignoring_case() {
        let set = WordSet::new(&["said", "told", "read more"]);
        assert!(set.contains("Said"));
        assert!(!set.contains("sai"));
        assert!(!set.contains("sald"));
        assert!(set.contains("READ MORE"));
        assert!(WordSet::new(&["©", "e.g", "a"]).contains("E.G"));
        assert!(WordSet::new(&["©", "e.g", "a"]).contains("©"));
        assert!(WordSet::new(&["©", "e.g", "a"]).contains("A"));
        assert_eq!(set.prefix_of("READ MORE: x"), Some("read more"));
        assert_eq!(set.prefix_of("Reader"), None);
        assert_eq!(set.prefix_of(""), None);
        assert_eq!(WordSet::new(&["©"]).prefix_of("© 2025"), Some("©"));
    }
}
