#!/usr/bin/env python3
"""Make the inputs of the comparison in a scratch directory (never in the repository).

    make_inputs.py CORPUS.jsonl DEV_DIR OUT_DIR

Writes to OUT_DIR:
  sample-1m.jsonl        every k-th record of the corpus, about 1 MB of text (all topics)
  sample-200k.jsonl      the same with about 200 KB, for spaCy NER, which is slow
  sample-1m-x5.jsonl     the 1 MB sample repeated to about 5 MB (ids made unique), and
  sample-200k-x25.jsonl  the 200 KB sample repeated likewise: newspipe reads these, so that it
                         processes the same texts as the peer, enough of them to time well
  corpus-x4.jsonl        the whole corpus 4 times (about 20 MB; newspipe's sentence splitter is
                         fast enough that 5 MB takes only milliseconds)
  pages/rNN/{id}.txt     the dev page dumps repeated 20 times (about 22 MB: about a second with
                         two threads, so the ~25 ms start-up and the last batch weigh little
                         on the --threads 2 / --threads 1 ratio)
"""
import json
import math
import os
import shutil
import sys


def records(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def text_bytes(recs):
    return sum(len(r["text"].encode("utf-8")) for r in recs)


def sample(recs, target_bytes):
    """Every k-th record, k chosen so that the sample holds about `target_bytes` of text."""
    stride = max(1, math.floor(text_bytes(recs) / target_bytes))
    return recs[::stride]


def write(path, recs, repeat=1):
    with open(path, "w", encoding="utf-8") as f:
        for r in range(repeat):
            for rec in recs:
                rec = dict(rec, id=f"{rec['id']}-r{r}") if repeat > 1 else rec
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    corpus, dev, out = sys.argv[1:]
    os.makedirs(out, exist_ok=True)
    recs = records(corpus)
    for name, target, repeat in [("sample-1m", 1_000_000, 5), ("sample-200k", 200_000, 25)]:
        part = sample(recs, target)
        write(os.path.join(out, f"{name}.jsonl"), part)
        write(os.path.join(out, f"{name}-x{repeat}.jsonl"), part, repeat)
    write(os.path.join(out, "corpus-x4.jsonl"), recs, 4)
    dumps = sorted(n for n in os.listdir(dev) if n.endswith(".txt"))
    for r in range(20):
        rep = os.path.join(out, "pages", f"r{r:02}")
        os.makedirs(rep, exist_ok=True)
        for name in dumps:
            shutil.copyfile(os.path.join(dev, name), os.path.join(rep, name))
    return 0


if __name__ == "__main__":
    sys.exit(main())
