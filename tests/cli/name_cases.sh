#!/usr/bin/env bash
# name_cases.sh -- a Russian name counts the same in any case: Путина and
# Захарову meet Путин and Захарова of the other report, so two reports that
# differ only in a name's case ending score alike against a third.  The
# names subspace once kept names as written, where the cases never met.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
cd "$SKEIN_FIXTURES/name_cases"

score() { "$SKEIN" similar "$1" "$2" | sed -E 's/^\{"score":([0-9.]+)\}$/\1/'; }
declined=$(score a.json b.json)         # Путина, Захарову
as_written=$(score a.json b_same_case.json) # Путин, Захарова, as in a.json
[[ $declined =~ ^[0-9]+\.[0-9]+$ ]] || { echo "bad score '$declined'"; exit 1; }
[ "$declined" = "$as_written" ] ||
    { echo "declined names score $declined, the same names as written $as_written"; exit 1; }
awk -v x="$declined" 'BEGIN { exit !(x > 0.5) }' || { echo "score $declined: want > 0.5"; exit 1; }
