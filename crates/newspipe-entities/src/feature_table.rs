//! An open-addressing hash table from 32-bit feature keys to weight rows, built once and read
//! by many threads. Lookups of one token's features are preceded by prefetches of their slots,
//! so the cache misses of the ~30 lookups overlap instead of queueing.

/// Hints the CPU to load the cache line at `p` (a no-op off x86-64).
#[inline]
pub(crate) fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is only a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// One slot: key (0 = empty; key 0 is stored as 1), and the offset (high 24 bits) and length
/// (low 8 bits) of the weight row. Eight bytes, so the table of a 300k-feature model is 4 MB
/// and mostly stays in cache.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u32,
    row: u32,
}

/// Largest row offset a slot can hold.
pub const MAX_OFFSET: u32 = (1 << 24) - 1;

impl Slot {
    #[inline]
    fn row(self) -> (u32, u32) {
        (self.row >> 8, self.row & 0xff)
    }
}

/// Feature key → `(offset, length)` of its weight row.
///
/// A key's first slot is given by its top bits (keys are hashes already). A model file lists
/// its keys in increasing order, so loading one fills the table from front to back instead of
/// writing its 4 MB at random.
#[derive(Debug, Clone)]
pub struct FeatureTable {
    slots: Vec<Slot>,
    mask: usize,
    /// 32 minus the number of bits of a slot index.
    shift: u32,
    len: usize,
}

#[inline]
fn nonzero(key: u32) -> u32 {
    key.max(1)
}

impl FeatureTable {
    /// An empty table sized for `n` keys (load factor ≤ 0.6).
    pub fn with_capacity(n: usize) -> Self {
        let size = (n * 5 / 3 + 1).max(16).next_power_of_two();
        FeatureTable {
            slots: vec![Slot::default(); size],
            mask: size - 1,
            shift: 32 - size.trailing_zeros(),
            len: 0,
        }
    }

    #[inline]
    fn home(&self, key: u32) -> usize {
        (key >> self.shift) as usize
    }

    /// Inserts or replaces a key. The table must have been sized for all its keys; `off` must
    /// be at most [`MAX_OFFSET`] and `len` below 256.
    pub fn insert(&mut self, key: u32, off: u32, len: u32) {
        let key = nonzero(key);
        assert!(
            (self.len + 1) * 5 <= self.slots.len() * 3,
            "feature table sized too small"
        );
        assert!(off <= MAX_OFFSET && len < 256, "weight row out of range");
        let mut i = self.home(key);
        loop {
            let s = &mut self.slots[i];
            if s.key == 0 || s.key == key {
                if s.key == 0 {
                    self.len += 1;
                }
                *s = Slot {
                    key,
                    row: off << 8 | len,
                };
                return;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The row of `key`, if present.
    #[inline]
    pub fn get(&self, key: u32) -> Option<(u32, u32)> {
        let key = nonzero(key);
        let mut i = self.home(key);
        loop {
            let s = self.slots[i];
            if s.key == key {
                return Some(s.row());
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Hints the CPU to load the slot of `key` into cache.
    #[inline]
    pub fn prefetch(&self, key: u32) {
        prefetch(self.slots.as_ptr().wrapping_add(self.home(nonzero(key))));
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// All `(key, (offset, length))` entries, in slot order.
    pub fn iter(&self) -> impl Iterator<Item = (u32, (u32, u32))> + '_ {
        self.slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, s.row()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_get_replace() {
        let mut t = FeatureTable::with_capacity(100);
        for k in 0..100u32 {
            t.insert(k.wrapping_mul(2_654_435_761), k, 1);
        }
        assert_eq!(t.len(), 100);
        assert_eq!(t.get(0), Some((0, 1)), "key 0 is stored (as 1)");
        assert_eq!(t.get(5u32.wrapping_mul(2_654_435_761)), Some((5, 1)));
        assert_eq!(t.get(12345), None);
        t.insert(7, 9, 9);
        t.insert(7, 10, 2);
        assert_eq!(t.get(7), Some((10, 2)));
    }
}
