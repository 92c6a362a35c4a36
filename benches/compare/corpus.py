"""Shared helpers of the comparison scripts: reading the inputs and counting their size.

Every tool is measured on text bytes (UTF-8) and on words (whitespace-separated runs), so that
MB/s and words/s of newspipe and of a peer are computed from the same numbers.
"""
import gzip
import json
import os
import sys


def read_jsonl_texts(path):
    """The `text` field of each line of a JSON Lines file, in order."""
    texts = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                texts.append(json.loads(line)["text"])
            except (ValueError, KeyError) as e:
                sys.exit(f"{path}:{n}: not a JSON record with a `text` field ({e})")
    return texts


def read_html_pages(directory):
    """(id, html) of every `{id}.html.gz` page of a directory, sorted by id."""
    pages = []
    for name in sorted(os.listdir(directory)):
        if name.endswith(".html.gz"):
            with gzip.open(os.path.join(directory, name), "rb") as f:
                pages.append((name[: -len(".html.gz")], f.read().decode("utf-8", "replace")))
    if not pages:
        sys.exit(f"{directory}: no *.html.gz pages")
    return pages


def size_of(texts):
    """(UTF-8 bytes, words) of a list of strings."""
    return (
        sum(len(t.encode("utf-8")) for t in texts),
        sum(len(t.split()) for t in texts),
    )
