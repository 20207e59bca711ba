#!/usr/bin/env bash
# semeval_pairs.sh -- scripts/semeval_pairs.py turns labels (pair ids,
# languages, Overall score) and a folder of article JSONs (flat or in NN/
# folders) into the pairs `skein similar --pairs` and `skein eval --pairs`
# read: only pairs with both texts, in label order; it refuses a pair kept
# aside and a labels file with the wrong header; a pair listed twice is
# written once with the mean of its scores.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fx="$SKEIN_FIXTURES/semeval"
script="$(dirname "$0")/../../scripts/semeval_pairs.py"
none="$tmp/no-heldout.txt" # absent: nothing kept aside

python3 "$script" --labels "$fx/labels.tsv" --heldout "$none" "$fx/texts" >"$tmp/pairs.jsonl" 2>"$tmp/err"
jq -c '[.pair, .label, .a.id, .a.lang, .b.id, .b.lang, .b.url]' "$tmp/pairs.jsonl" >"$tmp/got"
cat >"$tmp/want" <<'WANT'
["1000000011_1000000022",1,"1000000011","de","1000000022","en","https://wire.example/storm"]
["1000000011_1000000033",3.5,"1000000011","de","1000000033","en","https://wire.example/chess"]
["1000000033_1000000022",3.6667,"1000000033","en","1000000022","en","https://wire.example/storm"]
WANT
diff -u "$tmp/want" "$tmp/got"
jq -se 'map(select(.pair == "1000000011_1000000022"))[0] | .a.title == "Sturm Ylva überflutet Hafen von Bergen" and (.b.text | startswith("Storm Ylva flooded"))' "$tmp/pairs.jsonl" >/dev/null
grep -q '^semeval_pairs: en-en: 1 pairs, 1 without both texts$' "$tmp/err" || { cat "$tmp/err"; exit 1; }

# The pairs go through skein's similarity and its pair evaluation, by language pair.
"$SKEIN" similar --pairs "$tmp/pairs.jsonl" >"$tmp/scores"
"$SKEIN" eval --pairs "$tmp/pairs.jsonl" --scores "$tmp/scores" >"$tmp/eval"
jq -e '.pairs == 3 and .by_lang["de-en"].pairs == 2 and .by_lang["en-en"].pairs == 1' "$tmp/eval" >/dev/null || { cat "$tmp/eval"; exit 1; }
same=$(jq -r 'select(.pair == "1000000011_1000000022") | .score' "$tmp/scores")
diff=$(jq -r 'select(.pair == "1000000011_1000000033") | .score' "$tmp/scores")
awk -v s="$same" -v d="$diff" 'BEGIN { exit !(s > d) }' || { echo "same-story pair $same not above different $diff"; exit 1; }

# A pair kept aside is refused, naming it.
if python3 "$script" --labels "$fx/labels.tsv" --heldout "$fx/heldout.txt" "$fx/texts" >/dev/null 2>"$tmp/err"; then
    echo "a kept-aside pair was accepted"; exit 1
fi
grep -q 'pair 1000000033_1000000022 is kept aside' "$tmp/err" || { cat "$tmp/err"; exit 1; }

# A labels file with the wrong header, and a folder that is not one.
if python3 "$script" --labels "$fx/bad_header.tsv" --heldout "$none" "$fx/texts" >/dev/null 2>"$tmp/err"; then
    echo "a bad header was accepted"; exit 1
fi
grep -q 'bad_header.tsv:1: expected the header' "$tmp/err" || { cat "$tmp/err"; exit 1; }
if python3 "$script" --labels "$fx/labels.tsv" --heldout "$none" "$tmp/nowhere" >/dev/null 2>"$tmp/err"; then
    echo "a missing folder was accepted"; exit 1
fi
grep -q 'nowhere: not a folder' "$tmp/err" || { cat "$tmp/err"; exit 1; }
