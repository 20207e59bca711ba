#!/usr/bin/env bash
# Builds the gold quote set of the seed articles for `skein eval --quotes`.
#   usage: scripts/seeds_gold.sh SEEDS_JSONL [TSV]
# TSV defaults to tests/fixtures/seeds_speakers.tsv.  It holds, per quote,
# the article id, the UTF-8 byte offsets [start, end) of the quoted words in
# the article's "text" and the speaker ("-" for unnamed); see its header.
# Prints each article of SEEDS_JSONL as it is, plus
#   "quotes": [{"speaker": name or null, "text": the quoted words}]
# with the words cut from the text by those offsets, as JSON lines.
# Fails, naming the line, when an offset is out of range or cuts a UTF-8
# character, or when a TSV line is malformed or names no seed article.
# Needs bash, jq and coreutils (no python).
set -euo pipefail

die() { echo "seeds_gold: $*" >&2; exit 1; }

if [ $# -lt 1 ] || [ $# -gt 2 ]; then die "usage: scripts/seeds_gold.sh SEEDS_JSONL [TSV]"; fi
seeds=$1
tsv=${2:-$(dirname "$0")/../tests/fixtures/seeds_speakers.tsv}
[ -r "$seeds" ] || die "cannot read $seeds"
[ -r "$tsv" ] || die "cannot read $tsv"
command -v jq > /dev/null || die "jq not found"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The TSV, read once: its line numbers, ids, offsets and speakers.
t_line=() t_id=() t_start=() t_end=() t_spk=() t_used=()
n=0
while IFS= read -r row || [ -n "$row" ]; do
    n=$((n + 1))
    row=${row%$'\r'}
    case $row in '' | '#'*) continue ;; esac
    IFS=$'\t' read -r id start end spk _ <<< "$row"
    if [ -z "$id" ] || [ -z "${spk:-}" ]; then
        die "$tsv:$n: expected id, start, end, speaker, note separated by tabs"
    fi
    [[ $start =~ ^[0-9]+$ && $end =~ ^[0-9]+$ ]] \
        || die "$tsv:$n: start and end must be byte offsets (got '$start', '$end')"
    start=$((10#$start)) end=$((10#$end))
    [ "$start" -lt "$end" ] || die "$tsv:$n: start $start is not before end $end"
    t_line+=("$n") t_id+=("$id") t_start+=("$start") t_end+=("$end") t_spk+=("$spk") t_used+=(0)
done < "$tsv"

# byte FILE OFFSET: the value of the byte at OFFSET.
byte() { od -An -tu1 -j "$2" -N1 "$1" | tr -d ' \n'; }
# is_cont VALUE: whether a byte value is a UTF-8 continuation byte.
is_cont() { [ "$1" -ge 128 ] && [ "$1" -lt 192 ]; }

text=$tmp/text
ln=0
while IFS= read -r line || [ -n "$line" ]; do
    ln=$((ln + 1))
    [ -n "${line//[[:space:]]/}" ] || continue
    id=$(jq -r '.id // empty' <<< "$line" 2> /dev/null) \
        || die "$seeds:$ln: not a JSON object"
    [ -n "$id" ] || die "$seeds:$ln: no \"id\""
    jq -j '.text // ""' <<< "$line" > "$text"
    size=$(wc -c < "$text")
    size=$((size))
    : > "$tmp/quotes"
    for i in "${!t_id[@]}"; do
        [ "${t_id[$i]}" = "$id" ] || continue
        start=${t_start[$i]} end=${t_end[$i]} where="$tsv:${t_line[$i]}"
        [ "$end" -le "$size" ] \
            || die "$where: end $end is past the end of the text of $id ($size bytes, $seeds:$ln)"
        if is_cont "$(byte "$text" "$start")"; then
            die "$where: start $start cuts a UTF-8 character in the text of $id ($seeds:$ln)"
        fi
        if [ "$end" -lt "$size" ] && is_cont "$(byte "$text" "$end")"; then
            die "$where: end $end cuts a UTF-8 character in the text of $id ($seeds:$ln)"
        fi
        tail -c +$((start + 1)) "$text" > "$tmp/rest"
        head -c $((end - start)) "$tmp/rest" > "$tmp/slice"
        jq -Rsc --arg s "${t_spk[$i]}" '{speaker: (if $s == "-" then null else $s end), text: .}' \
            < "$tmp/slice" >> "$tmp/quotes"
        t_used[i]=1
    done
    jq -c --slurpfile q "$tmp/quotes" '. + {quotes: $q}' <<< "$line" \
        || die "$seeds:$ln: cannot add the quotes"
done < "$seeds"

for i in "${!t_id[@]}"; do
    [ "${t_used[$i]}" = 1 ] || die "$tsv:${t_line[$i]}: no article ${t_id[$i]} in $seeds"
done
