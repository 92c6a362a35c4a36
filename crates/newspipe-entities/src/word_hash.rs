//! Hashes of words, and the home slot of a 32-bit key in an open-addressing table. The build
//! script includes this file too (it keys the shipped lexicon's table by these hashes), so it
//! uses nothing but `core`.

/// Mixes one 64-bit value into a running hash (multiply-rotate, as FxHash does).
#[inline]
pub(crate) fn mix(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// Hash of `s` with ASCII letters lower-cased.
#[inline]
pub fn lower_hash(s: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h = mix(h, b.to_ascii_lowercase() as u64);
    }
    h
}

/// Hash of `s` as written.
#[inline]
pub fn exact_hash(s: &str) -> u64 {
    let mut h = 0x8422_2325_cbf2_9ce4;
    for b in s.bytes() {
        h = mix(h, b as u64);
    }
    h
}

/// The slot of `key` in a table of `mask + 1` slots (a power of two; the first to probe in an
/// open-addressing table, the bit of a bit filter): the top bits of a multiplicative hash, so
/// keys that differ only in high bits still spread.
#[inline]
pub(crate) fn home_slot(key: u64, mask: usize) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
}
