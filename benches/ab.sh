#!/usr/bin/env bash
# Is binary B faster than binary A? Interleaved runs on one core, for changes too small to see in
# one timing on a noisy machine (benches/PROFILE.md: two runs of one binary differ by up to 7 %).
#
#   bash benches/ab.sh A B INPUT... [-- RUN-OPTIONS...]
#
# Runs `taskset -c $CPU A run INPUT... --threads 1 -o /dev/null --quiet --stats FILE RUN-OPTIONS`,
# then the same with B, PAIRS times (A, B, A, B, ...), and prints for each binary the median and
# the minimum of the measured time, then the median ratio B/A (below 1: B is faster). Take a
# change only when the median and the minimum move the same way; repeat with A and B swapped.
#
# Environment:
#   PAIRS=15     pairs of runs
#   TIMED=all    what is timed: `all` (the summed stage times of --stats), a stage name
#                (`entities`, `cleanup`, ...; summed if it appears more than once), or `cpu` (user +
#                system CPU time of the whole process, start-up and reading included)
#   CPU=0        the core to pin to
#
# Examples:
#   bash benches/ab.sh /tmp/newspipe-old target/release/newspipe \
#       ../shared/data/corpus/bbc-news.jsonl -- --stages segment,entities
#   TIMED=cpu bash benches/ab.sh /tmp/newspipe-old target/release/newspipe pages/
set -euo pipefail

die() { printf 'benches/ab: %s\n' "$*" >&2; exit 2; }
[ $# -ge 3 ] || die "usage: bash benches/ab.sh A B INPUT... [-- RUN-OPTIONS...]"
A="$1"; B="$2"; shift 2
INPUTS=(); while [ $# -gt 0 ] && [ "$1" != "--" ]; do INPUTS+=("$1"); shift; done
[ $# -gt 0 ] && shift
OPTIONS=("$@")
for bin in "$A" "$B"; do [ -x "$bin" ] || die "not an executable: $bin"; done
command -v taskset >/dev/null || die "taskset not found (Debian/Ubuntu: apt-get install util-linux)"
type -P time >/dev/null || die "GNU time not found (Debian/Ubuntu: apt-get install time)"
PAIRS="${PAIRS:-15}"; TIMED="${TIMED:-all}"; CPU="${CPU:-0}"

WORK="$(mktemp -d /tmp/newspipe-ab.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
for _ in $(seq "$PAIRS"); do
  for bin in "$A" "$B"; do
    status=0
    /usr/bin/env time -f '%U %S' -o "$WORK/time" taskset -c "$CPU" "$bin" run "${INPUTS[@]}" \
      --threads 1 -o /dev/null --quiet --stats "$WORK/stats.json" "${OPTIONS[@]}" || status=$?
    # 1 only says that some records became error records.
    [ "$status" -le 1 ] || die "$bin exited with status $status"
    python3 - "$bin" "$TIMED" "$WORK/stats.json" "$WORK/time" >>"$WORK/results" <<'EOF'
import json, sys
binary, timed, stats, time = sys.argv[1:]
if timed == "cpu":
    seconds = sum(float(x) for x in open(time).read().split()[-2:])
else:
    stages = json.load(open(stats))["stages"]
    seconds = sum(s["seconds"] for s in stages if timed == "all" or s["name"] == timed)
print(binary, seconds)
EOF
  done
done
python3 - "$A" "$B" "$TIMED" "$PAIRS" "$WORK/results" <<'EOF'
import statistics, sys
a, b, timed, pairs, path = sys.argv[1:]
times = {a: [], b: []}
for line in open(path):
    name, seconds = line.rsplit(" ", 1)
    times[name].append(float(seconds))
for name in (a, b):
    t = times[name]
    print(f"{name}: {timed} median {statistics.median(t):.4f} s, min {min(t):.4f} s")
print(f"B/A median ratio {statistics.median(times[b]) / statistics.median(times[a]):.3f} "
      f"({pairs} pairs; min ratio {min(times[b]) / min(times[a]):.3f})")
EOF
