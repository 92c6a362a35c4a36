#!/usr/bin/env bash
# newspipe vs the Python tools people would otherwise use, on one core, over the same inputs.
#
#   bash benches/compare/run.sh
#
# Measures sentences (pySBD, blingfire, spaCy sentencizer), entities (spaCy small NER) and HTML
# extraction (trafilatura) against the matching newspipe stages, plus each tool's quality on its
# gold set, and the whole pipeline on page dumps with 1 and 2 threads. Prints a table and writes
# benches/compare/RESULTS.md.
#
# Needs: the evaluation data in ../shared/data (next to the repository), python3 with venv,
# cargo, taskset (util-linux). Environment:
#   NEWSPIPE_PEERS_VENV  virtualenv for the peers (default ~/.cache/newspipe/peers-venv; made
#                        and filled from requirements.txt when missing — about 1 GB, a few minutes)
#   NEWSPIPE_SHARED      the shared data folder (default: ../shared next to the repository)
#   NEWSPIPE_BIN         a newspipe binary to use instead of building one (cargo build --release)
#   NER_GOLD             NER gold file (default: Universal NER English-EWT test)
#   REPEAT=3             rounds: each newspipe job and its peer run in turn, the fastest of each
#                        counts (the box is shared and its speed drifts)
#   KEEP_WORK=1          keep the scratch directory in /tmp
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SHARED="${NEWSPIPE_SHARED:-$ROOT/../shared}"
DATA="$SHARED/data"
VENV="${NEWSPIPE_PEERS_VENV:-$HOME/.cache/newspipe/peers-venv}"
CORPUS="$DATA/corpus/bbc-news.jsonl"
DEV="$DATA/extraction/dev"
SBD_GOLD="$DATA/sbd/golden_rules_en.jsonl"
NER_GOLD="${NER_GOLD:-$DATA/ner/uner_en_ewt/en_ewt-ud-test.iob2}"
REPEAT="${REPEAT:-3}"

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'benches/compare: %s\n' "$*" >&2; exit 2; }

# --- inputs and tools -------------------------------------------------------------------------
for need in "$CORPUS" "$DEV/ground_truth.jsonl" "$SBD_GOLD" "$NER_GOLD"; do
  [ -e "$need" ] || die "missing $need
The comparison reads the evaluation data from ../shared/data next to the repository (or
NEWSPIPE_SHARED=/path/to/shared). It is not part of the repository; see benches/README.md."
done
command -v taskset >/dev/null || die "taskset not found (Debian/Ubuntu: apt-get install util-linux)"
command -v python3 >/dev/null || die "python3 not found"

if [ ! -x "$VENV/bin/python" ]; then
  say "creating the peers' virtualenv in $VENV"
  python3 -m venv "$VENV" || die "python3 -m venv failed (Debian/Ubuntu: apt-get install python3-venv)"
fi
say "installing the pinned peers (requirements.txt) into $VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt" \
  || die "pip install failed; the peers come from PyPI (network needed once)"
PY="$VENV/bin/python"

. "$ROOT/benches/newspipe-bin.sh"   # sets BIN and BUILD

WORK="$(mktemp -d /tmp/newspipe-compare.XXXXXX)"
if [ "${KEEP_WORK:-0}" = 1 ]; then say "scratch directory: $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
RES="$WORK/results"
mkdir -p "$RES"
say "preparing inputs in $WORK"
python3 "$HERE/make_inputs.py" "$CORPUS" "$DEV" "$WORK"

# --- speed: every tool on core 0 ----------------------------------------------------------------
# Each newspipe job and its peer take turns, REPEAT rounds of one run each, and the fastest run of
# each counts: the box's speed drifts over minutes, and alternating gives both sides the same
# windows (blingfire's MB/s differed 1.8x between two runs a few minutes apart). A peer's run is
# the faster of two passes in one process, so its first, cold pass does not count against it.
peer() { # peer KEY TOOL INPUT
  (cd "$HERE" && taskset -c 0 "$PY" peer_speed.py --repeat 2 "$2" "$3") >"$RES/$1.json"
}
newspipe() { # newspipe KEY ARGS... (for newspipe_speed.py)
  python3 "$HERE/newspipe_speed.py" --repeat 1 "$BIN" "${@:2}" >"$RES/$1.json"
}
fastest() { # fastest KEY [FIELD]: the round of KEY with the least FIELD (seconds) becomes KEY.json
  python3 - "$RES" "$1" "$REPEAT" "${2:-seconds}" <<'PY'
import json, sys
res, key, rounds, field = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
runs = [json.load(open(f"{res}/{key}.r{i}.json")) for i in range(rounds)]
best = min(runs, key=lambda r: r[field])
best["repeat"] = rounds
json.dump(best, open(f"{res}/{key}.json", "w"))
PY
}
pair() { # pair NEWSPIPE_KEY PEER_KEY PEER_TOOL PEER_INPUT -- NEWSPIPE_ARGS...
  local mine="$1" theirs="$2" tool="$3" input="$4"
  shift 5
  say "speed: newspipe ($mine) and $tool ($theirs), $REPEAT rounds in turn"
  for ((round = 0; round < REPEAT; round++)); do
    newspipe "$mine.r$round" "$@"
    peer "$theirs.r$round" "$tool" "$input"
  done
  fastest "$mine"
  fastest "$theirs"
}

pair sent-newspipe-full sent-blingfire blingfire "$CORPUS" \
  -- --stages segment --timed segment "$WORK/corpus-x4.jsonl"
pair sent-newspipe-1m sent-pysbd pysbd "$WORK/sample-1m.jsonl" \
  -- --stages segment --timed segment "$WORK/sample-1m-x5.jsonl"
pair sent-newspipe-1m-tokens sent-spacy-sentencizer spacy-sentencizer "$WORK/sample-1m.jsonl" \
  -- --stages segment --timed segment --tokens "$WORK/sample-1m-x5.jsonl"
pair ner-newspipe ner-spacy spacy-ner "$WORK/sample-200k.jsonl" \
  -- --stages segment,entities --timed segment,entities "$WORK/sample-200k-x25.jsonl"
pair extract-newspipe extract-trafilatura trafilatura "$DEV" \
  -- --stages cleanup --timed cpu --words-from-output "$DEV"/*.html.gz
say "speed: the whole pipeline on page dumps, 1 and 2 threads, $REPEAT rounds in turn"
for ((round = 0; round < REPEAT; round++)); do
  newspipe "pipeline-t1.r$round" --stages cleanup,segment,entities --timed wall \
    --label "page dumps x20" "$WORK/pages"
  newspipe "pipeline-t2.r$round" --stages cleanup,segment,entities --timed wall \
    --label "page dumps x20" --threads 2 --cpus 0,1 "$WORK/pages"
done
fastest pipeline-t1 wall_seconds
fastest pipeline-t2 wall_seconds

# --- quality: each tool on its gold set ---------------------------------------------------------
say "quality: Golden Rules"
"$BIN" eval sbd "$SBD_GOLD" >"$RES/q-sbd-newspipe.txt" || true
for tool in pysbd blingfire spacy-sentencizer; do
  (cd "$HERE" && "$PY" score_sbd.py "$tool" "$SBD_GOLD") >"$RES/q-sbd-$tool.json"
done
say "quality: extraction dev set"
"$BIN" eval extraction "$DEV/ground_truth.jsonl" "$DEV"/*.html.gz >"$RES/q-extract-newspipe.txt" || true
"$BIN" eval extraction "$DEV/ground_truth.jsonl" "$DEV"/*.txt >"$RES/q-extract-newspipe-txt.txt" || true
(cd "$HERE" && "$PY" score_extraction.py "$DEV") >"$RES/q-extract-trafilatura.json"
say "quality: NER on $(basename "$NER_GOLD")"
"$BIN" eval ner "$NER_GOLD" >"$RES/q-ner-newspipe.txt" || true
(cd "$HERE" && "$PY" score_ner.py "$NER_GOLD") >"$RES/q-ner-spacy.json"

MACHINE="$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) cores, $(uname -sr); newspipe built from $BUILD"
python3 "$HERE/report.py" "$RES" "$HERE/RESULTS.md" "$MACHINE"
say "written $HERE/RESULTS.md"
