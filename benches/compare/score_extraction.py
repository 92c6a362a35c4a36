#!/usr/bin/env python3
"""Article-extraction dev-set score of trafilatura; print one JSON line.

    score_extraction.py DEV_DIR        (DEV_DIR holds {id}.html.gz and ground_truth.jsonl)

The metric of the ScrapingHub/Zyte article-extraction benchmark, as described in
../shared/data/extraction/SOURCE.md and implemented by `newspipe eval extraction`:
tokens are Unicode `\\w+` runs; each text is a multiset of 4-token shingles (a text of fewer
than 4 tokens is one shingle of all of them, an empty text has none); per page tp = sum of the
smaller counts, fp / fn = surplus counts; precision and recall are means over pages (a page with
fp = fn = 0 scores 1 on both); F1 = 2PR / (P + R) of the means; accuracy = share of pages whose
token sequences are identical.
"""
import json
import os
import re
import sys
from collections import Counter

from corpus import read_html_pages

WORD = re.compile(r"\w+")
SHINGLE = 4


def shingles(tokens):
    if not tokens:
        return Counter()
    if len(tokens) < SHINGLE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_score(truth, predicted):
    """(precision, recall, exact) of one page."""
    t, p = WORD.findall(truth), WORD.findall(predicted)
    ts, ps = shingles(t), shingles(p)
    tp = sum((ts & ps).values())
    fp = sum((ps - ts).values())
    fn = sum((ts - ps).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0, t == p
    precision = 0.0 if tp + fp == 0 else tp / (tp + fp)
    recall = 0.0 if tp + fn == 0 else tp / (tp + fn)
    return precision, recall, t == p


def summary(scores):
    n = len(scores)
    precision = sum(s[0] for s in scores) / n
    recall = sum(s[1] for s in scores) / n
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    accuracy = sum(1 for s in scores if s[2]) / n
    return dict(pages=n, precision=precision, recall=recall, f1=f1, accuracy=accuracy)


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    import trafilatura

    dev = sys.argv[1]
    truth = {}
    with open(os.path.join(dev, "ground_truth.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                truth[rec["id"]] = rec.get("articleBody") or ""
    scores = []
    for page_id, html in read_html_pages(dev):
        if page_id in truth:
            predicted = trafilatura.extract(html, include_comments=False) or ""
            scores.append(page_score(truth[page_id], predicted))
    print(json.dumps(dict(tool="trafilatura", **summary(scores))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
