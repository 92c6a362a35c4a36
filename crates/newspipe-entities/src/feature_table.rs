//! An open-addressing hash table from 32-bit feature keys to weight rows `(tag, weight)`, built
//! once and read by many threads.
//!
//! Scoring a token looks up ~30 features in a table of several megabytes, so the cost is cache
//! misses. Two things keep them down: a slot is 16 bytes (one per cache-line quarter) and holds
//! rows of up to [`INLINE`] weights itself — 90 % of the rows of the shipped model — so a lookup
//! is one miss, not two; and [`FeatureTable::add_rows`] prefetches the slots of all of a token's
//! features before reading any, so their misses overlap instead of queueing. Longer rows live
//! in an overflow array, prefetched the same way.

/// Weights a slot holds itself.
pub const INLINE: usize = 4;

/// `tags[0]` of a slot whose row is in the overflow array.
const OVERFLOW: u8 = 0xff;

/// One slot. `key` 0 is empty (key 0 is stored as 1). An inline row has `len` entries in
/// `tags`/`weights`; an overflow row has `tags[0] == OVERFLOW`, its offset in `weights[0..2]`
/// and its length in `weights[2]`.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u32,
    tags: [u8; INLINE],
    weights: [i16; INLINE],
}

impl Slot {
    /// The overflow row `(offset, length)`, if the row is not inline.
    #[inline]
    fn overflow(&self) -> Option<(usize, usize)> {
        (self.tags[0] == OVERFLOW).then(|| {
            let off = (self.weights[0] as u16 as usize) | (self.weights[1] as u16 as usize) << 16;
            (off, self.weights[2] as u16 as usize)
        })
    }

    /// Number of entries of an inline row (unused entries have tag `OVERFLOW`).
    #[inline]
    fn inline_len(&self) -> usize {
        self.tags.iter().take_while(|&&t| t != OVERFLOW).count()
    }
}

/// Feature key → weight row.
#[derive(Debug, Clone)]
pub struct FeatureTable {
    slots: Vec<Slot>,
    mask: usize,
    len: usize,
    /// Rows longer than [`INLINE`].
    overflow: Vec<(u8, i16)>,
}

#[inline]
fn nonzero(key: u32) -> u32 {
    key.max(1)
}

/// Hints the CPU to load the cache line at `p` (a no-op off x86-64).
#[inline]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is only a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

impl FeatureTable {
    /// An empty table sized for `n` keys (load factor ≤ 0.6).
    pub fn with_capacity(n: usize) -> Self {
        let size = (n * 5 / 3 + 1).max(16).next_power_of_two();
        FeatureTable {
            slots: vec![Slot::default(); size],
            mask: size - 1,
            len: 0,
            overflow: Vec::new(),
        }
    }

    #[inline]
    fn home(&self, key: u32) -> usize {
        ((key as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & self.mask
    }

    /// Inserts or replaces the row of a key. The table must have been sized for all its keys;
    /// tags must be below 255. Errors when the overflow array would pass 2³² entries.
    pub fn insert(&mut self, key: u32, row: &[(u8, i16)]) -> Result<(), String> {
        let key = nonzero(key);
        assert!(
            (self.len + 1) * 5 <= self.slots.len() * 3,
            "feature table sized too small"
        );
        let mut slot = Slot {
            key,
            tags: [OVERFLOW; INLINE],
            weights: [0; INLINE],
        };
        if row.len() <= INLINE {
            for (k, &(t, w)) in row.iter().enumerate() {
                if t == OVERFLOW {
                    return Err(format!("tag {t} out of range"));
                }
                slot.tags[k] = t;
                slot.weights[k] = w;
            }
        } else {
            let off = u32::try_from(self.overflow.len()).map_err(|_| "too many weights")?;
            let len = u16::try_from(row.len()).map_err(|_| "weight row too long")?;
            slot.weights = [off as u16 as i16, (off >> 16) as u16 as i16, len as i16, 0];
            self.overflow.extend_from_slice(row);
        }
        let mut i = self.home(key);
        loop {
            let s = &mut self.slots[i];
            if s.key == 0 || s.key == key {
                if s.key == 0 {
                    self.len += 1;
                }
                *s = slot;
                return Ok(());
            }
            i = (i + 1) & self.mask;
        }
    }

    #[inline]
    fn find(&self, key: u32) -> Option<&Slot> {
        let key = nonzero(key);
        let mut i = self.home(key);
        loop {
            let s = &self.slots[i];
            if s.key == key {
                return Some(s);
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The row of `key`, if present.
    pub fn get(&self, key: u32) -> Option<Vec<(u8, i16)>> {
        self.find(key).map(|s| self.row(s))
    }

    fn row(&self, s: &Slot) -> Vec<(u8, i16)> {
        match s.overflow() {
            Some((off, len)) => self.overflow[off..off + len].to_vec(),
            None => (0..s.inline_len())
                .map(|k| (s.tags[k], s.weights[k]))
                .collect(),
        }
    }

    /// Adds the rows of `keys` into `scores` (indexed by tag), prefetching every slot first.
    /// At most 64 overflow rows are added per call.
    #[inline]
    pub fn add_rows(&self, keys: impl Iterator<Item = u32> + Clone, scores: &mut [f32]) {
        for key in keys.clone() {
            prefetch(self.slots.as_ptr().wrapping_add(self.home(nonzero(key))));
        }
        let mut long = [(0usize, 0usize); 64];
        let mut n_long = 0;
        for key in keys {
            let Some(s) = self.find(key) else { continue };
            match s.overflow() {
                None => {
                    for k in 0..INLINE {
                        let t = s.tags[k];
                        if t == OVERFLOW {
                            break;
                        }
                        if let Some(score) = scores.get_mut(t as usize) {
                            *score += s.weights[k] as f32;
                        }
                    }
                }
                Some(row) if n_long < long.len() => {
                    prefetch(self.overflow.as_ptr().wrapping_add(row.0));
                    long[n_long] = row;
                    n_long += 1;
                }
                Some(_) => {}
            }
        }
        for &(off, len) in &long[..n_long] {
            for &(t, w) in &self.overflow[off..off + len] {
                if let Some(score) = scores.get_mut(t as usize) {
                    *score += w as f32;
                }
            }
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// All `(key, row)` entries, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, Vec<(u8, i16)>)> + '_ {
        self.slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, self.row(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_replace_inline_and_overflow_rows() {
        let mut t = FeatureTable::with_capacity(100);
        for k in 0..100u32 {
            let row: Vec<(u8, i16)> = (0..(k % 9) as u8).map(|j| (j, k as i16 - 50)).collect();
            t.insert(k.wrapping_mul(2_654_435_761), &row).unwrap();
        }
        assert_eq!(t.len(), 100);
        assert_eq!(t.get(0), Some(vec![]), "key 0 is stored (as 1)");
        let five = 5u32.wrapping_mul(2_654_435_761);
        assert_eq!(
            t.get(five),
            Some(vec![(0, -45), (1, -45), (2, -45), (3, -45), (4, -45)])
        );
        assert_eq!(t.get(12345), None);
        t.insert(7, &[(1, 9)]).unwrap();
        t.insert(7, &[(2, 10), (3, -1)]).unwrap();
        assert_eq!(t.get(7), Some(vec![(2, 10), (3, -1)]));
        assert!(t.insert(8, &[(OVERFLOW, 1)]).is_err());
    }

    #[test]
    fn add_rows_sums_inline_and_overflow_rows() {
        let mut t = FeatureTable::with_capacity(4);
        t.insert(1, &[(0, 1), (2, 5)]).unwrap();
        t.insert(2, &[(0, 1), (1, 1), (2, 1), (3, 1), (4, 1), (5, 1)])
            .unwrap();
        let mut scores = vec![0.0; 6];
        t.add_rows([1u32, 2, 3].into_iter(), &mut scores);
        assert_eq!(scores, vec![2.0, 1.0, 6.0, 1.0, 1.0, 1.0]);
    }
}
