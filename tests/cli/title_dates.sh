#!/usr/bin/env bash
# title_dates.sh -- two headlines that name different days of the month
# ("8 November" / "Nov. 16", "8 ноября" / "16 ноября", "8. November" /
# "16. November") tell of different events however alike their words: the
# score is cut.  The same day written another way ("8 November" / "Nov. 8")
# is no conflict.  Fixtures in English, Russian and German, written here;
# the Russian headlines are over 100 bytes but not 100 characters: headlines.
# Then where the three days of slack end, across months.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
cd "$SKEIN_FIXTURES/title_dates"

score() { "$SKEIN" similar "$1" "$2" | sed -E 's/^\{"score":([0-9.]+)\}$/\1/'; }
for lang in en ru; do
    same=$(score ${lang}_a.json ${lang}_same.json)
    other=$(score ${lang}_a.json ${lang}_other.json)
    [[ $same =~ ^[0-9]+\.[0-9]+$ && $other =~ ^[0-9]+\.[0-9]+$ ]] ||
        { echo "$lang: bad scores '$same' '$other'"; exit 1; }
    # the same day kept: above the joining threshold; another day: under it
    awk -v s="$same" -v o="$other" 'BEGIN { exit !(s > 0.5 && o < 0.4) }' ||
        { echo "$lang: same day $same (want > 0.5), other day $other (want < 0.4)"; exit 1; }
done
# German writes the day with a period: the text alike, only the day differs
other=$(score de_a.json de_other.json)
same=$(score de_a.json de_a.json)
awk -v s="$same" -v o="$other" 'BEGIN { exit !(o < s * 0.6) }' ||
    { echo "de: other day $other against itself $same (want under 0.6 of it)"; exit 1; }
# Three days apart is one event's; four are not; a month's end is counted
# with the month's own length (27 February and 1 March are two days apart,
# 30 June and 3 July three).
body=$(jq -r .text en_a.json)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
dated() { jq -nc --arg t "Weather forecast for $1: rain and wind in Riverton" --arg x "$body" \
    '{id:"d",lang:"en",title:$t,text:$x}' >"$tmp/$2.json"; }
dated "8 November" nov8
dated "11 November" nov11
dated "12 November" nov12
dated "27 February" feb27
dated "1 March" mar1
dated "30 June" jun30
dated "3 July" jul3
self=$(score "$tmp/nov8.json" "$tmp/nov8.json")
for pair in "nov8 nov11 1" "feb27 mar1 1" "jun30 jul3 1" "nov8 nov12 0"; do
    set -- $pair
    got=$(score "$tmp/$1.json" "$tmp/$2.json")
    awk -v g="$got" -v s="$self" -v one="$3" 'BEGIN { exit !(one ? g > s * 0.7 : g < s * 0.6) }' ||
        { echo "$1 against $2: $got (itself $self; one event: $3)"; exit 1; }
done
