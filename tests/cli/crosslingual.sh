#!/usr/bin/env bash
# crosslingual.sh -- the project's cross-lingual fixture: 31 short reports in
# seven languages (en ar ru de fr es uk) about five events, two earthquakes
# and two summits among them, come out as exactly the five events; and
# `similar` scores two reports of one event in different scripts above two
# reports of the other event of the same kind.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fx="$SKEIN_FIXTURES/crosslingual.jsonl"

"$SKEIN" cluster --assignments "$tmp/assign" "$fx" >/dev/null 2>"$tmp/err"
"$SKEIN" eval --gold "$fx" --pred "$tmp/assign" >"$tmp/eval"
grep -q '"gold_clusters":5,"pred_clusters":5,' "$tmp/eval" &&
    grep -q '"bcubed":{"precision":1.0000,"recall":1.0000,"f1":1.0000}' "$tmp/eval" ||
    { echo "not the five events:"; cat "$tmp/eval"; paste -d' ' <(grep -o '"cluster": "[^"]*"' "$fx") "$tmp/assign"; exit 1; }

# Each story holds several languages: the same news met across scripts.
langs=$(grep -o '"lang":"[a-z]*"' <("$SKEIN" cluster "$fx" 2>/dev/null) | sort -u | wc -l)
[ "$langs" -ge 6 ] || { echo "only $langs languages in the output"; exit 1; }

# Peru quake in Arabic vs the Peru quake in Russian, against the Turkish quake
# in Russian: same event scores higher, on the scale the linker joins by.
line() { grep "\"id\": \"$1\"" "$fx"; }
line xl-01-ar >"$tmp/a.json"; line xl-01-ru >"$tmp/b.json"; line xl-02-ru >"$tmp/c.json"
same=$("$SKEIN" similar "$tmp/a.json" "$tmp/b.json" | grep -o '[0-9.]*')
other=$("$SKEIN" similar "$tmp/a.json" "$tmp/c.json" | grep -o '[0-9.]*')
awk -v s="$same" -v o="$other" 'BEGIN { exit !(s > o && s > 0) }' ||
    { echo "ar-ru same event $same, other quake $other"; exit 1; }
