#!/usr/bin/env bash
# cluster_basic.sh -- 12 English articles on 3 unrelated events (interleaved)
# come out as 3 stories.  Golden files: the assignments (one line per article,
# input order) and the stories with the headline masked (which member heads a
# story is tuning, not contract); the headline is checked to be a member's.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exp="$(dirname "$0")/expected"
in="$SKEIN_FIXTURES/events.jsonl"

"$SKEIN" cluster --assignments "$tmp/assign" "$in" >"$tmp/out" 2>"$tmp/err"

diff -u "$exp/cluster_basic.assign" "$tmp/assign"
[ "$(wc -l <"$tmp/assign")" -eq "$(grep -c . "$in")" ]

sed -E 's/^(\{"story":[0-9]+,"title":)"[^"]*"/\1"*"/' "$tmp/out" >"$tmp/masked"
diff -u "$exp/cluster_basic.stories" "$tmp/masked"

# Each headline is the title of one of its story's articles.
while IFS= read -r line; do
    title=$(printf '%s\n' "$line" | sed -E 's/^\{"story":[0-9]+,"title":("[^"]*").*/\1/')
    articles=${line#*\"articles\":}
    case "$articles" in
        *"\"title\":$title"*) ;;
        *) echo "headline $title is no member's title"; exit 1 ;;
    esac
done <"$tmp/out"

grep -qx 'skein: read 12, added 12, skipped 0; stories: 3' "$tmp/err" || { cat "$tmp/err"; exit 1; }
[ "$(wc -l <"$tmp/err")" -eq 1 ]

# Same input, same output: the run is deterministic.
"$SKEIN" cluster --assignments "$tmp/assign2" "$in" >"$tmp/out2" 2>/dev/null
cmp "$tmp/out" "$tmp/out2"
cmp "$tmp/assign" "$tmp/assign2"
