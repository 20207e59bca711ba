#!/usr/bin/env bash
# plain_cpu.sh -- the name tagger's plain code (what a processor without
# AVX2 runs; SKEIN_NO_SIMD keeps it) tags as its AVX2 code does: the same
# names, quotes and stories from the multilingual fixtures either way.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat "$SKEIN_FIXTURES/crosslingual.jsonl" "$SKEIN_FIXTURES/quotes_gold.jsonl" \
    "$SKEIN_FIXTURES/names.jsonl" >"$tmp/in.jsonl"
"$SKEIN" extract "$tmp/in.jsonl" >"$tmp/simd" 2>/dev/null
SKEIN_NO_SIMD=1 "$SKEIN" extract "$tmp/in.jsonl" >"$tmp/plain" 2>/dev/null
[ "$(jq -s '[.[].names | length] | add' "$tmp/simd")" -gt 100 ]
cmp -s "$tmp/simd" "$tmp/plain" || { echo "the plain tagger's names differ from AVX2's"; exit 1; }
"$SKEIN" cluster "$tmp/in.jsonl" >"$tmp/simd.stories" 2>/dev/null
SKEIN_NO_SIMD=1 "$SKEIN" cluster "$tmp/in.jsonl" >"$tmp/plain.stories" 2>/dev/null
cmp -s "$tmp/simd.stories" "$tmp/plain.stories" || { echo "stories differ"; exit 1; }
