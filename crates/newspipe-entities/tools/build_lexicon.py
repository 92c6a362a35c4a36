#!/usr/bin/env python3
"""Writes data/lexicon.tsv, what the name tagger knows about English words beyond its training
data, from the tables of the PyPI package spacy-lookups-data (MIT, Explosion; the lexeme tables
spaCy 2 used as features, computed from a large English web corpus):

    word<TAB>cluster<TAB>rarity<TAB>usually_capitalised

- cluster: the word's Brown-clustering bit path as spaCy stores it, reversed into an integer,
  so that the path's first k bits are `cluster & (2^k - 1)`; 0 when the clusterer saw the word
  too rarely (`en_lexeme_cluster`);
- rarity: -log of the word's probability (`en_lexeme_prob`), rounded, at most 31;
- usually_capitalised: 1 for a lower-case word of three or more ASCII letters whose capitalised
  form is at least e^CAP_MARGIN (default e^1 = 2.7) times as frequent (`chicago`, `obama`).

Kept: words with a cluster, and words with a probability of at least e^-16 (all the words a
usually_capitalised flag can be true for have one, by construction).

    pip install spacy-lookups-data==1.0.5
    python crates/newspipe-entities/tools/build_lexicon.py
"""
import gzip
import json
import os

import spacy_lookups_data

CAP_MARGIN = float(os.environ.get("CAP_MARGIN", "1.0"))
MIN_LOG_PROB = -16.0

data = os.path.join(os.path.dirname(spacy_lookups_data.__file__), "data")
clusters = json.load(gzip.open(os.path.join(data, "en_lexeme_cluster.json.gz")))
probs = json.load(gzip.open(os.path.join(data, "en_lexeme_prob.json.gz")))


def usually_capitalised(w):
    if not (len(w) >= 3 and w.isascii() and w.isalpha() and w.islower()):
        return 0
    cap = probs.get(w[0].upper() + w[1:])
    return int(cap is not None and cap >= probs[w] + CAP_MARGIN)


words = {w for w, c in clusters.items() if c} | {w for w, p in probs.items() if p >= MIN_LOG_PROB}
rows = sorted(
    (w, clusters.get(w, 0), min(31, round(-probs[w])) if w in probs else 0, usually_capitalised(w))
    for w in words
    if w and not any(ch in w for ch in "\t\n\r ")
)
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "lexicon.tsv")
with open(out, "w", encoding="utf-8") as f:
    for row in rows:
        f.write("\t".join(map(str, row)) + "\n")
print(f"{len(rows)} words, {sum(r[3] for r in rows)} usually capitalised -> {os.path.normpath(out)}")
