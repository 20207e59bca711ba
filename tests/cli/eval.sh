#!/usr/bin/env bash
# eval.sh -- `skein eval` on tiny files with hand-worked answers.
#
# gold.jsonl/pred.jsonl: gold a={1,2,3} b={4,5} c={6}, pred x={1,2} y={3,4,5,6}.
#   Pairwise: 2 of 7 predicted pairs are gold, 2 of 4 gold pairs found:
#   P = 2/7, R = 1/2, F1 = 4/11.  B-cubed P = 7/12, R = 7/9, F1 = 2/3.
# gold_missing/pred_missing: gold {1,2}{3} (numeric ids; a repeated id 3 and a
#   line without "cluster" are skipped), pred {1,3} with 2 missing (its own
#   cluster) and 9 not in gold (ignored).  No predicted pair is gold: pairwise
#   0/0/0.  B-cubed P = (1/2 + 1 + 1/2)/3 = 2/3, R = (1/2 + 1/2 + 1)/3 = 2/3.
# pairs/scores: same pairs 0.9, 0.8, different 0.1, 0.2 -> AUC 1, accuracy 1 at
#   0.5; Pearson of x = .9 .1 .8 .2 with y = -1 -4 -1 -4 is 2.1/sqrt(4.5) =
#   0.98995; p5 (label 2.5) has no score: missing 1.  Per pair of languages
#   (sorted, "und" when not given): ar-en (p1 .9 same, p2 .1 different) and
#   en-en (p3 .8, p4 .2) each AUC 1, Pearson 1, accuracy 1 at 0.5; und-und
#   has p5 only, which has no score: 0 pairs, missing 1.
set -eu
trap 'echo "failed at $(basename "$0"):$LINENO: $BASH_COMMAND" >&2' ERR
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
exp="$(cd "$(dirname "$0")" && pwd)/expected"
cd "$SKEIN_FIXTURES/eval"

"$SKEIN" eval --gold gold.jsonl --pred pred.jsonl >"$tmp/out" 2>"$tmp/err"
diff -u "$exp/eval_clusters.out" "$tmp/out"
[ ! -s "$tmp/err" ]

"$SKEIN" eval --gold=gold_missing.jsonl --pred=pred_missing.jsonl >"$tmp/out" 2>"$tmp/err"
diff -u "$exp/eval_missing.out" "$tmp/out"
diff -u "$exp/eval_missing.err" "$tmp/err"

"$SKEIN" eval --pairs pairs.jsonl --scores scores.jsonl >"$tmp/out" 2>"$tmp/err"
diff -u "$exp/eval_pairs.out" "$tmp/out"

# Either file may be stdin.
"$SKEIN" eval --gold gold.jsonl --pred - <pred.jsonl >"$tmp/out"
diff -u "$exp/eval_clusters.out" "$tmp/out"

# A perfect prediction scores 1 everywhere.
sed 's/"cluster"/"story"/' gold.jsonl >"$tmp/perfect.jsonl"
"$SKEIN" eval --gold gold.jsonl --pred "$tmp/perfect.jsonl" >"$tmp/out"
grep -q '"pairwise":{"precision":1.0000,"recall":1.0000,"f1":1.0000},"bcubed":{"precision":1.0000,"recall":1.0000,"f1":1.0000}' "$tmp/out"

# Misuse is exit 2; nothing to evaluate or an unreadable file is exit 1.
for args in "--gold gold.jsonl" "--gold gold.jsonl --scores scores.jsonl" "--pred" "--bogus" ""; do
    status=0
    # shellcheck disable=SC2086
    "$SKEIN" eval $args >/dev/null 2>&1 || status=$?
    [ "$status" -eq 2 ] || { echo "eval $args: exit $status, want 2"; exit 1; }
done
status=0
"$SKEIN" eval --gold no-such.jsonl --pred pred.jsonl >/dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || { echo "missing gold file: exit $status, want 1"; exit 1; }
status=0
"$SKEIN" eval --gold /dev/null --pred pred.jsonl >/dev/null 2>&1 || status=$?
[ "$status" -eq 1 ] || { echo "empty gold: exit $status, want 1"; exit 1; }
