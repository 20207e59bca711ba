#!/usr/bin/env bash
# help.sh -- every command answers --help with a usage text and exit 0;
# --version prints the version; an unknown command is a usage error (2).
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$SKEIN" --help >"$tmp/out"
grep -q '^usage: skein COMMAND' "$tmp/out"
for cmd in cluster stories similar eval langid tokens article; do
    grep -q "^  $cmd " "$tmp/out" || { echo "--help does not list $cmd"; exit 1; }
done

"$SKEIN" --version >"$tmp/out"
grep -Eqx 'skein [0-9]+\.[0-9]+\.[0-9]+' "$tmp/out" || { cat "$tmp/out"; exit 1; }

for cmd in cluster stories similar eval langid tokens article; do
    "$SKEIN" "$cmd" --help >"$tmp/out" 2>"$tmp/err" || { echo "$cmd --help failed"; exit 1; }
    grep -qi "usage: skein $cmd" "$tmp/out" || { echo "$cmd --help: no usage"; cat "$tmp/out"; exit 1; }
    [ ! -s "$tmp/err" ] || { echo "$cmd --help wrote to stderr"; exit 1; }
done

status=0
"$SKEIN" frobnicate >"$tmp/out" 2>"$tmp/err" || status=$?
[ "$status" -eq 2 ] || { echo "unknown command: exit $status, want 2"; exit 1; }
grep -q "unknown command 'frobnicate'" "$tmp/err"
[ ! -s "$tmp/out" ]

status=0
"$SKEIN" >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || { echo "no command: exit $status, want 2"; exit 1; }

# A bad option of a command is a usage error too.
status=0
"$SKEIN" cluster --no-such-option </dev/null >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || { echo "cluster --no-such-option: exit $status, want 2"; exit 1; }
status=0
"$SKEIN" cluster --threshold abc </dev/null >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || { echo "cluster --threshold abc: exit $status, want 2"; exit 1; }
