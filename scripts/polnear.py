#!/usr/bin/env python3
"""Assembles the PolNeAR corpus into quote gold sets for `skein eval --quotes`.

    scripts/polnear.py POLNEAR_CHECKOUT [OUT_DIR]

POLNEAR_CHECKOUT is a clone of github.com/networkdynamics/PolNeAR (political
news of 2016 from seven US outlets, with attributions annotated as source,
cue and content).  The corpus states no licence, so it is not in the
repository: this script writes OUT_DIR (default data/polnear, git-ignored)
with train.jsonl and dev.jsonl, one article per line as `skein eval --quotes`
reads them.  The test split is never read.

A gold quote is a run of three words or more between quotation marks in the
body of an article, lying (for at least half of its characters) inside the
content of one annotated attribution.  Quoted words outside any attribution
(scare quotes, titles of works) are not quotes.  Its speaker comes from the
attribution's source span, with the part-of-speech tags, named entities and
coreference the corpus ships (Stanford CoreNLP output, data/*/corenlp):

  - the last run of proper nouns in the span's head clause (before its
    first comma: "Don Fowler, who ... has backed Hillary Clinton" is Don
    Fowler), else in the whole span, leaving out those in parentheses, after
    a preposition in the same clause ("a spokesman for Trump") or modifying
    a noun ("the Vermont senator") -- except before an organisation's head
    noun ("the Clinton campaign" -> "Clinton");
  - a pronoun or a definite noun phrase ("he", "the senator") takes the
    name of a person or organisation its coreference chain gives (a
    person's, for he and she);
  - anything else is an unnamed speaker, null ("officials", "a source");
  - a pronoun or definite noun phrase the chains do not resolve, or a
    source span with no noun in it (an annotation slip: "said"), leaves the
    speaker unknown ("speaker_unknown": true): the quote counts for its
    text only.

Each gold quote also carries "source" (the annotated span as written) and
"how" (name, coref, modifier, unnamed, no-source) for error analysis.
Articles whose CoreNLP file is missing from the checkout are skipped; where
several annotators annotated an article, the first annotation file (by name)
is used.
"""
import json
import os
import sys
import xml.etree.ElementTree as ET

ORG_HEADS = {"campaign", "camp", "team", "administration", "office", "government", "staff"}
PRONOUN_TAGS = {"PRP", "PRP$", "WP", "WP$"}
PROPER = {"NNP", "NNPS"}
OPEN_MARKS = {"\u201c": "\u201d", '"': '"'}
MIN_WORDS = 3


def read_ann(path):
    spans, rels = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 2:
                continue
            if parts[0].startswith("T"):
                kind, _, offs = parts[1].partition(" ")
                ranges = []
                for r in offs.split(";"):
                    a, b = r.split()
                    ranges.append((int(a), int(b)))
                spans[parts[0]] = (kind, ranges)
            elif parts[0].startswith("E"):
                roles = {}
                for item in parts[1].split():
                    role, _, tid = item.partition(":")
                    roles.setdefault(role.rstrip("0123456789"), []).append(tid)
                rels.append(roles)
    out = []
    for roles in rels:
        content = [r for t in roles.get("Content", []) if t in spans for r in spans[t][1]]
        source = [r for t in roles.get("Source", []) if t in spans for r in spans[t][1]]
        if content:
            out.append((content, source))
    return out


def read_corenlp(path):
    root = ET.parse(path).getroot()
    doc = root.find("document")
    toks = {}  # (sentence, index) -> token dict
    order = []
    for s in doc.find("sentences"):
        sid = int(s.get("id"))
        for t in s.find("tokens"):
            key = (sid, int(t.get("id")))
            toks[key] = {
                "word": t.findtext("word"),
                "pos": t.findtext("POS"),
                "begin": int(t.findtext("CharacterOffsetBegin")),
                "end": int(t.findtext("CharacterOffsetEnd")),
                "ner": t.findtext("NER"),
                "gov": None,
                "rel": None,
            }
            order.append(key)
        for deps in s.findall("dependencies"):
            if deps.get("type") != "basic-dependencies":
                continue
            for d in deps:
                dep = (sid, int(d.find("dependent").get("idx")))
                gov = int(d.find("governor").get("idx"))
                if dep in toks:
                    toks[dep]["gov"] = (sid, gov) if gov else None
                    toks[dep]["rel"] = d.get("type")
    chains = []
    coref = doc.find("coreference")
    if coref is not None:
        for chain in coref:
            ms = []
            rep = None
            for m in chain.findall("mention"):
                sid = int(m.findtext("sentence"))
                mm = {
                    "keys": [(sid, i) for i in range(int(m.findtext("start")), int(m.findtext("end")))],
                    "head": (sid, int(m.findtext("head"))),
                }
                ms.append(mm)
                if m.get("representative") == "true":
                    rep = mm
            if rep:
                chains.append((rep, ms))
    return toks, order, chains


def tokens_in(order, toks, ranges):
    return [k for k in order if any(a <= toks[k]["begin"] and toks[k]["end"] <= b for a, b in ranges)]


def is_proper(t):
    w = t["word"]
    return t["pos"] in PROPER or (len(w) >= 3 and w.isalpha() and w.isupper())


def runs_of(keys, toks):
    """The names a span holds that could be its speaker: runs of proper
    nouns, leaving out those in parentheses, those after a preposition in
    the same clause ("a spokesman for Trump") and those modifying a common
    noun after them ("the Vermont senator", "Obama's strategist"); a name
    before an organisation's head noun ("the Clinton campaign") is kept as
    the speaker when no other name is left."""
    runs, cur, depth, after_prep = [], [], 0, False
    kept, modifiers = [], []
    for i, k in enumerate(keys + [None]):
        t = toks[k] if k else None
        if t and is_proper(t) and not depth and not after_prep:
            cur.append(k)
            continue
        if cur:
            rest = [toks[x]["word"].lower() for x in keys[i:] if toks[x]["pos"].startswith("NN")]
            if t and rest and (t["pos"] == "POS" or t["pos"].startswith("NN") or t["pos"] == "JJ"):
                if rest[-1] in ORG_HEADS:
                    modifiers.append(cur)
            else:
                kept.append(cur)
            cur = []
        if not t:
            break
        if t["pos"] == "-LRB-":
            depth += 1
        elif t["pos"] == "-RRB-":
            depth = max(0, depth - 1)
        elif t["pos"] in ("IN", "TO") and t["word"].lower() not in ("that",):
            after_prep = True
        elif t["word"] == ",":
            after_prep = False
    return kept or modifiers


def name_of(run, toks):
    return " ".join(toks[k]["word"] for k in run)


def speaker_of(source, toks, order, chains, text):
    if not source:
        return None, "no-source"
    keys = tokens_in(order, toks, source)
    if not keys:
        return None, "no-source"
    # the head clause first: "Don Fowler, who ... has backed Hillary Clinton" is Don Fowler's
    comma = next((i for i, k in enumerate(keys) if toks[k]["word"] == ","), len(keys))
    runs = runs_of(keys[:comma], toks) or runs_of(keys, toks)
    if runs:
        return name_of(runs[-1], toks), "name"
    first = toks[keys[0]]["word"].lower()
    pronoun = len(keys) == 1 and toks[keys[0]]["pos"] in PRONOUN_TAGS
    if not any(toks[k]["pos"].startswith(("NN", "PRP")) for k in keys):
        return None, "unresolved"  # no noun at all ("said"): the span is not the source
    if not pronoun and first not in ("the", "this", "that", "his", "her", "their", "its"):
        return None, "unnamed"  # "officials", "a source", "sources close to ..."
    inside = set(keys)
    for rep, ms in chains:
        if not any(m["head"] in inside for m in ms):
            continue
        kinds = ("PERSON",) if first in ("he", "she", "him", "her", "his") else ("PERSON", "ORGANIZATION")
        for m in [rep] + ms:
            if m["head"] in inside:
                continue
            runs = runs_of(m["keys"], toks)
            if runs and any(toks[k]["ner"] in kinds for k in runs[-1]):
                return name_of(runs[-1], toks), "coref"
        break
    return None, "unresolved"  # "he", "the senator": someone, whom the chains do not say


def quote_runs(text, start):
    """(open_end, close) of each run between quotation marks after `start`.
    An opening mark repeated at the start of a paragraph continues the quote
    (“...¶“...”); repeated anywhere else, the first one was never closed."""
    runs, i, n = [], start, len(text)
    while i < n:
        ch = text[i]
        if ch not in OPEN_MARKS:
            i += 1
            continue
        close, j, opened = OPEN_MARKS[ch], i + 1, i
        while j < n and text[j] != close:
            if ch != '"' and text[j] == ch and not text[:j].rstrip(" \t").endswith("\n"):
                opened = j
            j += 1
        if j >= n:
            break
        runs.append((opened + 1, j))
        i = j + 1
    return runs


def words(s):
    return sum(1 for w in s.split() if any(c.isalnum() for c in w))


def covered(a, b, ranges):
    return sum(max(0, min(b, y) - max(a, x)) for x, y in ranges)


def article(name, text, ann, nlp, meta):
    toks, order, chains = read_corenlp(nlp)
    attrs = read_ann(ann)
    first, _, rest = text.partition("\n")
    body_from = len(first) + 1 if rest else 0
    quotes = []
    for a, b in quote_runs(text, body_from):
        q = text[a:b].strip()
        if words(q) < MIN_WORDS:
            continue
        best = max(attrs, key=lambda at: covered(a, b, at[0]), default=None)
        if best is None or covered(a, b, best[0]) * 2 < b - a:
            continue
        speaker, how = speaker_of(best[1], toks, order, chains, text)
        src = " ".join(text[x:y] for x, y in best[1])
        g = {"text": q, "speaker": speaker, "source": src or None, "how": how}
        if how == "unresolved":
            g["speaker_unknown"] = True
        quotes.append(g)
    rec = {"id": "polnear-" + name, "lang": "en"}
    if meta:
        rec["outlet"] = meta["publisher"]
        rec["published"] = meta["publication_date"] + "T12:00:00Z"
    if body_from:
        rec["title"] = first.strip()
        rec["text"] = rest
    else:
        rec["text"] = text
    rec["quotes"] = quotes
    return rec


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    root = sys.argv[1]
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(__file__), "..", "data", "polnear")
    meta = {}
    with open(os.path.join(root, "data", "metadata.tsv"), encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(head, line.rstrip("\n").split("\t")))
            meta[row["filename"]] = row
    os.makedirs(out, exist_ok=True)
    for split in ("train", "dev"):
        d = os.path.join(root, "data", split)
        anns = sorted(os.listdir(os.path.join(d, "attributions")))
        n = skipped = nq = 0
        with open(os.path.join(out, split + ".jsonl"), "w", encoding="utf-8") as w:
            for t in sorted(os.listdir(os.path.join(d, "text"))):
                name = t[:-4]
                mine = [a for a in anns if a.rsplit("_", 1)[0] == name]
                nlp = os.path.join(d, "corenlp", t + ".xml")
                if not mine or not os.path.exists(nlp):
                    skipped += 1
                    continue
                with open(os.path.join(d, "text", t), encoding="utf-8") as f:
                    text = f.read()
                rec = article(name, text, os.path.join(d, "attributions", mine[0]), nlp, meta.get(name))
                w.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
                nq += len(rec["quotes"])
        print(f"{split}: {n} articles, {nq} quotes, {skipped} skipped (no annotation or CoreNLP file)")


if __name__ == "__main__":
    main()
