//! Hashing without allocation: strings (lowercased on the fly) to 64-bit keys, and feature
//! keys to weight-table buckets.

use std::hash::{BuildHasherDefault, Hasher};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A running FNV-1a hash; incremental, so prefixes of a word cost one step each.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new() -> Self {
        Fnv(FNV_OFFSET)
    }

    #[inline]
    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(FNV_PRIME);
        }
    }

    /// Feeds the lowercase form of `c`.
    #[inline]
    pub(crate) fn lower_char(&mut self, c: char) {
        if c.is_ascii() {
            self.bytes(&[c.to_ascii_lowercase() as u8]);
        } else {
            let mut buf = [0u8; 4];
            for l in c.to_lowercase() {
                self.bytes(l.encode_utf8(&mut buf).as_bytes());
            }
        }
    }

    #[inline]
    pub(crate) fn char(&mut self, c: char) {
        let mut buf = [0u8; 4];
        self.bytes(c.encode_utf8(&mut buf).as_bytes());
    }

    /// The finished, well-mixed key.
    #[inline]
    pub(crate) fn finish(self) -> u64 {
        splitmix(self.0)
    }
}

/// Key of `text` lowercased (how the lexicon tables are keyed).
pub(crate) fn lower_key(text: &str) -> u64 {
    let mut h = Fnv::new();
    for c in text.chars() {
        h.lower_char(c);
    }
    h.finish()
}

/// Key of `text` as is.
pub(crate) fn exact_key(text: &str) -> u64 {
    let mut h = Fnv::new();
    h.bytes(text.as_bytes());
    h.finish()
}

#[inline]
pub(crate) fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Combines a running key with one more value (order matters).
#[inline]
pub(crate) fn mix(a: u64, b: u64) -> u64 {
    splitmix(a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// A hasher for keys that are already well mixed 64-bit values.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys are used; fold anything else in for safety.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// HashMap keyed by pre-mixed u64 keys.
pub(crate) type KeyMap<V> = std::collections::HashMap<u64, V, BuildHasherDefault<KeyHasher>>;
