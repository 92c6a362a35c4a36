//! The model file: magic `NPNER\x04`, labels, word flags, then sparse weight rows `(key u32,
//! n u8, n × (tag u8, weight i16))`, little-endian. Dense rows are written back sparse, so a
//! model reads back byte for byte.

use super::{next_model_id, tag_count, ModelError, NameModel, RowStore, MAX_TAGS};
use crate::hashed::FilteredMap;

const MAGIC: &[u8; 6] = b"NPNER\x04";

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or_else(|| ModelError(format!("truncated at byte {}", self.at)))?;
        let s = &self.bytes[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }
}

impl NameModel {
    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = MAGIC.to_vec();
        out.push(self.labels.len() as u8);
        for l in &self.labels {
            out.push(l.as_str().len() as u8);
            out.extend_from_slice(l.as_str().as_bytes());
        }
        let mut flags: Vec<(u64, u8)> = self.word_flags.iter().collect();
        flags.sort_unstable();
        out.extend_from_slice(&(flags.len() as u32).to_le_bytes());
        for (h, f) in flags {
            out.extend_from_slice(&h.to_le_bytes());
            out.push(f);
        }
        let mut keys: Vec<_> = self.index.iter().collect();
        keys.sort_unstable_by_key(|(k, _)| *k);
        out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
        for (k, at) in keys {
            let row = self.row(at);
            out.extend_from_slice(&k.to_le_bytes());
            out.push(row.len() as u8);
            for (t, w) in row {
                out.push(t);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// Parses a model file written by [`Self::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(ModelError("not a newspipe NER model (bad magic)".into()));
        }
        let n_labels = r.u8()? as usize;
        let mut labels = Vec::with_capacity(n_labels);
        for _ in 0..n_labels {
            let len = r.u8()? as usize;
            let name = std::str::from_utf8(r.take(len)?)
                .map_err(|_| ModelError("label is not UTF-8".into()))?;
            labels.push(
                name.parse()
                    .map_err(|_| ModelError(format!("unknown label {name:?}")))?,
            );
        }
        let n_tags = tag_count(n_labels);
        if n_tags > MAX_TAGS {
            return Err(ModelError(format!(
                "{n_labels} labels (at most {})",
                MAX_TAGS / 2 - 1
            )));
        }
        let n_words = r.u32()? as usize;
        let mut word_flags = FilteredMap::default();
        for _ in 0..n_words {
            let h = u64::from_le_bytes(r.take(8)?.try_into().expect("8 bytes"));
            *word_flags.entry(h) = r.u8()?;
        }
        let n = r.u32()? as usize;
        let mut store = RowStore::with_capacity(n);
        let mut row = Vec::with_capacity(MAX_TAGS);
        for _ in 0..n {
            let key = r.u32()?;
            let count = r.u8()? as usize;
            if count > n_tags {
                return Err(ModelError(format!(
                    "a row of {count} weights for {n_tags} tags"
                )));
            }
            row.clear();
            for _ in 0..count {
                let w = r.take(3)?;
                if w[0] as usize >= n_tags {
                    return Err(ModelError(format!("tag {} out of range", w[0])));
                }
                row.push((w[0], i16::from_le_bytes([w[1], w[2]])));
            }
            store.push(key, &row)?;
        }
        if r.at != bytes.len() {
            return Err(ModelError(format!("{} trailing bytes", bytes.len() - r.at)));
        }
        Ok(NameModel {
            id: next_model_id(),
            labels,
            word_flags,
            index: store.index,
            weights: store.weights,
            dense: store.dense,
        })
    }
}
