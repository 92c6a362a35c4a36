#!/usr/bin/env bash
# A profile-guided (PGO) build of newspipe, from the repository alone:
#
#   bash benches/pgo.sh          # prints the path of the binary: target/pgo/release/newspipe
#
# 1. builds an instrumented release binary (target/pgo-gen);
# 2. runs it over the bundled sample and the test fixtures — page dumps, HTML, JSON Lines and
#    WARC input, every stage, JSON Lines and HTML output — which records how often each branch
#    and call is taken;
# 3. merges the counts with `llvm-profdata` and builds the release binary again with them
#    (target/pgo), so LLVM lays out and inlines the hot paths by what runs.
#
# The workload is small (about 100 KB) but covers the same code as a corpus run: a profile from
# the BBC corpus and the 136 extraction dev pages gave a binary no faster (interleaved runs,
# benches/PROFILE.md). Takes about 4 minutes on 2 cores. Needs `llvm-profdata` of the same LLVM
# as rustc, which rustup's `llvm-tools` component provides (installed here when missing). The
# output is the same as the plain release binary's; only speed differs.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
say() { printf '== %s\n' "$*" >&2; }
die() { printf 'benches/pgo: %s\n' "$*" >&2; exit 2; }

command -v cargo >/dev/null || die "cargo not found: install the Rust toolchain (rustup) first"
HOST="$(rustc -vV | sed -n 's/^host: //p')"
PROFDATA="$(rustc --print sysroot)/lib/rustlib/$HOST/bin/llvm-profdata"
if [ ! -x "$PROFDATA" ]; then
  say "installing rustup's llvm-tools component (llvm-profdata matching rustc's LLVM)"
  rustup component add llvm-tools || die "rustup component add llvm-tools failed"
fi
[ -x "$PROFDATA" ] || die "no llvm-profdata at $PROFDATA"

PROFILES="$TARGET/pgo-profiles"
rm -rf "$PROFILES"
mkdir -p "$PROFILES"

say "building the instrumented binary ($TARGET/pgo-gen)"
(cd "$ROOT" && RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-generate=$PROFILES" \
  cargo build --release --quiet -p newspipe --target-dir "$TARGET/pgo-gen") \
  || die "instrumented build failed"

say "running it over the bundled sample and the test fixtures"
INPUTS=(
  examples/pages
  tests/fixtures/rt-nato-peskov.txt
  tests/fixtures/cleanup/*.txt
  tests/fixtures/html/*.html
  tests/fixtures/e2e/multi.jsonl
  tests/fixtures/ingest/articles.jsonl
  tests/fixtures/ingest/crawl.warc.gz
)
GEN="$TARGET/pgo-gen/release/newspipe"
for format in jsonl html; do
  # Exit status 1 only says some records became error records (the fixtures hold bad ones on
  # purpose); anything else is a failure.
  status=0
  (cd "$ROOT" && "$GEN" run "${INPUTS[@]}" --format "$format" -o /dev/null --quiet) || status=$?
  [ "$status" -le 1 ] || die "the instrumented run failed (exit status $status)"
done

say "merging the profiles"
"$PROFDATA" merge -o "$PROFILES/merged.profdata" "$PROFILES"/*.profraw || die "llvm-profdata merge failed"

say "building the profile-guided binary ($TARGET/pgo)"
(cd "$ROOT" && RUSTFLAGS="${RUSTFLAGS:-} -Cprofile-use=$PROFILES/merged.profdata" \
  cargo build --release --quiet -p newspipe --target-dir "$TARGET/pgo") \
  || die "profile-guided build failed"

echo "$TARGET/pgo/release/newspipe"
