#!/usr/bin/env bash
# eval_quote_speakers.sh -- `skein eval --quotes` matches speakers by their
# last words, ASCII case aside: a transcript's speaker label in capitals
# ("PENCE:") is the person the text names in full (Mike Pence), a straight
# apostrophe is the text's curly one (O'Neill, O’Neill), a generational
# suffix is no surname (Bozell III, Bozell), and a different surname is
# still wrong.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

text='Governor Mike Pence spoke to reporters in Ohio on Monday.\n\n\"We are going to win this state in November,\" Pence said after the rally.'
for gold in PENCE Pence Kaine; do
    printf '{"id":"a1","lang":"en","title":"Rally","text":"%s","quotes":[{"speaker":"%s","text":"We are going to win this state in November,"}]}\n' \
        "$text" "$gold" >"$tmp/$gold.jsonl"
    "$SKEIN" eval --quotes "$tmp/$gold.jsonl" >"$tmp/$gold.out"
done
grep -q '"all":{"gold":1,"predicted":1,.*"r":1.000' "$tmp/PENCE.out" || { cat "$tmp/PENCE.out"; exit 1; }
grep -q '"all":{"gold":1,"predicted":1,.*"r":1.000' "$tmp/Pence.out"
grep -q '"all":{"gold":1,"predicted":1,.*"r":0.000' "$tmp/Kaine.out" || { cat "$tmp/Kaine.out"; exit 1; }

printf '%s\n' '{"id":"a2","lang":"en","title":"Vote","text":"Senator Kate O\u2019Neill spoke on Tuesday.\n\n\"The vote will be close in the spring,\" O\u2019Neill said.","quotes":[{"speaker":"Kate O'"'"'Neill","text":"The vote will be close in the spring,"}]}' >"$tmp/oneill.jsonl"
"$SKEIN" eval --quotes "$tmp/oneill.jsonl" >"$tmp/oneill.out"
grep -q '"all":{"gold":1,"predicted":1,.*"r":1.000' "$tmp/oneill.out" || { cat "$tmp/oneill.out"; exit 1; }

text='Brent Bozell III spoke on Monday.\n\n\"The party has lost its way this year,\" Bozell III said.'
for gold in Bozell Bozell_Jr Ryan; do
    printf '{"id":"a3","lang":"en","title":"Party","text":"%s","quotes":[{"speaker":"%s","text":"The party has lost its way this year,"}]}\n' \
        "$text" "${gold/_/ }" >"$tmp/$gold.jsonl"
    "$SKEIN" eval --quotes "$tmp/$gold.jsonl" >"$tmp/$gold.out"
done
grep -q '"all":{"gold":1,"predicted":1,.*"r":1.000' "$tmp/Bozell.out" || { cat "$tmp/Bozell.out"; exit 1; }
grep -q '"all":{"gold":1,"predicted":1,.*"r":1.000' "$tmp/Bozell_Jr.out" || { cat "$tmp/Bozell_Jr.out"; exit 1; }
grep -q '"all":{"gold":1,"predicted":1,.*"r":0.000' "$tmp/Ryan.out" || { cat "$tmp/Ryan.out"; exit 1; }
