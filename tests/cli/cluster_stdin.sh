#!/usr/bin/env bash
# cluster_stdin.sh -- input from stdin, with no INPUT or with "-", gives the
# same stories as the file; several inputs form one stream, in order.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exp="$(dirname "$0")/expected"
in="$SKEIN_FIXTURES/events.jsonl"

"$SKEIN" cluster --assignments "$tmp/assign.file" "$in" >"$tmp/out.file" 2>/dev/null

"$SKEIN" cluster --assignments "$tmp/assign.none" <"$in" >"$tmp/out.none" 2>"$tmp/err.none"
cmp "$tmp/out.file" "$tmp/out.none"
cmp "$exp/cluster_basic.assign" "$tmp/assign.none"
grep -qx 'skein: read 12, added 12, skipped 0; stories: 3' "$tmp/err.none"

cat "$in" | "$SKEIN" cluster --assignments "$tmp/assign.dash" - >"$tmp/out.dash" 2>/dev/null
cmp "$tmp/out.file" "$tmp/out.dash"
cmp "$exp/cluster_basic.assign" "$tmp/assign.dash"

# Half from a file, half from stdin: one stream, same result.
head -n 6 "$in" >"$tmp/first.jsonl"
tail -n +7 "$in" | "$SKEIN" cluster --assignments "$tmp/assign.mix" "$tmp/first.jsonl" - \
    >"$tmp/out.mix" 2>/dev/null
cmp "$tmp/out.file" "$tmp/out.mix"
cmp "$exp/cluster_basic.assign" "$tmp/assign.mix"

# Locations on stdin are "<stdin>:LINE"; ids are unique across inputs.
printf '%s\n' 'not json' '{"id":"e1","title":"seen in the file already"}' |
    "$SKEIN" cluster "$tmp/first.jsonl" - >/dev/null 2>"$tmp/err"
grep -qx "skein: <stdin>:1:1: skipped: not a JSON object: invalid JSON at 'not json': expected a value (an object, array, string, number, true, false or null)" "$tmp/err"
grep -qx 'skein: <stdin>:2: skipped: duplicate id: an article with id "e1" came before' "$tmp/err"

# Empty stdin: no stories, nothing added, exit 1 with the reason.
status=0
"$SKEIN" cluster </dev/null >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] || { echo "empty stdin: exit $status, want 1"; exit 1; }
[ ! -s "$tmp/out" ]
grep -qx 'skein: read 0, added 0, skipped 0; stories: 0' "$tmp/err"
grep -qx 'skein cluster: nothing added: <stdin> is empty' "$tmp/err"
