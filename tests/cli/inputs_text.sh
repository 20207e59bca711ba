#!/usr/bin/env bash
# inputs_text.sh -- .txt files named one by one (the shell's glob) are text
# articles: the file name the id, the first non-empty line the title.  The
# seeds (../shared/seeds, when present) cluster the same way.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fx=$SKEIN_FIXTURES/inputs

"$SKEIN" cluster --assignments "$tmp/assign" "$fx"/text/*.txt >"$tmp/out" 2>"$tmp/err"
grep -qx 'skein: read 3, added 3, skipped 0; stories: 2' "$tmp/err"
jq -s -e 'map(select(.size == 2)) | .[0] | [.articles[].id] | sort == ["velden-flood-1", "velden-flood-2"]' \
    "$tmp/out" >/dev/null
"$SKEIN" article "$fx/text/velden-flood-2.txt" >"$tmp/a"
jq -e '.id == "velden-flood-2" and .title == "Velden old town flooded as the Aare river rises two metres"
       and (.text | test("^\\s*The Aare river rose")) and .lang == "en"' "$tmp/a" >/dev/null

seeds="$(cd "$(dirname "$0")/../.." && pwd)/../shared/seeds"
if ! ls "$seeds"/*.txt >/dev/null 2>&1; then
    echo "inputs_text: ../shared/seeds absent: the seeds part skipped"
    exit 0
fi
n=$(ls "$seeds"/*.txt | wc -l)
"$SKEIN" cluster "$seeds"/*.txt >"$tmp/out" 2>"$tmp/err"
grep -q "^skein: read $n, added $n, skipped 0;" "$tmp/err"
[ "$(jq -s 'map(.size) | add' "$tmp/out")" -eq "$n" ]
