//! Maps keyed by values that are already hashes (word, feature and name hashes): an identity
//! hasher, a map with a small bit filter in front for the hot lookups that mostly miss, and a
//! direct-mapped cache for the per-thread caches of the tagger.

use crate::word_hash::home_slot;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already hashes. 32-bit keys are spread over all 64 bits
/// (hashbrown takes its control byte from the top bits).
#[derive(Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ b as u64;
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.0 = (n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A hash map whose keys are already hashes.
pub(crate) type IdentityMap<K, V> = HashMap<K, V, BuildHasherDefault<IdentityHasher>>;

/// Smallest filter of a [`FilteredMap`], in bits (1 KB).
const MIN_FILTER_BITS: usize = 8192;

/// A map from hashes to small values with a one-bit-per-bucket filter in front: most lookups
/// (words that are no anchor, have no flags) are answered by the filter from cache, and only the
/// rest reach the map. The filter has at least eight bits per key (it doubles as keys are
/// added), so about one lookup of a missing key in eight gets past it. Missing keys read as
/// `V::default()`.
#[derive(Debug, Clone)]
pub(crate) struct FilteredMap<V> {
    map: IdentityMap<u64, V>,
    bits: Vec<u64>,
}

impl<V> Default for FilteredMap<V> {
    fn default() -> Self {
        FilteredMap {
            map: IdentityMap::default(),
            bits: vec![0; MIN_FILTER_BITS / 64],
        }
    }
}

impl<V: Copy + Default> FilteredMap<V> {
    /// The filter bit of `h`.
    #[inline]
    fn bit(&self, h: u64) -> usize {
        home_slot(h, self.bits.len() * 64 - 1)
    }

    fn set_bit(&mut self, h: u64) {
        let bit = self.bit(h);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    /// The value of `h`, inserting the default first (for `|=` updates).
    pub(crate) fn entry(&mut self, h: u64) -> &mut V {
        if !self.map.contains_key(&h) && (self.map.len() + 1) * 8 > self.bits.len() * 64 {
            self.bits = vec![0; self.bits.len() * 2];
            let keys: Vec<u64> = self.map.keys().copied().collect();
            keys.into_iter().for_each(|k| self.set_bit(k));
        }
        self.set_bit(h);
        self.map.entry(h).or_default()
    }

    /// The value of `h`, or the default.
    #[inline]
    pub(crate) fn get(&self, h: u64) -> V {
        let bit = self.bit(h);
        if self.bits[bit / 64] & 1 << (bit % 64) == 0 {
            return V::default();
        }
        self.map.get(&h).copied().unwrap_or_default()
    }

    /// All entries, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u64, V)> + '_ {
        self.map.iter().map(|(&h, &v)| (h, v))
    }
}

/// A direct-mapped cache of `SLOTS` (a power of two) values keyed by well-mixed 64-bit hashes:
/// each key has one slot (by its top bits), and a miss overwrites it. Allocated at the first
/// lookup, so an unused one costs nothing.
#[derive(Debug, Clone)]
pub(crate) struct DirectCache<V, const SLOTS: usize> {
    /// Key of each slot, with its lowest bit set (0: empty).
    keys: Vec<u64>,
    values: Vec<V>,
}

impl<V, const SLOTS: usize> Default for DirectCache<V, SLOTS> {
    fn default() -> Self {
        DirectCache {
            keys: Vec::new(),
            values: Vec::new(),
        }
    }
}

impl<V: Copy + Default, const SLOTS: usize> DirectCache<V, SLOTS> {
    /// The value of `key`; on a miss, `fill` computes it into the slot, which starts at
    /// `V::default()`.
    #[inline]
    pub(crate) fn get_or_fill(&mut self, key: u64, fill: impl FnOnce(&mut V)) -> &V {
        if self.keys.is_empty() {
            self.keys = vec![0; SLOTS];
            self.values = vec![V::default(); SLOTS];
        }
        let (slot, key) = Self::slot(key);
        if self.keys[slot] != key {
            self.values[slot] = V::default();
            fill(&mut self.values[slot]);
            self.keys[slot] = key;
        }
        &self.values[slot]
    }

    /// Whether `key` has its value in the cache.
    #[inline]
    pub(crate) fn contains(&self, key: u64) -> bool {
        let (slot, key) = Self::slot(key);
        self.keys.get(slot) == Some(&key)
    }

    /// Hints the CPU to load the slot of `key`.
    #[inline]
    pub(crate) fn prefetch(&self, key: u64) {
        let (slot, _) = Self::slot(key);
        if slot < self.keys.len() {
            crate::feature_table::prefetch(&self.keys[slot]);
            crate::feature_table::prefetch(&self.values[slot]);
        }
    }

    /// The slot of `key`, and the key as stored (lowest bit set: 0 marks an empty slot).
    #[inline]
    fn slot(key: u64) -> (usize, u64) {
        let key = key | 1;
        ((key >> 40) as usize & (SLOTS - 1), key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_cache_fills_once_per_key_until_evicted() {
        let mut cache = DirectCache::<u32, 16>::default();
        let mut fills = 0;
        let key = 7u64 << 40;
        for _ in 0..3 {
            let v = *cache.get_or_fill(key, |v| {
                fills += 1;
                *v += 5;
            });
            assert_eq!(v, 5);
        }
        assert_eq!(fills, 1);
        // A key for the same slot evicts it; key 0 is a key like any other.
        assert_eq!(*cache.get_or_fill(key | 1 << 63, |v| *v = 9), 9);
        assert_eq!(*cache.get_or_fill(0, |v| *v = 3), 3);
        assert_eq!(*cache.get_or_fill(key, |v| *v = 6), 6);
    }

    #[test]
    fn filtered_map_answers_like_a_map() {
        let mut m = FilteredMap::<u8>::default();
        // 5,000 keys: the filter grows from 8,192 bits to 65,536 on the way.
        for h in (0..5000u64).map(|i| i.wrapping_mul(0x5851_f42d_4c95_7f2d)) {
            *m.entry(h) |= 1 + (h % 3) as u8;
        }
        assert_eq!(m.bits.len() * 64, 65_536);
        for i in 0..10_000u64 {
            let h = i.wrapping_mul(0x5851_f42d_4c95_7f2d);
            let expected = if i < 5000 { 1 + (h % 3) as u8 } else { 0 };
            assert_eq!(m.get(h), expected);
        }
        assert_eq!(m.iter().count(), 5000);
    }
}
