#!/usr/bin/env python3
"""Time newspipe stages through its command line; print one JSON line.

    newspipe_speed.py BIN --stages LIST --timed STAGES [--threads N] [--cpus C] INPUT...

Runs `taskset -c C BIN run INPUT... --stages LIST --threads N --stats FILE -o OUT --quiet` and
reads the `--stats` JSON: `bytes_in` (decoded input bytes: the `text` of JSON Lines records,
the decoded HTML of a page) and the per-stage `seconds` (summed over worker threads). The
throughput of the job is `bytes_in` divided by the summed seconds of the `--timed` stages
(e.g. `segment`, or `ingest,cleanup` for HTML extraction, since ingest parses the HTML), so
start-up and output writing are left out, as the peers' model loading is. `--timed wall`
uses the wall-clock time of the whole run instead, and `--timed cpu` the CPU time of the whole
process (start-up and output included). Use `cpu` when the timed work includes `ingest`: the
reader runs on its own thread, and on one pinned core its per-record clock also runs while the
worker thread has the core, which overstates it.

Stage times in the stats are wall-clock. On a shared machine the pinned core is not all ours,
so the script also measures the child's CPU time (user + sys, from wait4) and its share of the
core (CPU / wall); `seconds` is the stage wall time times that share, an estimate of the stage's
CPU time comparable with the peers' process CPU time (`wall_seconds` keeps the raw figure). Words are counted in the input texts
(whitespace-separated), or, for HTML pages, in the extracted `text` of the output.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

from corpus import read_jsonl_texts, size_of


def input_words(paths):
    """Words of the input texts (JSON Lines `text` fields, or whole text files)."""
    words = 0
    for path in paths:
        if path.endswith((".jsonl", ".ndjson")):
            words += size_of(read_jsonl_texts(path))[1]
        elif path.endswith(".txt"):
            with open(path, encoding="utf-8", errors="replace") as f:
                words += len(f.read().split())
        elif os.path.isdir(path):
            for root, _, files in os.walk(path):
                words += input_words([os.path.join(root, f) for f in files if f.endswith(".txt")])
    return words


def output_words(path):
    """Words of the `text` fields of newspipe's JSON Lines output."""
    words = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            words += len(json.loads(line).get("text", "").split())
    return words


def describe_inputs(paths):
    """A short name for the inputs: `x.jsonl`, or `dev/*.html.gz (136 files)`."""
    if len(paths) == 1:
        return os.path.basename(paths[0])
    folder = os.path.basename(os.path.dirname(paths[0]))
    suffix = os.path.commonprefix([p[::-1] for p in paths])[::-1]
    suffix = suffix[suffix.find("."):] if "." in suffix else ""
    return f"{folder}/*{suffix} ({len(paths)} files)"


def measure(args):
    """One run of newspipe; the result dict."""
    with tempfile.TemporaryDirectory(prefix="newspipe-speed-") as tmp:
        stats_path = os.path.join(tmp, "stats.json")
        out_path = os.path.join(tmp, "out.jsonl")
        cmd = ["taskset", "-c", args.cpus, args.bin, "run", *args.inputs,
               "--stages", args.stages, "--threads", str(args.threads),
               "--stats", stats_path, "-o", out_path, "--quiet"]
        cmd += ["--tokens"] if args.tokens else []
        err_path = os.path.join(tmp, "stderr.txt")
        with open(err_path, "w") as err:
            start = time.perf_counter()
            child = subprocess.Popen(cmd, stderr=err)
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1) or not os.path.exists(stats_path):
            with open(err_path) as err:
                sys.exit(f"newspipe failed (exit {code}): {' '.join(cmd)}\n{err.read()}")
        cpu = usage.ru_utime + usage.ru_stime
        # Share of the pinned CPUs the run got (1.0 per CPU on an idle machine).
        share = min(cpu / wall, float(args.threads)) / args.threads if wall > 0 else 1.0
        with open(stats_path, encoding="utf-8") as f:
            stats = json.load(f)
        words = output_words(out_path) if args.words_from_output else input_words(args.inputs)

    by_name = {s["name"]: s["seconds"] for s in stats["stages"]}
    if args.timed == "cpu":
        wall_seconds, share = cpu, 1.0
    elif args.timed == "wall":
        wall_seconds = stats["wall_seconds"]
    else:
        missing = [n for n in args.timed.split(",") if n not in by_name]
        if missing:
            sys.exit(f"stats have no stage {missing}; stages: {sorted(by_name)}")
        wall_seconds = sum(by_name[n] for n in args.timed.split(","))
    return dict(
        tool="newspipe", label=args.label, tokens=args.tokens,
        input=describe_inputs(args.inputs), stages=args.stages, timed=args.timed,
        threads=args.threads, docs=stats["documents_in"], failed=stats["documents_failed"],
        bytes=stats["bytes_in"], words=words, seconds=wall_seconds * share,
        wall_seconds=wall_seconds, core_share=share, process_cpu_seconds=cpu,
        run_wall_seconds=stats["wall_seconds"], stage_seconds=by_name,
    )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("bin")
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--stages", required=True)
    ap.add_argument("--timed", required=True,
                    help="comma-separated stage names, or `wall`, or `cpu`")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--cpus", default="0", help="taskset CPU list (default 0)")
    ap.add_argument("--words-from-output", action="store_true")
    ap.add_argument("--tokens", action="store_true", help="pass --tokens (segment also tokenizes)")
    ap.add_argument("--label", default="")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run N times, report the fastest (the box is shared)")
    args = ap.parse_args()

    runs = [measure(args) for _ in range(args.repeat)]
    key = "wall_seconds" if args.timed == "wall" else "seconds"
    result = min(runs, key=lambda r: r[key])
    result["repeat"] = args.repeat
    print(json.dumps(result))


if __name__ == "__main__":
    main()
