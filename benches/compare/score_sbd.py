#!/usr/bin/env python3
"""Golden Rules accuracy of a sentence-splitting peer; print one JSON line.

    score_sbd.py TOOL GOLD.jsonl        (TOOL: pysbd | blingfire | spacy-sentencizer)

A case passes when the tool's sentences equal the expected list exactly after whitespace is
normalised on both sides (runs of whitespace become one space, ends trimmed, empty sentences
dropped), as `newspipe eval sbd` scores newspipe (pySBD's own benchmark only strips).
"""
import json
import sys

from peer_speed import sentence_splitter


def normalize(sentence):
    return " ".join(sentence.split())


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    tool, gold = sys.argv[1], sys.argv[2]
    split = sentence_splitter(tool)
    passed, failed_ids, total = 0, [], 0
    with open(gold, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            case = json.loads(line)
            total += 1
            got = [normalize(s) for s in split(case["text"]) if s.strip()]
            if got == [normalize(s) for s in case["sentences"]]:
                passed += 1
            else:
                failed_ids.append(case["id"])
    print(json.dumps(dict(tool=tool, passed=passed, total=total, failed=failed_ids)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
