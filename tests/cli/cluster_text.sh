#!/usr/bin/env bash
# `cluster --text`: one block per story for people, the same grouping as JSON.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
cd "$(dirname "$0")/../fixtures"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$SKEIN" cluster --text events.jsonl > "$tmp/text" 2>/dev/null
"$SKEIN" cluster events.jsonl > "$tmp/json" 2>/dev/null
# as many story headers as JSON lines, and one indented line per article
[ "$(grep -c '^story [0-9]*: ' "$tmp/text")" = "$(wc -l < "$tmp/json")" ]
[ "$(grep -c '^    \[en\] ' "$tmp/text")" = "$(grep -c . events.jsonl)" ]
grep -q '^  [0-9]* articles\?; en [0-9]*' "$tmp/text"
