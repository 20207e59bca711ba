#!/usr/bin/env python3
"""Finds text of an unlicensed development corpus inside the repository.

    scripts/corpus_overlap.py CORPUS.jsonl... [--words N]

The corpora skein is tuned on without a licence to copy them (PolNeAR, the
SemEval texts) stay outside the repository; a test fixture or a comment that
quotes one of their articles at length brings it in.  This prints each
tracked file (git ls-files, the repository's own data blobs aside) that
shares a run of N words (default 8) with the "title" or "text" of a record
of the corpora, words compared folded to lower case with punctuation and
quotation marks as spaces, and the runs found; the last line is the count
of runs.  Exit status 0 either way: `make eval` reports the count and its
floor fails CI when it is not 0.
"""
import json
import re
import subprocess
import sys


def words(text):
    return re.sub(r"[^\w]+", " ", text.lower()).split()


def corpus_runs(paths, n):
    runs = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                rec = json.loads(line)
                for field in ("title", "text"):
                    w = words(rec.get(field) or "")
                    for i in range(len(w) - n + 1):
                        runs.setdefault(tuple(w[i:i + n]), rec.get("id", "?"))
    return runs


def tracked_texts():
    out = subprocess.run(["git", "ls-files"], capture_output=True, text=True, check=True).stdout
    for path in out.split():
        if path.startswith("data/") and not path.endswith(".md"):
            continue  # models, word lists and places: no prose
        try:
            with open(path, encoding="utf-8") as f:
                yield path, f.read()
        except (UnicodeDecodeError, IsADirectoryError, FileNotFoundError):
            continue


def main(argv):
    n = 8
    if "--words" in argv:
        at = argv.index("--words")
        n = int(argv[at + 1])
        del argv[at:at + 2]
    if not argv:
        sys.exit(__doc__)
    runs = corpus_runs(argv, n)
    total = 0
    for path, text in tracked_texts():
        w = words(text)
        found = {}
        for i in range(len(w) - n + 1):
            g = tuple(w[i:i + n])
            if g in runs:
                found[" ".join(g)] = runs[g]
        for run, rec in sorted(found.items()):
            print(f"{path}: \"{run}\" ({rec})")
        total += len(found)
    print(total)


if __name__ == "__main__":
    main(sys.argv[1:])
