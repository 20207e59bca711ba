#!/usr/bin/env bash
# lang_pairs.sh -- reports of one event in two languages score above reports
# of two events that share the same place or name (tests/fixtures/langs/*.jsonl,
# one file per language pair).  A pair named "X" is one event, "X/Y" two
# events: every "X" must score at least 0.1 above every "X/Y".  The shared
# key alone scores each pair alike; only the lexicon's concepts in both
# languages (Ukrainian through Russian, Japanese from JMdict) tell the events
# apart.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

for fx in "$SKEIN_FIXTURES"/langs/*.jsonl; do
    "$SKEIN" similar --pairs "$fx" >"$tmp/out"
    [ "$(wc -l <"$tmp/out")" -eq "$(wc -l <"$fx")" ] || { echo "$fx: a pair was skipped"; exit 1; }
    sed -E 's/^\{"pair":"([^"]*)","score":([0-9.]+)\}$/\1 \2/' "$tmp/out" |
        awk -v fx="$(basename "$fx")" '
            NF != 2 { print fx ": bad line: " $0; bad = 1; next }
            index($1, "/") { if (!(other >= $2)) { other = $2; on = $1 }; next }
            { if (same == "" || $2 < same) { same = $2; sn = $1 } }
            END {
                if (bad) exit 1
                if (same == "" || other == "") { print fx ": needs both kinds of pair"; exit 1 }
                if (same < other + 0.1) {
                    printf "%s: one event %s scores %s, two events %s score %s\n", fx, sn, same, on, other
                    exit 1
                }
            }'
done
