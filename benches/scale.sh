#!/usr/bin/env bash
# Scaling of `newspipe run`: throughput with 1 and 2 threads, peak memory for 100 MB and 1 GB
# inputs, and the byte-range shard check (N shards of one file joined in order == one run).
#
#   bash benches/scale.sh
#
# Inputs are generated in a scratch directory under /tmp at run time (never committed) from
# ../shared/data: the dev page dumps (*.txt) repeated to about 50 MB, and the BBC corpus
# repeated to about 100 MB and 1 GB. Output goes to /dev/null (JSON Lines, the default stages).
# Peak RSS comes from GNU time (`/usr/bin/time -v`; installed with apt-get when missing).
# Environment:
#   NEWSPIPE_SHARED   the shared data folder (default: ../shared next to the repository)
#   NEWSPIPE_BIN      a newspipe binary to use instead of building one (cargo build --release)
#   SCALE_1G=0        skip the 1 GB input (it takes minutes); SCALE_1G_THREADS="1 2" to run it
#                     with both thread counts (default: 2 only)
#   KEEP_WORK=1       keep the scratch directory
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SHARED="${NEWSPIPE_SHARED:-$ROOT/../shared}"
CORPUS="$SHARED/data/corpus/bbc-news.jsonl"
DEV="$SHARED/data/extraction/dev"

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'benches/scale.sh: %s\n' "$*" >&2; exit 2; }

for need in "$CORPUS" "$DEV"; do
  [ -e "$need" ] || die "missing $need
The scaling run reads the evaluation data from ../shared/data next to the repository (or
NEWSPIPE_SHARED=/path/to/shared). It is not part of the repository; see benches/README.md."
done
command -v taskset >/dev/null || die "taskset not found (Debian/Ubuntu: apt-get install util-linux)"
if [ ! -x /usr/bin/time ]; then
  say "installing GNU time (apt-get install time)"
  { apt-get install -y -qq time >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq time; }; } \
    || die "/usr/bin/time (GNU time) is missing and could not be installed; install the 'time' package"
fi

. "$ROOT/benches/newspipe-bin.sh"   # sets BIN and BUILD

WORK="$(mktemp -d /tmp/newspipe-scale.XXXXXX)"
if [ "${KEEP_WORK:-0}" = 1 ]; then say "scratch directory: $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi

# --- inputs ---------------------------------------------------------------------------------
say "generating inputs in $WORK"
dump_bytes=$(cat "$DEV"/*.txt | wc -c)
copies=$(( 50000000 / dump_bytes + 1 ))
for i in $(seq -w 1 "$copies"); do
  mkdir -p "$WORK/pages/r$i"
  cp "$DEV"/*.txt "$WORK/pages/r$i/"
done
repeat() { # repeat FILE TIMES OUT
  local i
  for i in $(seq "$2"); do cat "$1"; done >"$3"
}
corpus_bytes=$(wc -c <"$CORPUS")
repeat "$CORPUS" $(( 100000000 / corpus_bytes + 1 )) "$WORK/bbc-100m.jsonl"
if [ "${SCALE_1G:-1}" != 0 ]; then
  repeat "$WORK/bbc-100m.jsonl" 10 "$WORK/bbc-1g.jsonl"
fi

# --- throughput and memory ------------------------------------------------------------------
ROWS="$WORK/rows.tsv"
: >"$ROWS"
measure() { # measure NAME THREADS INPUT...
  local name="$1" threads="$2"; shift 2
  local cpus=0
  [ "$threads" -ge 2 ] && cpus="0-$(( threads - 1 ))"
  say "newspipe run $name --threads $threads (taskset -c $cpus)"
  local code=0
  taskset -c "$cpus" /usr/bin/time -v -o "$WORK/time.txt" \
    "$BIN" run "$@" --threads "$threads" --stats "$WORK/stats.json" -o - --quiet >/dev/null || code=$?
  [ "$code" -le 1 ] || die "newspipe failed with exit code $code on $name"
  python3 - "$name" "$threads" "$WORK/stats.json" "$WORK/time.txt" >>"$ROWS" <<'PY'
import json, re, sys
name, threads, stats_path, time_path = sys.argv[1:]
stats = json.load(open(stats_path))
t = open(time_path).read()
field = lambda label: float(re.search(re.escape(label) + r":\s*([\d.]+)", t).group(1))
rss_mb = field("Maximum resident set size (kbytes)") / 1024
cpu = field("User time (seconds)") + field("System time (seconds)")
mb = stats["bytes_in"] / 1e6
wall = stats["wall_seconds"]
print(f"{name}\t{threads}\t{mb:.0f}\t{stats['documents_in']}\t{wall:.1f}\t{mb / wall:.1f}"
      f"\t{mb / cpu:.1f}\t{rss_mb:.0f}\t{stats['documents_failed']}")
PY
}

measure "page dumps" 1 "$WORK/pages"
measure "page dumps" 2 "$WORK/pages"
measure "BBC x20" 1 "$WORK/bbc-100m.jsonl"
measure "BBC x20" 2 "$WORK/bbc-100m.jsonl"
if [ "${SCALE_1G:-1}" != 0 ]; then
  for t in ${SCALE_1G_THREADS:-2}; do measure "BBC x200" "$t" "$WORK/bbc-1g.jsonl"; done
fi

# --- byte-range shards of one file ----------------------------------------------------------
# The split is done by ingest; the check runs cleanup and segment (not the slow entities stage,
# which adds nothing to it) so that it takes seconds, not minutes.
say "shard check: 3 shards of bbc-100m.jsonl joined in order vs one run"
SHARD_STAGES=cleanup,segment
"$BIN" run "$WORK/bbc-100m.jsonl" --stages "$SHARD_STAGES" --threads 2 -o "$WORK/whole.jsonl" \
  --quiet || [ $? -eq 1 ]
for k in 0 1 2; do
  "$BIN" run "$WORK/bbc-100m.jsonl" --stages "$SHARD_STAGES" --shard "$k/3" --threads 2 \
    -o "$WORK/shard-$k.jsonl" --quiet || [ $? -eq 1 ]
done
cat "$WORK"/shard-{0,1,2}.jsonl >"$WORK/joined.jsonl"
lines=$(wc -l <"$WORK/whole.jsonl")
shard_lines="$(wc -l <"$WORK/shard-0.jsonl") + $(wc -l <"$WORK/shard-1.jsonl") + $(wc -l <"$WORK/shard-2.jsonl")"
if cmp -s "$WORK/whole.jsonl" "$WORK/joined.jsonl"; then
  SHARD_RESULT="OK: shards 0/3, 1/3, 2/3 ($shard_lines records, --stages $SHARD_STAGES) joined in order are byte-identical to one run ($lines records)"
else
  SHARD_RESULT="FAILED: shards joined ($shard_lines records) differ from one run ($lines records): $(cmp "$WORK/whole.jsonl" "$WORK/joined.jsonl" 2>&1 | head -1)"
fi

# --- report (printed and written to benches/SCALE-RESULTS.md) ------------------------------
{
echo "# newspipe scaling"
echo
echo "newspipe scaling — $(date -u '+%Y-%m-%d %H:%M UTC'), $(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -1), $(nproc) cores (shared, noisy); newspipe built from $BUILD"
echo
echo "| input | threads | MB | documents | wall s | MB/s (wall) | MB/s per CPU s | peak RSS MB | error records |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
while IFS=$'\t' read -r name threads mb docs wall rate cpurate rss failed; do
  echo "| $name | $threads | $mb | $docs | $wall | $rate | $cpurate | $rss | $failed |"
done <"$ROWS"
echo
echo "Shard check: $SHARD_RESULT"
echo
echo "Whole pipeline (cleanup, segment, entities; JSON Lines to /dev/null). MB/s (wall) depends on"
echo "what else the shared machine runs; MB per CPU second is the cost per byte. Reproduce:"
echo "\`bash benches/scale.sh\`."
} | tee "$HERE/SCALE-RESULTS.md"
[[ "$SHARD_RESULT" == OK* ]]
