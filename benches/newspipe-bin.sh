# Sourced by the bench scripts (needs ROOT, say and die): sets BIN to the newspipe binary to time
# and BUILD to a description of it. NEWSPIPE_BIN names a ready binary; otherwise the release
# binary is built from this checkout.
if [ -n "${NEWSPIPE_BIN:-}" ]; then
  BIN="$NEWSPIPE_BIN"
  BUILD="the binary $BIN (NEWSPIPE_BIN)"
else
  BUILD="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo "an unknown commit")"
  say "building newspipe (release)"
  (cd "$ROOT" && cargo build --release --quiet -p newspipe) || die "cargo build failed"
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/newspipe"
fi
[ -x "$BIN" ] || die "no newspipe binary at $BIN"
