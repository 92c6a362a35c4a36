//! Runs `parse_page` over the article-extraction dev pages N times (default 5) and prints the
//! wall-clock throughput. For the per-core figure in `HTML.md`, compare the CPU time of N passes
//! with that of 0 passes (loading only):
//!
//! ```text
//! cargo build --release -p newspipe-ingest --example html_throughput
//! perf stat -e task-clock target/release/examples/html_throughput 10
//! perf stat -e task-clock target/release/examples/html_throughput 0
//! ```

use newspipe_ingest::html::parse_page;
use std::io::Read;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/extraction/dev");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "html_throughput: {} not found (it lives next to the repository)",
            dir.display()
        );
        std::process::exit(2);
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    let mut pages = Vec::new();
    for path in &paths {
        let mut bytes = Vec::new();
        let read = std::fs::File::open(path)
            .and_then(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut bytes));
        if let Err(e) = read {
            eprintln!("html_throughput: {}: {e}", path.display());
            std::process::exit(2);
        }
        pages.push(String::from_utf8_lossy(&bytes).into_owned());
    }
    let passes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(5);
    let bytes: usize = pages.iter().map(String::len).sum();
    let start = std::time::Instant::now();
    let mut blocks = 0;
    for _ in 0..passes {
        for page in &pages {
            blocks += parse_page(page).blocks.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} pages, {:.1} MB, {passes} passes, {blocks} blocks: {:.1} MB/s wall clock",
        pages.len(),
        bytes as f64 / 1e6,
        if secs > 0.0 {
            (bytes * passes) as f64 / 1e6 / secs
        } else {
            0.0
        }
    );
}
