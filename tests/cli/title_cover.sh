#!/usr/bin/env bash
# title_cover.sh -- the same-language score counts how much of each side's
# headline the other side's text tells.  a_told.json and a_untold.json hold
# the same words, only a different part of them in the headline; b.json's
# text tells a_told's headline (dam bursts upstream of the town) and not
# a_untold's.  Word for word the two score alike against b.json; the title
# cover puts a_told above.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
cd "$SKEIN_FIXTURES/title_cover"

score() { "$SKEIN" similar "$1" "$2" | sed -E 's/^\{"score":([0-9.]+)\}$/\1/'; }
told=$(score a_told.json b.json)
untold=$(score a_untold.json b.json)
[[ $told =~ ^[0-9]+\.[0-9]+$ && $untold =~ ^[0-9]+\.[0-9]+$ ]] ||
    { echo "bad scores '$told' '$untold'"; exit 1; }
awk -v a="$told" -v b="$untold" 'BEGIN { exit !(a > b + 0.1) }' ||
    { echo "headline told by the other text: $told, not told: $untold (want 0.1 more)"; exit 1; }
