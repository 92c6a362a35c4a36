#!/usr/bin/env bash
# Test of the Spark scale-out recipe: newspipe inside RDD.pipe on a local[2] Spark.
#
#   bash examples/spark/run.sh [INPUT.jsonl]     (default: examples/spark/sample.jsonl)
#
# Creates (once) a virtualenv with pinned PySpark outside the repository, builds the release
# binary, runs examples/spark/pipe_newspipe.py in local mode and exits non-zero when any input
# record does not come back exactly once. Needs Java 17+ (PySpark 4 runs on it), python3 with
# venv, cargo; PyPI is used once, to install pyspark. Environment:
#   NEWSPIPE_SPARK_VENV  virtualenv (default ~/.cache/newspipe/spark-venv, about 500 MB)
#   NEWSPIPE_BIN         a newspipe binary to use instead of building one
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
VENV="${NEWSPIPE_SPARK_VENV:-$HOME/.cache/newspipe/spark-venv}"
PYSPARK_VERSION=4.3.0
INPUT="${1:-$HERE/sample.jsonl}"

die() { printf 'examples/spark: %s\n' "$*" >&2; exit 2; }
say() { printf '== %s\n' "$*" >&2; }

[ -f "$INPUT" ] || die "no input file $INPUT"
if ! command -v java >/dev/null 2>&1; then
  die "Java not found: PySpark $PYSPARK_VERSION needs Java 17 or newer
(Debian/Ubuntu: apt-get install openjdk-17-jre-headless; or set JAVA_HOME)"
fi
JAVA_MAJOR="$(java -version 2>&1 | sed -n 's/.* version "\([0-9]*\).*/\1/p' | head -1)"
if [ -z "$JAVA_MAJOR" ] || [ "$JAVA_MAJOR" -lt 17 ]; then
  die "Java ${JAVA_MAJOR:-of unknown version} found; PySpark $PYSPARK_VERSION needs Java 17 or newer"
fi
say "Java $JAVA_MAJOR"

if [ ! -x "$VENV/bin/python" ]; then
  say "creating the PySpark virtualenv in $VENV"
  python3 -m venv "$VENV" || die "python3 -m venv failed (Debian/Ubuntu: apt-get install python3-venv)"
fi
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  say "installing pyspark==$PYSPARK_VERSION (once; about a minute)"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyspark==$PYSPARK_VERSION" \
    || die "pip install pyspark failed (needs PyPI once)"
fi

if [ -n "${NEWSPIPE_BIN:-}" ]; then
  BIN="$NEWSPIPE_BIN"
else
  say "building newspipe (release)"
  (cd "$ROOT" && cargo build --release --quiet -p newspipe) || die "cargo build failed"
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/release/newspipe"
fi
[ -x "$BIN" ] || die "no newspipe binary at $BIN"

OUT="$(mktemp -d /tmp/newspipe-spark.XXXXXX)"
trap 'rm -rf "$OUT"' EXIT
say "running pipe_newspipe.py on local[2] over $INPUT"
# The driver's Python and the workers' Python must be the venv's.
export PYSPARK_PYTHON="$VENV/bin/python" PYSPARK_DRIVER_PYTHON="$VENV/bin/python"
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"  # local mode: no need to look for a LAN address
start=$(date +%s)
"$VENV/bin/python" "$HERE/pipe_newspipe.py" --master 'local[2]' --binary "$BIN" \
  "$INPUT" "$OUT/records"
say "done in $(( $(date +%s) - start )) s; output records were in $OUT/records"
