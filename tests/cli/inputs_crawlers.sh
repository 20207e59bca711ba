#!/usr/bin/env bash
# inputs_crawlers.sh -- crawler records read as they are: a folder of
# news-please .json files (pretty-printed, no id) and a trafilatura JSON-lines
# file ("id": null, "source" the page's address) each cluster without edits,
# the outlet a host name, the id the page's address; the same record read
# twice is a duplicate.  `skein article` shows what was read.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fx=$SKEIN_FIXTURES/inputs
has() { jq -s -e "any(.[]; $1)" "$2" >/dev/null; } # has CONDITION FILE: a line meets it

# news-please: two stories of two outlets each, the outlets as hosts.
"$SKEIN" cluster --assignments "$tmp/assign" "$fx/newsplease" >"$tmp/out" 2>"$tmp/err"
grep -qx 'skein: read 4, added 4, skipped 0; stories: 2' "$tmp/err"
[ "$(jq -s 'map(select(.size == 2)) | length' "$tmp/out")" -eq 2 ]
[ "$(jq -r '.articles[].source' "$tmp/out" | sort -u | tr '\n' ' ')" = "coastpost.example harbourwire.example " ]
has '(.articles[].id == "https://coastpost.example/news/port-allen-bridge") and ([.articles[].id] | index("https://www.harbourwire.example/2024/07/12/storm-bridge") != null)' "$tmp/out"

# What was read: dates in their three forms, the language, no maintext -> none lost.
"$SKEIN" article "$fx/newsplease" >"$tmp/articles" 2>"$tmp/err"
[ "$(wc -l <"$tmp/articles")" -eq 4 ]
has '(.id == "https://www.harbourwire.example/2024/07/12/storm-bridge") and (.published == "2024-07-12T08:30:00Z" and .lang == "en" and .source == "harbourwire.example"
         and (.text | startswith("A storm brought down")))' "$tmp/articles"
has '(.id == "https://coastpost.example/news/port-allen-bridge") and (.published == "2024-07-12T08:05:00Z")' "$tmp/articles"
has '(.id == "https://coastpost.example/sport/volkov-retires") and (.published == "2024-07-13T16:20:00Z")' "$tmp/articles"

# The same record twice: a duplicate, not a new article (in one run, and
# with a store across runs).
cp "$fx/newsplease/chess-post.json" "$tmp/again.json"
"$SKEIN" cluster "$fx/newsplease" "$tmp/again.json" >/dev/null 2>"$tmp/err"
grep -q "again.json: skipped: duplicate id: an article with id \"https://coastpost.example/sport/volkov-retires\" came before" "$tmp/err"
"$SKEIN" cluster --db "$tmp/s.db" "$fx/newsplease" >/dev/null 2>&1
"$SKEIN" cluster --db "$tmp/s.db" "$tmp/again.json" >/dev/null 2>"$tmp/err"
grep -q 'already stored: 1' "$tmp/err"

# trafilatura: ids from the addresses, outlets from hostname or the address.
"$SKEIN" cluster "$fx/trafilatura.jsonl" >"$tmp/out" 2>"$tmp/err"
grep -qx 'skein: read 4, added 4, skipped 0; stories: 2' "$tmp/err"
[ "$(jq -s 'map(select(.size == 2)) | length' "$tmp/out")" -eq 2 ]
[ "$(jq -r '.articles[].source' "$tmp/out" | sort -u | tr '\n' ' ')" = "dailyvalley.example rivernews.example " ]
"$SKEIN" article "$fx/trafilatura.jsonl" >"$tmp/articles"
has '(.title | startswith("Trains stop")) and (.id == "https://www.dailyvalley.example/a/rail-strike" and .source == "dailyvalley.example"
         and .url == .id and .published == "2024-03-05T15:00:00Z")' "$tmp/articles"
has '(.title | startswith("Ril dam")) and (.id == "https://dailyvalley.example/a/ril-dam-spring?ref=rss"
       and .published == "2024-03-04T16:30:00Z" and .lang == "en")' "$tmp/articles"
if grep -q '"source":"https\?:' "$tmp/articles"; then echo "an address as the outlet"; exit 1; fi
