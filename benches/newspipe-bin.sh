# Sourced by the bench scripts (needs ROOT, say and die): sets BIN to the newspipe binary to time
# and BUILD to a description of it. NEWSPIPE_BIN names a ready binary; NEWSPIPE_PGO=1 builds the
# profile-guided binary with benches/pgo.sh (about 4 minutes); otherwise the release binary is
# built from this checkout.
if [ -n "${NEWSPIPE_BIN:-}" ]; then
  BIN="$NEWSPIPE_BIN"
  BUILD="the binary $BIN (NEWSPIPE_BIN)"
else
  BUILD="$(git -C "$ROOT" describe --always --dirty 2>/dev/null || echo "an unknown commit")"
  if [ "${NEWSPIPE_PGO:-0}" = 1 ]; then
    say "building newspipe (release, profile-guided: benches/pgo.sh)"
    BIN="$(bash "$ROOT/benches/pgo.sh")" || die "benches/pgo.sh failed"
    BUILD="$BUILD, profile-guided (benches/pgo.sh)"
  else
    say "building newspipe (release)"
    (cd "$ROOT" && cargo build --release --quiet -p newspipe) || die "cargo build failed"
    BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/newspipe"
  fi
fi
[ -x "$BIN" ] || die "no newspipe binary at $BIN"
