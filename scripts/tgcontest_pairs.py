#!/usr/bin/env python3
"""Russian pairs judged by the crowd (the Telegram data clustering contest's
Toloka pools) as skein pairs, beside ../shared/data/pairs_dev.jsonl.

    usage: scripts/tgcontest_pairs.py [--dev PAIRS_DEV] [--heldout FILE] POOL_DIR > pairs.jsonl

POOL_DIR holds the contest's pool files (toloka/clustering_pairs/*.tsv of
github.com/IlyaGusev/tgcontest, Apache-2.0); only ru_honey_pool.tsv (175
pairs, the checked "honey" tasks) is read: the train and exam pools are
already the shared development pairs.  Each row has the two titles, urls,
texts and GOLDEN:quality, OK (one story) or BAD (different stories), written
as label 1 or 4 (the scale of `skein eval --pairs`).  A row whose two titles
form a pair of --dev (the shared pairs) is left out, so the two sources do
not count one pair twice, and so is a pair or article id --heldout names.
The pool files stay out of the repository (data/tgcontest is git-ignored).
"""
import argparse
import csv
import json
import os
import sys

POOL = "ru_honey_pool.tsv"
LABELS = {"OK": 1.0, "BAD": 4.0}


def fail(msg):
    sys.exit("tgcontest_pairs: " + msg)


def dev_titles(path):
    seen = set()
    if not path:
        return seen
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                p = json.loads(line)
                a, b = p["a"]["title"].strip(), p["b"]["title"].strip()
            except (ValueError, KeyError, TypeError) as e:
                fail(f"{path}:{n}: not a pair with two titles ({e})")
            seen.add((a, b))
            seen.add((b, a))
    return seen


def heldout_ids(path):
    ids = set()
    if path:
        with open(path, encoding="utf-8") as f:
            ids = {l.strip() for l in f if l.strip() and not l.startswith("#")}
    return ids


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dev", help="pairs already used (pairs_dev.jsonl): left out here")
    ap.add_argument("--heldout", help="pair and article ids kept aside: refused")
    ap.add_argument("pools", help="folder with the contest's clustering_pairs/*.tsv")
    args = ap.parse_args()
    path = os.path.join(args.pools, POOL)
    if not os.path.isfile(path):
        fail(f"{path} not found (toloka/clustering_pairs/{POOL} of IlyaGusev/tgcontest)")
    skip, held = dev_titles(args.dev), heldout_ids(args.heldout)
    csv.field_size_limit(1 << 30)
    kept = dropped = 0
    with open(path, encoding="utf-8", newline="") as f:
        rows = csv.DictReader(f, delimiter="\t")
        for n, r in enumerate(rows, 2):
            try:
                ta, tb = r["INPUT:first_title"].strip(), r["INPUT:second_title"].strip()
                label = LABELS[r["GOLDEN:quality"].strip()]
                xa, xb = r["INPUT:first_text"], r["INPUT:second_text"]
                ua, ub = r["INPUT:first_url"], r["INPUT:second_url"]
            except (KeyError, AttributeError) as e:
                fail(f"{path}:{n}: missing field or unknown GOLDEN:quality ({e})")
            pid = f"ru_honey_pool-{n - 2}"
            if (ta, tb) in skip or pid in held or f"{pid}-a" in held or f"{pid}-b" in held:
                dropped += 1
                continue
            side = lambda s, t, x, u: {"id": f"{pid}-{s}", "lang": "ru", "title": t, "text": x, "url": u}
            print(json.dumps({"pair": pid, "label": label, "a": side("a", ta, xa, ua),
                              "b": side("b", tb, xb, ub)}, ensure_ascii=False))
            kept += 1
    print(f"tgcontest_pairs: {kept} pairs written, {dropped} left out (in the dev pairs or held out)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
