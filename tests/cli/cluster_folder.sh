#!/usr/bin/env bash
# cluster_folder.sh -- a folder of .txt files is a stream: read in file-name
# order, the name (without .txt) is the id, the first non-empty line the title.
# Other files are ignored; an empty .txt file is reported and skipped; a
# folder that gives nothing to add is an error.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exp="$(cd "$(dirname "$0")" && pwd)/expected"
cd "$SKEIN_FIXTURES"

"$SKEIN" cluster --assignments "$tmp/assign" folder >"$tmp/out" 2>"$tmp/err"
diff -u "$exp/cluster_folder.assign" "$tmp/assign"
diff -u "$exp/cluster_folder.err" "$tmp/err"

# Member titles: the first non-empty line, without its CR (p06 has CRLF lines,
# p05 starts with blank lines).
grep -o '"id":"p0[0-9]","lang":"[a-z]*","source":null,"title":"[^"]*"' "$tmp/out" >"$tmp/titles"
diff -u "$exp/cluster_folder.titles" "$tmp/titles"

# A trailing slash names the same folder.
"$SKEIN" cluster --assignments "$tmp/assign2" folder/ >/dev/null 2>&1
cmp "$exp/cluster_folder.assign" "$tmp/assign2"

# An empty folder, or one with no file skein reads, adds nothing: exit 1 and why.
mkdir "$tmp/empty"
status=0
"$SKEIN" cluster "$tmp/empty" >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] || { echo "empty folder: exit $status, want 1"; exit 1; }
[ ! -s "$tmp/out" ]
grep -qx 'skein: read 0, added 0, skipped 0; stories: 0' "$tmp/err"
grep -qx "skein cluster: nothing added: folder $tmp/empty is empty" "$tmp/err"
printf 'not an article\n' >"$tmp/empty/notes.md"
status=0
"$SKEIN" cluster "$tmp/empty/" >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" -eq 1 ] || { echo "no usable file: exit $status, want 1"; exit 1; }
grep -qx "skein cluster: nothing added: folder $tmp/empty/ has no file skein reads (.html, .htm, .json, .jsonl, .txt; pages also gzipped)" "$tmp/err"
