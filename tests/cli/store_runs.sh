#!/usr/bin/env bash
# store_runs.sh -- a store built in several runs, committing every few
# articles, holds what one run makes: the same `stories` and `show --json`
# output, the same rows of events, names and quotes (the writer writes only
# what changed of an open story at each commit), and the same stories as
# `cluster` without a store prints (but for growth, which a store takes at a
# story's last article and `cluster` at the end of the stream).
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$SKEIN_FIXTURES/crosslingual.jsonl" "$SKEIN_FIXTURES/quotes_gold.jsonl" \
    "$SKEIN_FIXTURES/events.jsonl" "$SKEIN_FIXTURES/story.jsonl" >"$tmp/in.jsonl"
n=$(wc -l <"$tmp/in.jsonl")
[ "$n" -ge 60 ]

# Without a store, and in one run with one commit.
"$SKEIN" cluster "$tmp/in.jsonl" 2>/dev/null | jq -c 'del(.growth)' | sort >"$tmp/plain"
"$SKEIN" cluster --db "$tmp/one.db" "$tmp/in.jsonl" >/dev/null 2>&1
"$SKEIN" stories --db "$tmp/one.db" >"$tmp/one.stories"
[ "$(wc -l <"$tmp/one.stories")" -ge 5 ]
jq -c 'del(.growth)' "$tmp/one.stories" | sort | cmp -s - "$tmp/plain" ||
    { echo "stored stories differ from cluster without a store"; exit 1; }

# In four runs, committing every 3 articles.
split -l $(((n + 3) / 4)) "$tmp/in.jsonl" "$tmp/part."
for part in "$tmp"/part.*; do
    "$SKEIN" cluster --commit-every 3 --db "$tmp/runs.db" "$part" >/dev/null 2>&1
done
"$SKEIN" stories --db "$tmp/runs.db" >"$tmp/runs.stories"
cmp -s "$tmp/one.stories" "$tmp/runs.stories" ||
    { echo "stories of a store built in several runs differ from one run"; exit 1; }

# Every story told alike, and its rows alike (quotes: as a set, the table
# has no order of its own; search: each story's lines as a set, numbered in
# the order they joined).
for id in $(jq -r .story "$tmp/one.stories"); do
    "$SKEIN" show "$id" --db "$tmp/one.db" --json >"$tmp/show.one"
    "$SKEIN" show "$id" --db "$tmp/runs.db" --json >"$tmp/show.runs"
    cmp -s "$tmp/show.one" "$tmp/show.runs" || { echo "show $id differs"; exit 1; }
done
rows() {
    sqlite3 "$1" "SELECT story, n, title, size, first_seen, last_seen FROM events ORDER BY story, n;
        SELECT story, name, kind, articles, mentions, aliases FROM names ORDER BY story, rowid;
        SELECT story, speaker, text, article, lang, outlet, confidence FROM quotes;
        SELECT rowid >> 32, body FROM search ORDER BY rowid;" | sort
}
rows "$tmp/one.db" >"$tmp/rows.one"
rows "$tmp/runs.db" >"$tmp/rows.runs"
grep -q . "$tmp/rows.one"
[ "$(sqlite3 "$tmp/one.db" 'SELECT count(*) FROM quotes')" -ge 10 ]
diff -u "$tmp/rows.one" "$tmp/rows.runs" >&2 ||
    { echo "rows of a store built in several runs differ from one run"; exit 1; }
names() { sqlite3 "$1" "SELECT story, name, articles FROM names ORDER BY story, rowid"; }
cmp -s <(names "$tmp/one.db") <(names "$tmp/runs.db") ||
    { echo "names rows not in the order told"; exit 1; }
echo "store_runs: $n articles, one run = four runs committing every 3 = no store"
