#!/usr/bin/env bash
# lang_pairs.sh -- reports of one event in two languages score above reports
# of two events that share the same place or name (tests/fixtures/langs/*.jsonl,
# one file per language pair).  A pair named "X" is one event, "X/Y" two
# events: every "X" must score at least 0.1 above every "X/Y".
#   uk_en, ja_en: the two events share a place, whose key alone scores each
#     pair alike; only the lexicon's concepts in both languages (Ukrainian
#     through Russian, Japanese from JMdict) tell them apart.
#   el_en, he_en, ko_en: two meetings on one subject, told apart by who met;
#     the names meet only through their other spellings (Greek endings and
#     μπ ντ γκ: του Μητσοτάκη, Μπάιντεν; Hebrew prefixes: למקרון; Korean
#     particles: 네타냐후는).
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
            index($1, "/") { if (!no || $2 > other) { other = $2; on = $1 }; no++; next }
            { if (!ns || $2 < same) { same = $2; sn = $1 }; ns++ }
            END {
                if (bad) exit 1
                if (!ns || !no) { print fx ": needs both kinds of pair"; exit 1 }
                if (same < other + 0.1) {
                    printf "%s: one event %s scores %s, two events %s score %s\n", fx, sn, same, on, other
                    exit 1
                }
            }'
done
