#!/usr/bin/env bash
# threads.sh -- `skein cluster --threads N` prints the same stories, the same
# assignments and the same reports of bad records for N = 1, 2 and 4, with
# and without a store; on ECB+ too when ../shared/data is there.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
f="$SKEIN_FIXTURES"
root="$(cd "$(dirname "$0")/../.." && pwd)"

# The multilingual fixtures, then the bundled sample, with bad records among
# them (not JSON, nothing to read, an id seen before).
cat "$f/crosslingual.jsonl" "$f/story.jsonl" >"$tmp/in.jsonl"
printf '%s\n' 'not json' '{"id":"blank","title":" ","text":""}' >>"$tmp/in.jsonl"
cat "$f/events.jsonl" "$f/quotes_gold.jsonl" "$root/data/sample.jsonl" >>"$tmp/in.jsonl"
head -n 1 "$f/story.jsonl" >>"$tmp/in.jsonl"

for n in 1 2 4; do
    "$SKEIN" cluster --threads "$n" --assignments "$tmp/assign.$n" "$tmp/in.jsonl" \
        >"$tmp/out.$n" 2>"$tmp/err.$n"
    "$SKEIN" cluster --threads "$n" --commit-every 7 --db "$tmp/db.$n" \
        --assignments "$tmp/dbassign.$n" "$tmp/in.jsonl" >"$tmp/dbout.$n" 2>"$tmp/dberr.$n"
done
[ "$(wc -l <"$tmp/out.1")" -ge 10 ]
grep -q 'skipped: duplicate id' "$tmp/err.1"
grep -q 'skipped: nothing to read\|skipped: .*anything to read' "$tmp/err.1"
for n in 2 4; do
    cmp "$tmp/out.1" "$tmp/out.$n"
    cmp "$tmp/assign.1" "$tmp/assign.$n"
    cmp "$tmp/err.1" "$tmp/err.$n"
    cmp "$tmp/dbout.1" "$tmp/dbout.$n"
    cmp "$tmp/dbassign.1" "$tmp/dbassign.$n"
    cmp "$tmp/dberr.1" "$tmp/dberr.$n"
done

# The fixtures six times over under other ids: copies of one text told
# across outlets; several runs, as a race shows only now and then.
for k in 1 2 3 4 5 6; do
    cat "$f/crosslingual.jsonl" "$f/story.jsonl" "$f/events.jsonl" "$f/quotes_gold.jsonl" \
        "$root/data/sample.jsonl" | jq -c --arg k "$k" '.id += "-" + $k'
done >"$tmp/copies.jsonl"
"$SKEIN" cluster --threads 1 "$tmp/copies.jsonl" >"$tmp/copies.1" 2>/dev/null
grep -q '"copies":\[{' "$tmp/copies.1"
for run in 1 2 3 4 5 6; do
    "$SKEIN" cluster --threads $((2 + run % 2)) "$tmp/copies.jsonl" >"$tmp/copies.n" 2>/dev/null
    cmp "$tmp/copies.1" "$tmp/copies.n"
done

# A folder of .txt files (its articles borrow the reader's memory).
"$SKEIN" cluster --threads 1 "$f/folder" >"$tmp/folder.1" 2>"$tmp/ferr.1"
"$SKEIN" cluster --threads 3 "$f/folder" >"$tmp/folder.3" 2>"$tmp/ferr.3"
[ -s "$tmp/folder.1" ]
cmp "$tmp/folder.1" "$tmp/folder.3"
cmp "$tmp/ferr.1" "$tmp/ferr.3"

# --stats names every stage, with and without a store.
"$SKEIN" cluster --threads 2 --stats "$tmp/in.jsonl" >/dev/null 2>"$tmp/stats"
"$SKEIN" cluster --threads 2 --stats --db "$tmp/stats.db" "$tmp/in.jsonl" >/dev/null 2>>"$tmp/stats"
[ "$(grep -c '^skein: seconds: clean .*, analyze .*, extract .*, link .*, tell .*, store .* (threads: 2)$' "$tmp/stats")" -eq 2 ]

# A bad count is refused.
if "$SKEIN" cluster --threads 0 "$tmp/in.jsonl" >/dev/null 2>"$tmp/err"; then exit 1; fi
grep -q "bad value '0' for --threads" "$tmp/err"

# A second run over a stored input and a new one: the duplicates the store
# turns away leave nothing prepared behind for the new file's articles,
# which the reader holds at the same addresses.
a="$SKEIN_FIXTURES/events.jsonl" b="$SKEIN_FIXTURES/crosslingual.jsonl"
for n in 1 2; do
    "$SKEIN" cluster --db "$tmp/again.$n.db" --threads "$n" "$a" >/dev/null 2>&1
    "$SKEIN" cluster --db "$tmp/again.$n.db" --threads "$n" "$a" "$b" >/dev/null 2>"$tmp/again.$n.err"
    "$SKEIN" stories --db "$tmp/again.$n.db" >"$tmp/again.$n"
done
grep -q "skipped 0 (already stored: $(grep -c . "$a"))" "$tmp/again.2.err" ||
    { echo "second run with --threads 2:"; cat "$tmp/again.2.err"; exit 1; }
cmp "$tmp/again.1" "$tmp/again.2"

ecb="$root/../shared/data/ecbplus.jsonl"
if [ ! -s "$ecb" ]; then
    echo "threads.sh: $ecb is absent: the comparison on ECB+ is skipped"
    exit 0
fi
for n in 1 2 4; do "$SKEIN" cluster --threads "$n" "$ecb" >"$tmp/ecb.$n" 2>/dev/null; done
[ "$(wc -l <"$tmp/ecb.1")" -ge 40 ]
cmp "$tmp/ecb.1" "$tmp/ecb.2"
cmp "$tmp/ecb.1" "$tmp/ecb.4"
