//! Compiles the shipped lexicon (`data/lexicon.tsv`, 227,000 lines) into the table that the
//! tagger reads in place (`src/lexicon/table.rs`), so that no run parses it at start-up, and
//! lists its usually capitalised words' hashes for training.

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/word_hash.rs"]
mod word_hash;

#[allow(dead_code)]
#[path = "src/lexicon/table.rs"]
mod table;

fn main() {
    for path in [
        "build.rs",
        "data/lexicon.tsv",
        "src/lexicon/table.rs",
        "src/word_hash.rs",
    ] {
        println!("cargo:rerun-if-changed={path}");
    }
    let tsv = std::fs::read_to_string("data/lexicon.tsv").expect("data/lexicon.tsv is readable");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("lexicon.table"), table::compile(&tsv)).expect("OUT_DIR is writable");
    let capitalised: Vec<u8> = table::usually_capitalised(&tsv)
        .flat_map(u64::to_le_bytes)
        .collect();
    std::fs::write(out.join("usually_capitalised.bin"), capitalised).expect("OUT_DIR is writable");
}
