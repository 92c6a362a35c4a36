#!/usr/bin/env python3
"""Run newspipe over a JSON Lines corpus with Spark's RDD.pipe, and check nothing was lost.

    python pipe_newspipe.py --binary target/release/newspipe INPUT.jsonl [OUTPUT_DIR]
    spark-submit --files target/release/newspipe pipe_newspipe.py INPUT.jsonl [OUTPUT_DIR]

Each partition of INPUT (lines of JSON: `{"id", "text" | "html", ...}`) is streamed through
`newspipe run - -o - --quiet ...` on an executor: JSON Lines in on stdin, one JSON record out
per input record on stdout (a document, or an error record naming the stage that failed).

* The binary travels with the job: `--binary PATH` adds it with `SparkContext.addFile`
  (or give it to `spark-submit --files`); the executors find it with `SparkFiles.get`.
* `RDD.pipe` starts the child with an EMPTY environment, so every setting is an argument
  (`--stages`, `--threads`), never an environment variable.
* `checkCode=True`: a newspipe exit code other than 0 fails the Spark task. Exit code 1 means
  "some records became error records", which still returns every record, so the command runs
  through a tiny `sh` wrapper that maps 1 to 0 and passes on anything else (2 = usage error,
  crashes), unless `--strict` is given.
* The check: the multiset of record ids that come back equals the multiset of input ids, so
  every input record came back exactly once. Input records must carry a unique `id`. The script
  exits 1 on any mismatch (missing, duplicated or unexpected ids) and prints a summary.

On a cluster, `spark-submit --files newspipe` puts the binary in each executor's working
directory; pass `--executor-binary ./newspipe` there if `SparkFiles.get` on the driver gives a
path the executors do not share (it does in local mode, which the test uses).
"""
import argparse
import json
import os
import shlex
import sys
from collections import Counter

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("input", help="JSON Lines corpus (records with a unique `id`)")
    ap.add_argument("output", nargs="?", help="directory for the output records (optional)")
    ap.add_argument("--binary", help="local newspipe binary to ship with SparkContext.addFile")
    ap.add_argument("--binary-name", default="newspipe",
                    help="file name of the shipped binary (with spark-submit --files)")
    ap.add_argument("--executor-binary", help="path of the binary on the executors "
                    "(default: SparkFiles.get(binary name))")
    ap.add_argument("--master", default=None, help="Spark master, e.g. local[2] "
                    "(default: spark-submit's --master, or local[2] when run with python)")
    ap.add_argument("--partitions", type=int, default=4)
    ap.add_argument("--stages", default="cleanup,segment,entities")
    ap.add_argument("--threads", type=int, default=1,
                    help="newspipe threads per task (match spark.task.cpus)")
    ap.add_argument("--strict", action="store_true",
                    help="fail the task when newspipe writes any error record (exit code 1)")
    return ap.parse_args()


def record_id(line):
    """The `id` of an input line, as newspipe writes it (a string)."""
    value = json.loads(line).get("id")
    if value is None:
        raise ValueError(f"input record without an id: {line[:80]}")
    return value if isinstance(value, str) else json.dumps(value)


def pipe_command(binary, args):
    """The command line given to RDD.pipe (split with shlex on the executor)."""
    run = [binary, "run", "-", "-o", "-", "--quiet", "--stages", args.stages,
           "--threads", str(args.threads)]
    if args.strict:
        return shlex.join(run)
    # Exit code 1 = some records became error records; they are still in the output.
    wrapper = '"$@"; code=$?; [ "$code" -eq 1 ] && exit 0; exit "$code"'
    return shlex.join(["/bin/sh", "-c", wrapper, "newspipe", *run])


def main():
    args = parse_args()
    builder = SparkSession.builder.appName("newspipe-pipe").config(
        "spark.ui.showConsoleProgress", "false")
    if args.master:
        builder = builder.master(args.master)
    elif not os.environ.get("PYSPARK_GATEWAY_PORT"):  # not under spark-submit: run locally
        builder = builder.master("local[2]")
    spark = builder.getOrCreate()
    sc = spark.sparkContext
    sc.setLogLevel("WARN")

    if args.binary:
        sc.addFile(os.path.abspath(args.binary))
        args.binary_name = os.path.basename(args.binary)
    binary = args.executor_binary or SparkFiles.get(args.binary_name)

    lines = sc.textFile(args.input, minPartitions=args.partitions).filter(lambda s: s.strip())
    lines.cache()
    out = lines.pipe(pipe_command(binary, args), checkCode=True)
    out.cache()
    if args.output:
        out.saveAsTextFile(args.output)

    sent = Counter(lines.map(record_id).collect())
    records = out.map(json.loads)
    got = Counter(records.map(lambda r: r["id"]).collect())
    errors = records.filter(lambda r: "error" in r).map(
        lambda r: (r["id"], r["error"].get("stage"), r["error"].get("message"))).collect()
    docs = records.filter(lambda r: "error" not in r)
    entities = docs.map(lambda r: len(r.get("entities", []))).sum()
    sentences = docs.map(lambda r: len(r.get("sentences", []))).sum()

    missing = sent - got
    extra = got - sent
    duplicated = [i for i, n in got.items() if n > 1]
    print(f"newspipe via RDD.pipe on {sc.master}: {lines.getNumPartitions()} partitions, "
          f"{sum(sent.values())} records in, {sum(got.values())} out "
          f"({len(errors)} error records), {sentences} sentences, {entities} entities")
    for rid, stage, message in errors[:10]:
        print(f"  error record {rid}: {stage}: {message}")
    spark.stop()
    if missing or extra or duplicated or sum(sent.values()) == 0:
        print(f"MISMATCH: {len(missing)} ids missing {list(missing)[:5]}, "
              f"{len(extra)} unexpected or duplicated {list(extra)[:5]}", file=sys.stderr)
        return 1
    print("OK: every input record came back exactly once")
    return 0


if __name__ == "__main__":
    sys.exit(main())
