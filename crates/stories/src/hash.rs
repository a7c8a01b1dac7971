//! A small deterministic hash: term ids and MinHash values must be the same on every
//! machine and every run, because signatures are stored and compared later.

/// FNV-1a over the bytes, then a SplitMix64 finaliser so that nearby inputs spread
/// over all 64 bits.
pub(crate) fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// SplitMix64's finaliser.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A hasher for keys that are already hashes (term ids, band keys, story ids):
/// one multiply instead of SipHash, which dominated lookups. Not for keys an
/// adversary picks freely; these are our own hashes.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn write_u32(&mut self, i: u32) {
        self.write_u64(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        // The high bits pick the bucket group in hashbrown: spread them.
        self.0 = (self.0 ^ i)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(26);
    }
}

/// `HashMap` with [`IdHasher`].
pub(crate) type IdMap<K, V> =
    std::collections::HashMap<K, V, std::hash::BuildHasherDefault<IdHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_fixed_across_runs() {
        // A stored signature is only useful if this value never changes.
        assert_eq!(hash_bytes(0, b"quake"), hash_bytes(0, b"quake"));
        assert_ne!(hash_bytes(0, b"quake"), hash_bytes(1, b"quake"));
        assert_ne!(hash_bytes(0, b"quake"), hash_bytes(0, b"quakes"));
    }
}
