//! Splits text into sentences and tokens and prints them with their byte offsets.
//!
//! ```text
//! cargo run -p newspipe-segment --example split -- "Mr. Smith paid $3.5bn. Was it worth it?"
//! echo "Some text. More text." | cargo run -p newspipe-segment --example split
//! ```

use newspipe_segment::{sentences, tokens_in};
use std::io::Read;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let text = if args.is_empty() {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        s
    } else {
        args.join(" ")
    };
    for (i, s) in sentences(&text).enumerate() {
        println!(
            "sentence {i} [{}..{}]: {}",
            s.start,
            s.end,
            &text[s.range()]
        );
        let toks: Vec<&str> = tokens_in(&text, s).map(|t| &text[t.range()]).collect();
        println!("  tokens: {}", toks.join(" | "));
    }
    Ok(())
}
