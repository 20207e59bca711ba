#!/usr/bin/env python3
"""Pairs of articles judged by people (SemEval-2022 Task 8) as skein pairs.

    usage: scripts/semeval_pairs.py [--labels TSV] [--heldout FILE] TEXTS_DIR > pairs.jsonl

TEXTS_DIR holds the task's article JSONs, one per article, named ID.json,
either flat or in the task downloader's folders (NN/ID.json, NN being the
last two digits of the id).  Each needs "title" and "text"; "url" is kept.
The labels (data/semeval/labels.tsv: pair_id, lang1, lang2, overall) are
the task's training batch 2 with the pairs and articles kept aside for
checking already left out; --heldout names that list again (pair ids
A_B and article ids, one a line, '#' comments) and any pair it names is
refused.  A pair whose two articles are not both in TEXTS_DIR is skipped;
the counts per language pair go to stderr.  A pair the labels list more than
once (the task's batch repeats 39, judged again, sometimes differently) is
written once, at its first place, with the mean of its scores.

Each output line is {"pair","label","a":{...},"b":{...}}, label being the
task's Overall score (1 the same story .. 4 different), the form `skein
similar --pairs` and `skein eval --pairs` read.  The texts are publishers'
texts with no licence: they stay out of the repository (data/semeval/texts
is git-ignored), and only the ids and labels are committed.
"""
import argparse
import json
import os
import sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))


def fail(msg):
    sys.exit("semeval_pairs: " + msg)


def read_labels(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        if header != ["pair_id", "lang1", "lang2", "overall"]:
            fail(f"{path}:1: expected the header pair_id, lang1, lang2, overall")
        for n, line in enumerate(f, 2):
            cols = line.rstrip("\n").split("\t")
            if len(cols) != 4:
                fail(f"{path}:{n}: expected 4 tab-separated fields, got {len(cols)}")
            pair, l1, l2, overall = cols
            ids = pair.split("_")
            if len(ids) != 2 or not all(i.isdigit() for i in ids):
                fail(f"{path}:{n}: pair_id '{pair}' is not two article ids joined by '_'")
            try:
                score = float(overall)
            except ValueError:
                fail(f"{path}:{n}: overall '{overall}' is not a number")
            if not 1 <= score <= 4:
                fail(f"{path}:{n}: overall {score} is outside 1..4")
            rows.append((pair, ids[0], ids[1], l1, l2, score))
    return merge_repeats(rows, path)


def merge_repeats(rows, path):
    """One row per pair, at its first place, with the mean of its scores."""
    first, scores = {}, {}
    for row in rows:
        pair = row[0]
        if pair in first and first[pair][3:5] != row[3:5]:
            fail(f"{path}: pair {pair} is given two language pairs")
        first.setdefault(pair, row)
        scores.setdefault(pair, []).append(row[5])
    return [r[:5] + (round(sum(scores[r[0]]) / len(scores[r[0]]), 4),)
            for r in rows if first[r[0]] is r]


def read_heldout(path):
    pairs, articles = set(), set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            (pairs if "_" in line else articles).add(line)
    return pairs, articles


def find_article(root, aid):
    for p in (os.path.join(root, aid + ".json"), os.path.join(root, aid[-2:], aid + ".json")):
        if os.path.isfile(p):
            return p
    return None


def load_article(path, aid, lang):
    try:
        with open(path, encoding="utf-8") as f:
            o = json.load(f)
    except (OSError, ValueError) as e:
        fail(f"{path}: {e}")
    if not isinstance(o, dict):
        fail(f"{path}: not a JSON object")
    for field in ("title", "text"):
        if not isinstance(o.get(field), str):
            fail(f"{path}: field '{field}' missing or not a string")
    a = {"id": aid, "lang": lang, "title": o["title"], "text": o["text"]}
    if isinstance(o.get("url"), str) and o["url"]:
        a["url"] = o["url"]
    return a


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("texts", help="folder of the article JSONs")
    ap.add_argument("--labels", default=os.path.join(HERE, "..", "data", "semeval", "labels.tsv"))
    ap.add_argument("--heldout", default=os.path.join(HERE, "..", "..", "shared", "data",
                                                      "heldout_pair_ids.txt"),
                    help="pairs and articles never to use (checked when the file exists)")
    args = ap.parse_args()
    if not os.path.isdir(args.texts):
        fail(f"{args.texts}: not a folder")
    rows = read_labels(args.labels)
    held_pairs, held_articles = set(), set()
    if os.path.isfile(args.heldout):
        held_pairs, held_articles = read_heldout(args.heldout)
    written, skipped = Counter(), Counter()
    for pair, ida, idb, la, lb, score in rows:
        if pair in held_pairs or ida in held_articles or idb in held_articles:
            fail(f"{args.labels}: pair {pair} is kept aside in {args.heldout}")
        lp = f"{la}-{lb}"
        pa, pb = find_article(args.texts, ida), find_article(args.texts, idb)
        if not pa or not pb:
            skipped[lp] += 1
            continue
        out = {"pair": pair, "label": score, "a": load_article(pa, ida, la),
               "b": load_article(pb, idb, lb)}
        print(json.dumps(out, ensure_ascii=False))
        written[lp] += 1
    for lp in sorted(set(written) | set(skipped)):
        print(f"semeval_pairs: {lp}: {written[lp]} pairs, {skipped[lp]} without both texts",
              file=sys.stderr)
    if not written:
        fail(f"no pair has both its articles in {args.texts}")


if __name__ == "__main__":
    main()
